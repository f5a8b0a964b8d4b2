"""The command's error paths the review found giving tracebacks: each is one line and exit 2
now, an unexpected error included (its traceback only with --debug), and no error prints the
values of the rows a database statement carried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from tests.cli.runner import ampdesk


def _one_line(result: object, *words: str) -> str:
    code, stderr = result.returncode, result.stderr  # type: ignore[attr-defined]
    assert (code, stderr.count("\n"), "Traceback" in stderr) == (2, 1, False), stderr
    for word in words:
        assert word in stderr
    return str(stderr)


@pytest.mark.slow
def test_out_of_range_options_are_one_line(tmp_path: Path) -> None:
    write_demo(tmp_path / "w.ampdesk").close()
    _one_line(
        ampdesk("live", "w.ampdesk", "--headless", "--port", "99999", cwd=tmp_path),
        "'99999' is not a port (0 to 65535)",
    )
    _one_line(
        ampdesk("screenshots", "w.ampdesk", "shots", "--scale", "1e-9", cwd=tmp_path),
        "'1e-9' is not a display scaling",
    )
    for value, words in (
        ("6.5", "'6.5' is not a whole number"),
        ("1e400", "is not a whole number"),
        ("x", "'x' is not a whole number"),
    ):
        _one_line(
            ampdesk("settings", "w.ampdesk", "--set", f"min_group_size={value}", cwd=tmp_path),
            words,
        )
    _one_line(
        ampdesk("settings", "w.ampdesk", "--set", "attention_spread=nan", cwd=tmp_path),
        "'nan' is not a number",
    )


@pytest.mark.slow
def test_a_whole_number_setting_is_taken(tmp_path: Path) -> None:
    """The review's ``--set min_group_size=6`` was refused as "'6.0' is not a number"."""
    write_demo(tmp_path / "w.ampdesk").close()
    result = ampdesk("settings", "w.ampdesk", "--set", "min_group_size=6", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "min_group_size = 6" in result.stdout


@pytest.mark.slow
def test_an_unexpected_error_is_one_line_and_its_traceback_is_asked_for(tmp_path: Path) -> None:
    """Deep JSON in a template goes past what Python's parser can nest: not a case ampdesk
    words itself, so the last resort says it in one line."""
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    message = _one_line(
        ampdesk("new", "n.ampdesk", "--template", "deep.json", cwd=tmp_path),
        "RecursionError",
        "--debug",
    )
    assert "n.ampdesk" not in [p.name for p in tmp_path.iterdir()], message
    debug = ampdesk("--debug", "new", "n.ampdesk", "--template", "deep.json", cwd=tmp_path)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


@pytest.mark.slow
def test_a_constraint_error_prints_no_row_values(tmp_path: Path) -> None:
    write_demo(tmp_path / "w.ampdesk").close()
    ampdesk("export", "w.ampdesk", "--format", "json", "-o", "w.json", cwd=tmp_path)
    data = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    data["tables"]["vote"][0]["note_id"] = 99_999
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    message = _one_line(
        ampdesk("import-json", "bad.json", "x.ampdesk", cwd=tmp_path),
        "does not fit together (FOREIGN KEY constraint failed)",
    )
    pay = str(data["tables"]["pay_record"][0]["pay"]).removesuffix(".0")
    assert "INSERT" not in message and "parameters" not in message and pay not in message


@pytest.mark.slow
def test_the_writer_lock_is_never_skipped(tmp_path: Path) -> None:
    """A lock file that cannot be made (here a folder has its name) refuses the writer; the
    review found the writer going on without a lock."""
    write_demo(tmp_path / "w.ampdesk").close()
    (tmp_path / "w.ampdesk-lock").mkdir()
    before = (tmp_path / "w.ampdesk").read_bytes()
    _one_line(
        ampdesk("settings", "w.ampdesk", "--set", "attention_spread=1.4", cwd=tmp_path),
        "cannot take the writer lock w.ampdesk-lock",
    )
    assert (tmp_path / "w.ampdesk").read_bytes() == before
