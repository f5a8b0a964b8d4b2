"""The store host: the one process of the app that opens the workshop file (docs/store.md).

The window's process starts it (``ampdesk store-host FD``, a command for the app only) and talks
to it over one end of a socket pair that only the two hold. It waits for the workshop to open,
then serves the window's reads and edits one at a time, each answered only once committed. Qt is
never imported here and nothing but SQLite opens the file while SQLite has it open, so no
``close()`` of another descriptor can drop SQLite's locks. The window closing its end (or
dying) closes the workshop, which checkpoints the log into the file.
"""

from __future__ import annotations

import pickle
import signal
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy.ext import serializer

from ampdesk.store import row_images
from ampdesk.store.file_copy import copy_database
from ampdesk.store.handover import hand_over
from ampdesk.store.live import LiveStore
from ampdesk.store.models import Base
from ampdesk.store.templates import save_template
from ampdesk.store.workshop_file import Workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore

COMMAND = "store-host"

Request = tuple[str, tuple[Any, ...], dict[str, Any]]


class _Served:
    """One open workshop and what the window may call on it."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.store = WorkshopStore(workshop)
        self.live = LiveStore(workshop)
        self.snapshots: list[ExitStack] = []
        self.operations: dict[str, Callable[..., Any]] = {
            "store": self._store,
            "live": self._live,
            "begin_snapshot": self._begin_snapshot,
            "end_snapshot": self._end_snapshot,
            "take": lambda scope: row_images.take(workshop, _scope(scope)),
            "apply": lambda change: row_images.apply(workshop, change),
            "checkpoint": workshop.checkpoint,
            "copy_to": lambda target: copy_database(workshop.path, target),
            "hand_over": lambda target, pay: hand_over(workshop, target, pay),
            "save_template": lambda target, name: save_template(workshop, target, name),
        }

    def _store(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return _public(self.store, name)(*args, **kwargs)

    def _live(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return _public(self.live, name)(*args, **kwargs)

    def _begin_snapshot(self) -> None:
        stack = ExitStack()
        stack.enter_context(self.store.snapshot())
        self.snapshots.append(stack)

    def _end_snapshot(self) -> None:
        self.snapshots.pop().close()

    def close(self) -> None:
        while self.snapshots:
            self._end_snapshot()
        self.workshop.close()


def _scope(data: bytes) -> row_images.Scope:
    """A scope the window sent, its conditions bound to this process's tables."""
    scope: row_images.Scope = serializer.loads(data, Base.metadata)  # type: ignore[no-untyped-call]  # SQLAlchemy's serializer has no hints
    return scope


def _public(target: object, name: str) -> Callable[..., Any]:
    """``aggregate.method`` of ``target``; nothing private."""
    found: object = target
    for part in name.split("."):
        if part.startswith("_"):
            raise AttributeError(f"{name}: not served")
        found = getattr(found, part)
    if not callable(found):
        raise AttributeError(f"{name}: not served")
    return found


def _reply(channel: Connection, outcome: tuple[str, object]) -> None:
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # an answer that cannot travel is an error the window sees
        data = pickle.dumps(("error", RuntimeError(f"store host: {exc}")))
    channel.send_bytes(data)


def _run(served: _Served, request: Request) -> tuple[str, object]:
    operation, args, kwargs = request
    try:
        return "ok", served.operations[operation](*args, **kwargs)
    except Exception as exc:
        return "error", exc


def _open(channel: Connection) -> _Served | None:
    """Wait for the window to say which file; None if it went away first."""
    try:
        path, checkpoint_after = channel.recv()
    except (EOFError, OSError):
        return None
    try:
        workshop = open_workshop(Path(path), checkpoint_after=checkpoint_after)
    except Exception as exc:
        _reply(channel, ("error", exc))
        return None
    _reply(channel, ("ok", (workshop.read_only, workshop.upgraded_from)))
    return _Served(workshop)


def serve(argv: Sequence[str]) -> int:
    """Serve one workshop over the socket whose descriptor is ``argv[0]``; ends when the
    window closes its end. Ctrl+C in a terminal and a session's SIGTERM are the window's to
    handle: it closes its end, and this process then closes the file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    channel = Connection(int(argv[0]))
    served = _open(channel)
    if served is None:
        return 0
    request: Request | None = None
    try:
        while True:
            try:
                request = channel.recv()
            except (EOFError, OSError):
                return 0
            if request[0] == "close":
                return 0
            _reply(channel, _run(served, request))
    finally:
        served.close()
        if request is not None and request[0] == "close":
            _reply(channel, ("ok", None))  # the file is closed and checkpointed
