"""Hand-over: the manager sends a prepared workshop to the facilitator as a new file,
optionally without the pay audit's individual rows. A copy never carries a trace of phones
(tokens, ballots, retry records, done marks, the join code, replaced or allowed addresses) nor
hidden notes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import delete, update

from ampdesk.framework.fairness import summarize_pay
from ampdesk.store.file_copy import copy_database
from ampdesk.store.live import ALLOWED_KEY, CODE_KEY, DONE_KEY, REFUSED_KEY
from ampdesk.store.models import Answer, Note, Participant, Setting, Submission, Vote
from ampdesk.store.outputs import whole_file
from ampdesk.store.workshop_file import Workshop, WorkshopFileError, open_workshop
from ampdesk.store.workshop_store import WorkshopStore


def hand_over(workshop: Workshop, target: Path, include_individual_pay: bool) -> None:
    """Write a copy of ``workshop`` to ``target``. Without individual pay, the copy keeps the
    audit's figures per role and level (so the gate and the report work as before) and no
    person's pay; a group under the anonymity threshold keeps its state but no figure. The
    rows are deleted and the file is rebuilt so that no trace of them is left in its free
    pages. Either way the copy holds no phone's token hash, no ballot and no
    submission record. The target is complete or absent, never half written."""
    if target.resolve() == workshop.path.resolve():
        raise WorkshopFileError(f"{target.name}: choose another file than the open workshop")
    if target.suffix != ".ampdesk":
        raise WorkshopFileError(f"{target.name}: a workshop file name must end in .ampdesk")
    if target.exists():
        raise WorkshopFileError(f"{target.name}: a file with this name exists already")
    if not target.parent.is_dir():
        raise WorkshopFileError(f"{target.parent}: no such folder")
    with whole_file(target, new=True, private=True) as partial:
        copy_database(workshop.path, partial)
        with open_workshop(partial) as copy:
            _forget_phones(copy)
            if not include_individual_pay:
                store = WorkshopStore(copy)
                rows = store.pay.rows()
                if rows:
                    summary = summarize_pay(
                        rows,
                        store.gate.thresholds(),
                        dt.date.today(),
                        store.details.get().anonymity_threshold,
                    )
                    store.pay.replace_by_summary(summary)
        with closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")


PHONE_TRACES = (CODE_KEY, DONE_KEY, REFUSED_KEY, ALLOWED_KEY)  # settings a copy leaves out


def _forget_phones(copy: Workshop) -> None:
    """Remove what ties rows to phones or tells of them (token hashes, ballots, submission
    records, done marks, the join code, addresses) and the notes the facilitator hid."""
    with copy.session() as s:
        s.execute(update(Participant).values(token=None))
        s.execute(update(Answer).values(ballot=None))
        s.execute(update(Vote).values(ballot=None))
        s.execute(delete(Submission))
        s.execute(delete(Setting).where(Setting.key.in_(PHONE_TRACES)))
        s.execute(delete(Note).where(Note.hidden.is_(True)))
