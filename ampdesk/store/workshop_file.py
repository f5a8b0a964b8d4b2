"""Create, upgrade and open workshop files (``.ampdesk``, SQLite in WAL mode).

A file is inspected (:mod:`ampdesk.store.file_header`) and its tables compared with what its
schema version must hold before SQLite is allowed to write to it: a file that is not a
workshop, is damaged, or was written by a newer schema is refused with
:class:`WorkshopFileError` (a one-line reason) and is left byte for byte as it was. A file
that cannot be written (read-only file or folder) is opened read-only and no side file is
made beside it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ampdesk.store.engines import READ, file_engine, read_only_engine
from ampdesk.store.file_header import (
    APPLICATION_ID,
    WorkshopFileError,
    examine,
    inspect,
    side_files,
)
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.models import Base, WorkshopDetails
from ampdesk.store.upgrade import check_tables, upgrade
from ampdesk.store.writer_lock import WriterLock, acquire

__all__ = [
    "APPLICATION_ID",
    "Workshop",
    "WorkshopFileError",
    "create_workshop",
    "inspect",
    "open_workshop",
]


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
        self._reads = sessionmaker(engine.execution_options(**{READ: True}), expire_on_commit=False)
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
        return bool(busy == 0)

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
    engine = file_engine(path)
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
    check_tables(path.name, facts.version, facts.tables)
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
            upgrade(path, facts.version)
            upgraded_from = facts.version
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Workshop(
        path,
        file_engine(path),
        upgraded_from=upgraded_from,
        lock=lock,
        checkpoint_after=checkpoint_after,
    )


def _open_read_only(path: Path) -> Workshop:
    if not side_files(path):
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        return Workshop(path, read_only_engine(uri), read_only=True)
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
    return Workshop(path, read_only_engine(uri), read_only=True, snapshot=snapshot)
