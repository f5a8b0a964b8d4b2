"""The argv that runs this installation's ``ampdesk`` command line, for work done in a child
process (the report, the live-input server)."""

from __future__ import annotations

import sys


def ampdesk_argv(*args: str) -> list[str]:
    """``ampdesk ARGS`` as a program and arguments (installed with pip, or bundled)."""
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ampdesk"]
    )
    return [*program, *args]
