"""The store host (docs/store.md): the window's process holds no descriptor of the workshop
file, the host loads no Qt, a host that dies closes the window in one line and loses nothing
it confirmed, closing the window ends the host with the log checkpointed, and live input
stopped and started among file dialogs, exports and a terminal check keeps the phones in step."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import GateOverride
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.hosted import HostLost
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.report_page import ReportPage
from tests.cli.runner import ampdesk
from tests.live.client import Phone

Opener = Callable[[Path], WorkshopWindow]


def _descriptors_of(pid: int | str, path: Path) -> list[str]:
    """What process ``pid`` holds open of the workshop file and its side files."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


@pytest.mark.slow
def test_the_host_loads_no_qt() -> None:
    script = (
        "import sys, ampdesk.cli, ampdesk.store.host;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.slow
def test_only_the_host_holds_the_file(qtbot: QtBot, tmp_path: Path, open_window: Opener) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Held").close()
    window = open_window(path)
    window.controller.update_details(title="Edited")
    window.controller.add_note("purpose", "story", "We helped")
    assert _descriptors_of("self", path) == []
    host = window.controller.workshop.host_pid
    assert host is not None and any(t == str(path) for t in _descriptors_of(host, path))


@pytest.mark.slow
def test_a_dead_host_closes_the_window_in_one_line_and_loses_no_confirmed_edit(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Before").close()
    window = open_window(path)
    window.controller.update_details(title="Confirmed")
    host = window.controller.workshop.host_pid
    assert host is not None
    os.kill(host, signal.SIGKILL)
    with pytest.raises(HostLost, match="store process stopped"):
        window.controller.update_details(title="Never confirmed")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    notices = [w for w in QApplication.topLevelWidgets() if w.objectName() == "store_lost"]
    assert len(notices) == 1 and isinstance(notices[0], QMessageBox)
    assert "\n" not in notices[0].text() and "open the workshop again" in notices[0].text()
    notices[0].close()
    with open_workshop(path) as workshop:
        assert WorkshopStore(workshop).details.get().title == "Confirmed"


@pytest.mark.slow
def test_closing_the_window_ends_the_host_and_leaves_the_file_whole(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Before").close()
    window = open_window(path)
    window.controller.update_details(title="Kept")
    host = window.controller.workshop.host_pid
    window.close()
    assert host is not None and not Path(f"/proc/{host}").exists()
    assert not path.with_name(path.name + "-wal").exists()
    copy = tmp_path / "alone.ampdesk"
    copy.write_bytes(path.read_bytes())  # the file alone holds everything
    with open_workshop(copy) as workshop:
        assert WorkshopStore(workshop).details.get().title == "Kept"


def _start_live(qtbot: QtBot, window: WorkshopWindow) -> str:
    bar = window.live_bar
    bar.networks.aboutToShow.emit()
    local = [a for a in bar.networks.actions() if a.text().startswith("127.0.0.1")]
    local[0].trigger()
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    return str(started.args[0]["url"])


def _stop_live(qtbot: QtBot, window: WorkshopWindow) -> None:
    with qtbot.waitSignal(window.live.stopped, timeout=10000):
        qtbot.mouseClick(window.live_bar.start_button, Qt.MouseButton.LeftButton)


def _follows(qtbot: QtBot, phones: list[Phone], activity: str) -> None:
    qtbot.waitUntil(
        lambda: all(p.state().data.get("activity") == activity for p in phones), timeout=10000
    )


def _dialog_over(qtbot: QtBot, folder: Path) -> None:
    dialog = QFileDialog(None, "Import", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.wait(800)  # its file-info thread reads what it lists
    dialog.reject()


@pytest.mark.slow
def test_live_input_restarted_among_dialogs_exports_and_checks_keeps_the_phones_in_step(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Restarts") as workshop:
        LiveStore(workshop).set_phones_per_address(10)
    window = open_window(path)
    window.controller.set_override(
        GateOverride("Audit not ready", "Run the pay audit", "HR lead", dt.date(2027, 1, 15))
    )
    qtbot.waitUntil(lambda: window.show_step("purpose"))
    window.present_page("purpose")
    phones: list[Phone] = []

    def join(url: str) -> None:  # each start of live input has a join code of its own
        phone = Phone(url)
        assert phone.join(window.controller.workshop.live.join_code()).status == 201
        phones.append(phone)

    def rejoin(url: str) -> None:  # the phones keep their tokens; the server is new
        phones[:] = [Phone(url, p.token) for p in phones]

    def check() -> None:
        assert ampdesk("check", str(path), cwd=tmp_path).returncode == 0

    def export() -> None:
        report = window.page("report")
        assert isinstance(report, ReportPage)
        target = tmp_path / f"report{len(phones)}.pdf"
        report.export(target)
        qtbot.waitUntil(target.exists, timeout=60000)

    url = _start_live(qtbot, window)
    join(url)
    join(url)
    _follows(qtbot, phones, "purpose")

    def dialog() -> None:
        _dialog_over(qtbot, tmp_path)

    for between in ((dialog, check), (check, export), (export, dialog, check)):
        _stop_live(qtbot, window)
        for step in between:
            step()
        url = _start_live(qtbot, window)
        rejoin(url)
        join(url)
        assert window.show_step("autonomy" if len(phones) % 2 else "purpose")
        window.present_page("autonomy" if len(phones) % 2 else "purpose")
        _follows(qtbot, phones, "autonomy" if len(phones) % 2 else "purpose")
        qtbot.waitUntil(
            lambda: f"{len(phones)} phones joined" in window.live_bar.phones.text(), timeout=10000
        )
    assert window.show_step("purpose")
    window.present_page("purpose")
    _follows(qtbot, phones, "purpose")
    answer = phones[0].submit("notes", {"activity": "purpose", "kind": "story", "text": "Kept"})
    assert answer.status == 201
    _stop_live(qtbot, window)
    window.close()
    assert not path.with_name(path.name + "-wal").exists()
    with open_workshop(path) as workshop:
        assert len(LiveStore(workshop).phones()) == len(phones) == 5
        assert [n.text for n in WorkshopStore(workshop).notes.all("purpose")] == ["Kept"]
