"""The window survives the pay files that aborted the review's process: each is explained in
one line through the window's own import path, and the audit stays as it was."""

from pathlib import Path

import pytest

from ampdesk.framework import pay_import
from ampdesk.ui import fairness_panel
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from tests.framework.test_untrusted_pay_files import _hostile


@pytest.mark.slow
def test_the_window_explains_hostile_pay_files_and_keeps_the_audit(
    demo_window: WorkshopWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        fairness_panel.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )
    panel = demo_window.page("fairness").findChild(FairnessPanel)
    assert isinstance(panel, FairnessPanel)
    before = demo_window.controller.pay_records()
    files = _hostile(tmp_path)
    for path, _words in files.values():
        assert not panel.import_file(path, panel._ask_sheet(path))
    # and a sparse file the checks let through (they are switched off): its reader aborts
    monkeypatch.setattr(pay_import, "check_archive", lambda _path: None)
    assert not panel.import_file(files["sparse"][0], None)
    assert len(warnings) == len(files) + 1
    for text, (_path, words) in zip(warnings, files.values(), strict=False):
        assert words in text and "\n" not in text
    assert "could not be read within the limits" in warnings[-1]
    assert demo_window.isVisible()
    assert demo_window.controller.pay_records() == before


def test_save_as_onto_the_open_workshop_is_refused_in_the_window(
    demo_window: WorkshopWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ampdesk.ui import main_window

    path = demo_window.controller.workshop.path
    before = path.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *_args: (str(path), ""))
    monkeypatch.setattr(
        main_window.QMessageBox, "critical", lambda _parent, _title, text: said.append(text)
    )
    demo_window.save_as()
    assert len(said) == 1 and "this is the open workshop" in said[0]
    assert path.read_bytes() == before and demo_window.isVisible()
