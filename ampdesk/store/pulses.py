"""The pulse answers as every output sees them, for several moments at once (the workshop and
its check-ins), read with one query per table instead of one per moment."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from ampdesk.framework import reveal
from ampdesk.framework.followup import CHECKIN_ITEMS
from ampdesk.store.live import SOURCE as PHONE_SOURCE
from ampdesk.store.live import is_revealed, reveal_key
from ampdesk.store.models import Answer, Setting, WorkshopDetails

PULSE_ACTIVITIES = ("autonomy", "fairness")  # a moment's pulse: the fairness items win a clash


def shown_pulses(
    session: Session, checkin_ids: Sequence[int | None]
) -> dict[int | None, dict[str, list[int]]]:
    """The pulse answers of each moment (None: the workshop) by check-in item, as shown: the
    facilitator's, and phones' as far as they were revealed (see framework/reveal.py)."""
    moments = set(checkin_ids)
    scopes = [(activity, c) for c in checkin_ids for activity in PULSE_ACTIVITIES]
    keys = {reveal_key(a, c): (a, c) for a, c in scopes if is_revealed(a, c)}
    settings = select(Setting.key, Setting.value).where(Setting.key.in_(list(keys)))
    seen = {keys[key]: reveal.from_json(value) for key, value in session.execute(settings)}
    at_moments: ColumnElement[bool] = Answer.checkin_id.in_([c for c in moments if c is not None])
    if None in moments:
        at_moments = or_(at_moments, Answer.checkin_id.is_(None))
    query = (
        select(Answer.activity, Answer.item, Answer.value, Answer.source, Answer.checkin_id)
        .where(Answer.activity.in_(PULSE_ACTIVITIES), at_moments)
        .order_by(Answer.id)
    )
    grouped: dict[tuple[str, int | None], dict[str, list[int]]] = {s: {} for s in scopes}
    for activity, item, value, source, checkin in session.execute(query):
        if source == PHONE_SOURCE and is_revealed(activity, checkin):
            continue  # phones' answers count as far as revealed, below
        grouped[(activity, checkin)].setdefault(item, []).append(value)
    threshold = session.get_one(WorkshopDetails, 1).anonymity_threshold
    for scope, items in seen.items():
        for item, shown in items.items():
            mix = reveal.mixed(grouped[scope].get(item, []), shown, threshold)
            if mix:
                grouped[scope][item] = mix
    pulses: dict[int | None, dict[str, list[int]]] = {}
    for checkin in checkin_ids:
        found = {
            k: v for activity in PULSE_ACTIVITIES for k, v in grouped[(activity, checkin)].items()
        }
        pulses[checkin] = {item: found[item] for item, _ in CHECKIN_ITEMS if item in found}
    return pulses
