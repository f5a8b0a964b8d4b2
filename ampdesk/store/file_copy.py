"""A consistent copy of a workshop file (Save As, hand-over), and telling a full disk apart."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from contextlib import closing
from pathlib import Path

from ampdesk.store.outputs import OutputError, whole_file


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` means the disk (or the user's quota) is full."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return "disk is full" in str(exc) or "SQLITE_FULL" in str(exc)


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent copy of the workshop at ``source`` to ``target`` (Save As), synced
    to the disk before it gets its name; a failed copy leaves ``target`` as it was. The copy
    never replaces ``source`` itself."""
    with contextlib.suppress(OSError):
        if target.samefile(source):
            raise OutputError(f"{target.name}: this is the open workshop; choose another name")
    with (
        whole_file(target, private=True) as partial,
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)
