"""The workshop plan: the agenda with timeboxes, the prompts and case chosen for each step,
whether the phones take part, materials and private notes; and templates, which hold a plan
and nothing about people (no answers, no pay). Plain Python.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ampdesk.framework.content import STEP_IDS, Case, Framework, Step
from ampdesk.framework.text_limits import TextTooLong, check_materials, check_text, limit
from ampdesk.framework.thresholds import MIN_THRESHOLD

AgendaKind = Literal["opening", "step", "break", "actions", "other"]
AGENDA_KINDS: tuple[AgendaKind, ...] = ("opening", "step", "break", "actions", "other")
MAX_MINUTES = 8 * 60
TEMPLATE_FORMAT = "ampdesk-template"
TEMPLATE_VERSION = 1
WORKSHOP_FORMAT = "ampdesk-workshop"  # a whole workshop's JSON export (see store.exchange)
DEFAULT_MATERIALS = (
    "Laptop with ampdesk and this workshop file, charger, and a spare copy of the file",
    "Projector cable or adapter; a second screen for the presenter window if you have one",
    "The venue's Wi-Fi details, or a phone hotspot, for answers from phones",
    "The pay audit, reviewed beforehand (confidential: keep it off the projector)",
    "Sticky notes, markers and sticky dots for voting (if phones are not used)",
)


class PlanError(ValueError):
    """A plan or template that cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One block of the agenda: a step of the framework, a break or another item."""

    kind: AgendaKind
    title: str
    minutes: int
    step: str | None = None


@dataclass(frozen=True, slots=True)
class StepPlan:
    """What the facilitator will use in one step."""

    prompts: tuple[int, ...] | None = None  # indices into the step's prompts; None: all
    case: str | None = None  # the case to tell; None: the framework's first for the step
    phones: bool = True  # open the step's activity on the phones during live input


@dataclass(frozen=True, slots=True)
class WorkshopPlan:
    """Everything prepared before the day; templates carry exactly this."""

    agenda: tuple[AgendaItem, ...]
    steps: Mapping[str, StepPlan] = field(default_factory=dict)
    materials: tuple[str, ...] = DEFAULT_MATERIALS
    facilitator_notes: str = ""
    expected_participants: int | None = None

    @property
    def total_minutes(self) -> int:
        """The whole agenda's length."""
        return sum(item.minutes for item in self.agenda)

    def step_plan(self, step: str) -> StepPlan:
        """The plan of ``step`` (the defaults where nothing was chosen)."""
        return self.steps.get(step, StepPlan())

    def prompts(self, step: Step) -> list[tuple[int, str]]:
        """The prompts chosen for ``step`` as (number from 1, text), in the step's order."""
        chosen = self.step_plan(step.id).prompts
        return [
            (n, text)
            for n, text in enumerate(step.prompts, start=1)
            if chosen is None or n - 1 in chosen
        ]

    def cases(self, step: str, content: Framework) -> list[Case]:
        """The cases that fit ``step``, the planned one first."""
        fitting = [c for c in content.cases if step in c.steps]
        planned = self.step_plan(step).case
        return sorted(fitting, key=lambda c: c.id != planned)

    def timebox(self, step: str) -> int | None:
        """Minutes planned for ``step`` (all its agenda blocks), None if it has none."""
        minutes = [item.minutes for item in self.agenda if item.step == step]
        return sum(minutes) if minutes else None


def half_day(content: Framework) -> WorkshopPlan:
    """About four hours: every step once, one break."""
    minutes = {"fairness": 40, "autonomy": 50, "mastery": 40, "purpose": 40}
    agenda = [AgendaItem("opening", "Opening: why we are here, how answers stay anonymous", 15)]
    for step in content.steps:
        agenda.append(
            AgendaItem("step", f"Step {step.number} · {step.title}", minutes[step.id], step.id)
        )
        if step.id == "autonomy":
            agenda.append(AgendaItem("break", "Break", 15))
    agenda.append(AgendaItem("actions", "Actions: owners, dates, how progress will be seen", 30))
    return WorkshopPlan(tuple(agenda))


