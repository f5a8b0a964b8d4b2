"""Participants' words in the PDF: printed as typed, never read as markup."""

from pathlib import Path

from pypdf import PdfReader

from ampdesk.report.builder import build_report
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore

TEXTS = (
    "<script>alert('x')</script> & <b>not bold</b>",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
    "'; DROP TABLE note; --",
    "Emoji 🎉 and \u202eright-to-left\u202c text",
)


def test_hostile_notes_are_printed_literally(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Hostile input") as workshop:
        repo = WorkshopStore(workshop)
        for text in TEXTS:
            repo.notes.add("purpose", "story", text)
        build_report(workshop, tmp_path / "r.pdf")
    printed = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "<script>alert('x')</script> & <b>not bold</b>" in printed
    assert "{{ 7*7 }} ${7*7} <%= 7*7 %>" in printed
    assert "'; DROP TABLE note; --" in printed
    assert "right-to-left" in printed
