"""A repaired copy of a damaged workshop file; the original is only read, never changed.

Every table of the file's own schema is read row by row in the order of its ids: a page that
cannot be read is stepped over (SQLite finds a row by its id through the table's b-tree, so a
search that starts past the damaged page lands on the next readable one), and the rows it held
are counted as lost (from an index of the table where one still reads, else from the gap in the
ids). The copy gets the same schema, the readable rows, freshly built indexes, and only rows
whose references still point at a row (a dot on a lost note is left out, and counted); it is
checked in full before it gets its name.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ampdesk.store import damage
from ampdesk.store.file_header import APPLICATION_ID, WorkshopFileError, side_files
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.outputs import refuse_overwrite, whole_file

_FIRST_ID = -(2**63)
_LAST_ID = 2**63 - 1


@dataclass
class Salvage:
    """What a repair kept and lost, by table."""

    kept: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)  # rows that could not be read
    orphaned: dict[str, int] = field(default_factory=dict)  # rows that pointed at lost rows
    cut_off: set[str] = field(default_factory=set)  # tables whose end could not be counted
    problems: int = 0  # what the integrity check reported in the original

    def text(self) -> str:
        """The outcome in one line."""
        parts = [f"{sum(self.kept.values())} rows kept in {len(self.kept)} tables, indexes rebuilt"]
        lost = sum(self.unreadable.values())
        if lost or not self.cut_off:
            parts.append(f"{lost} rows could not be read{_listed(self.unreadable)}")
        if self.cut_off:
            tables = " and ".join(sorted(self.cut_off))
            parts.append(f"the rest of {tables} could not be read (how many rows is not known)")
        if self.orphaned:
            left = sum(self.orphaned.values())
            parts.append(f"{left} rows referring to lost rows left out{_listed(self.orphaned)}")
        return "; ".join(parts)


def _listed(counts: dict[str, int]) -> str:
    shown = [f"{table} {n}" for table, n in sorted(counts.items()) if n]
    return f" ({', '.join(shown)})" if shown else ""


def repair(source: Path, target: Path) -> Salvage:
    """Write what can be read of the workshop at ``source`` to the new file ``target``."""
    refuse_overwrite(target, source)
    if not source.is_file():
        raise WorkshopFileError(f"{source.name}: no such file")
    with _original(source) as conn:
        version = _schema_version(source.name, conn)
        entries = _schema(source.name, conn)
        salvage = Salvage(problems=len(_problems(conn)))
        rows = {}
        for table in (name for kind, name, _, _ in entries if kind == "table"):
            rows[table], lost, counted = _read_table(conn, table, entries)
            salvage.kept[table] = len(rows[table][1])
            salvage.unreadable[table] = lost
            if not counted:
                salvage.cut_off.add(table)
        with (
            whole_file(target, new=True, private=True) as partial,  # it holds pay
            closing(sqlite3.connect(partial, isolation_level=None)) as out,
        ):
            _write(out, version, entries, rows, salvage)
    return salvage


@contextmanager
def _original(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the file as SQLite recovers it (a log beside it is applied to a
    private copy), that cannot change any of the user's files."""
    with tempfile.TemporaryDirectory(prefix="ampdesk-repair-") as folder:
        sides = side_files(path)
        if sides:
            copy = Path(folder) / "w.ampdesk"
            shutil.copyfile(path, copy)
            for side in sides:
                shutil.copyfile(side, f"{copy}{side.name.removeprefix(path.name)}")
            uri = copy.as_uri()
        else:
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            # reads a file shorter than its header says (truncated) instead of refusing it
            conn.execute("PRAGMA writable_schema = ON")
            yield conn


def _schema_version(name: str, conn: sqlite3.Connection) -> int:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise WorkshopFileError(f"{name}: not readable as a workshop at all ({exc})") from None
    if application_id != APPLICATION_ID:
        raise WorkshopFileError(f"{name}: not an ampdesk workshop; nothing to repair")
    if not 1 <= version <= SCHEMA_VERSION:
        raise WorkshopFileError(f"{name}: schema {version} is not one this ampdesk can repair")
    return version


