"""Any script people write in: Chinese and Japanese in a CJK font found on the system (its CFF
outlines converted, only the characters used embedded), Hindi shaped, Hebrew and Arabic drawn
right to left with Arabic letters joined; a script no font on the computer shows is named
where the text would be, never printed as empty boxes. CI installs fonts-noto-cjk and
fonts-noto-core."""

import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.report import fonts
from ampdesk.report.builder import build_report
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore

NOTES = (
    "Chinese: 我们想要更多自主权 (from the Shanghai team)",
    "Japanese: 日本語のテキストです。ありがとう",
    "Hindi: हिन्दी में लिखा गया नोट. Thanks",
    "Hebrew: שלום עולם end",
    "Arabic: مرحبا بالعالم end",
    "Party 🎉 time, Κατερίνα and Оксана",
)
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u200e\u200f"))


def _needs(*codes: int) -> None:
    missing = [f"U+{c:04X}" for c in codes if fonts.font_for(c) is None and c > 0x590]
    if missing:
        pytest.skip(f"no font on this machine shows {', '.join(missing)} (CI installs them)")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("scripts")
    with create_workshop(folder / "w.ampdesk", "Scripts") as workshop:
        repo = WorkshopStore(workshop)
        for note in NOTES:
            repo.notes.add("purpose", "story", note)
        left_out = build_report(workshop, folder / "r.pdf")
    return folder / "r.pdf", left_out


def _pdftotext(path: Path, *options: str) -> str:
    result = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _plain(value: str) -> str:
    return " ".join(value.translate(BIDI_MARKS).split())


