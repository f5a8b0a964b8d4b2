"""Page layout of every PDF: running header and footer, "page N of M", outline, contents,
document language and metadata."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ampdesk.report.charts import Chart
from ampdesk.report.scripts import FONT, FONT_BOLD, draw_line, fit
from ampdesk.report.shaping import ScriptParagraph, text_needs_shaping
from ampdesk.report.styles import (
    ALERT,
    MUTED,
    RULE,
    markup,
    paragraph,
    shaped_style,
    styles,
)
from ampdesk.report.tables import FRAME_WIDTH

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 20 * mm
# A document longer than this gets a contents list on its second page.
CONTENTS_FROM_PAGES = 8
LANGUAGE = "en"


class Heading(ScriptParagraph):
    """A section or sub-section heading that becomes a PDF bookmark."""

    def __init__(self, title: str, level: int = 0, style: ParagraphStyle | None = None) -> None:
        style = style or (styles().h1 if level == 0 else styles().h2)
        value = markup(title)
        super().__init__(value, shaped_style(style) if text_needs_shaping(value) else style)
        self.title = title
        self.level = level


# Room a heading needs below it on the page, or it starts the next page (so that no heading
# is left alone at the foot of a page, without pulling a long table after it).
ROOM_AFTER_HEADING = {0: 150.0, 1: 90.0}


def kept_with_next(story: list[Flowable]) -> list[Flowable]:
    """``story`` with a conditional page break before each heading (room for the heading and
    the start of what follows: a table's header and first two rows), and a heading kept on
    the page of the chart under it (a chart shorter than a page is not split from it)."""
    result: list[Flowable] = []
    for index, flowable in enumerate(story):
        if isinstance(flowable, Chart) and result and isinstance(result[-1], Heading):
            result[-1] = KeepTogether([result[-1], flowable])
            continue
        if isinstance(flowable, Heading):
            after = story[index + 1] if index + 1 < len(story) else None
            room = ROOM_AFTER_HEADING.get(flowable.level, 70.0)
            if isinstance(after, Table):
                after.wrap(FRAME_WIDTH, 1e9)
                room = max(room, 40 + sum(after._rowHeights[:3]))
            result.append(CondPageBreak(room))
        result.append(flowable)
    return result


class ContentsSlot(Flowable):
    """Where a long document's contents list goes (nothing in a short one): at the foot of
    the summary, so that the reader finds the way in right after the headline."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing: the slot is replaced before the final layout."""


@dataclass(frozen=True)
class Mark:
    """A heading as laid out: its bookmark key, title, level, page and top edge."""

    key: str
    title: str
    level: int
    page: int
    top: float


class _NumberedCanvas(Canvas):
    """Draws the header, the marks and "page N of M" once the page count is known, and places
    each bookmark on the page its heading was drawn on."""

    header_text = ""
    footer_text = ""
    mark_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._marks: list[Mark] = []

    def add_mark(self, mark: Mark) -> None:
        """Bookmark ``mark`` on the page being drawn."""
        self._marks.append(mark)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        self.setViewerPreference("DisplayDocTitle", "true")  # the title, not the file name
        total = len(self._pages)
        self.addPageLabel(0, style=PDFPageLabel.ARABIC, start=1)
        for state in self._pages:
            self.__dict__.update(state)
            for mark in self._marks:
                self.bookmarkPage(mark.key, fit="XYZ", left=0, top=mark.top, zoom=0)
                self.addOutlineEntry(mark.title, mark.key, level=mark.level)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        number = self._pageNumber
        width, height = self._pagesize
        line = width - 2 * MARGIN
        page = f"Page {number} of {total}"
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        mark_width = 0.0
        if self.mark_text:
            self.setFont(FONT_BOLD, 7.5)
            self.setFillColor(ALERT)
            self.drawRightString(width - MARGIN, height - 12 * mm, self.mark_text)
            mark_width = stringWidth(self.mark_text, FONT_BOLD, 7.5) + 12
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
        header = fit(self.header_text, 7.5, line - mark_width)
        draw_line(self, MARGIN, height - 12 * mm, header, 7.5)
        self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        page_width = stringWidth(page, FONT, 7.5) + 12
        draw_line(self, MARGIN, 10 * mm, fit(self.footer_text, 7.5, line - page_width), 7.5)
        self.drawRightString(width - MARGIN, 10 * mm, page)
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
            lang=LANGUAGE,
            initialFontName=FONT,
        )
        frame = Frame(MARGIN, MARGIN, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.marks: list[Mark] = []

    def afterFlowable(self, flowable: Flowable) -> None:
        """Turn every heading into an outline entry on the page it was drawn on."""
        if isinstance(flowable, Heading):
            frame = self.frame
            top = frame._y + flowable.height + flowable.style.spaceAfter
            mark = Mark(
                f"section-{len(self.marks) + 1}",
                flowable.title,
                flowable.level,
                self.page,
                min(top + 4, frame._y1 + frame._height),
            )
            self.marks.append(mark)
            self.canv.add_mark(mark)


def contents(marks: list[Mark]) -> list[Flowable]:
    """A compact contents list of the top-level sections in two columns, each entry linked to
    its section, kept together on one page."""
    s = styles()
    chosen = [m for m in marks if m.level == 0][1:]  # not the document's own title
    half = (len(chosen) + 1) // 2
    rows = []
    right_column = [*chosen[half:], None][:half]
    for left, right in zip(chosen[:half], right_column, strict=True):
        row = []
        for mark in (left, right):
            if mark is None:
                row += ["", ""]
                continue
            link = f'<a href="#{mark.key}">'
            row += [
                paragraph(f"{link}{markup(mark.title)}</a>", s.cell),
                Paragraph(f"{link}{mark.page}</a>", s.cell_right),
            ]
        rows.append(row)
    listing = Table(rows, colWidths=["40%", "8%", "44%", "8%"], hAlign="LEFT")
    listing.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [KeepTogether([Spacer(1, 6 * mm), Paragraph("In this report", s.h2), listing])]


def _layout(
    target: Any,
    paper: str,
    story: list[Flowable],
    meta: dict[str, str],
    canvas: type[_NumberedCanvas],
) -> tuple[list[Mark], int]:
    document = ReportDocument(target, paper, meta["title"], meta["author"], meta["subject"])
    document.build(kept_with_next(story), canvasmaker=canvas)
    return document.marks, document.page


def write_pdf(
    target: Path | BinaryIO,
    paper: str,
    make_story: Callable[[], list[Flowable]],
    *,
    title: str,
    author: str,
    subject: str,
    header: str,
    footer: str,
    mark: str = "",
) -> None:
    """Lay the story out on numbered pages of ``paper`` and write it to ``target``.

    ``make_story`` gives fresh flowables for each layout pass: a document longer than
    CONTENTS_FROM_PAGES pages is laid out again with a contents list in its ContentsSlot,
    page numbers taken from the pass before and checked against the new one."""

    class _Canvas(_NumberedCanvas):
        header_text = header
        footer_text = footer
        mark_text = mark

    meta = {"title": title, "author": author, "subject": subject}
    story = make_story()
    has_slot = any(isinstance(f, ContentsSlot) for f in story)
    out: Any = str(target) if isinstance(target, Path) else target
    if not has_slot:
        _layout(out, paper, story, meta, _Canvas)
        return
    draft = io.BytesIO()
    marks, pages = _layout(draft, paper, story, meta, _Canvas)
    for _ in range(3):
        if pages <= CONTENTS_FROM_PAGES:
            break
        story = [
            part
            for flowable in make_story()
            for part in (contents(marks) if isinstance(flowable, ContentsSlot) else [flowable])
        ]
        draft = io.BytesIO()
        laid, _pages = _layout(draft, paper, story, meta, _Canvas)
        if [m.page for m in laid] == [m.page for m in marks]:
            break
        marks = laid
    data = draft.getvalue()
    if isinstance(out, str):
        Path(out).write_bytes(data)
    else:
        out.write(data)
