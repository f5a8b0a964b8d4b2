"""The rules, the store and the content import no Qt, so they stay fast and testable."""

import subprocess
import sys

import pytest


def _python(script: str) -> str:
    """Run ``script`` in a fresh interpreter; its output (it must succeed)."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout.strip()


@pytest.mark.slow
def test_core_layers_do_not_import_qt() -> None:
    script = (
        "import sys, ampdesk.framework.evaluation, ampdesk.store.workshop_store, ampdesk.status, "
        "ampdesk.demo, ampdesk.cli, ampdesk.report.builder, ampdesk.live.headless;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    assert _python(script) == "[]"


def test_the_first_windows_come_before_sqlalchemy() -> None:
    """The start window and the splash show before the store loads (start-up, see
    docs/performance.md); a module-level import of the store here would undo that."""
    script = (
        "import sys, ampdesk.cli, ampdesk.ui.app, ampdesk.ui.start_window, "
        "ampdesk.store.file_header;"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy'))[:3])"
    )
    assert _python(script) == "[]"


def test_a_days_worth_of_qt_calls_does_not_wear_out_none() -> None:
    """Guards against the PySide6 6.12.0 fault described in ampdesk/ui/__init__.py: without
    the protection this process aborts long before 50,000 calls."""
    script = (
        "import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import ampdesk.ui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([]); label = QLabel()\n"
        "for i in range(50_000): label.setText(str(i)); QApplication.processEvents()\n"
        "print(label.text())\n"
    )
    assert _python(script) == "49999"


def test_a_days_worth_of_signals_does_not_wear_out_true() -> None:
    """The same fault in ``Signal.emit`` (a window refresh emits several): without the
    protection this process aborts within a few hundred emits."""
    script = (
        "import ampdesk.ui\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class Source(QObject):\n"
        "    changed = Signal(int)\n"
        "source, heard = Source(), []\n"
        "source.changed.connect(heard.append)\n"
        "for i in range(50_000): source.changed.emit(i)\n"
        "print(len(heard), heard[-1])\n"
    )
    assert _python(script) == "50000 49999"
