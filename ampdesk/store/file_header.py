"""Recognise a workshop file without opening it: the SQLite header, the application id, the
schema version and an integrity check, using only the standard library (so the app can say
a file is unusable before it loads SQLAlchemy, and before showing any window).
"""

from __future__ import annotations

import sqlite3
import struct
from contextlib import closing
from pathlib import Path

from ampdesk.store.migrations import SCHEMA_VERSION

APPLICATION_ID = 0x414D5044  # "AMPD"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class WorkshopFileError(Exception):
    """A file cannot be used as a workshop; the message is one line for the user."""


def _header_fields(header: bytes) -> tuple[int, int, int, int]:
    """Page size, page count, schema version and application id from a SQLite header."""
    (page_size,) = struct.unpack_from(">H", header, 16)
    (page_count,) = struct.unpack_from(">I", header, 28)
    (user_version,) = struct.unpack_from(">I", header, 60)
    (application_id,) = struct.unpack_from(">I", header, 68)
    return (65536 if page_size == 1 else page_size), page_count, user_version, application_id


def inspect(path: Path) -> int:
    """Check that ``path`` is an intact workshop this version can read; return its schema.

    Reads the file only; raises :class:`WorkshopFileError` with the reason otherwise.
    """
    name = path.name
    if not path.exists():
        raise WorkshopFileError(f"{name}: no such file")
    if not path.is_file():
        raise WorkshopFileError(f"{name}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise WorkshopFileError(f"{name}: the file is empty, not an ampdesk workshop")
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkshopFileError(f"{name}: not an ampdesk workshop (not a SQLite database)")
    page_size, page_count, version, application_id = _header_fields(header)
    if application_id != APPLICATION_ID:
        raise WorkshopFileError(f"{name}: a SQLite database, but not an ampdesk workshop")
    if version > SCHEMA_VERSION:
        raise WorkshopFileError(
            f"{name}: written by a newer ampdesk (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update ampdesk to open it"
        )
    if version < 1:
        raise WorkshopFileError(f"{name}: an ampdesk file without a schema version")
    if size % page_size or size < page_size * page_count:
        raise WorkshopFileError(f"{name}: the file is truncated or damaged")
    _quick_check(path)
    return version


def _quick_check(path: Path) -> None:
    # immutable: no locks, no -wal/-shm side files; the main file is checked as it is on disk
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise WorkshopFileError(f"{path.name}: the file is damaged ({exc})") from exc
    if result is None or result[0] != "ok":
        detail = result[0] if result else "no answer"
        raise WorkshopFileError(f"{path.name}: the file is damaged ({detail})")
