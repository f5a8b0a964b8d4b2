"""Issue 24, item 4: no figure shown to anyone but the holder of individual pay determines one
person's pay. Played through ``check --json`` and the default report, read back with pypdf."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ampdesk.framework.fairness import PayRow
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk


def _outputs(tmp_path: Path, rows: list[PayRow]) -> tuple[dict[str, Any], str]:
    path = tmp_path / "pay.ampdesk"
    with create_workshop(path, "Pay") as workshop:
        WorkshopStore(workshop).pay.replace(rows)
    check = ampdesk("check", str(path), "--json", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    report = ampdesk("report", str(path), "-o", "report.pdf", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    pages = PdfReader(tmp_path / "report.pdf").pages
    return json.loads(check.stdout), " ".join(" ".join(p.extract_text() for p in pages).split())


def _role(data: dict[str, Any], role: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["roles"] if r["role"] == role)
    return found


@pytest.mark.slow
def test_the_spread_is_not_set_by_the_one_highest_paid(tmp_path: Path) -> None:
    """Five women at 60-64k and one man at 93k: highest over lowest is 1.55, so anyone who
    knows the lowest pay would know his."""
    pays = [60_000, 61_000, 62_000, 63_000, 64_000, 93_000]
    rows = [
        PayRow("Engineer", "Mid", "creative", pay, 62_000, person=f"p{i}", group=g)
        for i, (pay, g) in enumerate(zip(pays, "FFFFFM", strict=True))
    ]
    data, text = _outputs(tmp_path, rows)
    engineer = _role(data, "Engineer")
    assert engineer["spread"] == 1.05 and "quartile" in engineer["spread_measure"]
    spread = next(r for r in data["gate"]["reasons"] if r["code"] == "wide_spread")
    assert spread["value"] is None and "1.55" not in spread["message"]
    for figure in ("1.55", "1.53"):  # 93,000 / 60,000 (and its rounding down)
        assert figure not in json.dumps(data) and figure not in text
    assert "over 1.50 times the lowest" in text  # the limit it crossed, a band


@pytest.mark.slow
def test_the_median_of_an_odd_group_is_rounded(tmp_path: Path) -> None:
    """In a group of five the median compa-ratio is one person's own: 0.733 here."""
    pays = [30_000, 33_000, 36_650, 40_000, 45_000]
    rows = [
        PayRow("Support", "Mid", "routine", p, 50_000, person=f"p{i}") for i, p in enumerate(pays)
    ]
    data, text = _outputs(tmp_path, rows)
    support = _role(data, "Support")
    assert support["median_compa_ratio"] == 0.75
    for figure in ("0.733", "0.73 ", "0.73)", "36,650", "36650"):
        assert figure not in json.dumps(data) and figure not in text
    assert "median compa-ratio about 0.75 (rounded to 0.05) is under 0.85" in text


@pytest.mark.slow
def test_no_figure_where_one_person_dominates_the_group(tmp_path: Path) -> None:
    """One person earns more than the other four together: the (1, 50%) dominance rule."""
    pays = [20_000, 21_000, 22_000, 23_000, 200_000]
    rows = [
        PayRow("Sales", "Senior", "routine", p, 50_000, person=f"p{i}") for i, p in enumerate(pays)
    ]
    data, text = _outputs(tmp_path, rows)
    sales = _role(data, "Sales")
    assert sales["median_compa_ratio"] is None and sales["spread"] is None
    assert sales["figures_withheld"] is True and sales["state"] == "blocked"
    assert all(r["value"] is None for r in data["gate"]["reasons"])
    assert "0.4" not in text and "4.00" not in text
