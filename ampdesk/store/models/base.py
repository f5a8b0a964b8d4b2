"""The declarative base every workshop table derives from; it refuses text over its limit."""

from __future__ import annotations

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapper

from ampdesk.framework.text_limits import TEXT_LIMITS, check_length


class Base(DeclarativeBase):
    """Declarative base of every workshop table."""


@event.listens_for(Base, "before_insert", propagate=True)
@event.listens_for(Base, "before_update", propagate=True)
def _within_text_limits(mapper: Mapper[Base], _connection: Connection, target: Base) -> None:
    """Refuse a new or changed text longer than its limit in
    :data:`~ampdesk.framework.text_limits.TEXT_LIMITS` (text a file held before, left
    unchanged, stays as it is)."""
    state = inspect(target)
    for column in mapper.columns:
        rule = TEXT_LIMITS.get(f"{column.table.name}.{column.key}")
        if rule is None:
            continue
        added = state.attrs[column.key].history.added
        if added and isinstance(added[-1], str):
            check_length(added[-1], rule)
