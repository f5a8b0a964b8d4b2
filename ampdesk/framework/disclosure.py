"""The one disclosure policy: what each audience may see of pay figures and small groups.

Every output (the window, the projector, the phones, the report and its variants,
``check --json``, the hand-over copy, exports) asks a :class:`Policy` instead of comparing a
group's size with a threshold itself. ``docs/privacy.md`` says per audience what it may see and
why, and which test proves it. Anchors: employee-survey tools (Culture Amp, Lattice, Qualtrics
EX) show no result for a group under an anonymity threshold (5 by default here, never under 3)
and also hide a second group where a hidden one could be derived by subtraction from a total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ampdesk.framework.thresholds import (
    DEFAULT_THRESHOLD,
    GAP_STEP,
    MIN_THRESHOLD,
    RATIO_STEP,
)

if TYPE_CHECKING:
    from ampdesk.framework.fairness import GateReason, GroupGap, RoleFigures

Audience = Literal[
    "manager",  # the manager's own file, which holds individual pay
    "individual_pay_copy",  # a report or copy written with --include-individual-pay
    "handover",  # the facilitator's copy without individual pay, and the window showing it
    "check_json",  # ampdesk check (text and --json)
    "report",  # the default report and its variants without individual pay
    "projector",  # the presenter screen
    "phones",  # the participant page
    "export",  # JSON and CSV exports
]
# Who sees every figure, small groups' too.
SEES_EVERYTHING: frozenset[Audience] = frozenset({"manager", "individual_pay_copy"})
# Who sees a small group's name with its state (never its figures): the facilitator's copy
# must explain why the gate holds, and check is read by the people who run the workshop.
NAMES_SMALL_GROUPS: frozenset[Audience] = frozenset({"handover", "check_json"})


def rounded(value: float, step: float) -> float:
    """``value`` rounded to a multiple of ``step`` (how figures are shown to anyone but the
    holder of individual pay)."""
    return round(round(value / step) * step, 6)


def small_groups_line(count: int) -> str:
    """How an audience that may not name small groups learns of their findings."""
    groups = "1 small group has" if count == 1 else f"{count} small groups have"
    return f"{groups} findings; see the confidential copy."


@dataclass(frozen=True, slots=True)
class RoleView:
    """One role and level as an audience may see it; ``None`` figures are withheld."""

    role: str
    level: str
    work_type: str
    headcount: int
    median_compa_ratio: float | None
    spread: float | None  # the holder's: highest over lowest; others': quartile ratio
    gaps: tuple[GroupGap, ...]
    gaps_withheld: bool
    state: str

    @property
    def withheld(self) -> bool:
        """Whether this group's figures are withheld from the audience."""
        return self.median_compa_ratio is None


