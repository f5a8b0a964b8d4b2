"""Run the ampdesk command in a real process, as from a shell."""

import os
import subprocess
import sys
from pathlib import Path


def ampdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command in a separate process, as from a shell."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "ampdesk", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
