"""Issue 24, item 5: every file and picture that can hold individual pay is written owner-only
(0600) by one function (``ampdesk.store.outputs.whole_file(private=True)``), pictures of pay
pages with the confidential mark. Run through the CLI and the store, with a permissive umask
so that a file written without care would come out readable by everyone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from ampdesk.framework.fairness import PayRow
from ampdesk.store.file_copy import copy_database
from ampdesk.store.handover import hand_over
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk

ROWS = [PayRow("Engineer", "Mid", "creative", 50_000 + i, 50_000, person=f"E{i}") for i in range(6)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """Files created without a mode of their own would be 0666 (children inherit it)."""
    before = os.umask(0)
    yield
    os.umask(before)


@pytest.fixture
def pay_file(tmp_path: Path) -> Path:
    path = tmp_path / "manager.ampdesk"
    with create_workshop(path, "Pay") as workshop:
        WorkshopStore(workshop).pay.replace(ROWS)
    return path


@pytest.mark.slow
def test_every_workshop_file_and_export_with_pay_is_owner_only(
    tmp_path: Path, pay_file: Path
) -> None:
    written = [pay_file]
    with open_workshop(pay_file) as workshop:
        copy_database(pay_file, tmp_path / "save-as.ampdesk")  # File > Save As
        hand_over(workshop, tmp_path / "handover.ampdesk", include_individual_pay=True)
        hand_over(workshop, tmp_path / "facilitator.ampdesk", include_individual_pay=False)
    written += [
        tmp_path / n for n in ("save-as.ampdesk", "handover.ampdesk", "facilitator.ampdesk")
    ]
    for args in (
        ("export", str(pay_file), "--format", "json", "-o", "all.json"),
        ("import-json", "all.json", "imported.ampdesk"),
        ("report", str(pay_file), "-o", "confidential.pdf", "--include-individual-pay"),
        ("handover", str(pay_file), "-o", "cli-copy.ampdesk"),
        ("repair", str(pay_file), "-o", "repaired.ampdesk"),
    ):
        result = ampdesk(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
    written += [
        tmp_path / n
        for n in (
            "all.json",
            "imported.ampdesk",
            "confidential.pdf",
            "cli-copy.ampdesk",
            "repaired.ampdesk",
        )
    ]
    with open_workshop(tmp_path / "imported.ampdesk") as imported:
        assert len(WorkshopStore(imported).pay.rows()) == 6  # it does hold individual pay
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}
    default = ampdesk("report", str(pay_file), "-o", "default.pdf", cwd=tmp_path)
    assert default.returncode == 0 and _mode(tmp_path / "default.pdf") == 0o666  # no pay


@pytest.mark.slow
def test_screenshots_of_pay_pages_are_marked_and_owner_only(tmp_path: Path, pay_file: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    folder = tmp_path / "shots"
    subprocess.run(
        [sys.executable, "-m", "ampdesk", "screenshots", str(pay_file), str(folder)],
        env=env, cwd=tmp_path, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    window = sorted(folder.glob("[0-9][0-9]-*.png"))
    assert window and all(_mode(p) == 0o600 for p in window)
    fairness = QImage(str(next(p for p in window if "fairness" in p.name)))
    assert fairness.pixelColor(fairness.width() // 2, 2) == QColor("#a4161a")  # the mark
    presenter = folder / "presenter-fairness.png"  # the projector shows no pay
    assert _mode(presenter) == 0o666
