"""docs/privacy.md names a test for each promise; every test it names exists."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_test_named_in_docs_privacy_exists() -> None:
    text = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    named = re.findall(r"`(?:(tests/[\w/]+\.py)|attacks)::(test_\w+)`", text)
    assert len(named) >= 20
    for path, test in named:
        source = ROOT / (path or "tests/privacy/test_attacks.py")
        tree = ast.parse(source.read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert test in names, f"docs/privacy.md names {path or 'attacks'}::{test}, not found"
