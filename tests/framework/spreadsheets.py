"""Write small .xlsx and .ods files as spreadsheet programs do (zip archives of XML), so the
tests read real files without another library."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

Sheet = list[list[object]]


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xlsx_sheet(rows: Sheet) -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                text = escape(str(value))
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(body)}</sheetData></worksheet>"
    )


def write_xlsx(path: Path, sheets: dict[str, Sheet]) -> None:
    """An Office Open XML workbook with the given sheets, in order."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    names = list(sheets)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}"><sheets>'
            + "".join(
                f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, n in enumerate(names, start=1)
            )
            + "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{ns}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>",
        )
        for i, name in enumerate(names, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _xlsx_sheet(sheets[name]))


def write_ods(path: Path, sheets: dict[str, Sheet]) -> None:
    """An OpenDocument spreadsheet with the given sheets, in order."""
    tables = []
    for name, rows in sheets.items():
        body = []
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, int | float):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    cells.append(
                        '<table:table-cell office:value-type="string">'
                        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                    )
            body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(body)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)


def _replace_sheet(path: Path, write_sheet: object) -> None:
    """Write a one-sheet workbook named Pay, then give it the worksheet ``write_sheet``
    streams (a callable taking the open entry)."""
    header = [["role", "level", "work_type", "pay", "market_median"]]
    write_xlsx(path.with_suffix(".base.xlsx"), {"Pay": header})
    with (
        zipfile.ZipFile(path.with_suffix(".base.xlsx")) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename == "xl/worksheets/sheet1.xml":
                with target.open(entry.filename, "w", force_zip64=True) as out:
                    write_sheet(out)  # type: ignore[operator]
            else:
                target.writestr(entry.filename, source.read(entry))
    path.with_suffix(".base.xlsx").unlink()


_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = b"</sheetData></worksheet>"


def write_sparse_xlsx(path: Path) -> None:
    """A few KB: a header and one cell at the last column of the last row (XFD1048576)."""

    def sheet(out: object) -> None:
        out.write(  # type: ignore[attr-defined]
            _SHEET_START
            + b'<row r="1"><c r="A1" t="inlineStr"><is><t>role</t></is></c></row>'
            + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
            + _SHEET_END
        )

    _replace_sheet(path, sheet)


def write_bomb_xlsx(path: Path, megabytes: int) -> None:
    """A worksheet of ``megabytes`` MB of spaces, deflated to about a thousandth of that."""

    def sheet(out: object) -> None:
        out.write(_SHEET_START)  # type: ignore[attr-defined]
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            out.write(block)  # type: ignore[attr-defined]
        out.write(_SHEET_END)  # type: ignore[attr-defined]

    _replace_sheet(path, sheet)
