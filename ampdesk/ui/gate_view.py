"""The pay-fairness gate as a tinted box: its state and every reason."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ampdesk.framework.fairness import GateOverride, GateResult
from ampdesk.framework.messages import gate_headline, gate_meaning
from ampdesk.ui.widgets import callout

GATE_KIND = {"pass": "ok", "attention": "warning", "blocked": "locked", "not_assessed": "locked"}


def override_html(override: GateOverride) -> str:
    """The override as the facilitator recorded it (also on the Actions page as an action)."""
    return (
        f"<p><b>Override.</b> Reason: {escape(override.reason)}<br>"
        f"Remediation: {escape(override.remediation)}, by {escape(override.owner)}, "
        f"due {override.due.strftime('%-d %b %Y')} (listed among the actions).</p>"
    )


class GateCallout:
    """Builds and updates a callout label showing a :class:`GateResult`."""

    def __init__(self) -> None:
        self.label = callout("", "ok")
        self.label.setAccessibleName("Pay-fairness gate")

    def show(
        self, gate: GateResult, reasons: Sequence[str], override: GateOverride | None = None
    ) -> None:
        """Show ``gate``'s state, tint and ``reasons`` (as the disclosure policy words them),
        and the override in force: its reason, remediation, owner and due date."""
        title = gate_headline(gate.state, gate.overridden)
        meaning = gate_meaning(gate.state, gate.overridden)
        items = "".join(f"<li>{escape(line)}</li>" for line in reasons)
        self.label.setText(
            f"<b>{escape(title)}.</b> {escape(meaning)}"
            + (f"<ul>{items}</ul>" if items else "")
            + (override_html(override) if override is not None and gate.overridden else "")
        )
        self.label.setProperty("callout", GATE_KIND[gate.state])
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
