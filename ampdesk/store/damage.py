"""What SQLite's full integrity check found wrong in a file, said in one line.

``PRAGMA integrity_check`` (unlike ``quick_check``) also compares every index with its table,
so an index that no longer matches its rows is found. Its messages name an index, or a page of
a b-tree by the tree's root page; the summary names the table instead. Standard library only:
:mod:`ampdesk.store.file_header` runs it before SQLAlchemy loads.
"""

from __future__ import annotations

import re
import sqlite3

_INDEX = re.compile(r"(?:index|in index) (\S+)")
_TREE = re.compile(r"(?:Tree|tree page) (\d+)")
_PAGE = re.compile(r"page (\d+)")


def problems(conn: sqlite3.Connection) -> list[str]:
    """What the full integrity check reports (empty when the file is intact)."""
    lines: list[str] = []
    for (row,) in conn.execute("PRAGMA integrity_check"):
        text = row.decode("utf-8", "replace") if isinstance(row, bytes) else str(row)
        lines.extend(line for line in text.splitlines() if line and not line.startswith("***"))
    return [] if lines == ["ok"] else lines


def summary(conn: sqlite3.Connection, found: list[str]) -> str:
    """The problems as a short phrase: the first, in terms of tables, and how many more."""
    first = found[0]
    index = _INDEX.search(first)
    tree = _TREE.search(first)
    if index is not None:
        table = _owner(conn, "SELECT tbl_name FROM sqlite_master WHERE name = ?", index[1])
        what = f"the index {index[1]} does not match the {table} table"
    elif tree is not None:
        page = _PAGE.findall(first)
        table = _owner(conn, "SELECT tbl_name FROM sqlite_master WHERE rootpage = ?", tree[1])
        if table == "unknown":  # the message names the damaged page, not the tree's root
            table = _owner(conn, "SELECT name FROM dbstat WHERE pageno = ?", tree[1])
        what = f"page {page[-1] if page else tree[1]} of the {table} table is unreadable"
    else:
        what = first.rstrip(".")
    more = len(found) - 1
    return what + (f"; {more} more problem{'s' if more > 1 else ''}" if more else "")


def _owner(conn: sqlite3.Connection, query: str, key: str) -> str:
    try:
        row = conn.execute(query, (int(key) if key.isdigit() else key,)).fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        return "unknown"  # or SQLite lacks the dbstat table
    value = row[0]
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