def full_day(content: Framework) -> WorkshopPlan:
    """A day with room for discussion, lunch and two shorter breaks."""
    minutes = {"fairness": 75, "autonomy": 90, "mastery": 75, "purpose": 60}
    breaks = {"fairness": ("Break", 15), "autonomy": ("Lunch", 60), "mastery": ("Break", 15)}
    agenda = [AgendaItem("opening", "Opening: why we are here, how answers stay anonymous", 30)]
    for step in content.steps:
        agenda.append(
            AgendaItem("step", f"Step {step.number} · {step.title}", minutes[step.id], step.id)
        )
        if step.id in breaks:
            agenda.append(AgendaItem("break", *breaks[step.id]))
    agenda.append(AgendaItem("actions", "Actions: owners, dates, how progress will be seen", 60))
    agenda.append(AgendaItem("other", "Closing round: one sentence each", 15))
    return WorkshopPlan(tuple(agenda))


# -- checking --------------------------------------------------------------------------------
def check_plan(plan: WorkshopPlan, content: Framework) -> WorkshopPlan:
    """Return ``plan`` if every reference and figure in it is valid, else raise PlanError."""
    if not plan.agenda:
        raise PlanError("the agenda is empty")
    for number, item in enumerate(plan.agenda, 1):
        where = f"agenda item {number}"
        if item.kind not in AGENDA_KINDS:
            raise PlanError(f"{where}: unknown kind {item.kind!r}")
        if not item.title.strip():
            raise PlanError(f"{where}: the title is empty")
        most = limit("agenda_item.title")
        if len(item.title) > most:
            raise PlanError(f"{where}: the title is longer than {most} characters")
        if isinstance(item.minutes, bool) or not isinstance(item.minutes, int):
            raise PlanError(f"{where}: minutes must be a whole number")
        if not 1 <= item.minutes <= MAX_MINUTES:
            raise PlanError(f"{where}: minutes must be 1 to {MAX_MINUTES}")
        if (item.kind == "step") != (item.step is not None):
            raise PlanError(f"{where}: a step block names its step, other blocks none")
        if item.step is not None and item.step not in STEP_IDS:
            raise PlanError(f"{where}: unknown step {item.step!r}")
    for step_id, step_plan in plan.steps.items():
        if step_id not in STEP_IDS:
            raise PlanError(f"steps: unknown step {step_id!r}")
        step = content.step(step_id)
        if step_plan.prompts is not None:
            if not step_plan.prompts:
                raise PlanError(f"steps.{step_id}.prompts: choose at least one prompt")
            for index in step_plan.prompts:
                if isinstance(index, bool) or not isinstance(index, int):
                    raise PlanError(
                        f"steps.{step_id}.prompts: prompt numbers must be whole numbers"
                    )
                if not 0 <= index < len(step.prompts):
                    raise PlanError(
                        f"steps.{step_id}.prompts: the step has prompts 1 to {len(step.prompts)}"
                    )
        if step_plan.case is not None and step_plan.case not in {c.id for c in content.cases}:
            raise PlanError(f"steps.{step_id}.case: the case {step_plan.case!r} does not exist")
    if plan.expected_participants is not None and not 1 <= plan.expected_participants <= 1000:
        raise PlanError("expected participants must be 1 to 1000")
    try:
        check_materials(plan.materials)
        check_text("workshop_plan.facilitator_notes", plan.facilitator_notes)
    except TextTooLong as exc:
        raise PlanError(str(exc)) from None
    return plan


# -- templates -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Template:
    """A named plan to start workshops from."""

    name: str
    title: str
    anonymity_threshold: int
    plan: WorkshopPlan


