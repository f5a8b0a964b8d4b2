"""The compensation audit: one row per person, or only its summary in a hand-over copy."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select

from ampdesk.framework.fairness import PayRow, PaySummary
from ampdesk.framework.text_limits import check_row
from ampdesk.store.models import PayRecord, Setting
from ampdesk.store.private import owner_only
from ampdesk.store.workshop_file import Workshop

PAY_SUMMARY_KEY = "handover.pay_summary"


class PayStore:
    """Reads and edits the compensation audit; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def replace(self, rows: Sequence[PayRow]) -> None:
        """Replace the whole compensation audit with ``rows`` in one transaction; a file that
        holds individual pay is made readable by its owner only."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord))
            if rows:
                columns = [pay_columns(r) for r in rows]
                for values in columns:
                    check_row(PayRecord.__tablename__, values)
                s.execute(insert(PayRecord), columns)
        if rows:
            owner_only(self.workshop.path)

    def add(self, row: PayRow) -> int:
        """Add one person to the compensation audit (the file becomes readable by its owner
        only); returns the record's id."""
        with self.workshop.session() as s:
            record = PayRecord(**pay_columns(row))
            s.add(record)
            s.flush()
            record_id = record.id
        owner_only(self.workshop.path)
        return record_id

    def update(self, record_id: int, row: PayRow) -> None:
        """Replace one record of the compensation audit."""
        with self.workshop.session() as s:
            record = s.get_one(PayRecord, record_id)
            for key, value in pay_columns(row).items():
                setattr(record, key, value)

    def delete(self, record_ids: Sequence[int]) -> None:
        """Remove records from the compensation audit, all in one transaction."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord).where(PayRecord.id.in_(record_ids)))

    def records(self) -> list[tuple[int, PayRow]]:
        """The compensation audit with record ids, in the order it was entered."""
        query = select(
            PayRecord.id,
            PayRecord.role,
            PayRecord.level,
            PayRecord.work_type,
            PayRecord.pay,
            PayRecord.market_median,
            PayRecord.fte,
            PayRecord.person,
            PayRecord.group_name,
            PayRecord.currency,
        ).order_by(PayRecord.id)
        with self.workshop.reading() as s:
            return [
                (
                    r.id,
                    PayRow(
                        role=r.role,
                        level=r.level,
                        work_type=r.work_type,
                        pay=r.pay,
                        market_median=r.market_median,
                        fte=r.fte,
                        person=r.person,
                        group=r.group_name,
                        currency=r.currency,
                    ),
                )
                for r in s.execute(query)
            ]

    def rows(self) -> tuple[PayRow, ...]:
        """The compensation audit, in the order it was entered."""
        return tuple(row for _, row in self.records())

    def summary(self) -> PaySummary | None:
        """The audit's figures kept when the workshop was handed over without its rows."""
        with self.workshop.reading() as s:
            text = s.scalar(select(Setting.value).where(Setting.key == PAY_SUMMARY_KEY))
        return None if text is None else PaySummary.from_json(text)

    def replace_by_summary(self, summary: PaySummary) -> None:
        """Drop every pay row and keep only ``summary`` (the hand-over without individual pay)."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord))
            s.merge(Setting(key=PAY_SUMMARY_KEY, value=summary.to_json()))


def pay_columns(row: PayRow) -> dict[str, object]:
    """A pay row as the columns of its record."""
    return {
        "person": row.person,
        "role": row.role,
        "level": row.level,
        "work_type": row.work_type,
        "pay": row.pay,
        "market_median": row.market_median,
        "fte": row.fte,
        "group_name": row.group,
        "currency": row.currency,
    }
