"""One pass of every rule over a workshop: figures, pulse, gate, advice and mistakes.

The UI, the command line and the report all show this one result, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, Framework
from ampdesk.framework.fairness import (
    Advice,
    GateOverride,
    GateResult,
    GateThresholds,
    PayRow,
    PaySummary,
    RoleFigures,
    advice,
    evaluate_gate,
    role_figures,
    routine_share,
)
from ampdesk.framework.mistakes import Finding, MistakeInputs, find_mistakes
from ampdesk.framework.pulse import STATEMENTS, ItemSummary, summarize
from ampdesk.framework.state import ActionValue, NoteValue, OwnCaseValue, StepStatus


@dataclass(frozen=True, slots=True)
class WorkshopInputs:
    """The stored facts the rules need, read from a workshop file in one go."""

    anonymity_threshold: int
    thresholds: GateThresholds
    pay_rows: tuple[PayRow, ...]
    fairness_answers: dict[str, list[int]]
    autonomy_answers: dict[str, list[int]]
    notes: tuple[NoteValue, ...]
    actions: tuple[ActionValue, ...]
    decisions: dict[str, str]
    step_statuses: dict[str, StepStatus]
    override: GateOverride | None
    pay_summary: PaySummary | None = None  # the audit's figures when its rows were left out
    own_cases: tuple[OwnCaseValue, ...] = ()
    ticked: frozenset[str] = frozenset()  # ticked checklist items as "step.item"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything the rules conclude about a workshop."""

    roles: tuple[RoleFigures, ...]
    routine_share: float | None
    pulse: dict[str, ItemSummary]
    autonomy: dict[str, dict[str, ItemSummary]]
    gate: GateResult
    advice: tuple[Advice, ...]
    findings: tuple[Finding, ...]

    def step_locked(self, step: str) -> bool:
        """Whether the gate holds this step back."""
        return step in ("autonomy", "mastery", "purpose") and self.gate.locks_steps


def _mean(summary: ItemSummary) -> float | None:
    return None if summary.suppressed else summary.mean


def evaluate(inputs: WorkshopInputs, content: Framework) -> Evaluation:
    """Apply every rule of the framework to ``inputs``."""
    threshold = inputs.anonymity_threshold
    if not inputs.pay_rows and inputs.pay_summary is not None:  # handed over without rows
        roles, share = inputs.pay_summary.roles, inputs.pay_summary.routine_share
    else:
        roles = role_figures(inputs.pay_rows, inputs.thresholds)
        share = routine_share(inputs.pay_rows)
    pulse = {
        item: summarize(inputs.fairness_answers.get(item, []), threshold) for item, _ in STATEMENTS
    }
    autonomy = {
        dim: {
            when: summarize(inputs.autonomy_answers.get(f"{dim}.{when}", []), threshold)
            for when in ("current", "desired")
        }
        for dim in AUTONOMY_DIMENSIONS
    }
    peers = pulse["peers"]
    gate = evaluate_gate(roles, peers if peers.n else None, inputs.thresholds, inputs.override)
    findings = find_mistakes(
        MistakeInputs(
            gate=gate,
            roles=roles,
            routine_share=share,
            thresholds=inputs.thresholds,
            step_statuses=inputs.step_statuses,
            notes=inputs.notes,
            actions=inputs.actions,
            decisions=inputs.decisions,
            autonomy_means={
                dim: (_mean(pair["current"]), _mean(pair["desired"]))
                for dim, pair in autonomy.items()
            },
            own_cases=inputs.own_cases,
            ticked=inputs.ticked,
        ),
        content,
    )
    return Evaluation(
        roles=roles,
        routine_share=share,
        pulse=pulse,
        autonomy=autonomy,
        gate=gate,
        advice=advice(roles, share, inputs.thresholds, threshold),
        findings=tuple(findings),
    )
