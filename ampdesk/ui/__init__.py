"""The Qt desktop app.

The store is imported before PySide6 on purpose: once PySide6 is loaded, shiboken's import
hook reads the source of every module imported after it, which adds about 110 ms to start-up
for SQLAlchemy alone (see docs/performance.md).
"""

import ampdesk.store.repository  # noqa: F401  (import order, see above)
