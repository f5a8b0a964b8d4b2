"""Outputs never overwrite a workshop: every command that writes a .ampdesk refuses a target
that exists, and leaves it byte for byte as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import create_workshop
from tests.cli.runner import ampdesk


def test_no_command_replaces_an_existing_workshop(tmp_path: Path) -> None:
    write_demo(tmp_path / "source.ampdesk").close()
    create_workshop(tmp_path / "other.ampdesk", "Another team's workshop").close()
    target = tmp_path / "other.ampdesk"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    exported = ampdesk("export", "source.ampdesk", "--format", "json", "-o", "w.json", cwd=tmp_path)
    assert exported.returncode == 0
    for command in (
        ["handover", "source.ampdesk", "-o", "other.ampdesk"],
        ["handover", "source.ampdesk", "-o", "other.ampdesk", "--without-individual-pay"],
        ["import-json", "w.json", "other.ampdesk"],
        ["new", "other.ampdesk"],
        ["demo", "other.ampdesk"],
    ):
        result = ampdesk(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert "exists already" in result.stderr and result.stderr.count("\n") == 1, command
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
