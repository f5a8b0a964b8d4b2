"""Reading pay exports: formats spreadsheets produce, and bad files refused with line and column."""

from pathlib import Path

import pytest

from ampdesk.framework.pay_import import PayImportError, parse_pay_csv, read_pay_file

HEADER = "role,level,work_type,pay,market_median,fte,person,group,currency\n"


def parse(text: str) -> list[object]:
    return list(parse_pay_csv(text.encode("utf-8")))


def test_comma_file_with_optional_columns() -> None:
    (first, second) = parse(
        HEADER
        + "Designer,Mid,creative,52000.50,50000,1,Ana,A,eur\n"
        + 'Support,Agent,algorithmic,"36,000",37000,0.8,Bo,B,EUR\n'
    )
    assert first.pay == 52000.5 and first.person == "Ana" and first.currency == "EUR"  # type: ignore[attr-defined]
    assert second.work_type == "routine" and second.pay == 36000 and second.fte == 0.8  # type: ignore[attr-defined]


def test_semicolon_file_with_bom_decimal_commas_and_mixed_case_headers() -> None:
    data = (
        "\ufeffRole;LEVEL; Work_Type ;Pay;Market_Median;FTE\n"
        "Entwickler;Senior;Heuristic;52.000,50;50 000;0,5\n"
    )
    (only,) = parse(data)
    assert only.pay == 52000.5 and only.market_median == 50000 and only.fte == 0.5  # type: ignore[attr-defined]
    assert only.work_type == "creative"  # type: ignore[attr-defined]


def test_fte_defaults_to_one_and_extra_columns_are_ignored() -> None:
    (only,) = parse("role,level,work_type,pay,market_median,notes\nA,B,routine,10,10,hello\n")
    assert only.fte == 1.0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("role,level,pay,market_median\nA,B,1,1\n", 1, None, "work_type"),
        (HEADER + "A,B,creative,abc,1,1,,,\n", 2, "pay", "not a number"),
        (HEADER + "A,B,creative,1,1,1,,,\nA,B,creative,-5,1,1,,,\n", 3, "pay", "more than zero"),
        (HEADER + "A,B,creative,10,0,1,,,\n", 2, "market_median", "more than zero"),
        (HEADER + "A,B,creative,10,,1,,,\n", 2, "market_median", "empty"),
        (HEADER + "A,B,creative,10,10,1.6,,,\n", 2, "fte", "outside"),
        (HEADER + "A,B,creative,10,10,0,,,\n", 2, "fte", "outside"),
        (
            HEADER + "A,B,creative,10,10,1,,,EUR\nA,C,creative,10,10,1,,,USD\n",
            3,
            "currency",
            "mixes",
        ),
        (HEADER + "A,B,creative,10,10,1,Jo,,\nC,B,routine,10,10,1,Jo,,\n", 3, "person", "twice"),
        (HEADER + "A,B,creative,10,10,1,,,\nA,B,routine,10,10,1,,,\n", 3, "work_type", "creative"),
        (HEADER + "A,B,artistic,10,10,1,,,\n", 2, "work_type", "not a work type"),
        (HEADER, 2, None, "no rows"),
        ("", None, None, "empty"),
    ],
)
def test_bad_rows_name_line_and_column(
    text: str, line: int | None, column: str | None, words: str
) -> None:
    with pytest.raises(PayImportError) as caught:
        parse(text)
    assert caught.value.line == line
    assert caught.value.column == column
    assert words in str(caught.value)
    if line is not None:
        assert str(caught.value).startswith(f"line {line}")


def test_binary_and_unreadable_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PayImportError, match="binary"):
        parse_pay_csv(b"PK\x03\x04\x00\x00binary zip")
    latin1 = (HEADER + "Café,B,creative,10,10,1,,,\n").encode("latin-1")
    assert parse_pay_csv(latin1)[0].role == "Café"  # read as Windows-1252 (tests: spreadsheets)
    xlsx = tmp_path / "pay.xlsx"
    xlsx.write_bytes(b"PK")
    with pytest.raises(PayImportError, match="not a readable spreadsheet"):
        read_pay_file(xlsx)
    with pytest.raises(PayImportError, match="spreadsheet"):
        read_pay_file(tmp_path / "pay.pdf")


@pytest.mark.slow
def test_a_hundred_thousand_rows_import(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = [
        f"Role {i % 40},L{i % 3},creative,{50000 + i % 997},50000,1,p{i},,EUR"
        for i in range(100_000)
    ]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    rows = read_pay_file(path)
    assert len(rows) == 100_000
    assert rows[-1].person == "p99999"
