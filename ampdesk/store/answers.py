"""Anonymous 1-5 answers to the pulses: the facilitator's counts, phones' answers, and what
a reveal shows of them (see :mod:`ampdesk.framework.reveal`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, and_, delete, func, select

from ampdesk.framework.pulse import counts_to_values
from ampdesk.framework.reveal import mixed
from ampdesk.store.live import SOURCE as PHONE_SOURCE
from ampdesk.store.live import is_revealed, phone_counts, reveal_answers, shown
from ampdesk.store.models import Answer, WorkshopDetails, given_at
from ampdesk.store.workshop_file import Workshop


class AnswersStore:
    """Reads and writes pulse answers; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def add(
        self,
        activity: str,
        item: str,
        values: Iterable[int],
        *,
        source: str = "facilitator",
        ballot: str | None = None,
        checkin_id: int | None = None,
    ) -> None:
        """Store anonymous 1-5 answers to one item of an activity."""
        with self.workshop.session() as s:
            s.add_all(
                Answer(
                    activity=activity,
                    item=item,
                    value=v,
                    source=source,
                    ballot=ballot,
                    checkin_id=checkin_id,
                )
                for v in values
            )

    def facilitator_counts(
        self, activity: str, item: str, checkin_id: int | None = None
    ) -> list[int]:
        """How many facilitator-entered answers of each scale point 1-5 one item has (at the
        workshop, or at one check-in)."""
        query = (
            select(Answer.value, func.count(Answer.id))
            .where(_facilitator_answers(activity, item, checkin_id))
            .group_by(Answer.value)
        )
        with self.workshop.reading() as s:
            found = {value: count for value, count in s.execute(query)}
        return [found.get(value, 0) for value in range(1, 6)]

    def set_facilitator_counts(
        self, activity: str, item: str, counts: Sequence[int], checkin_id: int | None = None
    ) -> None:
        """Replace the facilitator-entered answers to one item by counts per scale point 1-5."""
        values = counts_to_values(counts)
        with self.workshop.session() as s:
            s.execute(delete(Answer).where(_facilitator_answers(activity, item, checkin_id)))
            s.add_all(
                Answer(
                    activity=activity,
                    item=item,
                    value=value,
                    source="facilitator",
                    checkin_id=checkin_id,
                )
                for value in values
            )

    def by_item(self, activity: str, checkin_id: int | None = None) -> dict[str, list[int]]:
        """Every answer of one activity, grouped by item."""
        query = select(Answer.item, Answer.value).where(Answer.activity == activity)
        query = query.where(given_at(checkin_id))
        grouped: dict[str, list[int]] = {}
        with self.workshop.reading() as s:
            for item, value in s.execute(query.order_by(Answer.id)):
                grouped.setdefault(item, []).append(value)
        return grouped

    def shown(self, activity: str, checkin_id: int | None = None) -> dict[str, list[int]]:
        """The answers of one activity as the rules and every output see them: the
        facilitator's, and phones' as far as they were revealed (see framework/reveal.py)."""
        if not is_revealed(activity, checkin_id):
            return self.by_item(activity, checkin_id)
        query = select(Answer.item, Answer.value).where(
            Answer.activity == activity, Answer.source != PHONE_SOURCE, given_at(checkin_id)
        )
        typed: dict[str, list[int]] = {}
        with self.workshop.reading() as s:
            for item, value in s.execute(query.order_by(Answer.id)):
                typed.setdefault(item, []).append(value)
            seen = shown(s, activity, checkin_id)
            threshold = s.get_one(WorkshopDetails, 1).anonymity_threshold
        items = [*typed, *(item for item in seen if item not in typed)]
        mix = {item: mixed(typed.get(item, []), seen.get(item), threshold) for item in items}
        return {item: values for item, values in mix.items() if values}

    def reveal(self, activity: str, checkin_id: int | None = None) -> int:
        """Show phones' current answers of an activity (the facilitator's reveal); returns how
        many are shown. Raises RevealError while no item has enough answers."""
        with self.workshop.session() as s:
            threshold = s.get_one(WorkshopDetails, 1).anonymity_threshold
            return reveal_answers(s, activity, checkin_id, threshold)

    def unrevealed(self, activity: str, checkin_id: int | None = None) -> int:
        """How many phone answers of an activity are not shown yet."""
        with self.workshop.reading() as s:
            current = phone_counts(s, activity, checkin_id)
            seen = shown(s, activity, checkin_id)
        total = sum(sum(c) for c in current.values())
        return total - sum(sum(v.counts) for v in seen.values()) if seen else total


def _facilitator_answers(activity: str, item: str, checkin_id: int | None) -> ColumnElement[bool]:
    """The facilitator-entered answers to one item, at the workshop or at one check-in."""
    return and_(
        Answer.activity == activity,
        Answer.item == item,
        Answer.source == "facilitator",
        given_at(checkin_id),
    )
