"""Work done in a forked child process while the build goes on, on the machine's other core.

A build renders its pages in one process; files no page reads (the feeds) can be made
meanwhile, and half of the data files loaded, by a copy of that process (os.fork: the
loaded data is shared copy-on-write, and the build freezes it for the garbage collector,
so the child does not touch most of it).
The child sends its result back through a pipe when it is done; the build reads it before
it writes files. Where fork is unavailable or unsafe (another thread is running, as in
`mkdocs serve`, whose server threads a child would inherit half-way), the work is done in
this process when its result is asked for: the same result and the same errors.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable


class JobError(Exception):
    """The work failed; the message is the work's own error (the same in a child and here)."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Job:
    """work() run in a forked child (when can_fork() and fork is True), else on result()."""

    def __init__(self, work: Callable[[], object], *, fork: bool = True):
        self._work = work
        self._pid: int | None = None
        self._read: int | None = None
        if fork and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the build
            status = 1
            try:
                os.close(read)
                try:
                    payload = pickle.dumps((True, self._work()), pickle.HIGHEST_PROTOCOL)
                except Exception as exc:
                    payload = pickle.dumps((False, str(exc)), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write)
        self._pid, self._read = pid, read

    def result(self):
        """work()'s value; JobError when it raised (or the child died)."""
        if self._pid is None:
            try:
                return self._work()
            except Exception as exc:
                raise JobError(str(exc)) from exc
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        self._read = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if not payload:
            code = os.waitstatus_to_exitcode(status)
            how = f"signaaliin {-code}" if code < 0 else f"paluuarvoon {code}"
            raise JobError(f"taustaprosessi päättyi {how} ennen kuin se sai työnsä valmiiksi")
        ok, value = pickle.loads(payload)
        if not ok:
            raise JobError(value)
        return value

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed meanwhile)."""
        if self._pid is not None:
            kill_and_reap(self._pid)
            self._pid = None
        if self._read is not None:
            os.close(self._read)
            self._read = None


def kill_and_reap(pid: int) -> None:
    """End a forked child, whether it is still working or has finished."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
