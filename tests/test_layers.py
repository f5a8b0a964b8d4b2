"""The rules, the store and the content import no Qt, so they stay fast and testable."""

import subprocess
import sys


def test_core_layers_do_not_import_qt() -> None:
    script = (
        "import sys, ampdesk.framework.evaluation, ampdesk.store.repository, ampdesk.status, "
        "ampdesk.demo, ampdesk.cli, ampdesk.report.builder, ampdesk.live.headless;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
