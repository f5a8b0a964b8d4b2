"""Live input from the app: runs ``ampdesk live --headless --events`` in a child process,
tells the phones which activity is open, and refreshes the window when they send something.

The server lives in its own process so that 200 phones never slow the window down and a
crash of either side cannot take the other with it; both share the workshop file.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QProcess, Signal

from ampdesk.framework.live import LiveState, checkin_pulse, for_step, voting
from ampdesk.ui.cli_argv import ampdesk_argv
from ampdesk.ui.controller import WorkshopController

STOP_TIMEOUT_MS = 5000
STDERR_LINES = 20  # lines of the server's stderr kept for the message when it stops


def network_addresses() -> list[tuple[str, str]]:
    """(address, description) of this computer's IPv4 addresses, the local-only one last."""
    # QtNetwork loads when the facilitator first looks for a network, not at app start-up
    from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface

    found: list[tuple[str, str]] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not flags & QNetworkInterface.InterfaceFlag.IsUp:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            if ip.isLoopback():
                continue
            found.append((ip.toString(), f"{ip.toString()} ({interface.humanReadableName()})"))
    local = QHostAddress(QHostAddress.SpecialAddress.LocalHost).toString()
    return [*found, (local, f"{local} (this computer only)")]


class LiveSession(QObject):
    """One run of the participant server for the open workshop."""

    started = Signal(dict)  # url, join_url, code, host, port
    stopped = Signal(str)  # why ("" when the facilitator stopped it)

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.store = controller.workshop.live  # calls to the store host
        self.info: dict[str, object] | None = None
        self._process: QProcess | None = None
        self._buffer = b""
        self._errors = b""  # the last lines of the server's stderr
        self.page = "plan"  # the page the facilitator is on

    @property
    def running(self) -> bool:
        """Whether phones can reach the server now."""
        return self.info is not None

    def start(self, host: str) -> None:
        """Start serving on ``host``; :attr:`started` fires once the server listens."""
        if self._process is not None:
            return
        self.controller.flush_requested.emit()
        self.store.set_state(self._activity_of(self.page))
        path = str(self.controller.workshop.path)
        command = ampdesk_argv("live", path, "--headless", "--host", host, "--events")
        process = QProcess(self)
        process.readyReadStandardOutput.connect(self._read)
        process.readyReadStandardError.connect(self._drain_errors)  # a full pipe would block it
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed)
        self._process = process
        process.start(command[0], command[1:])

    def stop(self) -> None:
        """Stop serving (SIGTERM; the server commits and exits)."""
        process = self._process
        if process is None:
            return
        process.finished.disconnect(self._finished)
        process.terminate()
        if not process.waitForFinished(STOP_TIMEOUT_MS):
            process.kill()
            process.waitForFinished(STOP_TIMEOUT_MS)
        self._forget("")

    def follow(self, page_id: str) -> None:
        """The facilitator moved to ``page_id``: open its activity on the phones."""
        self.page = page_id
        if self.running:
            self.store.set_state(self._activity_of(page_id))

    def set_locked(self, locked: bool) -> None:
        """Pause input (phones get a notice) or let it flow again."""
        state = self.store.state()
        self.store.set_state(LiveState(state.activity, state.step, locked=locked, dots=state.dots))

    def open_vote(self, step: str, dots: int) -> None:
        """Let the phones place ``dots`` dots on the visible notes of ``step``."""
        self.store.set_state(voting(step, dots))

    def open_checkin(self, checkin_id: int) -> None:
        """Let the phones answer the short pulse of a follow-up check-in."""
        self.store.set_state(checkin_pulse(checkin_id))

    def end_vote(self) -> None:
        """Back to the current page's activity."""
        self.store.set_state(self._activity_of(self.page))

    def _activity_of(self, page_id: str) -> LiveState:
        """The page's phone activity, unless the plan keeps phones out of that step."""
        if not self.controller.plan.step_plan(page_id).phones:
            return LiveState()
        return for_step(page_id)

    def _read(self) -> None:
        assert self._process is not None
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "url" in message and self.info is None:
                self.info = message
                self.started.emit(message)
            elif message.get("event") == "changed":  # at most four a second (the server)
                self.controller.schedule_refresh()

    def _drain_errors(self) -> None:
        """Keep only the last lines the server wrote to stderr (the reason it stopped)."""
        assert self._process is not None
        text = self._errors + bytes(self._process.readAllStandardError().data())
        self._errors = b"\n".join(text.splitlines()[-STDERR_LINES:])

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._forget(f"the live-input server could not start ({self._process.errorString()})")

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self._process is not None:
            self._drain_errors()
        error = self._errors.decode(errors="replace")
        lines = [line for line in error.strip().splitlines() if line.strip()]
        self._forget(lines[-1] if lines else f"the live-input server stopped (exit {code})")

    def _forget(self, reason: str) -> None:
        if self._process is not None:
            self._process.deleteLater()
        self._process = None
        self.info = None
        self.stopped.emit(reason)
