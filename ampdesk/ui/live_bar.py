"""The live-input toolbar: start and stop, the join link with its QR code and code, how many
phones joined, pausing input and dot voting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.live import DEFAULT_DOTS, MAX_DOTS
from ampdesk.ui.live_session import LiveSession, network_addresses
from ampdesk.ui.qr import qr_pixmap
from ampdesk.ui.widgets import plain_label

QR_THUMBNAIL = 56


class LiveBar(QWidget):
    """Controls of one :class:`LiveSession`, for the main window's toolbar."""

    join_changed = Signal(object)  # the join info dict, or None when live input stops

    def __init__(self, session: LiveSession) -> None:
        super().__init__()
        self.session = session
        self.current_page = "plan"
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.address = QComboBox()
        self.address.setAccessibleName("Network for live input")
        self.address.setToolTip("The network the phones are on (venue Wi-Fi or your hotspot)")
        for address, description in network_addresses():
            self.address.addItem(description, address)
        self.start_button = QPushButton("Start live input")
        self.start_button.setToolTip("Let the group answer from their phones (Ctrl+L)")
        self.start_button.setShortcut("Ctrl+L")
        self.start_button.clicked.connect(self.toggle)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code of the join link")
        self.join = plain_label("")
        self.join.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.join.setAccessibleName("Join link and code")
        self.phones = plain_label("")
        self.pause = QPushButton("Pause input")
        self.pause.setCheckable(True)
        self.pause.setToolTip("Phones keep the page but cannot send until you resume")
        self.pause.toggled.connect(self._pause)
        self.vote = QPushButton("Dot voting…")
        self.vote.setCheckable(True)
        self.vote.setToolTip("Let the phones vote on this step's visible notes")
        self.vote.clicked.connect(self._vote)
        self.status = plain_label("Phones join over the local network; no internet needed.")
        for widget in (self.address, self.start_button, self.qr, self.join, self.phones):
            row.addWidget(widget)
        row.addWidget(self.pause)
        row.addWidget(self.vote)
        row.addWidget(self.status, 1)
        session.started.connect(self._started)
        session.stopped.connect(self._stopped)
        session.controller.changed.connect(self.refresh)
        self._show_running(False)

    def toggle(self) -> None:
        """Start live input, or stop it."""
        if self.session.running:
            self.session.stop()
        else:
            self.start_button.setEnabled(False)
            self.status.setText("Starting…")
            self.session.start(str(self.address.currentData()))

    def follow(self, page_id: str) -> None:
        """The facilitator opened another page."""
        self.current_page = page_id
        self.session.follow(page_id)
        self.vote.setChecked(False)
        self.vote.setEnabled(self.session.running and page_id in STEP_IDS)

    def refresh(self) -> None:
        """Update the count of joined phones."""
        if self.session.running:
            count = len(self.session.store.phones())
            self.phones.setText(f"{count} phone{'s' if count != 1 else ''} joined")

    def _started(self, info: dict[str, object]) -> None:
        self.qr.setPixmap(qr_pixmap(str(info["join_url"]), QR_THUMBNAIL))
        self.join.setText(f"{str(info['url']).removeprefix('http://')}  code {info['code']}")
        self.status.setText("")
        self._show_running(True)
        self.refresh()
        self.join_changed.emit(info)

    def _stopped(self, reason: str) -> None:
        self._show_running(False)
        self.status.setText(reason or "Live input stopped. Everything sent is saved.")
        self.join_changed.emit(None)

    def _show_running(self, running: bool) -> None:
        self.start_button.setEnabled(True)
        self.start_button.setText("Stop live input" if running else "Start live input")
        self.address.setVisible(not running)
        for widget in (self.qr, self.join, self.phones, self.pause, self.vote):
            widget.setVisible(running)
        self.pause.setChecked(False)
        self.vote.setChecked(False)
        self.vote.setEnabled(running and self.current_page in STEP_IDS)

    def _pause(self, paused: bool) -> None:
        if self.session.running:
            self.session.set_locked(paused)

    def _vote(self, checked: bool) -> None:
        if not checked:
            self.session.end_vote()
            return
        dots, ok = QInputDialog.getInt(
            self, "Dot voting", "Dots per person:", DEFAULT_DOTS, 1, MAX_DOTS
        )
        if ok:
            self.session.open_vote(self.current_page, dots)
        else:
            self.vote.setChecked(False)
