"""Schema versions of the workshop file and the steps that upgrade one to the next.

``MIGRATIONS[n]`` turns a schema-``n`` file into schema ``n + 1``. Each step runs inside the
single transaction of :func:`ampdesk.store.workshop_file.open_workshop`; a fixture file of every
old schema lives in ``tests/fixtures/`` so each path is exercised by the tests.
"""

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}
