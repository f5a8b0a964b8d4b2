"""A consistent copy of a workshop file (Save As, hand-over), and telling a full disk apart."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` means the disk (or the user's quota) is full."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return "disk is full" in str(exc) or "SQLITE_FULL" in str(exc)


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent copy of the workshop at ``source`` to ``target`` (Save As), synced
    to the disk before it gets its name; a failed copy leaves no file at ``target``."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
        _sync_folder(target.parent)
    finally:
        partial.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
