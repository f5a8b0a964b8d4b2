"""Create, upgrade and open workshop files (``.ampdesk``, SQLite in WAL mode).

A file is inspected (:mod:`ampdesk.store.file_header`) before SQLite is allowed to write to
it: a file that is not a workshop, is damaged, or was written by a newer schema is refused
with :class:`WorkshopFileError` (a one-line reason) and is left byte for byte as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ampdesk.store.file_header import APPLICATION_ID, WorkshopFileError, inspect
from ampdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ampdesk.store.models import Base, WorkshopDetails

__all__ = ["Workshop", "WorkshopFileError", "create_workshop", "inspect", "open_workshop"]


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a schema-``version`` file is kept before it is upgraded."""
    return path.with_name(f"{path.name}.schema{version}-backup")


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent copy of the workshop at ``source`` to ``target`` (Save As)."""
    if target.exists():
        target.unlink()
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _upgrade(path: Path, version: int) -> None:
    """Back the file up beside itself, then run every migration from ``version`` on."""
    copy_database(path, backup_path(path, version))
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step_from in range(version, SCHEMA_VERSION):
                MIGRATIONS[step_from](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy's recipe for SQLite: the driver must not open transactions by itself (it
    # would not before a SAVEPOINT), :func:`_on_begin` does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at the start, waiting up to busy_timeout for the other
    # process (app or live server) to commit; a deferred transaction that read first could
    # fail at its first write instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Workshop:
    """An open workshop file. Every write happens in a short transaction committed at once."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose changes are committed when the block ends without error."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Release the file (checkpoints the write-ahead log)."""
        self.engine.dispose()

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
    engine = _engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        Base.metadata.create_all(conn)
    workshop = Workshop(path, engine)
    with workshop.session() as session:
        session.add(WorkshopDetails(id=1, title=title.strip() or path.stem))
    return workshop


def open_workshop(path: Path) -> Workshop:
    """Open an existing workshop, upgrading an older schema after writing a backup copy."""
    version = inspect(path)
    if version < SCHEMA_VERSION:
        _upgrade(path, version)
    return Workshop(path, _engine(path))
