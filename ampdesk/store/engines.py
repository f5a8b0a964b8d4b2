"""The SQLAlchemy engines of a workshop file: SQLite in WAL mode, writes in ``BEGIN IMMEDIATE``
transactions, reads in deferred ones (one snapshot each), and a read-only engine for a file
that cannot be written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


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


READ = "ampdesk_read"  # the execution option of an engine that only reads


def _on_begin(connection: Connection) -> None:
    # A write: IMMEDIATE takes the write lock at the start, waiting up to busy_timeout for the
    # other process (app or live server) to commit; a deferred transaction that read first
    # could fail at its first write instead. A read: a deferred BEGIN, which in WAL mode reads
    # one snapshot of the file (taken at its first read) until it ends, and never waits.
    if connection.get_execution_options().get(READ):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_begin_read_only(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def file_engine(path: Path) -> Engine:
    """The engine of a file that may be written; with the execution option :data:`READ` set,
    its transactions only read (deferred, one snapshot each)."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def read_only_engine(uri: str) -> Engine:
    """The engine of a file opened read-only (``uri``: a ``file:`` URI with its mode)."""
    engine = create_engine(f"sqlite:///{uri}&uri=true")
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin_read_only)
    return engine
