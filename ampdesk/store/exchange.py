"""Data exchange: the whole workshop as documented JSON and back; answers, notes, actions as CSV.

The JSON holds every table of the workshop file, rows ordered by key, values as JSON types
(dates and times as ISO 8601 text). Writing is canonical (sorted keys, two-space indent,
UTF-8, final newline), so export -> import -> export gives identical bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError

from ampdesk.framework.pay_import import MAX_AMOUNT
from ampdesk.framework.plan import WORKSHOP_FORMAT
from ampdesk.framework.text_limits import TextTooLong, check_row
from ampdesk.framework.untrusted_files import UntrustedFileError, read_regular
from ampdesk.store import models
from ampdesk.store.creation import create_whole
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.outputs import refuse_overwrite, whole_file
from ampdesk.store.stored_values import file_problem
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore

FORMAT = WORKSHOP_FORMAT  # the format id templates check for, to refuse a whole workshop
# Every table of the schema, parents before children so that foreign keys hold on import.
TABLES: tuple[Table, ...] = tuple(models.Base.metadata.sorted_tables)
# Schema 6 added only an index: JSON written at schema 5 holds the same tables and columns.
READABLE_VERSIONS = range(5, SCHEMA_VERSION + 1)
MAX_JSON_BYTES = 1024**3  # a workshop of a million notes is about 400 MB of JSON


class ExchangeError(ValueError):
    """A JSON file that is not an ampdesk workshop of a readable version, or is malformed."""


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def export_data(workshop: Workshop, include_individual_pay: bool = True) -> dict[str, Any]:
    """Every table of ``workshop`` as JSON-ready data. Without individual pay, the data of a
    hand-over copy without it (see :func:`ampdesk.store.handover.hand_over`): the audit's
    summary instead of its rows (a group under the threshold keeps its state, no figure),
    no trace of phones and no hidden notes."""
    if not include_individual_pay:
        from ampdesk.store.handover import hand_over
        from ampdesk.store.workshop_file import open_workshop

        with tempfile.TemporaryDirectory(prefix="ampdesk-export-") as folder:
            copy = Path(folder) / "copy.ampdesk"
            hand_over(workshop, copy, include_individual_pay=False)
            with open_workshop(copy) as handed_over:
                return export_data(handed_over)
    tables: dict[str, list[dict[str, Any]]] = {}
    with workshop.session() as session:
        for table in TABLES:
            rows = session.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [
                {key: _to_json(value) for key, value in row._mapping.items()} for row in rows
            ]
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}


def holds_individual_pay(data: dict[str, Any]) -> bool:
    """Whether exported ``data`` holds any person's pay."""
    return bool(data["tables"]["pay_record"])


