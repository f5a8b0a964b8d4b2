"""Pay imports from the files people have: .xlsx and .ods (first sheet or a named one), CSV in
UTF-8, UTF-16 and Windows-1252, separated by commas, semicolons or tabs; errors name the
spreadsheet's row, or the line a quoted multi-line CSV row starts on."""

from __future__ import annotations

from pathlib import Path

import pytest

from ampdesk.framework.pay_import import (
    PayImportError,
    parse_pay_source,
    read_pay_file,
    read_pay_source,
)
from tests.cli.runner import ampdesk
from tests.framework.spreadsheets import write_ods, write_xlsx

HEADER = ["Role", "Level", "Work_type", "Pay", "Market_median", "FTE", "Person", "Currency"]
ROWS: list[list[object]] = [
    ["Engineer", "L2", "creative", 61000, 60000, 1, "Zoë", "EUR"],
    ["Engineer", "L2", "creative", 30500.5, 60000, 0.5, "Ana", "EUR"],
    ["Support", "L1", "routine", 41000, 42000, 1, "Jo", "EUR"],
]


@pytest.mark.parametrize("write", [write_xlsx, write_ods])
def test_spreadsheets_first_sheet_or_named(tmp_path: Path, write: object) -> None:
    suffix = ".xlsx" if write is write_xlsx else ".ods"
    path = tmp_path / f"pay{suffix}"
    other = [HEADER, ["Boss", "L9", "creative", 99000, 90000, 1, "Max", "EUR"]]
    write(path, {"Audit 2026": [HEADER, *ROWS], "Managers": other})  # type: ignore[operator]
    first = read_pay_source(path)
    assert [r.person for r in first.rows] == ["Zoë", "Ana", "Jo"]
    assert first.rows[1].pay == 30500.5 and first.rows[1].fte == 0.5
    assert "Audit 2026" in first.read_as
    named = read_pay_file(path, "Managers")
    assert [r.person for r in named] == ["Max"]
    with pytest.raises(PayImportError, match=r"no sheet named 'Budget'.*Audit 2026, Managers"):
        read_pay_file(path, "Budget")


def test_spreadsheet_errors_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "pay.xlsx"
    bad = [*ROWS[:2], ["Support", "L1", "routine", "lots", 42000, 1, "Jo", "EUR"]]
    write_xlsx(path, {"Sheet1": [["Exported 2026-11-30"], [], HEADER, *bad]})
    with pytest.raises(PayImportError) as caught:
        read_pay_file(path)
    assert str(caught.value).startswith("row 6, column 'pay'")


def _csv(rows: list[list[object]], sep: str) -> str:
    return "\r\n".join(sep.join(str(c) for c in row) for row in [HEADER, *rows]) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("cp1252", "1252")],
)
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_encodings_and_separators(encoding: str, said: str, sep: str) -> None:
    text = _csv([["Café", "L1", "creative", 50000, 52000, 1, "Zoë", "EUR"]], sep)
    result = parse_pay_source(text.encode(encoding))
    assert said in result.read_as
    assert {",": "comma", ";": "semicolon", "\t": "tab"}[sep] in result.read_as
    assert result.rows[0].role == "Café" and result.rows[0].person == "Zoë"


def test_a_quoted_multi_line_row_is_counted_from_its_first_line() -> None:
    text = (
        "role,level,work_type,pay,market_median,person\n"
        'Dev,L1,creative,50000,52000,"Ana\nMaria"\n'
        'Dev,L1,creative,50000,52000,"Jo\nwith\nthree lines"\n'
        "Dev,L1,creative,free,52000,Max\n"
    )
    with pytest.raises(PayImportError) as caught:
        parse_pay_source(text.encode())
    assert str(caught.value).startswith("line 7, column 'pay'")


def test_a_column_named_twice_is_refused() -> None:
    text = "role,level,work_type,pay,market_median,Pay\nDev,L1,creative,1,2,3\n"
    with pytest.raises(PayImportError, match="column 'pay' appears twice"):
        parse_pay_source(text.encode())


def test_mixed_currencies_in_one_role_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "pay.ods"
    rows = [ROWS[0], ["Engineer", "L2", "creative", 70000, 60000, 1, "Kim", "USD"]]
    write_ods(path, {"Sheet1": [HEADER, *rows]})
    with pytest.raises(PayImportError, match=r"row 3, column 'currency'.*mixes currencies EUR"):
        read_pay_file(path)


@pytest.mark.parametrize("value", ["1e308", "1e12", "0", "-5", "inf", "nan"])
def test_amounts_must_be_positive_and_plausible(value: str) -> None:
    text = f"role,level,work_type,pay,market_median\nDev,L1,creative,{value},52000\n"
    with pytest.raises(PayImportError, match="line 2, column 'pay'"):
        parse_pay_source(text.encode())


@pytest.mark.slow
def test_import_pay_command_reads_a_sheet_and_says_how(tmp_path: Path) -> None:
    assert ampdesk("new", "w.ampdesk", cwd=tmp_path).returncode == 0
    write_xlsx(tmp_path / "pay.xlsx", {"Other": [["nothing"]], "Pay": [HEADER, *ROWS]})
    done = ampdesk("import-pay", "w.ampdesk", "pay.xlsx", "--sheet", "Pay", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Imported 3 pay records" in done.stdout and "sheet 'Pay'" in done.stdout
    (tmp_path / "pay.csv").write_bytes(_csv(ROWS, ";").encode("cp1252"))
    latin = ampdesk("import-pay", "w.ampdesk", "pay.csv", cwd=tmp_path)
    assert latin.returncode == 0 and "Windows-1252" in latin.stdout
    wrong = ampdesk("import-pay", "w.ampdesk", "pay.xlsx", "--sheet", "Nope", cwd=tmp_path)
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