@pytest.mark.slow
def test_chinese_and_japanese_come_back_out_with_pdftotext(report: tuple[Path, list[str]]) -> None:
    _needs(ord("我"), ord("語"))
    text = _plain(_pdftotext(report[0]))
    assert "Chinese: 我们想要更多自主权 (from the Shanghai team)" in text
    assert "Japanese: 日本語のテキストです。ありがとう" in text
    embedded = subprocess.run(["pdffonts", str(report[0])], capture_output=True, text=True)
    cjk = [line for line in embedded.stdout.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes yes " in line for line in cjk)  # embedded, subset, mapped


@pytest.mark.slow
def test_hindi_is_shaped_in_a_devanagari_font(report: tuple[Path, list[str]]) -> None:
    _needs(ord("ह"))
    text = _plain(_pdftotext(report[0]))
    assert "गया नोट. Thanks" in text  # syllables without reordered vowel signs copy out as typed
    embedded = subprocess.run(["pdffonts", str(report[0])], capture_output=True, text=True)
    assert "Devanagari" in embedded.stdout
    assert "\ufffd" not in text and "[Devanagari" not in text


def _on_page(path: Path) -> list[tuple[float, float, str]]:
    """Every word's top, left edge and glyphs from left to right, as poppler lays the page
    out (pdftotext -bbox), with Arabic presentation forms read as their letters."""
    found = []
    for line in _pdftotext(path, "-bbox").splitlines():
        if "<word " in line:
            glyphs = unicodedata.normalize("NFKC", line.split(">")[1].split("<")[0])
            top = float(line.split('yMin="')[1].split('"')[0])
            found.append((top, float(line.split('xMin="')[1].split('"')[0]), glyphs))
    return found


def _line(path: Path, first: str) -> list[str]:
    """The glyphs of the words on the line that starts with ``first``, left to right."""
    words = _on_page(path)
    top = next(t for t, _x, glyphs in words if glyphs == first)
    return [glyphs for _x, glyphs in sorted((x, g) for t, x, g in words if t == top)]


@pytest.mark.slow
def test_hebrew_reads_right_to_left(report: tuple[Path, list[str]]) -> None:
    # "שלום עולם": the first word stands right of the second and each word's letters run
    # from right to left (left to right the page shows ם before ש); the sentence around it
    # stays left to right, and the text copies out in the order it was written
    line = _line(report[0], "Hebrew:")
    assert line[line.index("Hebrew:") :][:4] == ["Hebrew:", "םלוע", "םולש", "end"]
    assert "Hebrew: שלום עולם" in _plain(_pdftotext(report[0]))


def test_arabic_reads_right_to_left_with_joined_letters(report: tuple[Path, list[str]]) -> None:
    line = _line(report[0], "Arabic:")
    assert line[line.index("Arabic:") :][:4] == ["Arabic:", "ملاعلاب", "ابحرم", "end"]
    raw = _pdftotext(report[0]).translate(BIDI_MARKS)
    # joined letters are drawn in their initial, medial and final forms
    assert "\ufee3\ufeae\ufea3\ufe92\ufe8e" in raw  # مرحبا, each letter joined
    assert "Arabic: مرحبا بالعالم" in unicodedata.normalize("NFKC", _plain(raw))


def test_unshown_scripts_are_named_in_place_and_listed(report: tuple[Path, list[str]]) -> None:
    path, left_out = report
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    emoji = fonts.font_for(0x1F389) is None
    if emoji:
        assert "Party [emoji text left out: no font on this computer can show it] time" in text
        assert left_out == ["emoji"]
    else:
        assert left_out == []
    assert "Κατερίνα and Оксана" in text
    assert "\ufffd" not in text


@pytest.mark.slow
def test_cff_font_is_converted_to_truetype_with_only_the_characters_used() -> None:
    source = fonts._source_for(ord("我"))
    if source is None or source.truetype:
        pytest.skip("no CFF-outline CJK font on this machine (CI installs fonts-noto-cjk)")
    data = fonts.truetype_subset(source.path, source.index, frozenset(map(ord, "我们")), "Test-1")
    assert b"glyf" in data[:400] and b"CFF " not in data[:400]
    assert len(data) < 20_000  # two characters, not the 20 MB collection


HEBREW_WORDS = [a + b for a in "אבגדה" for b in "טיכלמנסעפצקר"]  # 60 two-letter words


def test_a_wrapped_hebrew_passage_reads_from_its_first_line_down(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "Scripts") as workshop:
        WorkshopStore(workshop).notes.add("purpose", "story", " ".join(HEBREW_WORDS))
        build_report(workshop, tmp_path / "r.pdf")
    lines: dict[float, list[tuple[float, int]]] = {}
    for top, x, glyphs in _on_page(tmp_path / "r.pdf"):
        if glyphs[::-1] in HEBREW_WORDS:  # drawn right to left: the last letter stands left
            lines.setdefault(top, []).append((x, HEBREW_WORDS.index(glyphs[::-1])))
    assert len(lines) >= 2
    order = [
        number for top in sorted(lines) for _x, number in sorted(lines[top], reverse=True)
    ]  # lines top down, each from its right end
    assert order == list(range(len(HEBREW_WORDS)))


@pytest.mark.slow
def test_titles_in_any_script_in_the_running_header(tmp_path: Path) -> None:
    _needs(ord("工"))
    with create_workshop(tmp_path / "w.ampdesk", "工作坊 2026 · סדנה") as workshop:
        build_report(workshop, tmp_path / "r.pdf")
    second = _plain(_pdftotext(tmp_path / "r.pdf", "-f", "2", "-l", "2"))
    assert second.startswith("工作坊 2026 · סדנה")


@pytest.mark.slow
def test_a_second_document_with_more_cjk_characters(tmp_path: Path) -> None:
    # each conversion of the CFF font holds the characters of the ones before and is a face
    # of its own (ReportLab would share one face between fonts of one PostScript name)
    _needs(ord("工"))
    for number, title in enumerate(("工作坊", "我们想要更多自主权")):
        with create_workshop(tmp_path / f"w{number}.ampdesk", title) as workshop:
            build_report(workshop, tmp_path / f"r{number}.pdf")
        assert title in _plain(_pdftotext(tmp_path / f"r{number}.pdf", "-l", "1"))


def test_without_fontconfig_the_platform_font_folders_are_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as on Windows and macOS: no fc-list, the fonts installed in the platform's folders
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", ":charset=939"], capture_output=True, text=True
    ).stdout
    if "Devanagari" not in found:
        pytest.skip("no Devanagari font on this machine (CI installs fonts-noto-core)")
    folder = tmp_path / "Fonts"
    folder.mkdir()
    (folder / Path(found).name).symlink_to(found)
    (folder / "broken.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    monkeypatch.setattr(fonts, "font_folders", lambda: [folder])
    fonts._folder_fonts.cache_clear()
    assert fonts._candidates(ord("ह")) == [(folder / Path(found).name, 0)]
    assert fonts._candidates(ord("我")) == []
    fonts._folder_fonts.cache_clear()
