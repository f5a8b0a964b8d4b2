"""Page 1 of the report holds the title and the whole summary in plain words: the gate's
meaning with what it needs (a small group's finding as a decision for the holder of the pay
data, never described), the pay statements as percent favourable with their number of
answers, the decisions, and who does what by when. Read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.framework.rounding import percent
from ampdesk.report.builder import build_report
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from benchmarks.big_workshop import write_big
from tests.report.pdf import flat

SUMMARY_PARTS = (
    "Summary",
    "What the group said",
    "How people see their pay",
    "What the group decided",
    "What needs doing, and by whom",
    "check-in",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("first-page")


def _pages(path: Path, individual_pay: bool = False) -> list[str]:
    out = io.BytesIO()
    with open_workshop(path) as workshop:
        build_report(workshop, out, include_individual_pay=individual_pay)
    return [flat(page.extract_text()) for page in PdfReader(out).pages]


@pytest.mark.slow
def test_demo_page_one_holds_title_and_whole_summary(folder: Path) -> None:
    path = folder / "demo.ampdesk"
    write_demo(path).close()
    pages = _pages(path)
    first = pages[0]
    assert first.count("Making good work feel good: team offsite") >= 2  # header and title
    for part in SUMMARY_PARTS:
        assert part in first, part
    assert "Summary" not in " ".join(pages[1:2]).split("In this report")[0]
    with open_workshop(path) as workshop:
        inputs = WorkshopStore(workshop).inputs()
    evaluation = evaluate(inputs, framework())
    peers = evaluation.pulse["peers"]
    assert peers.counts is not None
    agree = (peers.counts[3] + peers.counts[4]) / peers.n
    assert f"I am paid fairly next to colleagues {percent(agree)}" in first
    # the demo's finding is a small group's: a decision for the pay holder, never described
    assert "One group's pay needs a decision; the holder of the pay data has the details" in first
    small = [r for r in evaluation.roles if r.headcount < 5 and r.state != "pass"]
    assert small
    assert all(r.role not in " ".join(pages) for r in small)
    confidential = _pages(path, individual_pay=True)[0]
    assert f"{small[0].role} ({small[0].level}) is paid" in confidential


@pytest.mark.slow
def test_big_workshop_page_one_holds_the_whole_summary(folder: Path) -> None:
    path = folder / "big.ampdesk"
    write_big(path, people=500, notes=5000, role_levels=60).close()
    first = _pages(path)[0]
    for part in SUMMARY_PARTS:
        assert part in first, part
    assert "+103 more; all of them are in the action plan" in first
    # many roles with one kind of finding: one line with the furthest figure, and the limit
    assert "In 60 roles and levels the best paid earns up to" in first
    assert "(this workshop's limit: 1.5 times)" in first
