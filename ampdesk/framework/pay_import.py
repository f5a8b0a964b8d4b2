"""Read a compensation audit from a spreadsheet export (CSV), all or nothing.

Columns are matched case-insensitively: ``role``, ``level``, ``work_type``, ``pay``,
``market_median`` are required; ``fte`` (default 1), ``person``, ``group`` and ``currency`` are
optional; other columns are ignored. Comma- or semicolon-separated (decided by the header
line), UTF-8 with or without BOM. In semicolon files numbers may use a decimal comma and
``.``/space thousands separators (``52.000,50``); in comma files a decimal point, with comma
thousands separators only inside quotes (``"52,000.50"``). Any problem raises
:class:`PayImportError` naming the line and column, and nothing is returned.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ampdesk.framework.fairness import PayRow, WorkType

REQUIRED = ("role", "level", "work_type", "pay", "market_median")
OPTIONAL = ("fte", "person", "group", "currency")
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
WORK_TYPES: dict[str, WorkType] = {
    "routine": "routine",
    "algorithmic": "routine",
    "creative": "creative",
    "heuristic": "creative",
}


class PayImportError(ValueError):
    """The file cannot be imported; ``line`` (header = 1) and ``column`` say where."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None):
        where = ""
        if line is not None:
            where = f"line {line}" + (f", column '{column}'" if column else "") + ": "
        super().__init__(where + message)
        self.line = line
        self.column = column


def read_pay_file(path: Path) -> tuple[PayRow, ...]:
    """Read a CSV export; raises PayImportError (or OSError) without partial results."""
    if path.suffix.lower() not in (".csv", ".txt"):
        raise PayImportError(f"{path.name}: only CSV exports (.csv, .txt) can be imported")
    if path.stat().st_size > MAX_BYTES:
        raise PayImportError(f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    return parse_pay_csv(path.read_bytes())


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise PayImportError("not a text CSV file (it contains binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PayImportError(
            "not UTF-8 text; save the spreadsheet as 'CSV UTF-8' and try again", line
        ) from exc


def _number(text: str, semicolon: bool, line: int, column: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if semicolon:
        cleaned = cleaned.replace(".", "").replace(",", ".") if "," in cleaned else cleaned
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise PayImportError(f"{text!r} is not a number", line, column) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise PayImportError(f"{text!r} is not a number", line, column)
    return value


def parse_pay_csv(data: bytes) -> tuple[PayRow, ...]:
    """Parse and validate a whole CSV export; every row is checked before any is returned."""
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise PayImportError("the file is empty: expected a header line with the column names")
    semicolon = first_line.count(";") > first_line.count(",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if semicolon else ",")
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise PayImportError(f"not a readable CSV file ({exc})", 1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PayImportError(f"missing required column(s): {', '.join(missing)}", 1)
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}

    rows: list[PayRow] = []
    people: dict[str, int] = {}
    currency_of_role: dict[str, tuple[str, int]] = {}
    work_of_role: dict[tuple[str, str], tuple[WorkType, int]] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise PayImportError(f"more than {MAX_ROWS:,} rows; split the file", line)

            def cell(name: str, cells: list[str] = cells) -> str:
                position = index.get(name)
                return (
                    cells[position].strip()
                    if position is not None and position < len(cells)
                    else ""
                )

            for name in REQUIRED:
                if not cell(name):
                    raise PayImportError("this required cell is empty", line, name)
            work = WORK_TYPES.get(cell("work_type").lower())
            if work is None:
                raise PayImportError(
                    f"{cell('work_type')!r} is not a work type (routine or creative)",
                    line,
                    "work_type",
                )
            pay = _number(cell("pay"), semicolon, line, "pay")
            if pay <= 0:
                raise PayImportError(f"pay must be more than zero, not {cell('pay')}", line, "pay")
            median = _number(cell("market_median"), semicolon, line, "market_median")
            if median <= 0:
                raise PayImportError(
                    "the market median must be more than zero", line, "market_median"
                )
            fte = _number(cell("fte"), semicolon, line, "fte") if cell("fte") else 1.0
            if not 0 < fte <= 1.5:
                raise PayImportError(f"FTE {cell('fte')} is outside (0, 1.5]", line, "fte")
            role, level = cell("role"), cell("level")
            person = cell("person") or None
            if person is not None:
                if person in people:
                    raise PayImportError(
                        f"person {person!r} appears twice (also on line {people[person]})",
                        line,
                        "person",
                    )
                people[person] = line
            currency = cell("currency").upper() or None
            if currency is not None:
                seen = currency_of_role.setdefault(role, (currency, line))
                if seen[0] != currency:
                    raise PayImportError(
                        f"role {role!r} mixes currencies {seen[0]} (line {seen[1]}) and {currency}",
                        line,
                        "currency",
                    )
            seen_work = work_of_role.setdefault((role, level), (work, line))
            if seen_work[0] != work:
                raise PayImportError(
                    f"{role} / {level} is {seen_work[0]} on line {seen_work[1]} but {work} here",
                    line,
                    "work_type",
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
    except csv.Error as exc:
        raise PayImportError(f"not a readable CSV file ({exc})", reader.line_num) from None
    if not rows:
        raise PayImportError("the file has a header but no rows of pay data", 2)
    return tuple(rows)
