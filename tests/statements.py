"""The SQL statements a piece of code sends to a workshop file, caught as they go."""

from collections.abc import Callable

from sqlalchemy import event

from ampdesk.store.workshop_file import Workshop


def statements_sent(workshop: Workshop, read: Callable[[], object]) -> list[str]:
    """Every SQL statement ``read`` sends to ``workshop``'s file, in order."""
    sent: list[str] = []

    def keep(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(workshop.engine, "before_cursor_execute", keep)
    try:
        read()
    finally:
        event.remove(workshop.engine, "before_cursor_execute", keep)
    return sent
