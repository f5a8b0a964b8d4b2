"""The mouse wheel changes a spin box or a combo box only after a click into it.

Scrolling a page with the pointer over a field scrolls the page: the wheel reaches a field
only once the facilitator clicked into it (and until it loses the focus), and never a field
marked as a setting (:func:`mark_setting`, such as the anonymity threshold).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

SETTING = "ampdesk_setting"  # a field the wheel never changes
_CLICKED = "ampdesk_clicked"  # the field was clicked into and kept the focus since
FIELDS = (QAbstractSpinBox, QComboBox)


def mark_setting(field: QWidget) -> None:
    """The wheel never changes ``field`` (it is typed into, or chosen from its list)."""
    field.setProperty(SETTING, True)


def _field(watched: QObject) -> QWidget | None:
    """The spin box or combo box ``watched`` is, or is part of (its line edit)."""
    if isinstance(watched, FIELDS):
        return watched
    parent = watched.parent() if isinstance(watched, QWidget) else None
    return parent if isinstance(parent, FIELDS) else None


class WheelGuard(QObject):
    """An application-wide filter (see :func:`install`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pass the wheel on to the page unless the field under it was clicked into."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and (field := _field(watched)) is not None:
            field.setProperty(_CLICKED, True)
        elif kind == QEvent.Type.FocusOut and isinstance(watched, FIELDS):
            watched.setProperty(_CLICKED, False)
        elif kind == QEvent.Type.Wheel and (field := _field(watched)) is not None:
            clicked = bool(field.property(_CLICKED)) and field.hasFocus()
            if field.property(SETTING) or not clicked:
                assert isinstance(event, QWheelEvent)
                self._pass_on(watched, field, event)
                return True
        return False

    @staticmethod
    def _pass_on(watched: QObject, field: QWidget, event: QWheelEvent) -> None:
        """Give the wheel to the widgets holding ``field``, inner first, until one takes it
        (the page scrolls); an event sent by hand is not passed on by Qt itself."""
        position = event.position()
        if watched is not field:
            assert isinstance(watched, QWidget)  # the field's line edit
            position = watched.mapTo(field, position)
        widget, parent = field, field.parentWidget()
        while parent is not None:
            position = widget.mapToParent(position)
            passed = QWheelEvent(
                position,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
            )
            QApplication.sendEvent(parent, passed)
            if passed.isAccepted():
                return
            widget, parent = parent, parent.parentWidget()


def install() -> None:
    """Guard every field of the application (once; later calls do nothing)."""
    app = QApplication.instance()
    if app is not None and app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