def template_to_json(template: Template) -> str:
    """The template file's text (stable, readable JSON)."""
    plan = template.plan
    data = {
        "format": TEMPLATE_FORMAT,
        "version": TEMPLATE_VERSION,
        "name": template.name,
        "title": template.title,
        "anonymity_threshold": template.anonymity_threshold,
        "agenda": [
            {"kind": i.kind, "title": i.title, "minutes": i.minutes, "step": i.step}
            for i in plan.agenda
        ],
        "steps": steps_to_data(plan.steps),
        "materials": list(plan.materials),
        "facilitator_notes": plan.facilitator_notes,
        "expected_participants": plan.expected_participants,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def template_from_json(text: str, content: Framework) -> Template:
    """Read and check a template file; raises PlanError with the reason."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PlanError(f"not a template: the file is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise PlanError("not a template: expected a JSON object")
    kind = data.get("format")
    if kind == WORKSHOP_FORMAT:
        raise PlanError(
            "this is a whole workshop exported as JSON, not a template "
            "(it may hold answers and pay); open it with 'ampdesk import-json' instead"
        )
    if kind != TEMPLATE_FORMAT:
        raise PlanError(f"not a template: 'format' must be {TEMPLATE_FORMAT!r}")
    if data.get("version") != TEMPLATE_VERSION:
        raise PlanError(
            f"template version {data.get('version')!r} is not supported "
            f"(this ampdesk reads version {TEMPLATE_VERSION})"
        )
    expected = {
        "format", "version", "name", "title", "anonymity_threshold", "agenda", "steps",
        "materials", "facilitator_notes", "expected_participants",
    }  # fmt: skip
    if unknown := set(data) - expected:
        raise PlanError(
            f"unknown field {sorted(unknown)[0]!r} (templates never hold answers or pay)"
        )
    try:
        agenda = tuple(
            AgendaItem(
                kind=_get(item, "kind", str),
                title=_get(item, "title", str),
                minutes=_get(item, "minutes", int),
                step=_get(item, "step", str, optional=True),
            )
            for item in _get(data, "agenda", list)
        )
        steps = steps_from_data(_get(data, "steps", dict))
        plan = WorkshopPlan(
            agenda=agenda,
            steps=steps,
            materials=tuple(_text(m) for m in _get(data, "materials", list)),
            facilitator_notes=_get(data, "facilitator_notes", str),
            expected_participants=_get(data, "expected_participants", int, optional=True),
        )
        template = Template(
            name=_get(data, "name", str),
            title=_get(data, "title", str),
            anonymity_threshold=_get(data, "anonymity_threshold", int),
            plan=check_plan(plan, content),
        )
    except (TypeError, AttributeError) as exc:
        raise PlanError(f"not a valid template: {exc}") from exc
    if template.anonymity_threshold < MIN_THRESHOLD:
        raise PlanError(f"anonymity_threshold cannot be below {MIN_THRESHOLD}")
    return template


def steps_to_data(steps: Mapping[str, StepPlan]) -> dict[str, dict[str, Any]]:
    """Per-step choices as JSON-ready data, in step order."""
    return {
        step: {
            "prompts": None if p.prompts is None else list(p.prompts),
            "case": p.case,
            "phones": p.phones,
        }
        for step, p in sorted(steps.items(), key=lambda kv: STEP_IDS.index(kv[0]))
        if step in STEP_IDS
    }


def steps_from_data(data: Mapping[str, Any]) -> dict[str, StepPlan]:
    """Per-step choices from :func:`steps_to_data`'s shape (checked by :func:`check_plan`)."""
    return {
        step: StepPlan(
            prompts=_prompts(_get(value, "prompts", list, optional=True)),
            case=_get(value, "case", str, optional=True),
            phones=_get(value, "phones", bool),
        )
        for step, value in data.items()
    }


def _get(data: Any, key: str, kind: type, optional: bool = False) -> Any:
    if not isinstance(data, dict):
        raise PlanError(f"expected an object around {key!r}")
    value = data.get(key)
    if value is None and optional:
        return None
    if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
        raise PlanError(f"{key!r} must be {kind.__name__}")
    return value


def _prompts(values: Sequence[Any] | None) -> tuple[int, ...] | None:
    return None if values is None else tuple(values)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise PlanError("materials must be texts")
    return value
