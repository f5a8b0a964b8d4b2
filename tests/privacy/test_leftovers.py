"""Issue 24, item 6: nothing left over. Hand-over copies and ``--without-individual-pay``
exports keep no trace of phones and no hidden notes, CSV cells stay whole in a spreadsheet
that splits on ``;``, and templates hold no private notes."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from ampdesk.framework.live import for_step
from ampdesk.store.handover import hand_over
from ampdesk.store.live import LiveStore, pseudonym
from ampdesk.store.live_writer import LiveWriter
from ampdesk.store.templates import save_template
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk

TOKEN = "a-phone-token-" + "y" * 29
HIDDEN = "Hidden: the facilitator took this one down"


def _live_workshop(path: Path) -> str:
    """A workshop after a live session: a phone joined (twice from one address), answered,
    said it was done; one note hidden. Returns the session's join code."""
    with create_workshop(path, "Live") as workshop:
        live = LiveStore(workshop)
        code = live.new_join_code()
        live.set_state(for_step("fairness"))
        writer = LiveWriter(workshop)
        with writer.batch() as batch:
            batch.join("127.0.0.9", "first-" + TOKEN)
            batch.join("127.0.0.9", TOKEN)  # replaces the first: counted per address
            batch.apply(TOKEN, "key-1", lambda: batch.answers(TOKEN, {"peers": 4}))
            batch.apply(TOKEN, "key-2", lambda: batch.done(TOKEN))
        writer.close()
        live.allow("127.0.0.8", 3)
        notes = WorkshopStore(workshop).notes
        notes.set_hidden(notes.add("fairness", "idea", HIDDEN), True)
        notes.add("fairness", "idea", "x;=1+1;")
    return code


def test_hand_over_copies_and_exports_without_pay_keep_no_trace_of_phones(
    tmp_path: Path,
) -> None:
    source = tmp_path / "manager.ampdesk"
    code = _live_workshop(source)
    traces = [
        code,
        pseudonym(TOKEN, "done:fairness"),
        pseudonym(TOKEN, "answers:fairness:None"),
        "127.0.0.9",
        "127.0.0.8",
        HIDDEN,
    ]
    with open_workshop(source) as workshop:
        live = LiveStore(workshop)  # the manager's file holds them
        assert live.join_code() == code and live.refused() == {"127.0.0.9": 1}
        hand_over(workshop, tmp_path / "copy.ampdesk", include_individual_pay=True)
    result = ampdesk(
        "export", str(source), "--format", "json", "--without-individual-pay", "-o", "x.json",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for written in (tmp_path / "copy.ampdesk", tmp_path / "x.json"):
        data = written.read_bytes()
        assert [t for t in traces if t.encode() in data] == [], written.name
    with open_workshop(tmp_path / "copy.ampdesk") as copy:
        assert WorkshopStore(copy).answers.by_item("fairness") == {"peers": [4]}


def test_every_csv_cell_stays_whole_where_a_spreadsheet_splits_on_semicolons(
    tmp_path: Path,
) -> None:
    source = tmp_path / "manager.ampdesk"
    _live_workshop(source)
    result = ampdesk("export", str(source), "--format", "csv", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "out" / "notes.csv").read_text(encoding="utf-8-sig")
    assert HIDDEN not in raw
    assert all(line.startswith('"') and line.endswith('"') for line in raw.splitlines())
    for delimiter in (",", ";", "\t"):
        cells = [c for row in csv.reader(io.StringIO(raw), delimiter=delimiter) for c in row]
        assert not any(c.lstrip('"').startswith(("=", "+", "-", "@")) for c in cells), delimiter
    (_, note) = list(csv.reader(io.StringIO(raw)))
    assert note[3] == "x;'=1+1;"  # whole, and no formula where a ";" would split it


def test_a_template_holds_no_private_notes(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Plan") as workshop:
        plans = WorkshopStore(workshop).plan
        plans.set(dataclasses.replace(plans.get(), facilitator_notes="Watch out for Sam"))
        save_template(workshop, tmp_path / "t.json", "Mine")
    assert "Watch out for Sam" not in (tmp_path / "t.json").read_text(encoding="utf-8")
