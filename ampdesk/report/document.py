"""Page layout of the report: running header and footer, "page N of M", outline, metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from ampdesk.report.styles import FONT, MUTED, RULE, styles

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 20 * mm


class Heading(Paragraph):
    """A section or sub-section heading that becomes a PDF bookmark."""

    def __init__(self, title: str, level: int = 0) -> None:
        style = styles().h1 if level == 0 else styles().h2
        super().__init__(title.replace("&", "&amp;").replace("<", "&lt;"), style)
        self.title = title
        self.level = level


class _NumberedCanvas(Canvas):
    """Draws the header and "page N of M" once the page count is known."""

    header_text = ""
    footer_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        self.addPageLabel(0, prefix="Cover")
        if total > 1:
            self.addPageLabel(1, style=PDFPageLabel.ARABIC, start=2)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        number = self._pageNumber
        width, height = self._pagesize
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        if number > 1:
            self.drawString(MARGIN, height - 12 * mm, self.header_text)
            self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        self.drawString(MARGIN, 10 * mm, self.footer_text)
        self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {total}")
        self.restoreState()


class ReportDocument(BaseDocTemplate):
    """A document whose headings become bookmarks, with numbered pages."""

    def __init__(self, target: Any, paper: str, title: str, author: str, subject: str) -> None:
        super().__init__(
            target,
            pagesize=PAPERS[paper],
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            subject=subject,
            creator="ampdesk",
        )
        frame = Frame(MARGIN, MARGIN, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        """Turn every heading into an outline entry."""
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"section-{self._bookmarks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.title, key, level=flowable.level)

    def render(self, story: list[Flowable], header: str, footer: str) -> None:
        """Lay the story out on numbered pages."""

        class _Canvas(_NumberedCanvas):
            header_text = header
            footer_text = footer

        self.build(story, canvasmaker=_Canvas)


def write_pdf(
    target: Path | BinaryIO,
    paper: str,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    header: str,
    footer: str,
) -> None:
    """Lay ``story`` out on numbered pages of ``paper`` and write it to ``target``."""
    document = ReportDocument(
        str(target) if isinstance(target, Path) else target, paper, title, author, subject
    )
    document.render(story, header, footer)
