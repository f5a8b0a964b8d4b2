"""Pay-fairness figures, the gate that holds steps 2-4 back, and advice by type of work.

Sources of the default thresholds are in README ("The pay-fairness gate") and
``shared/domain/FACTS.md``; every one is configurable per workshop.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from itertools import combinations
from typing import Literal

from ampdesk.framework.pulse import ItemSummary
from ampdesk.framework.thresholds import DEFAULT_THRESHOLD, DOMINANCE_SHARE, MIN_THRESHOLD

WorkType = Literal["routine", "creative"]
GateState = Literal["not_assessed", "blocked", "attention", "pass"]
Severity = Literal["blocked", "attention"]
RoleState = Literal["pass", "attention", "blocked"]


@dataclass(frozen=True, slots=True)
class PayRow:
    """One person in the compensation audit."""

    role: str
    level: str
    work_type: WorkType
    pay: float
    market_median: float
    fte: float = 1.0
    person: str | None = None
    group: str | None = None
    currency: str | None = None

    @property
    def adjusted_pay(self) -> float:
        """Pay scaled to full time (``pay / fte``)."""
        return self.pay / self.fte

    @property
    def compa_ratio(self) -> float:
        """FTE-adjusted pay over the market median (1.00 is at market)."""
        return self.adjusted_pay / self.market_median


@dataclass(frozen=True, slots=True)
class GateThresholds:
    """The gate's thresholds; the defaults and their sources are listed in README."""

    # Practitioners call 85-115% of market "competitive" (Kamsa); below 0.85 blocks.
    blocked_median_compa: float = 0.85
    # The peer-fairness statement: an average under 2.5 of 5 means most disagree.
    blocked_peer_mean: float = 2.5
    blocked_peer_disagree_share: float = 0.40
    # Creative work: pay at or a little above market stops money being the topic.
    attention_creative_compa: float = 1.00
    # Routine work: within 5% of market (ampdesk's own default; the EHRC 5% rule is about gaps
    # between groups doing equal work, not pay against the market, so it is not the source).
    attention_routine_compa: float = 0.95
    # Ellig's survey ratio (highest over lowest pay for one position), adapted to one company.
    attention_spread: float = 1.5
    # EU Pay Transparency Directive 2023/970: a 5% gap triggers a joint pay assessment
    # (the Directive concerns sex and employers of 100+ workers; applying it to any grouping is
    # an extension; the EHRC audit guidance also investigates 5% gaps between equal-work groups).
    attention_group_gap: float = 0.05
    attention_peer_mean: float = 3.5
    # Groups smaller than this are suppressed (Viva Insights, Culture Amp use 5).
    min_group_size: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        checks = {
            "blocked_median_compa": 0.1 <= self.blocked_median_compa <= 2.0,
            "blocked_peer_mean": 1.0 <= self.blocked_peer_mean <= 5.0,
            "blocked_peer_disagree_share": 0.0 < self.blocked_peer_disagree_share <= 1.0,
            "attention_creative_compa": 0.1 <= self.attention_creative_compa <= 2.0,
            "attention_routine_compa": 0.1 <= self.attention_routine_compa <= 2.0,
            "attention_spread": 1.0 <= self.attention_spread <= 10.0,
            "attention_group_gap": 0.0 < self.attention_group_gap < 1.0,
            "attention_peer_mean": 1.0 <= self.attention_peer_mean <= 5.0,
            "min_group_size": self.min_group_size >= MIN_THRESHOLD,
        }
        for key, ok in checks.items():
            if not ok:
                raise ValueError(f"gate threshold {key}: {getattr(self, key)} is out of range")

    @classmethod
    def from_mapping(cls, values: Mapping[str, str | float | int]) -> GateThresholds:
        """Thresholds from stored settings; unknown keys or non-numbers raise ValueError."""
        known = {f.name: f.type for f in fields(cls)}
        changes: dict[str, float | int] = {}
        for key, raw in values.items():
            if key not in known:
                raise ValueError(f"unknown gate threshold {key!r}")
            try:
                value = float(raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"gate threshold {key}: {raw!r} is not a number") from exc
            if key == "min_group_size" and not value.is_integer():
                raise ValueError(f"gate threshold {key}: {raw!r} is not a whole number")
            changes[key] = int(value) if key == "min_group_size" else value
        return cls(**{**asdict(cls()), **changes})


