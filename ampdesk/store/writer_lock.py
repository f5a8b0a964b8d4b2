"""One writer at a time: a program that changes a workshop (the app, ``ampdesk live``, a
command that writes) holds an advisory lock on ``FILE.ampdesk-lock`` beside it, naming itself.
Another writer is refused with one line saying who holds it; readers need no lock.

The app's own live-input server is a child process: it shares its parent's lock (the parent
names itself in ``AMPDESK_LOCK_HOLDER``)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from ampdesk.store.file_header import WorkshopFileError

HOLDER_ENV = "AMPDESK_LOCK_HOLDER"


def lock_path(path: Path) -> Path:
    """The lock file of the workshop at ``path``, beside the file a symbolic link leads to (so
    the same workshop reached through a link has the same lock)."""
    real = path.resolve()
    return real.with_name(f"{real.name}-lock")


def _holder(path: Path) -> dict[str, object]:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(path: Path | None) -> str:
    """Who is writing the workshop at ``path``, as far as its lock file says."""
    holder = _holder(path) if path is not None else {}
    if not holder:
        return "another program is writing to this workshop"
    return (
        f"open in {holder.get('program', 'another program')} "
        f"(process {holder.get('pid', '?')} on {holder.get('host', '?')})"
    )


class WriterLock:
    """The held lock of one workshop; :meth:`release` ends it (also on process exit)."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    def release(self) -> None:
        """Give the workshop free for other writers."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            lock_path(self.path).unlink()
        os.close(self._fd)  # closing the descriptor releases the lock
        self._fd = None


def acquire(path: Path, program: str) -> WriterLock:
    """Take the writer lock of ``path`` for ``program`` or raise :class:`WorkshopFileError`
    naming the holder, or saying why the lock cannot be taken (a writer never goes on
    without it)."""
    target = lock_path(path)
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WorkshopFileError(
                f"{path.name}: cannot take the writer lock {target.name} "
                f"({exc.strerror}); nothing was changed"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = _holder(path)
            parent = os.environ.get(HOLDER_ENV)
            if parent and str(holder.get("pid")) == parent == str(os.getppid()):
                return WriterLock(path, None)  # the app's own live server
            raise WorkshopFileError(
                f"{path.name}: {describe_holder(path)}; close it there first"
            ) from None
        # the holder we waited for may have removed the file: lock the file that has the name
        try:
            same = os.fstat(fd).st_ino == os.stat(target).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    record = {"pid": os.getpid(), "host": socket.gethostname(), "program": program}
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(record).encode())
    return WriterLock(path, fd)


@contextlib.contextmanager
def held(path: Path, program: str) -> Iterator[WriterLock]:
    """The writer lock of ``path`` for the duration of a block."""
    lock = acquire(path, program)
    try:
        yield lock
    finally:
        lock.release()
