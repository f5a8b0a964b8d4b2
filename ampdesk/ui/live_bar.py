"""The live-input toolbar: start and stop, the join link with its QR code and code, how many
phones joined, pausing input and dot voting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.live import DEFAULT_DOTS, MAX_DOTS
from ampdesk.framework.reveal import RevealError
from ampdesk.ui.live_session import LiveSession, network_addresses
from ampdesk.ui.qr import qr_pixmap
from ampdesk.ui.widgets import plain_label

QR_THUMBNAIL = 56


def phones_text(count: int) -> str:
    """ "12 phones joined"."""
    return f"{count} phone{'s' if count != 1 else ''} joined"


def done_text(done: int, phones: int) -> str:
    """ "9 of 12 done": phones done with the open activity (a count, never who)."""
    return f"{done} of {phones} done"


def joined_text(count: int, expected: int | None) -> str:
    """Phones joined against people expected, with a warning when more joined."""
    if expected is None:
        return phones_text(count)
    text = f"{count} of {expected} expected joined"
    if count > expected:
        text += f" ({count - expected} too many: did someone join twice?)"
    return text


def refused_text(refused: dict[str, int]) -> str:
    """What the bar says about phones that took the place of an earlier one from their
    address (one phone per address unless allowed more)."""
    return " ".join(
        f"{n} phone{'s' if n != 1 else ''} from {address} took the place of an earlier one; "
        "if people share that network, see Joining."
        for address, n in sorted(refused.items())
    )


class LiveBar(QWidget):
    """Controls of one :class:`LiveSession`, for the main window's toolbar."""

    join_changed = Signal(object)  # the join info dict, or None when live input stops
    phones_counted = Signal(int)  # how many phones have joined, after every change
    done_counted = Signal(int, int)  # phones done with the open activity, of phones joined

    def __init__(self, session: LiveSession) -> None:
        super().__init__()
        self.session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.host: str | None = None  # None: the first network found when starting
        self.start_button = QToolButton()
        self.start_button.setText("Start live input")
        self.start_button.setToolTip(
            "Let the group answer from their phones (Ctrl+L). "
            "The arrow chooses the network the phones are on."
        )
        self.start_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.start_button.clicked.connect(self.toggle)
        self.networks = QMenu("Network for live input", self)
        self.networks.aboutToShow.connect(self._list_networks)
        self.start_button.setMenu(self.networks)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code of the join link")
        self.join = plain_label("")
        self.join.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.join.setAccessibleName("Join link and code")
        self.phones = plain_label("")
        self.done = plain_label("")
        self.done.setAccessibleName("Phones done with this activity")
        for label in (self.join, self.phones, self.done):
            label.setWordWrap(False)
        self.pause = QPushButton("Pause input")
        self.pause.setCheckable(True)
        self.pause.setToolTip("Phones keep the page but cannot send until you resume")
        self.pause.toggled.connect(self._pause)
        self.vote = QPushButton("Dot voting…")
        self.vote.setCheckable(True)
        self.vote.setToolTip("Let the phones vote on this step's visible notes")
        self.vote.clicked.connect(self._vote)
        self.reveal = QPushButton("Reveal results")
        self.reveal.setToolTip(
            "Show the phones' pulse answers in the window and on the projector; later answers "
            "follow in batches, so no single answer can be read from a change"
        )
        self.reveal.clicked.connect(self.reveal_results)
        self.joining = QToolButton()
        self.joining.setText("Joining")
        self.joining.setToolTip("Close joining once everyone is in; allow more phones per address")
        self.joining.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.joining_menu = QMenu("Joining", self)
        self.joining_menu.aboutToShow.connect(self._list_joining)
        self.joining.setMenu(self.joining_menu)
        self.status = plain_label("Phones join over the local network; no internet needed.")
        # one line that gives way on a narrow screen (the whole text is in its tooltip)
        self.status.setWordWrap(False)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for widget in (self.start_button, self.qr, self.join, self.phones, self.done):
            row.addWidget(widget)
        row.addWidget(self.pause)
        row.addWidget(self.vote)
        row.addWidget(self.reveal)
        row.addWidget(self.joining)
        row.addWidget(self.status, 1)
        session.started.connect(self._started)
        session.stopped.connect(self._stopped)
        session.controller.changed.connect(self.refresh)
        self._show_running(False)

    def _say(self, text: str) -> None:
        """One line in the bar, whole in its tooltip when the bar cuts it."""
        self.status.setText(text)
        self.status.setToolTip(text)

    def toggle(self) -> None:
        """Start live input, or stop it."""
        if self.session.running:
            self.session.stop()
        else:
            host = self.host or network_addresses()[0][0]
            self.start_button.setEnabled(False)
            self._say(f"Starting on {host}…")
            self.session.start(host)

    def choose_host(self, host: str) -> None:
        """Serve on ``host`` (one of this computer's addresses) from the next start on."""
        self.host = host

    def _list_networks(self) -> None:
        self.networks.clear()
        group = QActionGroup(self.networks)
        addresses = network_addresses()
        chosen = self.host or addresses[0][0]
        for address, description in addresses:
            action = self.networks.addAction(description)
            action.setCheckable(True)
            action.setChecked(address == chosen)
            action.setEnabled(not self.session.running)
            action.triggered.connect(lambda _=False, a=address: self.choose_host(a))
            group.addAction(action)

    def follow(self, page_id: str) -> None:
        """The facilitator opened another page."""
        self.session.follow(page_id)
        self.vote.setChecked(False)
        self.vote.setEnabled(self.session.running and page_id in STEP_IDS)
        self.refresh()  # the done count is the new activity's, not the last one's

    def refresh(self) -> None:
        """Update the count of joined phones against people expected, and say when phones
        replaced an earlier one because their address had joined its phones already."""
        if self.session.running:
            count = len(self.session.store.phones())
            expected = self.session.controller.plan.expected_participants
            done = self.session.store.done_count()
            open_activity = self.session.store.state().activity != "waiting"
            self.phones.setText(joined_text(count, expected))
            counting = open_activity and count > 0  # never "0 of 0 done"
            self.done.setText(f"· {done_text(done, count)}" if counting else "")
            self.done_counted.emit(done if counting else -1, count)
            waiting = self._unrevealed()
            self.reveal.setText(f"Reveal results ({waiting} new)" if waiting else "Reveal results")
            refused = self.session.store.refused()
            asking = sum(refused.values())
            self.joining.setText(f"Joining ({asking} replaced)" if asking else "Joining")
            if refused:
                self._say(refused_text(refused))
            self.phones_counted.emit(count)

    def _scopes(self) -> list[tuple[str, int | None]]:
        """The answers a reveal shows: the open pay pulse's or check-in pulse's."""
        state = self.session.store.state()
        if state.activity == "pulse":
            return [("fairness", None)]
        if state.activity == "checkin":
            return [("fairness", state.checkin), ("autonomy", state.checkin)]
        return []

    def _unrevealed(self) -> int:
        controller = self.session.controller
        return sum(controller.unrevealed(activity, checkin) for activity, checkin in self._scopes())

    def reveal_results(self) -> None:
        """Reveal the open pulse's answers (the fairness pulse or a check-in's)."""
        scopes = self._scopes()
        if not scopes:
            self._say("Open the pay pulse or a check-in's pulse to reveal its results.")
            return
        controller = self.session.controller
        shown, refused = 0, ""
        for activity, checkin in scopes:
            try:
                shown += controller.reveal(activity, checkin)
            except RevealError as exc:
                refused = str(exc)
        threshold = controller.anonymity_threshold()
        self._say(
            f"{shown} answers shown; later answers follow in batches of {threshold}."
            if shown
            else f"Not revealed: {refused}."
        )

    def _list_joining(self) -> None:
        self.joining_menu.clear()
        store = self.session.store
        rules = store.join_rules()
        close = self.joining_menu.addAction("Close joining (everyone is in)")
        close.setCheckable(True)
        close.setChecked(not rules.open)
        close.toggled.connect(lambda closed: self.set_joining_open(not closed))
        for address, n in sorted(store.refused().items()):
            limit = rules.limit(address) + n
            action = self.joining_menu.addAction(f"Allow {limit} phones from {address}")
            action.triggered.connect(lambda _=False, a=address, k=limit: self.allow(a, k))

    def set_joining_open(self, open_: bool) -> None:
        """Open joining again, or close it once everyone is in."""
        self.session.store.set_joining_open(open_)
        self._say("" if open_ else "Joining is closed: no new phone can join.")

    def allow(self, address: str, phones: int) -> None:
        """Let ``phones`` phones join from ``address`` (people behind one router)."""
        self.session.store.allow(address, phones)
        self._say(f"Up to {phones} phones may join from {address}.")
        self.refresh()

    def _started(self, info: dict[str, object]) -> None:
        self.qr.setPixmap(qr_pixmap(str(info["join_url"]), QR_THUMBNAIL))
        self.join.setText(f"{str(info['url']).removeprefix('http://')}  code {info['code']}")
        self._say("")
        self._show_running(True)
        self.refresh()
        self.join_changed.emit(info)

    def _stopped(self, reason: str) -> None:
        self._show_running(False)
        self._say(reason or "Live input stopped. Everything sent is saved.")
        self.join_changed.emit(None)

    def _show_running(self, running: bool) -> None:
        self.start_button.setEnabled(True)
        self.start_button.setText("Stop live input" if running else "Start live input")
        for widget in (
            self.qr,
            self.join,
            self.phones,
            self.done,
            self.pause,
            self.vote,
            self.reveal,
            self.joining,
        ):
            widget.setVisible(running)
        self.pause.setChecked(False)
        self.vote.setChecked(False)
        self.vote.setEnabled(running and self.session.page in STEP_IDS)

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
            self.session.open_vote(self.session.page, dots)
        else:
            self.vote.setChecked(False)
