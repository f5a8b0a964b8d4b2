"""A new workshop file appears complete or not at all (``new``, ``demo``, ``import-json``,
a template, the window's New)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ampdesk.store.outputs import whole_file
from ampdesk.store.workshop_file import Workshop, WorkshopFileError, create_workshop


def create_whole(target: Path, title: str, fill: Callable[[Workshop], None] | None = None) -> None:
    """Create the workshop file ``target`` titled ``title`` (blank: its name) and filled by
    ``fill``, all or nothing: it is built under a temporary name beside it and gets
    ``target``'s name complete, synced to the disk, and only if no file has that name."""
    if target.exists():
        raise WorkshopFileError(f"{target.name}: a file with this name exists already")
    with whole_file(target, new=True, private=True) as temporary:
        workshop = create_workshop(temporary, title.strip() or target.stem)
        try:
            if fill is not None:
                fill(workshop)
        finally:
            workshop.close()
