"""A reader that stops early (``ampdesk check --json | head -1``) ends the command quietly
with status 0, as standard tools do: tested through a real pipe whose reading end is closed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import ampdesk


def _into_closed_pipe(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the command with its output going into a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "ampdesk", *args],
            cwd=cwd,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the demo workshop, x.ampdesk, which the tests only read."""
    folder = tmp_path_factory.mktemp("pipes")
    assert ampdesk("demo", "x.ampdesk", cwd=folder).returncode == 0
    return folder


@pytest.mark.parametrize(
    "args", [("check", "x.ampdesk", "--json"), ("check", "x.ampdesk"), ("--help",)]
)
@pytest.mark.slow
def test_a_closed_pipe_ends_the_command_quietly(demo: Path, args: tuple[str, ...]) -> None:
    result = _into_closed_pipe(*args, cwd=demo)
    assert (result.returncode, result.stderr.decode()) == (0, "")


@pytest.mark.slow
def test_a_command_whose_reader_left_still_does_its_work(tmp_path: Path) -> None:
    result = _into_closed_pipe("demo", "y.ampdesk", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (0, "")
    checked = ampdesk("check", "y.ampdesk", "--json", cwd=tmp_path)
    assert checked.returncode == 0 and '"participants": 12' in checked.stdout


@pytest.mark.slow
def test_head_reads_the_first_line(demo: Path) -> None:
    shell = f"{sys.executable} -m ampdesk check x.ampdesk --json | head -1; echo ${{PIPESTATUS[0]}}"
    result = subprocess.run(
        ["bash", "-c", shell], cwd=demo, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines() == ["{", "0"]
    assert result.stderr == ""