@dataclass(frozen=True, slots=True)
class GroupGap:
    """The gap between two groups' mean FTE-adjusted pay, as a share of the higher mean."""

    higher_group: str
    lower_group: str
    gap_share: float
    higher_size: int = 0  # people in each group (0: not known, treated as small)
    lower_size: int = 0
    dominated: bool = False  # one person has over DOMINANCE_SHARE of either group's pay


@dataclass(frozen=True, slots=True)
class RoleFigures:
    """The figures of one role and level. In a summary handed over without individual pay,
    a group under the anonymity threshold keeps no figure (``median_compa_ratio`` is None),
    only the codes of the gate's reasons about it, so its state stays known."""

    role: str
    level: str
    work_type: WorkType
    headcount: int
    currency: str | None
    median_compa_ratio: float | None
    spread: float | None
    group_gaps: tuple[GroupGap, ...]
    suppressed_groups: int
    state: RoleState = "pass"
    withheld_reasons: tuple[str, ...] = ()
    # What others than the holder of individual pay see (docs/privacy.md): the upper over the
    # lower quartile of FTE-adjusted pay, which no single person sets, and whether one person
    # has over DOMINANCE_SHARE of the group's pay (then no figure is shown to them).
    quartile_ratio: float | None = None
    dominated: bool = False


@dataclass(frozen=True, slots=True)
class GateReason:
    """One reason for the gate's state, with the figure and the threshold it crossed."""

    code: str
    severity: Severity
    message: str
    role: str | None
    level: str | None
    figure: str
    value: float | None
    threshold: float | None
    groups: tuple[str, str] | None = None  # a group gap's higher and lower group


@dataclass(frozen=True, slots=True)
class GateOverride:
    """The facilitator's decision to go on anyway, with a reason and a remediation."""

    reason: str
    remediation: str
    owner: str
    due: dt.date

    def __post_init__(self) -> None:
        for name in ("reason", "remediation", "owner"):
            if not getattr(self, name).strip():
                raise ValueError(f"an override needs a {name}")


@dataclass(frozen=True, slots=True)
class GateResult:
    """The gate's state, every reason, and whether steps 2-4 are held back."""

    state: GateState
    reasons: tuple[GateReason, ...]
    overridden: bool
    locks_steps: bool


@dataclass(frozen=True, slots=True)
class Advice:
    """Advice for the facilitator derived from the audit."""

    code: str
    message: str


def _group_gaps(rows: Sequence[PayRow], min_size: int) -> tuple[tuple[GroupGap, ...], int]:
    by_group: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.group:
            by_group[row.group].append(row.adjusted_pay)
    big = {g: statistics.fmean(p) for g, p in sorted(by_group.items()) if len(p) >= min_size}
    gaps = []
    for a, b in combinations(big, 2):
        higher, lower = (a, b) if big[a] >= big[b] else (b, a)
        share = (big[higher] - big[lower]) / big[higher]
        dominated = _dominated(by_group[higher]) or _dominated(by_group[lower])
        sizes = len(by_group[higher]), len(by_group[lower])
        gaps.append(GroupGap(higher, lower, share, *sizes, dominated=dominated))
    return tuple(gaps), len(by_group) - len(big)


def _dominated(pays: Sequence[float]) -> bool:
    """The (1, k) dominance rule: one person has over ``DOMINANCE_SHARE`` of the total."""
    return bool(pays) and max(pays) > DOMINANCE_SHARE * sum(pays)


def _quartile_ratio(pays: Sequence[float]) -> float | None:
    """The upper quartile of ``pays`` over the lower (None under two people)."""
    if len(pays) < 2:
        return None
    lower, _, upper = statistics.quantiles(pays, n=4, method="inclusive")
    return upper / lower


