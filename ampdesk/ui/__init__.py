"""The Qt desktop app.

PySide6 6.12.0 on Python 3.11 releases one reference to ``None`` too many each time a Qt
method that returns nothing is called (``setText``, ``update``, ``processEvents``...). After a
few thousand such calls ``None`` would be freed and the interpreter aborts ("deallocating
None"): a day-long workshop with a ticking step timer gets there. Emitting a signal from Python
does the same to ``True`` (what ``emit`` returns): a few hundred window refreshes would abort
("deallocating True or False"). Python 3.12 and later make these objects immortal. Where the
fault is seen (a probe call that should leave the count unchanged lowers it), the object is
given the same protection here: a reference count that cannot run out. Nothing else reads that
count.
"""

import ctypes
import sys

from PySide6.QtCore import QObject, QSettings, Signal

_AMPLE = 1 << 40


class _Probe(QObject):
    fired = Signal()


def _protect_none() -> bool:
    """Make ``None`` immortal if this PySide6 wears its reference count down; True if it did."""
    before = sys.getrefcount(None)
    QSettings.setDefaultFormat(QSettings.defaultFormat())  # returns nothing: a fair probe
    if sys.getrefcount(None) >= before:
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _AMPLE  # ob_refcnt, the object's first field
    return True


def _protect_booleans() -> bool:
    """Make ``True`` and ``False`` immortal if emitting a signal wears their count down."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()  # returns True, one reference too few
    if sys.getrefcount(True) >= before:
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _AMPLE
    return True


NONE_PROTECTED = _protect_none()
BOOLEANS_PROTECTED = _protect_booleans()
