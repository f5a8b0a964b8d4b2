"""Create, upgrade and open workshop files (``.ampdesk``, SQLite in WAL mode).

A file is inspected (:mod:`ampdesk.store.file_header`) and its tables compared with what its
schema version must hold before SQLite is allowed to write to it: a file that is not a
workshop, is damaged, or was written by a newer schema is refused with
:class:`WorkshopFileError` (a one-line reason) and is left byte for byte as it was. A file
that cannot be written (read-only file or folder) is opened read-only and no side file is
made beside it.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ampdesk.store.file_header import (
    APPLICATION_ID,
    WorkshopFileError,
    examine,
    inspect,
    side_files,
)
from ampdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ampdesk.store.models import Base, WorkshopDetails
from ampdesk.store.writer_lock import WriterLock, acquire

__all__ = [
    "APPLICATION_ID",
    "Workshop",
    "WorkshopFileError",
    "create_workshop",
    "inspect",
    "open_workshop",
]

_BACKUP_NAME = re.compile(r"\.schema\d+-backup$")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a schema-``version`` file is kept before it is upgraded."""
    return path.with_name(f"{path.name}.schema{version}-backup")


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


def expected_tables() -> dict[str, set[str]]:
    """The tables of the current schema with their column names."""
    return {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables}


def _check_tables(name: str, version: int, tables: tuple[str, ...]) -> None:
    """Refuse a file whose tables are not those of an ampdesk workshop of ``version``: its table
    definitions are upgraded in memory (a dry run) and compared with the current schema."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        try:
            for sql in tables:
                conn.execute(sql)
            for step_from in range(version, SCHEMA_VERSION):
                MIGRATIONS[step_from](conn)
        except sqlite3.DatabaseError:
            raise WorkshopFileError(
                f"{name}: marked as an ampdesk workshop, but its tables are not a workshop's"
            ) from None
        found = {
            row[0]: {c[1] for c in conn.execute(f'PRAGMA table_info("{row[0]}")')}
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    for table, columns in expected_tables().items():
        if found.get(table) != columns:
            raise WorkshopFileError(
                f"{name}: marked as an ampdesk workshop, but its table {table!r} is missing "
                "or different"
            )


def _upgrade(path: Path, version: int) -> None:
    """Back the file up beside itself (synced to disk first), then run every migration from
    ``version`` on in one transaction; on any failure the file is as it was."""
    if _BACKUP_NAME.search(path.name):
        raise WorkshopFileError(
            f"{path.name}: this is the copy kept from before an upgrade; copy it to a new name "
            "ending in .ampdesk to open it"
        )
    backup = backup_path(path, version)
    try:
        if not backup.exists():  # a backup from an earlier, failed attempt is the original
            copy_database(path, backup)
        _migrate(path, version)
    except (OSError, sqlite3.DatabaseError) as exc:
        # SQLite reports a -shm that cannot be mapped on a full disk as a "disk I/O error"
        if disk_full(exc) or shutil.disk_usage(path.parent).free < 2 * path.stat().st_size:
            raise WorkshopFileError(
                f"{path.name}: not enough disk space to upgrade the file (schema {version}); "
                "it was left as it was"
            ) from None
        raise WorkshopFileError(
            f"{path.name}: could not upgrade the file ({exc}); it was left as it was"
        ) from None


def _migrate(path: Path, version: int) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step_from in range(version, SCHEMA_VERSION):
                MIGRATIONS[step_from](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise


def _decode(value: bytes) -> str:
    # a damaged byte in stored text is shown as U+FFFD instead of making the file unreadable
    return value.decode("utf-8", "replace")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy's recipe for SQLite: the driver must not open transactions by itself (it
    # would not before a SAVEPOINT), :func:`_on_begin` does it.
    dbapi_connection.isolation_level = None
    dbapi_connection.text_factory = _decode
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.text_factory = _decode
    dbapi_connection.execute("PRAGMA query_only = ON")


_READ = "ampdesk_read"  # execution option of the engine that only reads


def _on_begin(connection: Connection) -> None:
    # A write: IMMEDIATE takes the write lock at the start, waiting up to busy_timeout for the
    # other process (app or live server) to commit; a deferred transaction that read first
    # could fail at its first write instead. A read: a deferred BEGIN, which in WAL mode reads
    # one snapshot of the file (taken at its first read) until it ends, and never waits.
    if connection.get_execution_options().get(_READ):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_begin_read_only(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _read_only_engine(uri: str) -> Engine:
    engine = create_engine(f"sqlite:///{uri}&uri=true")
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin_read_only)
    return engine


class Workshop:
    """An open workshop file. Every write happens in a short transaction committed at once."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        upgraded_from: int | None = None,
        snapshot: tempfile.TemporaryDirectory[str] | None = None,
        lock: WriterLock | None = None,
        checkpoint_after: float | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.upgraded_from = upgraded_from
        self._snapshot = snapshot
        self._lock = lock
        self._checkpoint_after = checkpoint_after
        self._idle: threading.Timer | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._reads = sessionmaker(
            engine.execution_options(**{_READ: True}), expire_on_commit=False
        )
        self._local = threading.local()  # the open read transaction's session, per thread

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose changes are committed when the block ends without error."""
        with self._sessions.begin() as session:
            yield session
        if self._checkpoint_after is not None:
            self._schedule_checkpoint(self._checkpoint_after)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read transaction. Reads nested in it (in this thread) share it, so the whole
        block sees the file as it was at its first read, whatever another connection (the
        live server) commits meanwhile."""
        current: Session | None = getattr(self._local, "reading", None)
        if current is not None:
            yield current
            return
        with self._reads.begin() as session:
            self._local.reading = session
            try:
                yield session
            finally:
                self._local.reading = None

    def _schedule_checkpoint(self, delay: float) -> None:
        """Checkpoint once nothing was saved for ``delay`` seconds."""
        if self._idle is not None:
            self._idle.cancel()
        self._idle = threading.Timer(delay, self.checkpoint)
        self._idle.daemon = True
        self._idle.start()

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the file and empty it, so the ``.ampdesk`` file alone
        holds everything saved (someone may copy or e-mail it). Returns whether it did: not
        while another program (the live server) is writing, nor for a read-only file."""
        if self.read_only:
            return False
        with closing(sqlite3.connect(self.path, timeout=0.2)) as conn:
            try:
                busy, _log, _moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.OperationalError:
                return False
        return busy == 0

    def close(self) -> None:
        """Release the file (checkpoints the write-ahead log)."""
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._snapshot is not None:
            self._snapshot.cleanup()
            self._snapshot = None

    def __enter__(self) -> Workshop:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def create_workshop(path: Path, title: str) -> Workshop:
    """Create a new, empty workshop file at ``path`` (which must not exist yet)."""
    if path.exists():
        raise WorkshopFileError(f"{path.name}: a file with this name exists already")
    if not path.parent.is_dir():
        raise WorkshopFileError(f"{path.parent}: no such folder")
    if not os.access(path.parent, os.W_OK):
        raise WorkshopFileError(f"{path.parent}: this folder is read-only")
    engine = _engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        Base.metadata.create_all(conn)
    workshop = Workshop(path, engine)
    with workshop.session() as session:
        session.add(WorkshopDetails(id=1, title=title.strip() or path.stem))
    return workshop


def writable(path: Path) -> bool:
    """Whether SQLite may write ``path`` and its side files (the file and its folder)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_workshop(
    path: Path, writer: str | None = None, checkpoint_after: float | None = None
) -> Workshop:
    """Open an existing workshop, upgrading an older schema after writing a backup copy.

    A ``writer`` (the program's name, e.g. "the ampdesk app") takes the file's writer lock
    first and is refused if another writer holds it. A file that cannot be written is opened
    read-only; it is never upgraded. With ``checkpoint_after`` (seconds), the log is
    checkpointed whenever that long has passed without a save (the app)."""
    facts = examine(path)
    _check_tables(path.name, facts.version, facts.tables)
    if not writable(path):
        if facts.version < SCHEMA_VERSION:
            raise WorkshopFileError(
                f"{path.name}: written by an older ampdesk and read-only here; copy it "
                "to a folder you can write to, so that it can be upgraded"
            )
        return _open_read_only(path)
    lock = acquire(path, writer) if writer is not None else None
    upgraded_from = None
    try:
        if facts.version < SCHEMA_VERSION:
            _upgrade(path, facts.version)
            upgraded_from = facts.version
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Workshop(
        path,
        _engine(path),
        upgraded_from=upgraded_from,
        lock=lock,
        checkpoint_after=checkpoint_after,
    )


def _open_read_only(path: Path) -> Workshop:
    if not side_files(path):
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        return Workshop(path, _read_only_engine(uri), read_only=True)
    # the log beside it must be read, and SQLite would leave a -shm file: read a private copy
    snapshot = tempfile.TemporaryDirectory(prefix="ampdesk-readonly-")
    copy = Path(snapshot.name) / "w.ampdesk"
    shutil.copyfile(path, copy)
    for side in side_files(path):
        shutil.copyfile(side, f"{copy}{side.name.removeprefix(path.name)}")
    with closing(sqlite3.connect(copy)) as conn:  # recover the copy, then read it as it is
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    uri = f"{copy.as_uri()}?mode=ro&immutable=1"
    return Workshop(path, _read_only_engine(uri), read_only=True, snapshot=snapshot)
