"""Shared test setup: Qt runs offscreen; every test gets its own files in tmp_path."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
