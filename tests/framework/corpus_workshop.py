"""Phrases judged the way ``ampdesk check --json`` judges a workshop.

Each phrase goes into a cleaned demo workshop (a real file: the demo's pay audit and answers,
no notes, actions, check-ins or decisions, every step in progress, every checklist item
unticked) as an action, an idea or the purpose statement; ``status_data`` (what ``check
--json`` prints) says whether the phrase's check is among the warnings.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from ampdesk.demo import write_demo
from ampdesk.framework.accuracy import Score
from ampdesk.framework.content import framework
from ampdesk.framework.state import PURPOSE_STATEMENT
from ampdesk.status import status_data
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore

Phrase = dict[str, Any]
DUE = dt.date(2027, 1, 15)


def phrases(path: Path) -> list[Phrase]:
    """The labelled phrases of one corpus file."""
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["phrase"])


class CleanedDemo:
    """A demo workshop emptied of everything a group writes, to hold one phrase at a time."""

    def __init__(self, path: Path) -> None:
        self.workshop: Workshop = write_demo(path)
        store = self.store = WorkshopStore(self.workshop)
        for checkin in store.checkins.all():
            store.checkins.delete(checkin.id)
        for action in store.actions.all():
            store.actions.delete(action.id)
        for note in store.notes.all():
            store.notes.set_hidden(note.id, True)
        for key in store.progress.decisions():
            store.progress.set_decision(key, "")
        for step in framework().steps:
            store.progress.set_step_status(step.id, "in_progress")
            for item in step.checklist:
                store.progress.set_checklist_item(step.id, item.id, False)

    def warnings(self, phrase: Phrase) -> dict[str, dict[str, Any]]:
        """The warnings ``check --json`` lists with ``phrase`` in the workshop, by check id."""
        kind, step = phrase.get("kind", "action"), phrase.get("step", "autonomy")
        progress, notes, actions = self.store.progress, self.store.notes, self.store.actions
        if kind == "purpose":
            progress.set_decision(PURPOSE_STATEMENT, phrase["text"])
            found = self._warnings()
            progress.set_decision(PURPOSE_STATEMENT, "")
        elif kind == "note":
            note_id = notes.add(step, "idea", phrase["text"])
            found = self._warnings()
            notes.set_hidden(note_id, True)
        else:
            due = None if phrase.get("due") == "none" else DUE
            owner, measure = phrase.get("owner", "Ana"), phrase.get("measure", "")
            action_id = actions.add(step, phrase["text"], owner, due, measure)
            found = self._warnings()
            actions.delete(action_id)
        return found

    def _warnings(self) -> dict[str, dict[str, Any]]:
        return {m["id"]: m for m in status_data(self.workshop)["mistakes"]}

    def fires(self, phrase: Phrase) -> bool:
        """Whether the phrase's own check warns."""
        return phrase["check"] in self.warnings(phrase)

    def close(self) -> None:
        self.workshop.close()


def score(demo: CleanedDemo, corpus: list[Phrase]) -> tuple[dict[str, Score], list[str]]:
    """Per check: true and false positives, false and true negatives; and the misreadings."""
    counts: dict[str, list[int]] = {}
    misread = []
    for phrase in corpus:
        fired, expected = demo.fires(phrase), phrase["fire"]
        row = counts.setdefault(phrase["check"], [0, 0, 0, 0])
        row[(0 if fired else 2) if expected else (1 if fired else 3)] += 1
        if fired != expected:
            measure = f" (measure: {phrase['measure']})" if phrase.get("measure") else ""
            misread.append(f"{'missed' if expected else 'wrong'}: {phrase['text']}{measure}")
    return {check: Score(*row) for check, row in sorted(counts.items())}, misread