# What a reason about a group whose figures are withheld says, by code.
WITHHELD_REASONS: dict[str, tuple[Severity, str, str]] = {
    "low_compa_ratio": ("blocked", "median_compa_ratio", "median compa-ratio is far below market"),
    "creative_below_market": (
        "attention",
        "median_compa_ratio",
        "median compa-ratio is below market for creative work",
    ),
    "routine_below_market": (
        "attention",
        "median_compa_ratio",
        "median compa-ratio is below market for routine work",
    ),
    "wide_spread": ("attention", "spread", "pay within the group is spread widely"),
    "group_gap": ("attention", "group_gap", "mean pay differs between groups"),
}


def _withheld_reasons(figures: RoleFigures) -> list[GateReason]:
    name = f"{figures.role} / {figures.level}"
    reasons = []
    for code in figures.withheld_reasons:
        severity, figure, text = WITHHELD_REASONS[code]
        reasons.append(
            GateReason(
                code,
                severity,
                f"{name}: {text} (figures withheld: a small group)",
                figures.role,
                figures.level,
                figure,
                None,
                None,
            )
        )
    return reasons


def _role_reasons(figures: RoleFigures, t: GateThresholds) -> list[GateReason]:
    median = figures.median_compa_ratio
    if median is None:
        return _withheld_reasons(figures)
    name = f"{figures.role} / {figures.level}"
    reasons = []

    def reason(
        code: str,
        severity: Severity,
        text: str,
        fig: str,
        value: float,
        limit: float,
        groups: tuple[str, str] | None = None,
    ) -> None:
        reasons.append(
            GateReason(
                code,
                severity,
                f"{name}: {text}",
                figures.role,
                figures.level,
                fig,
                value,
                limit,
                groups,
            )
        )

    if median < t.blocked_median_compa:
        reason(
            "low_compa_ratio",
            "blocked",
            f"median compa-ratio {median:.2f} is under {t.blocked_median_compa:.2f}",
            "median_compa_ratio",
            median,
            t.blocked_median_compa,
        )
    elif figures.work_type == "creative" and median < t.attention_creative_compa:
        reason(
            "creative_below_market",
            "attention",
            f"median compa-ratio {median:.2f} is under {t.attention_creative_compa:.2f} "
            "for creative work",
            "median_compa_ratio",
            median,
            t.attention_creative_compa,
        )
    elif figures.work_type == "routine" and median < t.attention_routine_compa:
        reason(
            "routine_below_market",
            "attention",
            f"median compa-ratio {median:.2f} is under {t.attention_routine_compa:.2f} "
            "for routine work",
            "median_compa_ratio",
            median,
            t.attention_routine_compa,
        )
    if figures.spread is not None and figures.spread > t.attention_spread:
        reason(
            "wide_spread",
            "attention",
            f"highest FTE-adjusted pay is {figures.spread:.2f} times the lowest "
            f"(over {t.attention_spread:.2f})",
            "spread",
            figures.spread,
            t.attention_spread,
        )
    for gap in figures.group_gaps:
        if gap.gap_share >= t.attention_group_gap:
            reason(
                "group_gap",
                "attention",
                f"mean pay of group '{gap.lower_group}' is {gap.gap_share:.1%} below group "
                f"'{gap.higher_group}' ({t.attention_group_gap:.0%} or more)",
                "group_gap",
                gap.gap_share,
                t.attention_group_gap,
                (gap.higher_group, gap.lower_group),
            )
    return reasons


