"""Every change a person makes to a workshop, as a named undoable command (one module per area).

Each command is a :class:`~ampdesk.ui.edits.base.RowEdit`: it writes its change once when it is
made, keeps an exact copy of the rows it changed (ids included), and undo and redo write those
copies back. The controller builds the commands and pushes them onto its undo stack.
"""
