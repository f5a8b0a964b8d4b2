"""Files that hold individual pay are readable and writable by their owner only."""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600


def owner_only(path: Path) -> None:
    """Restrict ``path`` (and a workshop file's SQLite companions, if present) to its owner."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, OWNER_ONLY)
