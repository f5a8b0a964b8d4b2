"""Fonts for the scripts the bundled DejaVu Sans lacks, found on this computer when a document
needs them: through fontconfig where it is installed (Linux), else in the platform's font
folders (Windows, macOS). A TrueType font is registered as it is (ReportLab embeds only the
glyphs used); a font with PostScript (CFF) outlines, such as Debian's Noto Sans CJK, is cut
down to the characters the document uses and converted to TrueType outlines first, because
ReportLab embeds TrueType outlines only. Colour-only emoji fonts are never used."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
# Font tables of colour emoji: such fonts have no outlines a PDF can embed.
COLOUR_ONLY = ("CBDT", "sbix", "COLR", "SVG ")


@dataclass
class _Source:
    """A font file on this computer, the characters it shows and its registered name."""

    path: Path
    index: int
    chars: frozenset[int]
    truetype: bool  # TrueType outlines (else CFF, converted before registering)
    name: str = ""  # the ReportLab font registered for it ("" until first used)
    covered: frozenset[int] = field(default_factory=frozenset)  # chars the registered font has


_lock = threading.RLock()
_sources: list[_Source] = []
_chosen: dict[int, str | None] = {}  # character: registered font name (None: no font shows it)
_searched: set[tuple[str, int]] = set()
_conversions = itertools.count(1)


def font_for(code: int) -> str | None:
    """The registered fallback font that shows character ``code``, or None if none on this
    computer does (the font is found and registered on first use)."""
    with _lock:
        if code not in _chosen:
            prepare([chr(code)])
        return _chosen[code]


def prepare(texts: Iterable[str], shown: frozenset[int] = frozenset()) -> None:
    """Find and register fonts for every character of ``texts`` not in ``shown`` at once, so
    that a font converted from CFF outlines is converted once per document."""
    with _lock:
        wanted = set(map(ord, set().union(*texts))) - shown - _chosen.keys()
        needs: dict[int, set[int]] = {}
        # letters first: the font found for a letter often has the punctuation around it
        for code in sorted(wanted, key=lambda c: (not chr(c).isalpha(), c)):
            source = _source_for(code)
            if source is None:
                _chosen[code] = None
            else:
                needs.setdefault(id(source), set()).add(code)
        for source in _sources:
            codes = needs.get(id(source))
            if codes:
                _register(source, frozenset(codes))
                _chosen.update(dict.fromkeys(codes, source.name))


def _register(source: _Source, codes: frozenset[int]) -> None:
    """Register ``source`` (again, with more characters, if it is converted from CFF)."""
    if source.truetype:
        if not source.name:
            source.name = f"ampdesk-{source.path.stem}-{source.index}"
            font = TTFont(source.name, str(source.path), subfontIndex=source.index)
            _add(font)
            source.covered = source.chars
        return
    if codes <= source.covered:
        return
    source.covered |= codes
    source.name = f"ampdesk-{source.path.stem}-{source.index}-{next(_conversions)}"
    # ReportLab shares one face between fonts of one PostScript name: each conversion has its own
    data = truetype_subset(source.path, source.index, source.covered, source.name)
    _add(TTFont(source.name, io.BytesIO(data)))
    for code in source.covered:  # the newest conversion holds every character of the older
        _chosen[code] = source.name


def _add(font: TTFont) -> None:
    pdfmetrics.registerFont(font)
    name = font.fontName
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


def _source_for(code: int) -> _Source | None:
    for source in _sources:
        if code in source.chars:
            return source
    for path, index in _candidates(code):
        key = (str(path), index)
        if key in _searched:
            continue
        _searched.add(key)
        found = _read(path, index)
        if found is not None:
            _sources.append(found)
            if code in found.chars:
                return found
    return None


def _read(path: Path, index: int) -> _Source | None:
    """The font at ``path`` (``index`` in a collection), or None if it cannot be embedded."""
    from fontTools.ttLib import TTFont as FontFile  # only when a script needs a font
    from fontTools.ttLib import TTLibError

    try:
        with FontFile(str(path), fontNumber=index, lazy=True) as font:
            if any(tag in font for tag in COLOUR_ONLY):
                return None
            truetype = "glyf" in font
            if not truetype and "CFF " not in font:
                return None
            return _Source(path, index, frozenset(font.getBestCmap() or {}), truetype)
    except (OSError, TTLibError, KeyError, AssertionError):
        return None


def _rank(path: Path, style: str) -> tuple[bool, bool, bool, int]:
    """Regular sans-serif faces first."""
    name = path.name.lower()
    regular = style.lower() in ("regular", "book", "normal", "roman", "")
    return (not regular, "sans" not in name, "serif" in name or "mono" in name, len(name))


def _candidates(code: int) -> list[tuple[Path, int]]:
    """Font files that may show ``code``, best first."""
    if shutil.which("fc-list"):
        result = subprocess.run(
            ["fc-list", f":charset={code:x}", "--format", "%{file}\t%{index}\t%{style[0]}\n"],
            capture_output=True,
            text=True,
            check=False,
        )
        found = []
        for line in result.stdout.splitlines():
            file, index, style = [*line.split("\t"), "", ""][:3]
            if file.lower().endswith(FONT_SUFFIXES) and index.isdigit():
                found.append((Path(file), int(index), style))
        found.sort(key=lambda f: _rank(f[0], f[2]))
        return [(path, index) for path, index, _ in found]
    return [(path, index) for path, index in _folder_fonts() if code in _folder_chars(path, index)]


@cache
def _folder_fonts() -> list[tuple[Path, int]]:
    """Every font file (and face of a collection) in the platform's font folders."""
    found: list[tuple[Path, int]] = []
    for folder in font_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in FONT_SUFFIXES:
                faces = _faces(path)
                found += [(path, index) for index in range(faces)]
    found.sort(key=lambda f: _rank(f[0], "regular" if "regular" in f[0].name.lower() else "?"))
    return found


def _faces(path: Path) -> int:
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 1
    try:
        with path.open("rb") as file:
            head = file.read(12)
        return int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1
    except OSError:
        return 0


@cache
def _folder_chars(path: Path, index: int) -> frozenset[int]:
    source = _read(path, index)
    return source.chars if source else frozenset()


def font_folders() -> list[Path]:
    """The folders fonts are installed in on this platform."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def truetype_subset(path: Path, index: int, codes: frozenset[int], postscript_name: str) -> bytes:
    """The font at ``path`` cut down to ``codes`` with its CFF outlines converted to TrueType
    (quadratic) outlines, as the bytes of a .ttf file named ``postscript_name``."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.ttLib import newTable

    font = FontFile(str(path), fontNumber=index)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    outlines = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        outlines[name] = pen.glyph()
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = outlines
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    names = font["name"]
    names.names = [record for record in names.names if record.nameID != 6]
    names.setName(postscript_name, 6, 3, 1, 0x409)
    names.setName(postscript_name, 6, 1, 0, 0)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
