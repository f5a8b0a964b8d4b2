"""A workshop's state as stable JSON-ready data (``ampdesk check``) and as plain text.

The keys of :func:`status_data` are read by other tools: add keys, never rename them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ampdesk.framework.content import framework
from ampdesk.framework.disclosure import Policy
from ampdesk.framework.evaluation import evaluate
from ampdesk.framework.messages import (
    gate_headline,
    gate_words,
    progress_words,
    role_words,
    step_words,
)
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore


def status_data(workshop: Workshop) -> dict[str, Any]:
    """Evaluate the workshop and return its state as JSON-ready data, as the disclosure
    policy lets ``check`` show it: no figure of a group under the anonymity threshold."""
    store = WorkshopStore(workshop)
    with store.snapshot():  # one state of the file, whatever phones send meanwhile
        details = store.details.get()
        inputs = store.inputs()
        counts = store.counts()
        notes = store.progress.acknowledgements()
    result = evaluate(inputs, framework())
    policy = Policy("check_json", details.anonymity_threshold)
    return {
        "file": str(workshop.path),
        "schema_version": SCHEMA_VERSION,
        "workshop": {
            "title": details.title,
            "organisation": details.organisation,
            "date": details.held_on.isoformat() if details.held_on else None,
            "venue": details.venue,
            "facilitator": details.facilitator,
            "anonymity_threshold": details.anonymity_threshold,
        },
        "gate": {
            "state": result.gate.state,
            "words": gate_words(result.gate.state),
            "headline": gate_headline(result.gate.state, result.gate.overridden),
            "reasons": policy.reason_data(result.gate.reasons, result.roles),
            "overridden": result.gate.overridden,
            "locks_steps": result.gate.locks_steps,
            "override": _override(inputs.override),
        },
        "mistakes": [
            {
                "id": f.id,
                "step": f.step,
                "where": step_words(f.step),
                "title": f.title,
                "detected": f.detected,
                "question": f.question,
                "acknowledged": notes.get(f.id),
            }
            for f in result.findings
        ],
        "counts": {
            "participants": counts.participants,
            "responses": counts.responses,
            "notes": counts.notes,
            "votes": counts.votes,
            "actions": counts.actions,
            "pay_records": counts.pay_records,
            "checkins": counts.checkins,
        },
        "roles": [
            {**role, "state_words": role_words(role["state"])}
            for role in policy.role_data(result.roles)
        ],
        "routine_share": result.routine_share,
        "pulse": {item: asdict(summary) for item, summary in result.pulse.items()},
        "advice": [asdict(a) for a in result.advice],
        "steps": {
            step: {
                "status": status,
                "status_words": progress_words(status),
                "locked": result.step_locked(step),
            }
            for step, status in inputs.step_statuses.items()
        },
    }


def _override(override: Any) -> dict[str, str] | None:
    if override is None:
        return None
    return {
        "reason": override.reason,
        "remediation": override.remediation,
        "owner": override.owner,
        "due": override.due.isoformat(),
    }


def status_text(data: dict[str, Any]) -> str:
    """The same state as a short human-readable text."""
    workshop, gate, counts = data["workshop"], data["gate"], data["counts"]
    lines = [
        f"{workshop['title']} ({data['file']}, schema {data['schema_version']}): file OK",
        gate["headline"],
    ]
    lines += [f"  - {reason['message']}" for reason in gate["reasons"]]
    lines.append(
        "Counts: " + ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
    )
    if data["mistakes"]:
        lines.append("Mistake warnings:")
        lines += [
            f"  - {m['title']} ({m['where']}): {m['detected']}"
            + (f" {m['question']}" if m["question"] else "")
            for m in data["mistakes"]
        ]
    else:
        lines.append("Mistake warnings: none")
    return "\n".join(lines)