def dumps(data: dict[str, Any]) -> str:
    """The canonical text of exported data."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(workshop: Workshop, target: Path, include_individual_pay: bool = True) -> bool:
    """Write ``workshop`` as JSON to ``target``; returns whether it holds individual pay. Such
    a file is created readable by its owner only."""
    refuse_overwrite(target, workshop.path)
    data = export_data(workshop, include_individual_pay)
    confidential = holds_individual_pay(data)
    with (
        whole_file(target, private=confidential) as temporary,
        temporary.open("w", encoding="utf-8", newline="\n") as handle,
    ):
        handle.write(dumps(data))
    return confidential


def _from_json(table_name: str, index: int, column: Any, value: Any) -> Any:
    where = f"{table_name}[{index}].{column.name}"
    if value is None:
        if not column.nullable:
            raise ExchangeError(f"{where} must not be empty")
        return None
    try:
        if isinstance(column.type, DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ExchangeError(f"{where}: {value!r} is not an ISO date") from None
    expected = column.type.python_type
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
        raise ExchangeError(f"{where} must be {expected.__name__}, not {type(value).__name__}")
    if expected is int and not -(2**63) <= value < 2**63:
        raise ExchangeError(f"{where} is a larger number than a file holds")
    return value


def _check_pay(index: int, row: dict[str, Any]) -> None:
    """The same ranges as a pay import: amounts above zero and under 10^12, FTE in (0, 1.5]."""
    for column in ("pay", "market_median"):
        if not 0 < row[column] < MAX_AMOUNT:
            raise ExchangeError(
                f"pay_record[{index}].{column} must be more than zero and less than 10^12"
            )
    if not 0 < row["fte"] <= 1.5:
        raise ExchangeError(f"pay_record[{index}].fte must be in (0, 1.5]")


def _rows(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Validate the shape and return converted rows per table; nothing is written here."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError("not an ampdesk workshop JSON file (no 'format': 'ampdesk-workshop')")
    version = data.get("schema_version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise ExchangeError(
            f"the file has schema version {version!r}; this ampdesk reads "
            f"{READABLE_VERSIONS[0]} to {SCHEMA_VERSION}"
        )
    tables = data.get("tables")
    names = {table.name for table in TABLES}
    if not isinstance(tables, dict) or set(tables) != names:
        raise ExchangeError("'tables' must hold exactly: " + ", ".join(sorted(names)))
    converted: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = tables[table.name]
        if not isinstance(rows, list):
            raise ExchangeError(f"tables.{table.name} must be a list")
        columns = {c.name: c for c in table.columns}
        converted[table.name] = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) != set(columns):
                raise ExchangeError(
                    f"{table.name}[{index}] must have exactly the keys "
                    + ", ".join(sorted(columns))
                )
            values = {name: _from_json(table.name, index, columns[name], row[name]) for name in row}
            try:
                check_row(table.name, values)
            except TextTooLong as exc:
                raise ExchangeError(f"{table.name}[{index}]: {exc}") from None
            converted[table.name].append(values)
    for index, row in enumerate(converted.get("pay_record", [])):
        _check_pay(index, row)
    if len(converted["workshop"]) != 1:
        raise ExchangeError("tables.workshop must hold exactly one row")
    return converted


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def import_json(source: Path, target: Path) -> None:
    """Create the workshop file ``target`` from the JSON file ``source``, all or nothing."""
    try:
        text = read_regular(source, MAX_JSON_BYTES).decode("utf-8")
        data = json.loads(text, parse_constant=_no_constant)
    except UntrustedFileError as exc:
        raise ExchangeError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{source.name}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{source.name}: not valid JSON ({exc})") from exc
    except RecursionError:
        raise ExchangeError(f"{source.name}: nested more deeply than a workshop") from None
    rows = _rows(data)

    def fill(workshop: Workshop) -> None:
        with workshop.session() as session:
            session.execute(delete(models.WorkshopDetails))
            for table in TABLES:
                if rows[table.name]:
                    session.execute(insert(table), rows[table.name])
        with closing(sqlite3.connect(workshop.path)) as conn:
            problem = file_problem(conn)  # as strict as opening the file will be
        if problem is not None:
            raise ExchangeError(f"{source.name}: {problem}")

    try:
        create_whole(target, "import", fill)
    except IntegrityError as exc:
        reason = str(exc.orig).splitlines()[0]  # the constraint, never the rows' values
        raise ExchangeError(f"{source.name}: the data does not fit together ({reason})") from None


# Where a spreadsheet may start a cell inside a field: at its start, or after a separator it
# splits on although the field is quoted (one that splits on ";" reads "a;=1" as two cells).
_FORMULA_CELL = re.compile(r"(^|[,;\t])([=+\-@\t\r])")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: text starting like a formula, at its start
    or after a separator, gets a single quote there (OWASP's rule for CSV injection); None
    becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _FORMULA_CELL.sub(r"\1'\2", value)
    return value


def export_csv(workshop: Workshop, folder: Path) -> list[Path]:
    """Write the anonymous answers, the notes with their dots, the actions and each action's
    status at every check-in as CSV files; no cell is read as a formula."""
    folder.mkdir(parents=True, exist_ok=True)
    store = WorkshopStore(workshop)
    actions = store.actions.all()
    with workshop.session() as session:
        answers = session.execute(
            select(
                models.Answer.activity,
                models.Answer.item,
                models.Answer.value,
                models.Answer.source,
                models.Answer.checkin_id,
            ).order_by(models.Answer.id)
        ).all()
    sheets: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
        "answers.csv": (("activity", "item", "value", "source", "checkin"), list(answers)),
        "notes.csv": (
            ("step", "kind", "dimension", "text", "dots"),
            [
                (n.step, n.kind, n.dimension or "", n.text, n.votes)
                for n in store.notes.all()
                if not n.hidden  # hidden notes leave no export
            ],
        ),
        "actions.csv": (
            ("step", "action", "owner", "due", "measure"),
            [
                (a.step, a.title, a.owner, a.due.isoformat() if a.due else "", a.measure)
                for a in actions
            ],
        ),
        "checkins.csv": (
            ("checkin", "date", "action", "status", "note"),
            [
                (c.id, c.held_on.isoformat(), a.title, *c.statuses.get(a.id, ("not_started", "")))
                for c in store.checkins.all()
                for a in actions
            ],
        ),
    }
    written = []
    for name, (header, rows) in sheets.items():
        path = folder / name
        refuse_overwrite(path, workshop.path)
        with (
            whole_file(path) as temporary,
            temporary.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)  # no separator splits a cell
            writer.writerow(header)
            writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
        written.append(path)
    return written
