"""Work done in a forked child process while the build goes on, on the machine's other core.

A build renders its pages in one process; files no page reads (the feeds) can be made
meanwhile by a copy of that process (os.fork: the loaded data is shared copy-on-write, and
the build freezes it for the garbage collector, so the child does not touch most of it).
When that work is done, the child renders page fragments ahead, starting from the last
page, until it meets the pages this process has reached (a shared counter), and sends each
through the pipe; this process takes those it has not rendered itself (poll). The work's
result comes last; the build reads it before it writes files.

Where fork is unavailable or unsafe (another thread is running, as in `mkdocs serve`,
whose server threads a child would inherit half-way), the work is done in this process
when its result is asked for, and nothing is rendered ahead: the same result, the same
errors.
"""

from __future__ import annotations

import mmap
import os
import pickle
import select
import signal
import struct
import threading
from typing import Callable, Hashable, Sequence

_FRAME = "<Q"  # the length of each pickled message in the pipe (struct format)
_FRAME_SIZE = 8
_PROGRESS = "<q"  # the shared mark reached() sets (struct format)
_DIED = ("died",)  # the pipe closed before the result came


class JobError(Exception):
    """The work failed; the message is the work's own error (the same in a child and here)."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


# What a child may do ahead, after its work: (number, key, render) in the order this
# process needs them; the child renders from the end and stops at the first number this
# process has reached.
Ahead = Sequence[tuple[int, Hashable, Callable[[], object]]]


class Job:
    """work() run in a forked child (when can_fork() and fork is True), else on result()."""

    def __init__(self, work: Callable[[], object], *, fork: bool = True, ahead: Ahead = ()):
        self._work = work
        self._pid: int | None = None
        self._read: int | None = None  # the pipe's end in this process
        self._last = None  # the result message, when poll() came upon it
        self._progress: mmap.mmap | None = None
        self._ahead = ahead
        if fork and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _start(self) -> None:
        self._progress = mmap.mmap(-1, struct.calcsize(_PROGRESS))  # shared with the child
        struct.pack_into(_PROGRESS, self._progress, 0, -1)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the build
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as pipe:
                    self._child(pipe)
                status = 0
            finally:
                os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write)
        self._pid, self._read = pid, read

    def _child(self, pipe) -> None:
        def send(message) -> None:
            data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
            pipe.write(struct.pack(_FRAME, len(data)) + data)
            pipe.flush()

        try:
            result = (True, self._work())
        except Exception as exc:
            result = (False, str(exc))
        for page, key, render in reversed(self._ahead):
            if page <= struct.unpack_from(_PROGRESS, self._progress, 0)[0]:
                break  # this process got here first
            try:
                value = render()
            except Exception:
                continue  # left to this process, which reports it with the page's name
            send(("ahead", key, value))
        send(("result", *result))

    def reached(self, number: int) -> None:
        """This process has come to `number` (of the ahead list's numbers): from now on
        the child does nothing numbered so far."""
        mark = self._progress
        if mark is not None and number > struct.unpack_from(_PROGRESS, mark, 0)[0]:
            struct.pack_into(_PROGRESS, mark, 0, number)

    def _exactly(self, size: int) -> bytes | None:
        chunks, left = [], size
        while left:
            chunk = os.read(self._read, min(left, 1 << 20))
            if not chunk:
                return None  # the child ended without its result
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _message(self):
        header = self._exactly(_FRAME_SIZE)
        data = header and self._exactly(struct.unpack(_FRAME, header)[0])
        return None if data is None else pickle.loads(data)

    def poll(self) -> dict:
        """key -> value of what the child rendered ahead and sent since the last poll."""
        found = {}
        while (self._read is not None and self._last is None
               and select.select([self._read], [], [], 0)[0]):
            message = self._message()  # a frame is written whole: reading it does not wait long
            if message is None or message[0] != "ahead":
                self._last = message or _DIED
                break
            found[message[1]] = message[2]
        return found

    def result(self):
        """work()'s value; JobError when it raised (or the child died)."""
        if self._pid is None:
            try:
                return self._work()
            except Exception as exc:
                raise JobError(str(exc)) from exc
        self.reached(1 << 62)  # nothing more ahead
        message = self._last
        while message is None or message[0] == "ahead":
            message = self._message() or _DIED
        os.close(self._read)
        self._read = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if message is _DIED:
            code = os.waitstatus_to_exitcode(status)
            how = f"signaaliin {-code}" if code < 0 else f"paluuarvoon {code}"
            raise JobError(f"taustaprosessi päättyi {how} ennen kuin se sai työnsä valmiiksi")
        _, ok, value = message
        if not ok:
            raise JobError(value)
        return value

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed meanwhile)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._read is not None:
            os.close(self._read)
            self._read = None
