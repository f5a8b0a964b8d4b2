"""Hand-over: the manager sends a prepared workshop to the facilitator as a new file,
optionally without the pay audit's individual rows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from ampdesk.framework.fairness import summarize_pay
from ampdesk.store.repository import Repository
from ampdesk.store.workshop_file import Workshop, WorkshopFileError, copy_database, open_workshop


def hand_over(workshop: Workshop, target: Path, include_individual_pay: bool) -> None:
    """Write a copy of ``workshop`` to ``target``. Without individual pay, the copy keeps the
    audit's figures per role and level (so the gate and the report work as before) and no
    person's pay: the rows are deleted and the file is rebuilt so that no trace of them is
    left in its free pages. The target is complete or absent, never half written."""
    if target.resolve() == workshop.path.resolve():
        raise WorkshopFileError(f"{target.name}: choose another file than the open workshop")
    if target.suffix != ".ampdesk":
        raise WorkshopFileError(f"{target.name}: a workshop file name must end in .ampdesk")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        copy_database(workshop.path, partial)
        if not include_individual_pay:
            with open_workshop(partial) as copy:
                repo = Repository(copy)
                rows = repo.pay_rows()
                if rows:
                    summary = summarize_pay(rows, repo.thresholds(), dt.date.today())
                    repo.replace_pay_by_summary(summary)
            with closing(sqlite3.connect(partial)) as conn:
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("VACUUM")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