def role_figures(
    rows: Iterable[PayRow], thresholds: GateThresholds | None = None
) -> tuple[RoleFigures, ...]:
    """Figures per role and level, ordered by role then level, each with its gate state."""
    t = thresholds or GateThresholds()
    grouped: dict[tuple[str, str], list[PayRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.role, row.level)].append(row)
    result = []
    for (role, level), members in sorted(grouped.items()):
        pays = [m.adjusted_pay for m in members]
        gaps, suppressed = _group_gaps(members, t.min_group_size)
        currencies = {m.currency for m in members if m.currency}
        figures = RoleFigures(
            role=role,
            level=level,
            work_type=members[0].work_type,
            headcount=len(members),
            currency=currencies.pop() if len(currencies) == 1 else None,
            median_compa_ratio=statistics.median(m.compa_ratio for m in members),
            spread=max(pays) / min(pays) if len(members) >= 2 else None,
            group_gaps=gaps,
            suppressed_groups=suppressed,
            quartile_ratio=_quartile_ratio(pays),
            dominated=_dominated(pays),
        )
        severities = {r.severity for r in _role_reasons(figures, t)}
        state: RoleState = (
            "blocked" if "blocked" in severities else "attention" if severities else "pass"
        )
        result.append(replace(figures, state=state))
    return tuple(result)


def routine_share(rows: Sequence[PayRow]) -> float | None:
    """Share of the audited headcount in routine work (None without an audit)."""
    if not rows:
        return None
    return sum(1 for r in rows if r.work_type == "routine") / len(rows)


def evaluate_gate(
    roles: Sequence[RoleFigures],
    pulse_peers: ItemSummary | None,
    thresholds: GateThresholds | None = None,
    override: GateOverride | None = None,
) -> GateResult:
    """Decide the gate from the role figures and the peer-fairness statement, with reasons."""
    t = thresholds or GateThresholds()
    usable_pulse = pulse_peers is not None and not pulse_peers.suppressed
    reasons: list[GateReason] = [r for figures in roles for r in _role_reasons(figures, t)]
    if usable_pulse:
        assert pulse_peers is not None and pulse_peers.mean is not None
        mean, disagree = pulse_peers.mean, pulse_peers.disagree_share or 0.0
        if mean < t.blocked_peer_mean:
            reasons.append(
                GateReason(
                    "peer_pulse_low_mean",
                    "blocked",
                    f"Peer fairness averages {mean:.1f} of 5, under {t.blocked_peer_mean:.1f}",
                    None,
                    None,
                    "peer_pulse_mean",
                    mean,
                    t.blocked_peer_mean,
                )
            )
        elif mean < t.attention_peer_mean:
            reasons.append(
                GateReason(
                    "peer_pulse_below_comfort",
                    "attention",
                    f"Peer fairness averages {mean:.1f} of 5, under {t.attention_peer_mean:.1f}",
                    None,
                    None,
                    "peer_pulse_mean",
                    mean,
                    t.attention_peer_mean,
                )
            )
        if disagree >= t.blocked_peer_disagree_share:
            reasons.append(
                GateReason(
                    "peer_pulse_disagreement",
                    "blocked",
                    f"{disagree:.0%} disagree that pay is fair next to peers "
                    f"({t.blocked_peer_disagree_share:.0%} or more)",
                    None,
                    None,
                    "peer_pulse_disagree_share",
                    disagree,
                    t.blocked_peer_disagree_share,
                )
            )
    if not roles and not usable_pulse:
        state: GateState = "not_assessed"
        if pulse_peers is not None and pulse_peers.n:
            reasons.append(_no_pulse_reason(pulse_peers))
    else:
        if not roles:
            reasons.append(
                GateReason(
                    "no_audit",
                    "attention",
                    "No compensation audit: pay against peers and the market is unknown",
                    None,
                    None,
                    "audit",
                    None,
                    None,
                )
            )
        if not usable_pulse:
            reasons.append(_no_pulse_reason(pulse_peers))
        severities = {r.severity for r in reasons}
        state = "blocked" if "blocked" in severities else "attention" if severities else "pass"
    locks = state in ("blocked", "not_assessed") and override is None
    return GateResult(state, tuple(reasons), override is not None, locks)


def _no_pulse_reason(pulse: ItemSummary | None) -> GateReason:
    answered = pulse.n if pulse else 0
    text = (
        "No fairness pulse yet: how the group sees its pay is unknown"
        if not answered
        else "The fairness pulse has too few answers to show without identifying people"
    )
    return GateReason("no_pulse", "attention", text, None, None, "pulse", None, None)


