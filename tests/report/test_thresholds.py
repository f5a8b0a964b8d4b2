"""The workshop's own gate thresholds, not the defaults, in the report's chart and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from tests.cli.runner import ampdesk
from tests.report.pdf import flat


@pytest.mark.slow
def test_changed_thresholds_are_the_ones_printed(tmp_path: Path) -> None:
    path = tmp_path / "own.ampdesk"
    write_demo(path).close()
    changed = ampdesk(
        "settings",
        str(path),
        "--set",
        "blocked_median_compa=0.7",
        "--set",
        "attention_group_gap=0.03",
        "--set",
        "attention_creative_compa=1.05",
        cwd=tmp_path,
    )
    assert changed.returncode == 0, changed.stderr
    out = tmp_path / "own.pdf"
    result = ampdesk("report", str(path), "-o", str(out), "--include-individual-pay", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = [flat(page.extract_text()) for page in PdfReader(out).pages]
    text = " ".join(pages)
    assert "gate blocks below 0.70" in text and "0.85" not in text
    assert "this workshop flags gaps of 3% or more" in text
    assert "(this workshop asks for at least 105% of the market rate)" in pages[0]
