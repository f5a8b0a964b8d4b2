"""Text in a script the report's font cannot show is replaced by a sentence saying so, where
the text would be, never printed as empty boxes; Latin, Greek and Cyrillic print as typed."""

from pathlib import Path

from pypdf import PdfReader

from ampdesk.report.builder import build_report
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore


def test_unshown_scripts_are_named_in_place(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "Scripts") as workshop:
        repo = WorkshopStore(workshop)
        repo.notes.add("purpose", "story", "Chinese: 我们想要更多自主权 (from the Shanghai team)")
        repo.notes.add("purpose", "story", "Hindi: हिन्दी में लिखा गया नोट. Thanks")
        repo.notes.add("purpose", "story", "Party 🎉 time, Κατερίνα and Оксана")
        build_report(workshop, tmp_path / "r.pdf")
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages).split()
    )
    assert "Chinese: [CJK text left out: the report's font cannot show it] (from the" in text
    assert "[Devanagari text left out: the report's font cannot show it]. Thanks" in text
    assert "Party [emoji text left out: the report's font cannot show it] time" in text
    assert "Κατερίνα and Оксана" in text
    assert "我" not in text and "\ufffd" not in text
