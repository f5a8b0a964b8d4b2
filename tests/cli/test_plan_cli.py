"""Templates, hand-over and the follow-up report from the command line, as a user runs them."""

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk


@pytest.mark.slow
def test_new_from_a_template_and_back_to_a_template(tmp_path: Path) -> None:
    made = ampdesk("new", "w.ampdesk", "--template", "full-day", "--title", "Offsite", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    saved = ampdesk("template", "w.ampdesk", "-o", "mine.json", "--name", "Ours", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    data = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert data["name"] == "Ours" and data["title"] == "Offsite"
    assert sum(item["minutes"] for item in data["agenda"]) > 360
    again = ampdesk("new", "again.ampdesk", "--template", "mine.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_a_workshop_export_or_a_missing_file_is_not_a_template(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    assert (
        ampdesk(
            "export", "demo.ampdesk", "--format", "json", "-o", "d.json", cwd=tmp_path
        ).returncode
        == 0
    )
    refused = ampdesk("new", "x.ampdesk", "--template", "d.json", cwd=tmp_path)
    assert refused.returncode == 2
    assert "whole workshop exported as JSON" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    missing = ampdesk("new", "y.ampdesk", "--template", "nowhere.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert not (tmp_path / "x.ampdesk").exists() and not (tmp_path / "y.ampdesk").exists()


@pytest.mark.slow
def test_handover_without_individual_pay(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    result = ampdesk(
        "handover", "demo.ampdesk", "-o", "copy.ampdesk", "--without-individual-pay", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    check = ampdesk("check", "copy.ampdesk", "--json", cwd=tmp_path)
    data = json.loads(check.stdout)
    assert data["counts"]["pay_records"] == 0
    assert data["roles"] and data["gate"]["state"] != "not_assessed"


@pytest.mark.slow
def test_followup_report_shows_the_progress(tmp_path: Path) -> None:
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        actions = repo.actions.all()
        checkin = repo.checkins.add(dt.date(2027, 3, 1), {actions[0].id: ("done", "Paid out")})
        repo.answers.set_facilitator_counts("fairness", "peers", [0, 0, 2, 6, 4], checkin)
    result = ampdesk("followup-report", "demo.ampdesk", "-o", "fu.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "fu.pdf").pages)
    text = " ".join(text.split())
    assert "progress since the workshop" in text
    assert "1 March 2027" in text and "Paid out" in text
    assert "Fair compared with colleagues:" in text and "3.8 → 4.2 (+0.4)" in text
    assert "78500" not in text  # never pay
