"""`mkdocs serve` rebuild time after one data file changes.

Starts `mkdocs serve` on a free 127.0.0.1 port in a copy of the project, waits until it
serves, then edits one data file (appends a YAML comment, so the file's content and hash
change but its data stays valid) several times. For each edit it records, from the moment
the file is written: when serve logs "Detected file changes", when the rebuild starts
("Building documentation") and when it ends ("Reloading browsers"). The rebuild time is
the write-to-"Reloading browsers" interval; it includes MkDocs' own 0.1 s debounce.
"""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .common import env, median, rounded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pick_data_file(project: Path) -> Path:
    """The plan's calendar when there is one (the file staff edit most), else plan.yaml."""
    data = project / "data"
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        for name in ("calendar.yaml", "plan.yaml"):
            if (folder / name).exists():
                return folder / name
    return data / "site.yaml"


def _reader(stream, lines: queue.Queue):
    for line in iter(stream.readline, ""):
        lines.put((time.perf_counter(), line.rstrip("\n")))
    lines.put((time.perf_counter(), None))


def _wait_for(lines: queue.Queue, needle: str, deadline: float, log: list[str]) -> float:
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"'{needle}' not seen in time")
        try:
            stamp, line = lines.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError(f"'{needle}' not seen in time") from None
        if line is None:
            raise RuntimeError("mkdocs serve exited:\n" + "\n".join(log[-30:]))
        log.append(line)
        if "ERROR" in line or "Aborted" in line:
            raise RuntimeError("mkdocs serve reported an error:\n" + "\n".join(log[-30:]))
        if needle in line:
            return stamp


def measure_serve(project: Path, *, edits: int = 5, timeout: float = 120,
                  target: Path | None = None) -> dict:
    port = free_port()
    target = target or pick_data_file(project)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
           "--config-file", str(project / "mkdocs.yml")]
    proc = subprocess.Popen(cmd, cwd=project, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    log: list[str] = []
    rows = []
    original = target.read_text(encoding="utf-8")
    try:
        start = time.perf_counter()
        _wait_for(lines, "Serving on", start + timeout, log)
        startup = time.perf_counter() - start
        time.sleep(1.0)  # let the file watcher settle before the first edit
        for index in range(edits):
            written = time.perf_counter()
            # A YAML comment, or an HTML comment in a Markdown page: content changes, output not.
            note = f"# muokkaus {index + 1}\n" if target.suffix == ".yaml" else f"\n<!-- {index + 1} -->\n"
            target.write_text(original + note, encoding="utf-8")
            deadline = written + timeout
            detected = _wait_for(lines, "Detected file changes", deadline, log)
            building = _wait_for(lines, "Building documentation", deadline, log)
            reloaded = _wait_for(lines, "Reloading browsers", deadline, log)
            rows.append({"detected": detected - written, "build": reloaded - building,
                         "total": reloaded - written})
            time.sleep(0.5)
    finally:
        target.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)  # serve shuts down cleanly on Ctrl+C
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {
        "file": target.relative_to(project).as_posix(),
        "startup_s": rounded(startup),
        "edits": len(rows),
        "rebuild_total_s": rounded(median([r["total"] for r in rows])),
        "rebuild_build_s": rounded(median([r["build"] for r in rows])),
        "detect_s": rounded(median([r["detected"] for r in rows])),
        "runs": [{k: rounded(v) for k, v in r.items()} for r in rows],
    }
