"""Recognise a workshop file before anything writes to it: the SQLite header, the application
id, the schema version, SQLite's full integrity check (every page and every index against its
table: :mod:`ampdesk.store.damage`) and the tables, using only the standard library (so
the app can say a file is unusable before it loads SQLAlchemy, and before showing any window).

A file with a write-ahead log (``-wal``) or rollback journal (``-journal``) beside it is judged
as SQLite would recover it: on a private copy of the file and its side files, so that neither
the judging nor a refusal changes a byte of what the user has.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from ampdesk.store import damage
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.stored_values import file_problem

APPLICATION_ID = 0x414D5044  # "AMPD"
_SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-journal")


class WorkshopFileError(Exception):
    """A file cannot be used as a workshop; the message is one line for the user."""


class DamagedFileError(WorkshopFileError):
    """A workshop file SQLite finds damaged (``what``: how, in a few words); ``ampdesk
    repair`` can salvage what is readable."""

    def __init__(self, name: str, what: str) -> None:
        super().__init__(name, what)  # both kept, so the error crosses a process boundary
        self.name, self.what = name, what

    def __str__(self) -> str:
        return (
            f"{self.name}: the file is damaged ({self.what}); "
            "ampdesk repair can write a repaired copy"
        )


@dataclass(frozen=True)
class FileFacts:
    """What an intact workshop file holds, as SQLite reads it after any recovery."""

    version: int
    tables: tuple[str, ...]  # the CREATE TABLE statements, in the file's order


def _header_fields(header: bytes) -> tuple[int, int, int, int]:
    """Page size, page count, schema version and application id from a SQLite header."""
    (page_size,) = struct.unpack_from(">H", header, 16)
    (page_count,) = struct.unpack_from(">I", header, 28)
    (user_version,) = struct.unpack_from(">I", header, 60)
    (application_id,) = struct.unpack_from(">I", header, 68)
    return (65536 if page_size == 1 else page_size), page_count, user_version, application_id


def side_files(path: Path) -> list[Path]:
    """The write-ahead log or rollback journal lying beside ``path`` (left by a crash or by a
    program that has the file open). An empty one holds nothing (an interrupted read, as on a
    full disk, can leave it): the file alone is then whole, and is judged alone."""
    found = []
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        with suppress(OSError):
            if side.stat().st_size > 0:
                found.append(side)
    return found


def inspect(path: Path) -> int:
    """Check that ``path`` is an intact workshop this version can read; return its schema.

    Reads the file only; raises :class:`WorkshopFileError` with the reason otherwise.
    """
    return examine(path).version


def examine(path: Path) -> FileFacts:
    """Like :func:`inspect`, and also return the file's table definitions."""
    name = path.name
    if not path.exists():
        raise WorkshopFileError(f"{name}: no such file")
    if not path.is_file():
        raise WorkshopFileError(f"{name}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise WorkshopFileError(f"{name}: the file is empty, not an ampdesk workshop")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise WorkshopFileError(f"{name}: you may not read this file") from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkshopFileError(f"{name}: not an ampdesk workshop (it holds something else)")
    page_size, page_count, _, application_id = _header_fields(header)
    recovering = bool(side_files(path))
    if not recovering:
        # the header is final only when no log holds newer pages of the file
        if application_id != APPLICATION_ID:
            raise WorkshopFileError(f"{name}: not an ampdesk workshop (another program's database)")
        if size % page_size or size < page_size * page_count:
            raise DamagedFileError(name, "it is truncated")
    with _reader(path, recovering) as conn:
        return _facts(name, conn)


@contextmanager
def _reader(path: Path, recovering: bool) -> Iterator[sqlite3.Connection]:
    """A connection to the file as SQLite recovers it, that cannot change the user's files."""
    if not recovering:
        # immutable: no locks, no -wal/-shm side files; the main file is read as it is on disk
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        with _connect(path.name, uri) as conn:
            yield conn
        return
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if wal.exists() and shm.exists() and not Path(f"{path}-journal").exists():
        # probably open in another program (or left by a crash): read beside it, as any
        # reader would; a read-only connection never writes the file or checkpoints the log
        with _connect(path.name, f"{path.resolve().as_uri()}?mode=ro") as conn:
            yield conn
        return
    with tempfile.TemporaryDirectory(prefix="ampdesk-check-") as folder:
        copy = Path(folder) / "w.ampdesk"
        try:
            shutil.copyfile(path, copy)
            for side in side_files(path):
                shutil.copyfile(side, f"{copy}{side.name.removeprefix(path.name)}")
        except OSError as exc:
            raise WorkshopFileError(
                f"{path.name}: could not read the file and its log ({exc.strerror})"
            ) from None
        with _connect(path.name, copy.as_uri()) as conn:
            yield conn


@contextmanager
def _connect(name: str, uri: str) -> Iterator[sqlite3.Connection]:
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.text_factory = bytes  # judging the structure must not fail on a bad byte
            yield conn
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(name, str(exc)) from None


def _facts(name: str, conn: sqlite3.Connection) -> FileFacts:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(name, str(exc)) from None
    if application_id != APPLICATION_ID:
        raise WorkshopFileError(f"{name}: not an ampdesk workshop (another program's database)")
    if version > SCHEMA_VERSION:
        raise WorkshopFileError(
            f"{name}: written by a newer ampdesk (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update ampdesk to open it"
        )
    if version < 1:
        raise WorkshopFileError(f"{name}: an ampdesk file without a schema version")
    try:
        found = damage.problems(conn)
        if found:
            raise DamagedFileError(name, damage.summary(conn, found))
        tables = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(name, str(exc)) from None
    try:
        problem = file_problem(conn, current=version == SCHEMA_VERSION)
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(name, str(exc)) from None
    if problem is not None:
        raise WorkshopFileError(f"{name}: {problem}")
    return FileFacts(version, tuple(row[0].decode("utf-8", "replace") for row in tables))
