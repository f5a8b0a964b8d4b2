"""The facilitator's plan ends with a short appendix on the method and its limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import create_workshop
from tests.cli.runner import ampdesk


def _flat(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.slow
def test_plan_appendix_has_principles_fit_mistakes_and_thin_evidence(tmp_path: Path) -> None:
    create_workshop(tmp_path / "w.ampdesk", "Offsite").close()
    result = ampdesk("plan", "w.ampdesk", "-o", "plan.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "plan.pdf")
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    appendix = text[text.index("Appendix · About the method") :]
    content = framework()
    for principle in content.principles:
        assert _flat(principle.text) in appendix
    for item in content.best_for + content.not_ideal_for:
        assert _flat(item) in appendix
    for mistake in content.mistakes:
        assert _flat(mistake.title) in appendix
    assert "Where the evidence is thin" in appendix
    assert "Holst-Hansen and Bergenholtz, 2020" in appendix
