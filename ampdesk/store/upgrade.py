"""Bringing an older workshop file to the current schema: its tables are checked first (a
dry run in memory), a backup copy is synced to disk beside it, then every migration runs in one
transaction; on any failure the file is as it was."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from ampdesk.store.file_copy import copy_database, disk_full
from ampdesk.store.file_header import WorkshopFileError
from ampdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ampdesk.store.models import Base
from ampdesk.store.stored_values import file_problem

_BACKUP_NAME = re.compile(r"\.schema\d+-backup$")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a schema-``version`` file is kept before it is upgraded."""
    return path.with_name(f"{path.name}.schema{version}-backup")


def expected_tables() -> dict[str, set[str]]:
    """The tables of the current schema with their column names."""
    return {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables}


def check_tables(name: str, version: int, tables: tuple[str, ...]) -> None:
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


def upgrade(path: Path, version: int) -> None:
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
            problem = file_problem(conn)
            if problem is not None:
                raise WorkshopFileError(f"{path.name}: {problem}; it was left as it was")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
