"""Rows as they were, so that an edit can be taken back and made again exactly.

An undoable edit names the rows it may change (a :data:`Scope`), and :func:`take` copies them
before and after the edit: every column, ids and timestamps included. The difference is a
:class:`RowChange`; :func:`apply` writes it forward or back in one transaction, so a deleted row
returns under its own id with its dependants (a note's dots, an action's check-in statuses) and
a command that refers to that id later still finds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, and_, delete, insert, or_, select, text, update
from sqlalchemy.orm import Session

from ampdesk.store.models import Base
from ampdesk.store.workshop_file import Workshop

_ORDER = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}  # parents first
_MODELS = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


@dataclass(frozen=True, slots=True)
class Rows:
    """The rows of one table that a condition selects."""

    model: type[Base]
    where: ColumnElement[bool]

    @property
    def table(self) -> Table:
        """The table the rows are in."""
        return Base.metadata.tables[self.model.__tablename__]


Scope = tuple[Rows, ...]
Key = tuple[str, tuple[object, ...]]  # a row's table and primary key
Keys = tuple[Key, ...]  # the rows a store operation touched: plain values, they travel anywhere


@dataclass(frozen=True, slots=True)
class RowImage:
    """One row exactly as it was: its table and every column's value, in the table's order."""

    table: str
    values: tuple[tuple[str, object], ...]

    @property
    def key(self) -> tuple[str, tuple[object, ...]]:
        """The table and the row's primary key: what identifies the row in the file."""
        columns = dict(self.values)
        primary = Base.metadata.tables[self.table].primary_key.columns
        return self.table, tuple(columns[c.name] for c in primary)


Images = Mapping[tuple[str, tuple[object, ...]], RowImage]


@dataclass(frozen=True, slots=True)
class RowChange:
    """What one edit did to the file: the rows it replaced or removed (``before``) and the
    rows it wrote (``after``). A row in both was changed in place."""

    before: tuple[RowImage, ...]
    after: tuple[RowImage, ...]

    @classmethod
    def between(cls, before: Images, after: Images) -> RowChange:
        """The change from one copy of some rows to another (rows equal in both are left out)."""
        return cls(
            tuple(image for key, image in before.items() if after.get(key) != image),
            tuple(image for key, image in after.items() if before.get(key) != image),
        )

    def reversed(self) -> RowChange:
        """The change that takes this one back."""
        return RowChange(self.after, self.before)

    def __bool__(self) -> bool:
        return bool(self.before or self.after)


def take(workshop: Workshop, scope: Scope) -> dict[tuple[str, tuple[object, ...]], RowImage]:
    """A copy of every row the scope selects, by table and primary key (one read)."""
    images: dict[tuple[str, tuple[object, ...]], RowImage] = {}
    if not scope:
        return images
    with workshop.session() as s:
        for rows in scope:
            names = [c.name for c in rows.table.columns]
            for row in s.execute(select(rows.table).where(rows.where)):
                image = RowImage(rows.table.name, tuple(zip(names, row, strict=True)))
                images[image.key] = image
    return images


def rows_at(images: Iterable[RowImage]) -> Scope:
    """The scope of the rows at these images' keys, whatever their values are now (an edit
    may change a row so that the condition that chose it no longer does)."""
    by_table: dict[str, list[RowImage]] = {}
    for image in images:
        by_table.setdefault(image.table, []).append(image)
    return tuple(
        Rows(_MODELS[name], or_(*(_is(image) for image in found)))
        for name, found in by_table.items()
    )


def keyed(keys: Keys) -> Scope:
    """The scope of the rows at these keys."""
    by_table: dict[str, list[tuple[object, ...]]] = {}
    for table, key in keys:
        by_table.setdefault(table, []).append(key)
    return tuple(
        Rows(_MODELS[name], or_(*(_at(Base.metadata.tables[name], key) for key in found)))
        for name, found in by_table.items()
    )


def remove(session: Session, scope: Scope) -> Keys:
    """Delete the rows ``scope`` selects in ``session``, dependants before their parents;
    returns their keys."""
    removed: list[Key] = []
    for rows in sorted(scope, key=lambda rows: _ORDER[rows.table.name], reverse=True):
        primary = list(rows.table.primary_key.columns)
        found = session.execute(select(*primary).where(rows.where))
        removed.extend((rows.table.name, tuple(key)) for key in found)
        session.execute(delete(rows.table).where(rows.where))
    return tuple(removed)


def apply(workshop: Workshop, change: RowChange) -> None:
    """Write ``change`` in one transaction: rows only in ``before`` are deleted (dependants
    first), rows only in ``after`` inserted with their ids (parents first), rows in both
    updated. Foreign keys are checked at commit, so a note merged into a note restored in the
    same change may come first."""
    before = {image.key: image for image in change.before}
    after = {image.key: image for image in change.after}
    with workshop.session() as s:
        s.execute(text("PRAGMA defer_foreign_keys = ON"))
        for image in _ordered((before[k] for k in before.keys() - after.keys()), reverse=True):
            s.execute(delete(_table(image)).where(_is(image)))
        for image in _ordered(after[k] for k in after.keys() - before.keys()):
            s.execute(insert(_table(image)).values(dict(image.values)))
        for image in _ordered(after[k] for k in after.keys() & before.keys()):
            s.execute(update(_table(image)).where(_is(image)).values(dict(image.values)))


def _ordered(images: Iterable[RowImage], *, reverse: bool = False) -> list[RowImage]:
    return sorted(images, key=lambda image: _ORDER[image.table], reverse=reverse)


def _table(image: RowImage) -> Table:
    return Base.metadata.tables[image.table]


def _is(image: RowImage) -> ColumnElement[bool]:
    table = _table(image)
    values = dict(image.values)
    return _at(table, tuple(values[column.name] for column in table.primary_key.columns))


def _at(table: Table, key: tuple[object, ...]) -> ColumnElement[bool]:
    """The row of ``table`` whose primary key is ``key``."""
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))
