"""Widgets reach the workshop's data only through the controller: no ui module but the
controller (and its undo commands in ui/edits/) imports the store's aggregates or touches
``controller.store``; opening, saving and handing over a file are the only store calls left
to the window."""

import ast
from pathlib import Path

import ampdesk.ui

UI = Path(ampdesk.ui.__file__).parent
# the controller and its undo commands: the only ui code that reads and writes the store
# and the channel to the store host that runs them (docs/store.md)
OWNERS = {UI / "controller.py", UI / "hosted.py"} | set((UI / "edits").glob("**/*.py"))
# the file as a file: open, create, copy, repair, hand over, templates, whole outputs; the live
# session's own store
FILE_MODULES = {
    "ampdesk.store.workshop_file",
    "ampdesk.store.creation",
    "ampdesk.store.repair",
    "ampdesk.store.outputs",
    "ampdesk.store.file_copy",
    "ampdesk.store.upgrade",
    "ampdesk.store.file_header",
    "ampdesk.store.writer_lock",
    "ampdesk.store.templates",
    "ampdesk.store.handover",
    "ampdesk.store.exchange",
    "ampdesk.store.live",
}


def _reaches_store(tree: ast.AST) -> list[str]:
    """Where a module imports the store beyond its files, or reaches ``controller.store``,
    or opens a transaction of its own."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ampdesk.store"):
            if node.module not in FILE_MODULES:
                found.append(f"line {node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ampdesk.store") and alias.name not in FILE_MODULES:
                    found.append(f"line {node.lineno}: imports {alias.name}")
        elif isinstance(node, ast.Attribute):
            owner = node.value
            owner_name = (
                owner.id
                if isinstance(owner, ast.Name)
                else owner.attr
                if isinstance(owner, ast.Attribute)
                else ""
            )
            if node.attr in ("store", "repo") and owner_name == "controller":
                found.append(f"line {node.lineno}: reaches controller.{node.attr}")
            if node.attr in ("session", "reading") and owner_name == "workshop":
                found.append(f"line {node.lineno}: opens a transaction on the workshop")
    return found


def test_widgets_read_the_workshop_only_through_the_controller() -> None:
    modules = sorted(set(UI.glob("**/*.py")) - OWNERS)
    assert len(modules) > 30  # every widget module is looked at
    offences = {
        str(path.relative_to(UI)): found
        for path in modules
        if (found := _reaches_store(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offences == {}


def test_the_guard_sees_a_widget_reaching_around_the_controller() -> None:
    sneaky = (
        "from ampdesk.store.notes import NotesStore\n"
        "def refresh(self):\n"
        "    return self.controller.store.notes.all(), self.controller.workshop.session()\n"
    )
    assert len(_reaches_store(ast.parse(sneaky))) == 3
