"""The facilitator's plan PDF: agenda with timeboxes, every step's prompts, materials."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.framework.content import framework
from ampdesk.framework.plan import half_day
from ampdesk.store.workshop_file import create_workshop
from tests.cli.runner import ampdesk


@pytest.mark.slow
def test_plan_has_agenda_prompts_cases_and_materials(tmp_path: Path) -> None:
    create_workshop(tmp_path / "w.ampdesk", "Café offsite in Łódź").close()
    result = ampdesk("plan", "w.ampdesk", "-o", "plan.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "plan.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Café offsite in Łódź" in text
    total = half_day(framework()).total_minutes  # a new workshop has the half-day plan
    assert f"Total: {total // 60} h {total % 60:02d} min" in text
    for step in framework().steps:
        assert f"Step {step.number} · {step.title}" in text
        assert " ".join(step.prompts[0].split()) in text
    assert "Materials to bring" in text
    assert reader.outline[0].title == "Facilitator's plan"
