"""One-line explanations of the errors a person can cause (a full disk, a read-only file or
folder, a file another program is writing, a missing folder), for the command and the app."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

_OS_REASONS = {
    errno.ENOSPC: "not enough disk space",
    errno.EDQUOT: "not enough disk space (your quota is used up)",
    errno.EFBIG: "not enough disk space (the file may not grow any larger)",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied (you may not read it, or not write there)",
    errno.EPERM: "permission denied (you may not read it, or not write there)",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "not a folder",
    errno.EISDIR: "a folder, not a file",
    errno.EEXIST: "exists already",
}


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The SQLite error behind ``exc`` (SQLAlchemy wraps it), if any."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.Error):
            return seen
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return None


def explain(exc: BaseException, file: Path | None) -> str | None:
    """A one-line reason for ``exc`` if a person can fix its cause, else None (a bug)."""
    name = file.name if file is not None else "the workshop"
    if isinstance(exc, OSError):
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        where = exc.filename or name
        return f"{where}: {reason}"
    if isinstance(exc, UnicodeError):
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        return f"{name}: text that is not valid UTF-8 ({reason})"
    if isinstance(exc, MemoryError):
        return "not enough memory"
    db = _sqlite_error(exc)
    if db is None:
        return None
    text = str(db)
    if "readonly" in text or "read-only" in text:
        return f"{name}: the file or its folder is read-only; copy it to a folder you can write to"
    if "disk is full" in text or "database or disk is full" in text:
        return f"{name}: not enough disk space; nothing was changed"
    if "locked" in text or "busy" in text:
        from ampdesk.store.writer_lock import describe_holder

        return f"{name}: {describe_holder(file)}; try again when it is done"
    if "disk I/O error" in text:
        return f"{name}: the disk could not be written (disk I/O error; is it full or removed?)"
    if "unable to open" in text:
        return f"{name}: cannot open the file or create files beside it (read-only folder?)"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"{name}: the file is damaged ({text})"
    return None
