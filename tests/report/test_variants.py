"""The document variants and documents of any size: the team handout holds no pay figure,
role, gate, warning or facilitator note; a workshop of 60 role/levels, hundreds of people and
thousands of notes prints every variant, summarised, within about 40 pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from benchmarks.big_workshop import write_big
from tests.cli.runner import ampdesk
from tests.report.pdf import flat, page_texts

PRIVATE_NOTE = "Remember to book the quiet room for Priya"


def _write(folder: Path, command: str, source: str, out: str, *options: str) -> PdfReader:
    result = ampdesk(command, source, "-o", out, *options, cwd=folder)
    assert result.returncode == 0, result.stderr
    return PdfReader(folder / out)


@pytest.mark.slow
def test_handout_has_what_was_said_and_decided_and_no_pay_roles_or_warnings(
    tmp_path: Path,
) -> None:
    with write_demo(tmp_path / "demo.ampdesk") as workshop:
        repo = WorkshopStore(workshop)
        repo.plan.set(replace(repo.plan.get(), facilitator_notes=PRIVATE_NOTE))
        inputs = repo.inputs()
        evaluation = evaluate(inputs, framework())
        pays = {f"{row.pay:,.0f}" for row in inputs.pay_rows}
        roles = {f"{r.role} / {r.level}" for r in evaluation.roles}
        ratios = {f"{r.median_compa_ratio:.2f}" for r in evaluation.roles}
        findings = [f.title for f in evaluation.findings]
        actions = repo.actions.all()
    reader = _write(tmp_path, "handout", "demo.ampdesk", "handout.pdf", "--paper", "letter")
    assert 2 <= len(reader.pages) <= 4
    text = flat(" ".join(page_texts(reader)))
    for part in ("What we said", "What we decided", "Our actions", "When we check in next"):
        assert part in text
    assert actions and all(flat(a.title) in text for a in actions)
    assert all(a.owner in text for a in actions if a.owner)
    for action in actions:  # what the group agreed may name a target ("at least 0.95")
        text = text.replace(flat(action.title), "")
    assert not any(pay in text for pay in pays)
    assert not any(ratio in text for ratio in ratios)
    assert not any(role in text for role in roles)
    assert findings and not any(title in text for title in findings)
    for word in ("compa-ratio", "gate", "blocked", "needs attention", PRIVATE_NOTE, "Internal"):
        assert word.lower() not in text.lower(), word


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    write_big(folder / "big.ampdesk", people=500, notes=5000, role_levels=60).close()
    return folder / "big.ampdesk"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("report", ()),
        ("report", ("--include-individual-pay",)),
        ("plan", ()),
        ("followup-report", ()),
        ("handout", ()),
    ],
)
@pytest.mark.slow
def test_every_document_of_a_big_workshop_prints(
    big: Path, command: str, options: tuple[str, ...]
) -> None:
    out = f"{command}{len(options)}.pdf"
    reader = _write(big.parent, command, big.name, out, *options)
    pages = page_texts(reader)
    if command == "handout":
        assert len(pages) <= 4
    if command == "report" and not options:
        assert len(pages) <= 40
        text = " ".join(pages)
        assert "more; all of them are in the CSV export" in text
        with open_workshop(big) as workshop:
            roles = evaluate(WorkshopStore(workshop).inputs(), framework()).roles
        assert len(roles) == 60
        assert "Summary" in pages[0] and "+103 more; all of them are in the action plan" in pages[0]
