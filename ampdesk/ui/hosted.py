"""The window's side of the store host (:mod:`ampdesk.store.host`, docs/store.md).

The window's process never opens a workshop file with SQLite: whatever Qt's file dialogs, icon
look-ups or anything else in this process open and close, they cannot drop locks SQLite holds
here, because it holds none. Every read, edit and file operation of the open workshop is a call
to the host process, answered once it is committed there. A host is started ahead of need (it
imports the store while the window is built), and the next one when one is taken (the app:
once the window is painted, see ui/opening.py).
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ampdesk.store.file_header import WorkshopFileError
from ampdesk.store.writer_lock import WriterLock
from ampdesk.ui.cli_argv import ampdesk_argv

if TYPE_CHECKING:
    from ampdesk.framework.plan import Template
    from ampdesk.store.live import LiveStore
    from ampdesk.store.row_images import RowChange, RowImage, Scope
    from ampdesk.store.workshop_store import WorkshopStore

HOST_COMMAND = "store-host"  # ampdesk/cli.py runs ampdesk.store.host for it
ANSWER_TIMEOUT = 60.0  # seconds; a host that answers nothing for so long is ended
LOST = (
    "the workshop's store process stopped; every change it confirmed is in the file, "
    "open the workshop again"
)


class HostLost(WorkshopFileError):
    """The store host ended (or stopped answering) while the workshop was open."""


class _Started:
    """A host process waiting to be told its file."""

    def __init__(self) -> None:
        mine, theirs = socket.socketpair()  # only these two processes hold it: no address
        self.process = subprocess.Popen(
            ampdesk_argv(HOST_COMMAND, str(theirs.fileno())),
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.channel = Connection(mine.detach())

    def answer(self) -> Any:
        """The host's answer to the last request; raises what the host raised."""
        if not self.channel.poll(ANSWER_TIMEOUT):
            raise TimeoutError
        status, value = self.channel.recv()
        if status == "error":
            raise value
        return value

    def end(self) -> None:
        """Close the channel and make sure the process is gone."""
        self.channel.close()
        try:
            self.process.wait(ANSWER_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_spare: _Started | None = None


def prepare_host() -> None:
    """Start a host now, so that opening a file does not wait for its imports."""
    global _spare
    if _spare is None or _spare.process.poll() is not None:
        _spare = _Started()


def host_workshop(
    path: Path,
    checkpoint_after: float | None = None,
    lock: WriterLock | None = None,
    spare: bool = True,
) -> HostedWorkshop:
    """Open ``path`` in a store host; raises :class:`WorkshopFileError` (one line) for a
    file that cannot be used. ``lock``: the writer lock this process took for it. ``spare``:
    start the next host at once (the app starts it once the window is painted instead)."""
    global _spare
    prepare_host()
    assert _spare is not None
    started, _spare = _spare, None
    try:
        started.channel.send((str(path), checkpoint_after))
        read_only, upgraded_from = started.answer()
    except (OSError, EOFError, TimeoutError):
        started.end()
        raise HostLost(f"{path.name}: {LOST}") from None
    except BaseException:
        started.end()
        raise
    finally:
        if spare:
            prepare_host()  # the next window's host imports meanwhile
    return HostedWorkshop(path, started, read_only, upgraded_from, lock)


class HostedWorkshop:
    """An open workshop, held by its store host. ``on_lost`` (the window's) hears once, in
    one line, that the host ended; every call then raises :class:`HostLost`."""

    def __init__(
        self,
        path: Path,
        started: _Started,
        read_only: bool,
        upgraded_from: int | None,
        lock: WriterLock | None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.upgraded_from = upgraded_from
        self.on_lost: Callable[[str], None] | None = None
        self.lost = False  # the host ended before the workshop was closed
        self._host: _Started | None = started
        self._lock = lock

    @property
    def host_pid(self) -> int | None:
        """The process that holds the file (None once closed or lost)."""
        return self._host.process.pid if self._host is not None else None

    def call(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        """Run one operation of :mod:`ampdesk.store.host` there and return its answer."""
        host = self._host
        if host is None:
            raise HostLost(LOST)
        try:
            host.channel.send((operation, args, kwargs))
            return host.answer()
        except (OSError, EOFError, TimeoutError):
            self._lose()
            raise HostLost(LOST) from None

    def _lose(self) -> None:
        self.lost = True
        if self._host is not None:
            self._host.process.kill()
            self._host.end()
            self._host = None
        if self.on_lost is not None:
            self.on_lost(LOST)

    @property
    def store(self) -> WorkshopStore:
        """The workshop's queries and edits, each a call to the host (same names, arguments,
        answers and errors as :class:`WorkshopStore`)."""
        return cast("WorkshopStore", _RemoteStore(self, "store"))

    @property
    def live(self) -> LiveStore:
        """The live-input settings (as :class:`LiveStore`), each a call to the host."""
        return cast("LiveStore", _Remote(self, "live"))

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read in the block sees one state of the file (one read transaction there)."""
        self.call("begin_snapshot")
        try:
            yield
        finally:
            if self._host is not None:
                self.call("end_snapshot")

    def take(self, scope: Scope) -> dict[tuple[str, tuple[object, ...]], RowImage]:
        """A copy of every row the scope selects (see :func:`row_images.take`)."""
        if not scope:
            return {}
        from sqlalchemy.ext import serializer  # conditions travel bound to the host's tables

        scope_data = serializer.dumps(scope)  # type: ignore[no-untyped-call]  # SQLAlchemy's serializer has no hints
        images: dict[tuple[str, tuple[object, ...]], RowImage] = self.call("take", scope_data)
        return images

    def apply(self, change: RowChange) -> None:
        """Write ``change`` in one transaction (see :func:`row_images.apply`)."""
        self.call("apply", change)

    def checkpoint(self) -> bool:
        """Copy the log into the file (see :meth:`Workshop.checkpoint`)."""
        done: bool = self.call("checkpoint")
        return done

    def copy_to(self, target: Path) -> None:
        """Write a consistent copy to ``target`` (Save As)."""
        self.call("copy_to", target)

    def hand_over(self, target: Path, include_individual_pay: bool) -> None:
        """Write the hand-over copy for the facilitator to ``target``."""
        self.call("hand_over", target, include_individual_pay)

    def save_template(self, target: Path, name: str) -> Template:
        """Write the plan as a template file."""
        template: Template = self.call("save_template", target, name)
        return template

    def close(self) -> None:
        """Close the file there (the host checkpoints it and ends), then release the lock."""
        host, self._host = self._host, None
        if host is not None:
            try:
                host.channel.send(("close", (), {}))
                host.answer()
            except (OSError, EOFError, TimeoutError):
                host.process.kill()
            host.end()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> HostedWorkshop:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _Remote:
    """``proxy.aggregate.method(...)``: one call of ``operation`` named by the dotted path."""

    def __init__(self, workshop: HostedWorkshop, operation: str, name: str = "") -> None:
        self._workshop, self._operation, self._name = workshop, operation, name

    def __getattr__(self, name: str) -> _Remote:
        if name.startswith("_"):
            raise AttributeError(name)
        dotted = f"{self._name}.{name}" if self._name else name
        return _Remote(self._workshop, self._operation, dotted)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._workshop.call(self._operation, self._name, *args, **kwargs)


class _RemoteStore(_Remote):
    """The store's calls, with its snapshot kept open in the host for the block."""

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._workshop.snapshot():
            yield