@dataclass(frozen=True, slots=True)
class Policy:
    """What ``audience`` may see, with the workshop's anonymity ``threshold``."""

    audience: Audience
    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.threshold < MIN_THRESHOLD:
            raise ValueError(f"the anonymity threshold cannot be under {MIN_THRESHOLD}")

    @classmethod
    def for_window(cls, threshold: int, holds_individual_pay: bool) -> Policy:
        """The window shows what its file's holder may see: the manager's file everything,
        a hand-over copy what the facilitator may see."""
        return cls("manager" if holds_individual_pay else "handover", threshold)

    # -- the rules -----------------------------------------------------------------------
    def is_small(self, headcount: int) -> bool:
        """Whether a group of ``headcount`` people is under the threshold."""
        return headcount < self.threshold

    def shows_figures(self, headcount: int) -> bool:
        """Whether a group's pay figures may be shown (phones never see pay)."""
        if self.audience == "phones":
            return False
        return self.audience in SEES_EVERYTHING or not self.is_small(headcount)

    def names(self, headcount: int) -> bool:
        """Whether a group may be named with its state."""
        return self.shows_figures(headcount) or self.audience in NAMES_SMALL_GROUPS

    def hidden_parts(self, parts: Mapping[str, int], total_shown: bool) -> set[str]:
        """The parts (name to size) to hide: every small one, and where a total is shown and
        exactly one part is hidden, also the smallest other part, so that no hidden part can
        be computed from the total and the parts shown (complementary suppression)."""
        if self.audience in SEES_EVERYTHING:
            return set()
        hidden = {name for name, size in parts.items() if self.is_small(size)}
        shown = sorted((size, name) for name, size in parts.items() if name not in hidden)
        if total_shown and len(hidden) == 1 and shown:
            hidden.add(shown[0][1])
        return hidden

    def shows_gap(self, gap: GroupGap) -> bool:
        """A group gap is shown only where both groups have enough people and no one person
        dominates either group's pay."""
        if self.audience in SEES_EVERYTHING:
            return True
        return not (self.is_small(gap.higher_size) or self.is_small(gap.lower_size)) and not (
            gap.dominated
        )

    @property
    def exact(self) -> bool:
        """Whether this audience sees exact figures (the holder of individual pay); others
        see rounded ones and a spread no single person sets (docs/privacy.md)."""
        return self.audience in SEES_EVERYTHING

    # -- views ---------------------------------------------------------------------------
    def role(self, figures: RoleFigures) -> RoleView:
        """``figures`` as this audience may see them."""
        shown = (
            self.shows_figures(figures.headcount)
            and figures.median_compa_ratio is not None
            and (self.exact or not figures.dominated)
        )
        gaps: tuple[GroupGap, ...] = ()
        gaps_withheld = figures.suppressed_groups > 0
        if shown:
            sizes = {g.higher_group: g.higher_size for g in figures.group_gaps}
            sizes |= {g.lower_group: g.lower_size for g in figures.group_gaps}
            sizes |= {f"small group {n}": 0 for n in range(figures.suppressed_groups)}
            hidden = self.hidden_parts(sizes, total_shown=True)
            gaps = tuple(
                g
                for g in figures.group_gaps
                if self.shows_gap(g) and not {g.higher_group, g.lower_group} & hidden
            )
            gaps_withheld = gaps_withheld or len(gaps) < len(figures.group_gaps)
        median, spread = figures.median_compa_ratio, figures.spread
        if not self.exact:
            median = None if median is None else rounded(median, RATIO_STEP)
            spread = (
                None
                if figures.quartile_ratio is None
                else rounded(figures.quartile_ratio, RATIO_STEP)
            )
            gaps = tuple(replace(g, gap_share=rounded(g.gap_share, GAP_STEP)) for g in gaps)
        return RoleView(
            role=figures.role,
            level=figures.level,
            work_type=figures.work_type,
            headcount=figures.headcount,
            median_compa_ratio=median if shown else None,
            spread=spread if shown else None,
            gaps=gaps,
            gaps_withheld=gaps_withheld or (not shown and bool(figures.group_gaps)),
            state=figures.state,
        )

    def roles(self, roles: Iterable[RoleFigures]) -> tuple[list[RoleView], int]:
        """The roles this audience may list, and how many small ones with findings it may
        only count (not name)."""
        listed, counted = [], 0
        for figures in roles:
            if self.names(figures.headcount):
                listed.append(self.role(figures))
            elif figures.state != "pass":
                counted += 1
        return listed, counted

    def shows_reason(self, reason: GateReason, roles: Sequence[RoleFigures]) -> bool:
        """Whether ``reason``'s figure may be shown: its group's figures are, and a gap's two
        groups are both shown with the threshold and complementary suppression (the role
        table's rule, so no wording says more than the table)."""
        if self.audience in SEES_EVERYTHING or reason.role is None:
            return True
        figures = next((r for r in roles if (r.role, r.level) == (reason.role, reason.level)), None)
        if figures is None:
            return True
        if not self.shows_figures(figures.headcount) or self.role(figures).withheld:
            return False
        if reason.code != "group_gap":
            return True
        shown = {(g.higher_group, g.lower_group) for g in self.role(figures).gaps}
        return reason.groups in shown

    def reason_lines(
        self, reasons: Sequence[GateReason], roles: Sequence[RoleFigures]
    ) -> list[str]:
        """The gate's reasons as lines for this audience: a reason whose figure is withheld
        carries no figure and names no group within a role, and is counted in one line where
        the audience may not name the role. The same withheld line is given once."""
        sizes: dict[tuple[str, str | None], int] = {(r.role, r.level): r.headcount for r in roles}
        lines: list[str] = []
        counted = set()
        for reason in reasons:
            size = sizes.get((reason.role, reason.level)) if reason.role is not None else None
            if self.shows_reason(reason, roles):
                lines.append(self.reason_text(reason))
            elif size is None or self.names(size):
                line = self.withheld_message(reason)
                if line not in lines:
                    lines.append(line)
            else:
                counted.add((reason.role, reason.level))
        if counted:
            lines.append(small_groups_line(len(counted)))
        return lines

    def withheld_message(self, reason: GateReason) -> str:
        """A reason named by its role without its figure (nor, for a gap, its groups)."""
        return (
            f"{reason.role} / {reason.level}: {reason.figure.replace('_', ' ')} crosses its "
            f"threshold (figures withheld: a group under {self.threshold} people, or one "
            "that would let a hidden group be worked out)"
        )

    def reason_text(self, reason: GateReason) -> str:
        """A shown reason as this audience may read it: exact for the holder of individual
        pay; for others a median or gap rounded, and a spread as the limit it crossed."""
        if self.exact or reason.value is None or reason.threshold is None:
            return reason.message
        name = f"{reason.role} / {reason.level}"
        if reason.code == "wide_spread":
            return (
                f"{name}: pay within the group is spread widely (the highest FTE-adjusted pay "
                f"is over {reason.threshold:.2f} times the lowest)"
            )
        if reason.code == "group_gap" and reason.groups is not None:
            higher, lower = reason.groups
            return (
                f"{name}: mean pay of group '{lower}' is about "
                f"{rounded(reason.value, GAP_STEP):.0%} below group '{higher}' "
                f"({reason.threshold:.0%} or more)"
            )
        work = {
            "creative_below_market": " for creative work",
            "routine_below_market": (" for routine work"),
        }.get(reason.code, "")
        return (
            f"{name}: median compa-ratio about {rounded(reason.value, RATIO_STEP):.2f} "
            f"(rounded to {RATIO_STEP:.2f}) is under {reason.threshold:.2f}{work}"
        )

    def reason_value(self, reason: GateReason) -> float | None:
        """A shown reason's figure for this audience (see :meth:`reason_text`)."""
        if self.exact or reason.value is None:
            return reason.value
        if reason.code == "wide_spread":
            return None
        return rounded(reason.value, GAP_STEP if reason.code == "group_gap" else RATIO_STEP)

    def reason_data(
        self, reasons: Sequence[GateReason], roles: Sequence[RoleFigures]
    ) -> list[dict[str, Any]]:
        """The gate's reasons as JSON-ready data for this audience: a withheld reason keeps
        its code, role and state but no value, message figure or group names."""
        data = []
        for reason in reasons:
            item = asdict(reason)
            if not self.shows_reason(reason, roles):
                item.update(message=self.withheld_message(reason), value=None, groups=None)
            else:
                item.update(message=self.reason_text(reason), value=self.reason_value(reason))
            data.append(item)
        return data

    def role_data(self, roles: Iterable[RoleFigures]) -> list[dict[str, Any]]:
        """The role figures as JSON-ready data for this audience: the roles it may name, a
        withheld figure as null."""
        data = []
        for figures in roles:
            if not self.names(figures.headcount):
                continue
            view = self.role(figures)
            item = asdict(figures)
            del item["quartile_ratio"], item["dominated"]
            item.update(
                median_compa_ratio=view.median_compa_ratio,
                spread=view.spread,
                spread_measure="highest over lowest pay"
                if self.exact
                else f"upper over lower quartile of pay, rounded to {RATIO_STEP:.2f}",
                group_gaps=[asdict(g) for g in view.gaps],
                figures_withheld=view.withheld,
                gaps_withheld=view.gaps_withheld,
            )
            data.append(item)
        return data
