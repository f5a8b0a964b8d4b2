"""Issue 24, item 3: every finding goes through the disclosure policy, with the workshop's
threshold and complementary suppression, in every wording: the gate's reasons in the default
report and in ``check --json``, and the count of reasons."""

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


def _rows(groups: dict[str, tuple[int, int]]) -> list[PayRow]:
    """One role; per group: people and their pay (all alike, at a market median of 70,000)."""
    return [
        PayRow("Engineer", "Mid", "creative", pay + 10 * i, 70_000, person=f"{g}{i}", group=g)
        for g, (people, pay) in groups.items()
        for i in range(people)
    ]


def _workshop(tmp_path: Path, rows: list[PayRow]) -> Path:
    path = tmp_path / "pay.ampdesk"
    with create_workshop(path, "Pay") as workshop:
        WorkshopStore(workshop).pay.replace(rows)
    return path


def _outputs(path: Path) -> tuple[dict[str, Any], str]:
    check = ampdesk("check", str(path), "--json", cwd=path.parent)
    assert check.returncode == 0, check.stderr
    report = ampdesk("report", str(path), "-o", "report.pdf", cwd=path.parent)
    assert report.returncode == 0, report.stderr
    pdf = PdfReader(path.with_name("report.pdf"))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    return json.loads(check.stdout), text


@pytest.mark.parametrize(
    ("groups", "threshold"),
    [
        ({"F": (5, 60_000), "M": (6, 70_000)}, 8),  # both groups under a raised threshold
        ({"F": (5, 60_000), "M": (5, 70_000), "X": (1, 65_000)}, 5),  # one group of one
    ],
    ids=["threshold-8", "complementary"],
)
@pytest.mark.slow
def test_a_gap_hidden_in_the_table_is_said_nowhere(
    tmp_path: Path, groups: dict[str, tuple[int, int]], threshold: int
) -> None:
    path = _workshop(tmp_path, _rows(groups))
    result = ampdesk(
        "settings", str(path), "--set", f"anonymity_threshold={threshold}", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data, text = _outputs(path)
    engineer = next(r for r in data["roles"] if r["role"] == "Engineer")
    assert engineer["group_gaps"] == [] and engineer["gaps_withheld"] is True
    gap = next(r for r in data["gate"]["reasons"] if r["code"] == "group_gap")
    assert gap["value"] is None and gap["groups"] is None
    assert "below group" not in gap["message"] and "%" not in gap["message"]
    assert "below group" not in text and "14." not in text
    assert "Engineer / Mid: group gap crosses its threshold" in text  # said, without figure
    # the manager's confidential copy still says it all
    confidential = ampdesk(
        "report", str(path), "-o", "c.pdf", "--include-individual-pay", cwd=path.parent
    )
    assert confidential.returncode == 0, confidential.stderr
    pages = PdfReader(path.with_name("c.pdf")).pages
    assert "below group" in " ".join(" ".join(p.extract_text() for p in pages).split())


@pytest.mark.slow
def test_a_gap_between_big_groups_is_said_with_its_figure(tmp_path: Path) -> None:
    path = _workshop(tmp_path, _rows({"F": (5, 60_000), "M": (6, 70_000)}))
    data, text = _outputs(path)
    gap = next(r for r in data["gate"]["reasons"] if r["code"] == "group_gap")
    assert gap["value"] == 0.14 and gap["groups"] == ["M", "F"]  # rounded to whole percent
    assert "mean pay of group 'F' is about 14% below group 'M'" in text


@pytest.mark.slow
def test_the_reason_count_says_no_more_than_the_reasons_listed(tmp_path: Path) -> None:
    rows = _rows({"F": (5, 60_000), "M": (6, 70_000)})
    rows.append(PayRow("Designer", "Lead", "creative", 30_000, 70_000, person="Only one"))
    path = _workshop(tmp_path, rows)
    _, text = _outputs(path)
    listed = text.count("Engineer / Mid:") + text.count("small group has findings")
    assert f"({listed} reasons, listed" in text


@pytest.mark.slow
def test_min_group_size_is_set_as_a_whole_number(tmp_path: Path) -> None:
    path = _workshop(tmp_path, _rows({"F": (5, 60_000)}))
    result = ampdesk("settings", str(path), "--set", "min_group_size=6", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "min_group_size = 6" in result.stdout
    again = ampdesk("settings", str(path), cwd=tmp_path)
    assert again.returncode == 0 and "min_group_size = 6" in again.stdout
    wrong = ampdesk("settings", str(path), "--set", "min_group_size=6.5", cwd=tmp_path)
    assert wrong.returncode != 0 and "not a whole number" in wrong.stderr
