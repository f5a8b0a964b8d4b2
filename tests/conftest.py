"""Shared test setup: Qt runs offscreen, and no test touches the user's own settings or data.

Before anything else is imported, HOME and the XDG folders (settings, data, cache, state) point
into a throwaway folder: Qt's settings (``~/.config/ampdesk/ampdesk.conf``, a
``PySideApp.conf`` written before the app has its name), its standard paths and every child
process a test starts (which inherits the environment) land there. The user's own settings
are fingerprinted when the run starts and again when it ends; a difference fails the run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def _real_places() -> list[tuple[Path, tuple[str, ...]]]:
    """Where the user's settings and data for ampdesk (and Qt's defaults) live, with the
    names watched in each."""
    home = Path(os.environ.get("HOME") or Path.home())
    defaults = {
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
    }
    ours = ("ampdesk*", "PySideApp*", "QtProject*")
    places = [(Path(os.environ.get(name) or defaults[name]), ours) for name in _XDG]
    return [*places, (home, (".qttest",))]  # Qt's test mode writes under HOME


_REAL_PLACES = _real_places()


def _fingerprint(places: list[tuple[Path, tuple[str, ...]]]) -> dict[str, str]:
    """Every watched file (folders searched through) with a hash of its bytes."""
    found: dict[str, str] = {}
    for place, patterns in places:
        for pattern in patterns:
            for top in place.glob(pattern):
                files = [top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()]
                for path in files:
                    try:
                        found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
                    except OSError as exc:
                        found[str(path)] = f"unreadable: {exc.strerror}"
    return found


_BEFORE = _fingerprint(_REAL_PLACES)
_SANDBOX = Path(tempfile.mkdtemp(prefix="ampdesk-tests-home-"))
os.environ["HOME"] = str(_SANDBOX)
for _name in _XDG:
    os.environ[_name] = str(_SANDBOX / _name.lower())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if the user's own settings or data changed while it ran."""
    after = _fingerprint(_REAL_PLACES)
    changed = sorted(p for p in _BEFORE.keys() | after.keys() if _BEFORE.get(p) != after.get(p))
    shutil.rmtree(_SANDBOX, ignore_errors=True)
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the tests changed the user's own settings or data: " + ", ".join(changed)
        if reporter is not None:
            reporter.write_sep("=", message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
