"""The ``ampdesk`` command line of this installation, for work done in a child process."""

from __future__ import annotations

import sys


def ampdesk_command(*args: str) -> list[str]:
    """``ampdesk ARGS`` as a program and arguments (installed with pip, or bundled)."""
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ampdesk"]
    )
    return [*program, *args]
