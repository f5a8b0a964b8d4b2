"""Read a compensation audit from a spreadsheet (.xlsx, .ods) or a CSV export, all or nothing.

Columns are matched case-insensitively: ``role``, ``level``, ``work_type``, ``pay``,
``market_median`` are required; ``fte`` (default 1), ``person``, ``group`` and ``currency`` are
optional; other columns are ignored, a column named twice is refused.

Spreadsheets are read with python-calamine (the first sheet, or the one named). CSV files may
be UTF-8 (with or without BOM), UTF-16 with a BOM, or else are read as Windows-1252 (Western
European, what Excel writes as "CSV"), which the result says; they are comma-, semicolon- or
tab-separated (decided by the header line). In semicolon files numbers may use a decimal
comma and ``.``/space thousands separators (``52.000,50``); in comma and tab files a decimal
point, with comma thousands separators (``"52,000.50"``). Pay, market median and FTE must be
finite, above zero and under 10^12. Any problem raises :class:`PayImportError` naming the
line (CSV, the line a quoted multi-line row starts on) or row (spreadsheet) and the column,
and nothing is returned.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ampdesk.framework.fairness import PayRow, WorkType
from ampdesk.framework.text_limits import TEXT_LIMITS, TextTooLong, check_length
from ampdesk.framework.untrusted_files import (
    UntrustedFileError,
    check_archive,
    check_regular,
    in_child,
    read_regular,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader  # what csv.reader returns, with its line_num

REQUIRED = ("role", "level", "work_type", "pay", "market_median")
OPTIONAL = ("fte", "person", "group", "currency")
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_TITLE_ROWS = 10  # rows above the header that are skipped (a title, an export date)
MAX_AMOUNT = 1e12  # no pay or market median in any currency reaches this
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
WORK_TYPES: dict[str, WorkType] = {
    "routine": "routine",
    "algorithmic": "routine",
    "creative": "creative",
    "heuristic": "creative",
}
Cells = list[str]
_TEXT_COLUMNS = {  # each text cell and the column that keeps it
    "role": "pay_record.role",
    "level": "pay_record.level",
    "person": "pay_record.person",
    "group": "pay_record.group_name",
    "currency": "pay_record.currency",
}


class PayImportError(ValueError):
    """The file cannot be imported; ``line`` (header = 1) and ``column`` say where."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: str | None = None,
        unit: str = "line",
    ):
        where = ""
        if line is not None:
            where = f"{unit} {line}" + (f", column '{column}'" if column else "") + ": "
        super().__init__(where + message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class PayFile:
    """The rows of an imported file and how it was read (encoding, separator, sheet)."""

    rows: tuple[PayRow, ...]
    read_as: str


def read_pay_file(path: Path, sheet: str | None = None) -> tuple[PayRow, ...]:
    """The rows of a spreadsheet or CSV export; raises PayImportError (or OSError) without
    partial results."""
    return read_pay_source(path, sheet).rows


def read_pay_source(path: Path, sheet: str | None = None) -> PayFile:
    """Like :func:`read_pay_file`, and say how the file was read. A spreadsheet is judged
    first and parsed in a child process under limits (:mod:`.untrusted_files`)."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + SPREADSHEET_SUFFIXES:
        raise PayImportError(
            f"{path.name}: import a spreadsheet (.xlsx, .ods) or a CSV export (.csv, .txt)"
        )
    try:
        if check_regular(path) > MAX_BYTES:
            raise PayImportError(f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        if suffix in SPREADSHEET_SUFFIXES:
            check_archive(path)
            result: PayFile = in_child(path.name, _read_spreadsheet, path, sheet)
            return result
        if sheet is not None:
            raise PayImportError(f"{path.name}: a CSV file has no sheets; leave out the sheet name")
        return parse_pay_source(read_regular(path, MAX_BYTES))
    except UntrustedFileError as exc:
        raise PayImportError(str(exc)) from None


def parse_pay_csv(data: bytes) -> tuple[PayRow, ...]:
    """Parse and validate a whole CSV export; every row is checked before any is returned."""
    return parse_pay_source(data).rows


def parse_pay_source(data: bytes) -> PayFile:
    """Like :func:`parse_pay_csv`, and say which encoding and separator were assumed."""
    text, encoding = _decode(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise PayImportError("the file is empty: expected a header line with the column names")
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    separator = {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
    rows = _validate(_numbered(reader), decimal_comma=delimiter == ";", unit="line")
    return PayFile(rows, f"CSV, {encoding}, {separator}-separated")


def _numbered(reader: CsvReader) -> Iterator[tuple[int, Cells]]:
    """Each record with the line it starts on (a quoted cell may span several lines)."""
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PayImportError(f"not a readable CSV file ({exc})", start) from None
        yield start, cells
        start = reader.line_num + 1


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise PayImportError(f"not readable UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise PayImportError("not a text CSV file (it contains binary data)")
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "read as Windows-1252 (not UTF-8)"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PayImportError(
            "neither UTF-8 nor Windows-1252 text; save the spreadsheet as 'CSV UTF-8'", line
        ) from None


def _read_spreadsheet(path: Path, sheet: str | None) -> PayFile:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's own errors: a damaged or password-protected file
        raise PayImportError(f"{path.name}: not a readable spreadsheet ({exc})") from None
    names = list(book.sheet_names)
    if not names:
        raise PayImportError(f"{path.name}: the spreadsheet has no sheets")
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise PayImportError(f"{path.name}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
    try:
        values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise PayImportError(f"{path.name}: sheet {sheet!r} cannot be read ({exc})") from None
    numbered = ((i + 1, [_cell_text(v) for v in row]) for i, row in enumerate(values))
    rows = _validate(numbered, decimal_comma=False, unit="row")
    return PayFile(rows, f"spreadsheet, sheet {sheet!r}")


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return "" if value is None else str(value)


def _number(text: str, decimal_comma: bool, where: tuple[int, str, str]) -> float:
    line, column, unit = where
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        cleaned = cleaned.replace(".", "").replace(",", ".") if "," in cleaned else cleaned
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise PayImportError(f"{text!r} is not a number", line, column, unit) from None
    if not math.isfinite(value):
        raise PayImportError(f"{text!r} is not a number", line, column, unit)
    return value


def _amount(text: str, decimal_comma: bool, where: tuple[int, str, str], what: str) -> float:
    value = _number(text, decimal_comma, where)
    if not 0 < value < MAX_AMOUNT:
        raise PayImportError(
            f"{what} must be more than zero and less than 10^12, not {text}", *where
        )
    return value


def _header(numbered: Iterator[tuple[int, Cells]], unit: str) -> dict[str, int]:
    """The columns' positions, from the first row naming every required column (a few title
    rows above it, as some HR exports have, are skipped)."""
    first: tuple[int, list[str]] | None = None
    for line, cells in numbered:
        header = [h.strip().lower() for h in cells]
        if not any(header):
            continue
        first = first or (line, header)
        if all(c in header for c in REQUIRED):
            named = [h for h in header if h]
            twice = sorted({h for h in named if named.count(h) > 1} & {*REQUIRED, *OPTIONAL})
            if twice:
                raise PayImportError(
                    f"column {twice[0]!r} appears twice; keep one", line, twice[0], unit
                )
            return {n: header.index(n) for n in (*REQUIRED, *OPTIONAL) if n in header}
        if line - first[0] >= MAX_TITLE_ROWS:
            break
    if first is None:
        raise PayImportError("the file is empty: expected a header line with the column names")
    missing = [c for c in REQUIRED if c not in first[1]]
    raise PayImportError(f"missing required column(s): {', '.join(missing)}", first[0], None, unit)


def _validate(
    numbered: Iterable[tuple[int, Cells]], decimal_comma: bool, unit: str
) -> tuple[PayRow, ...]:
    records = iter(numbered)
    index = _header(records, unit)
    rows: list[PayRow] = []
    people: dict[str, int] = {}
    currency_of_role: dict[str, tuple[str, int]] = {}
    work_of_role: dict[tuple[str, str], tuple[WorkType, int]] = {}
    last = 1
    for line, cells in records:
        last = line
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise PayImportError(f"more than {MAX_ROWS:,} rows; split the file", line, None, unit)

        def cell(name: str, cells: Cells = cells) -> str:
            position = index.get(name)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        def where(column: str, line: int = line) -> tuple[int, str, str]:
            return line, column, unit

        for name, key in _TEXT_COLUMNS.items():
            try:
                check_length(cell(name), TEXT_LIMITS[key])
            except TextTooLong as exc:
                raise PayImportError(str(exc), *where(name)) from None

        for name in REQUIRED:
            if not cell(name):
                raise PayImportError("this required cell is empty", *where(name))
        work = WORK_TYPES.get(cell("work_type").lower())
        if work is None:
            raise PayImportError(
                f"{cell('work_type')!r} is not a work type (routine or creative)",
                *where("work_type"),
            )
        pay = _amount(cell("pay"), decimal_comma, where("pay"), "pay")
        median = _amount(
            cell("market_median"), decimal_comma, where("market_median"), "the market median"
        )
        fte = _number(cell("fte"), decimal_comma, where("fte")) if cell("fte") else 1.0
        if not 0 < fte <= 1.5:
            raise PayImportError(f"FTE {cell('fte')} is outside (0, 1.5]", *where("fte"))
        role, level = cell("role"), cell("level")
        person = cell("person") or None
        if person is not None:
            if person in people:
                raise PayImportError(
                    f"person {person!r} appears twice (also on {unit} {people[person]})",
                    *where("person"),
                )
            people[person] = line
        currency = cell("currency").upper() or None
        if currency is not None:
            seen = currency_of_role.setdefault(role, (currency, line))
            if seen[0] != currency:
                raise PayImportError(
                    f"role {role!r} mixes currencies {seen[0]} ({unit} {seen[1]}) and {currency}",
                    *where("currency"),
                )
        seen_work = work_of_role.setdefault((role, level), (work, line))
        if seen_work[0] != work:
            raise PayImportError(
                f"{role} / {level} is {seen_work[0]} on {unit} {seen_work[1]} but {work} here",
                *where("work_type"),
            )
        rows.append(
            PayRow(
                role=role,
                level=level,
                work_type=work,
                pay=pay,
                market_median=median,
                fte=fte,
                person=person,
                group=cell("group") or None,
                currency=currency,
            )
        )
    if not rows:
        raise PayImportError("the file has a header but no rows of pay data", last + 1, None, unit)
    return tuple(rows)


def sheet_names(path: Path) -> list[str]:
    """The sheets of a spreadsheet, in order (none for a CSV file)."""
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return []
    try:
        if check_regular(path) > MAX_BYTES:
            raise PayImportError(f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        check_archive(path)
        names: list[str] = in_child(path.name, _sheet_names, path)
        return names
    except UntrustedFileError as exc:
        raise PayImportError(str(exc)) from None


def _sheet_names(path: Path) -> list[str]:
    """The sheets' names, read by the library (in the child process)."""
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception as exc:
        raise PayImportError(f"{path.name}: not a readable spreadsheet ({exc})") from None
