"""Templates on disk: the shipped half-day and full-day plans, saving a workshop's plan as a
template, and starting a new workshop file from one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ampdesk.framework.content import framework
from ampdesk.framework.plan import PlanError, Template, template_from_json, template_to_json
from ampdesk.resources_path import resources_dir
from ampdesk.store.creation import create_whole
from ampdesk.store.outputs import refuse_overwrite, whole_file
from ampdesk.store.workshop_file import Workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore

SHIPPED = ("half-day", "full-day")


def shipped_path(name: str) -> Path:
    """The file of a template that ships with ampdesk."""
    return resources_dir() / "templates" / f"{name}.json"


def load_template(source: str | Path) -> Template:
    """A shipped template by name (``half-day``), or a template file; checked in full."""
    path = shipped_path(str(source)) if str(source) in SHIPPED else Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError(f"{path.name}: not a template (not a text file)") from exc
    try:
        return template_from_json(text, framework())
    except PlanError as exc:
        raise PlanError(f"{path.name}: {exc}") from exc


def save_template(workshop: Workshop, target: Path, name: str) -> Template:
    """Write the workshop's plan as a template: structure only, never answers, names, pay
    or the facilitator's private notes."""
    store = WorkshopStore(workshop)
    details = store.details.get()
    plan = replace(store.plan.get(), facilitator_notes="")
    template = Template(
        name.strip() or details.title, details.title, details.anonymity_threshold, plan
    )
    _write_atomically(target, template_to_json(template))
    return template


def new_from_template(path: Path, template: Template, title: str | None = None) -> Workshop:
    """Create the workshop file ``path`` planned as ``template`` says; a failure leaves no file."""

    def fill(workshop: Workshop) -> None:
        store = WorkshopStore(workshop)
        store.details.update(anonymity_threshold=template.anonymity_threshold)
        store.plan.set(template.plan)

    create_whole(path, title or template.title, fill)
    return open_workshop(path)


def _write_atomically(target: Path, text: str) -> None:
    refuse_overwrite(target)
    with whole_file(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