def _schema(name: str, conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """The file's tables, indexes and triggers (type, name, table, SQL), in the file's order."""
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' OR type = 'index' ORDER BY rowid"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise WorkshopFileError(
            f"{name}: its list of tables cannot be read ({exc}); nothing can be salvaged"
        ) from None


def _problems(conn: sqlite3.Connection) -> list[str]:
    try:
        return damage.problems(conn)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


Rows = tuple[list[str], list[tuple[object, ...]]]  # column names, rows


def _read_table(
    conn: sqlite3.Connection, table: str, entries: list[tuple[str, str, str, str | None]]
) -> tuple[Rows, int, bool]:
    """Every readable row of ``table`` in id order, how many rows could not be read (counted
    in an index of the table that still reads in full, else from the gaps in the ids around
    the damaged pages: at most that many), and whether that count is complete (not when
    nothing after a damaged page could be read and no index counts the rows)."""
    query = f'SELECT rowid, * FROM "{table}"'
    columns: list[str] = []
    found: list[tuple[object, ...]] = []
    gaps, start, cut_off = 0, _FIRST_ID, False
    step = query + " WHERE rowid >= ? ORDER BY rowid LIMIT 1"
    while start <= _LAST_ID:
        try:
            cursor = conn.execute(step, (start,))
            row = cursor.fetchone()
        except sqlite3.DatabaseError:
            resume = _next_readable(conn, step, start)
            if resume is None:
                cut_off = True
                break
            gaps += max(resume - max(start, 1), 1)  # ids start at 1
            start = resume
            continue
        if row is None:
            break
        columns = [d[0] for d in cursor.description[1:]]
        found.append(row[1:])
        start = row[0] + 1
    rows = (columns or _columns(conn, table), found)
    if not gaps and not cut_off:
        return rows, 0, True
    indexes = [name for kind, name, owner, _ in entries if kind == "index" and owner == table]
    total = _count_in_index(conn, table, indexes)
    if total is None:
        return rows, gaps, not cut_off
    return rows, max(total - len(found), 0), True


def _next_readable(conn: sqlite3.Connection, step: str, start: int) -> int | None:
    """The smallest id from which a search reads again (past the damaged pages), if any."""
    gap, good = 1, None
    while start + gap <= _LAST_ID:
        if _readable(conn, step, start + gap):
            good = start + gap
            break
        gap *= 2
    if good is None:
        return None
    low = start + gap // 2  # unreadable from here; readable from ``good``
    while good - low > 1:
        middle = (low + good) // 2
        if _readable(conn, step, middle):
            good = middle
        else:
            low = middle
    return good


def _readable(conn: sqlite3.Connection, step: str, start: int) -> bool:
    try:
        conn.execute(step, (start,)).fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def _count_in_index(conn: sqlite3.Connection, table: str, indexes: list[str]) -> int | None:
    """How many rows the table held, as the first of its indexes that reads in full says."""
    for index in indexes:
        try:
            query = f'SELECT count(*) FROM "{table}" INDEXED BY "{index}" WHERE rowid IS NOT NULL'
            return int(conn.execute(query).fetchone()[0])
        except sqlite3.DatabaseError:
            continue
    return None


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _write(
    out: sqlite3.Connection,
    version: int,
    entries: list[tuple[str, str, str, str | None]],
    rows: dict[str, Rows],
    salvage: Salvage,
) -> None:
    """The schema, the rows, then the indexes (no trigger or view: ampdesk writes none, and
    one from another program would run inside ampdesk's writes); rows whose references point
    at nothing removed; the whole checked."""
    out.execute("BEGIN")
    out.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    out.execute(f"PRAGMA user_version = {version}")
    for kind, _name, _table, sql in entries:
        if kind == "table" and sql:
            out.execute(sql)
    for table, (columns, found) in rows.items():
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        out.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', found)
    for kind, _name, _table, sql in entries:
        if kind == "index" and sql:
            out.execute(sql)
    while broken := out.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid in {(row[0], row[1]) for row in broken}:
            out.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            salvage.orphaned[table] = salvage.orphaned.get(table, 0) + 1
            salvage.kept[table] -= 1
    out.execute("COMMIT")
    left = damage.problems(out)
    if left:
        raise WorkshopFileError(f"the repaired copy is not intact either ({left[0]})")
    out.execute("PRAGMA journal_mode = WAL")