def advice(
    roles: Sequence[RoleFigures],
    share: float | None,
    thresholds: GateThresholds | None = None,
    anonymity_threshold: int = DEFAULT_THRESHOLD,
) -> tuple[Advice, ...]:
    """What the audit means for how to pay, and whether this framework comes first. A group
    under ``anonymity_threshold`` is counted, never named (the advice goes to every audience)."""
    t = thresholds or GateThresholds()
    found = []
    if any(r.work_type == "routine" for r in roles):
        found.append(
            Advice(
                "routine_pay",
                "Routine roles: clear if-then rewards can work here; make per-unit pay easy to "
                "see and to check.",
            )
        )
    if any(r.work_type == "creative" for r in roles):
        found.append(
            Advice(
                "creative_pay",
                "Creative roles: pay a plain salary at or a little above market, so money stops "
                "being the topic; thank people after the fact rather than promising bonuses.",
            )
        )
    if share is not None and share > 0.5:
        found.append(
            Advice(
                "mostly_routine_work",
                f"{share:.0%} of the audited people do routine work. For them, fair and visible "
                "contingent pay may help more than this framework; use it for the creative part.",
            )
        )
    severe = [
        r
        for r in roles
        if "low_compa_ratio" in r.withheld_reasons
        or (r.median_compa_ratio is not None and r.median_compa_ratio < t.blocked_median_compa)
    ]
    if severe:
        named = [f"{r.role} / {r.level}" for r in severe if r.headcount >= anonymity_threshold]
        small = len(severe) - len(named)
        if small:
            named.append("1 small group" if small == 1 else f"{small} small groups")
        found.append(
            Advice(
                "severe_underpayment",
                "Pay is well below market for "
                + ", ".join(named)
                + ". Fix pay first: autonomy, mastery and purpose cannot make up for it.",
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class PaySummary:
    """The audit's figures without its rows: what a workshop handed over without individual
    pay keeps, so that the gate and the report work as they did for the manager."""

    roles: tuple[RoleFigures, ...]
    routine_share: float | None
    people: int
    prepared_on: dt.date

    def to_json(self) -> str:
        """The summary as stored in the workshop file."""
        return json.dumps(
            {
                "roles": [asdict(r) for r in self.roles],
                "routine_share": self.routine_share,
                "people": self.people,
                "prepared_on": self.prepared_on.isoformat(),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> PaySummary:
        """Read a stored summary; raises ValueError if it is not one."""
        try:
            data = json.loads(text)
            roles = tuple(
                RoleFigures(
                    **{
                        **r,
                        "group_gaps": tuple(GroupGap(**g) for g in r["group_gaps"]),
                        "withheld_reasons": tuple(r.get("withheld_reasons", ())),
                    }
                )
                for r in data["roles"]
            )
            return cls(
                roles,
                data["routine_share"],
                int(data["people"]),
                dt.date.fromisoformat(data["prepared_on"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the stored pay summary is damaged ({exc})") from exc


def summarize_pay(
    rows: Sequence[PayRow],
    thresholds: GateThresholds,
    today: dt.date,
    anonymity_threshold: int = DEFAULT_THRESHOLD,
) -> PaySummary:
    """The summary of an audit (figures per role and level, no person's pay). A group under
    ``anonymity_threshold`` keeps its state and the codes of its reasons, but no figure."""
    roles = []
    for figures in role_figures(rows, thresholds):
        if figures.headcount < anonymity_threshold:
            codes = tuple(r.code for r in _role_reasons(figures, thresholds))
            figures = replace(
                figures,
                median_compa_ratio=None,
                spread=None,
                quartile_ratio=None,
                group_gaps=(),
                currency=None,
                withheld_reasons=codes,
            )
        else:
            gaps = tuple(
                g
                for g in figures.group_gaps
                if min(g.higher_size, g.lower_size) >= anonymity_threshold
            )
            figures = replace(figures, group_gaps=gaps)
        roles.append(figures)
    return PaySummary(tuple(roles), routine_share(rows), len(rows), today)
