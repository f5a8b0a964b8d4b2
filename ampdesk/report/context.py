"""Everything the report's sections read, gathered from the workshop file in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass

from ampdesk.framework.content import Framework, framework
from ampdesk.framework.disclosure import Policy
from ampdesk.framework.evaluation import Evaluation, WorkshopInputs, evaluate
from ampdesk.framework.fairness import PayRow
from ampdesk.framework.followup import CheckInValue, TrendPoint
from ampdesk.framework.plan import WorkshopPlan
from ampdesk.framework.progress import ticked_in
from ampdesk.framework.state import Counts, Details, OwnCaseValue
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore


@dataclass(frozen=True)
class ReportContext:
    """A snapshot of a workshop for printing."""

    content: Framework
    details: Details
    inputs: WorkshopInputs
    evaluation: Evaluation
    counts: Counts
    checklists: dict[str, dict[str, bool]]
    step_times: dict[str, tuple[int | None, int]]  # step: (planned minutes, seconds taken)
    acknowledgements: dict[str, str]
    own_cases: tuple[OwnCaseValue, ...]
    individual_pay: tuple[PayRow, ...] | None
    generated_on: dt.date
    checkins: tuple[CheckInValue, ...]
    trend: tuple[TrendPoint, ...]
    plan: WorkshopPlan
    roster: tuple[str, ...]

    @property
    def threshold(self) -> int:
        """The workshop's anonymity threshold."""
        return self.details.anonymity_threshold

    @property
    def policy(self) -> Policy:
        """What this report's readers may see (the disclosure policy): the confidential copy
        with individual pay shows every figure, any other report no small group's."""
        if self.individual_pay is not None:
            return Policy("individual_pay_copy", self.threshold)
        return Policy("report", self.threshold)


def strings(value: object) -> Iterator[str]:
    """Every string held in ``value`` (a context, or any dataclass, tuple, list or dict in it):
    all the text a document of this context can print, besides its own English words."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from strings(item)


def gather(workshop: Workshop, include_individual_pay: bool = False) -> ReportContext:
    """Read what the report needs; individual pay only when explicitly asked for."""
    store = WorkshopStore(workshop)
    content = framework()
    with store.snapshot():  # one state of the file, whatever phones send meanwhile
        inputs = store.inputs()
        return ReportContext(
            content=content,
            details=store.details.get(),
            inputs=inputs,
            evaluation=evaluate(inputs, content),
            counts=store.counts(),
            checklists={step.id: ticked_in(inputs.ticked, step.id) for step in content.steps},
            step_times={
                step: (store.plan.get().timebox(step), seconds)
                for step, seconds in store.progress.step_seconds().items()
            },
            acknowledgements=store.progress.acknowledgements(),
            own_cases=tuple(store.cases.all()),
            individual_pay=inputs.pay_rows if include_individual_pay else None,
            generated_on=dt.date.today(),
            checkins=tuple(store.checkins.all()),
            trend=tuple(store.checkins.trend()),
            plan=store.plan.get(),
            roster=tuple(store.plan.roster()),
        )
