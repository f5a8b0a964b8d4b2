"""The ``ampdesk`` command as a user runs it: a real process, real files."""

import argparse
import json
from pathlib import Path

import pytest

from ampdesk import __version__
from ampdesk.cli import COMMANDS, build_parser
from tests.cli.runner import ampdesk


def test_version_and_help(tmp_path: Path) -> None:
    assert ampdesk("--version", cwd=tmp_path).stdout.strip() == f"ampdesk {__version__}"
    help_text = ampdesk("--help", cwd=tmp_path).stdout
    for command in COMMANDS:
        assert command in help_text
    parser = build_parser()
    (subcommands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subcommands.choices) == set(COMMANDS)


@pytest.mark.slow
def test_new_then_check(tmp_path: Path) -> None:
    created = ampdesk("new", "plan.ampdesk", "--title", "Q1 offsite", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    checked = ampdesk("check", "plan.ampdesk", cwd=tmp_path)
    assert checked.returncode == 0
    assert "Q1 offsite" in checked.stdout
    assert "not assessed" in checked.stdout


@pytest.mark.slow
def test_demo_check_json_has_the_stable_keys(tmp_path: Path) -> None:
    assert ampdesk("demo", "x.ampdesk", cwd=tmp_path).returncode == 0
    result = ampdesk("check", "x.ampdesk", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] >= 1
    assert data["gate"]["state"] in {"not_assessed", "blocked", "attention", "pass"}
    assert isinstance(data["gate"]["reasons"], list)
    assert all({"id", "step"} <= set(m) for m in data["mistakes"])
    assert {m["id"] for m in data["mistakes"]} >= {"if_then_reward_for_creative_work"}
    counts = data["counts"]
    assert counts["participants"] == 12
    assert counts["responses"] > 0 and counts["notes"] > 0 and counts["votes"] > 0
    assert counts["actions"] > 0
    roles = {(r["role"], r["level"]) for r in data["roles"]}
    assert ("Software engineer", "Senior") in roles
    assert all("median_compa_ratio" in r and "headcount" in r for r in data["roles"])


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "missing.ampdesk"),
        ("new", "notes.txt"),
        ("demo",),
        ("frobnicate", "x", "y"),
        ("check", "notes.txt", "--colour"),
        ("missing.ampdesk",),
    ],
)
@pytest.mark.slow
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "notes.txt").write_text("not a workshop")
    result = ampdesk(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ampdesk: error:"), result.stderr
    assert "Traceback" not in result.stderr


def test_a_foreign_file_is_refused_before_any_window(tmp_path: Path) -> None:
    (tmp_path / "notes.ampdesk").write_text("not a workshop")
    result = ampdesk("notes.ampdesk", cwd=tmp_path)
    assert result.returncode == 2
    assert "not an ampdesk workshop" in result.stderr


@pytest.mark.slow
def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "x.ampdesk").write_text("keep me")
    result = ampdesk("demo", "x.ampdesk", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "x.ampdesk").read_text() == "keep me"
