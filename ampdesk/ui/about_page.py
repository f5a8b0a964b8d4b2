"""About the method: the framework in brief, its limits, and what the mistake checks can read."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ampdesk.framework.content import Framework
from ampdesk.ui.widgets import ScrollPage, callout, heading, plain_label


def _bullets(items: tuple[str, ...]) -> QWidget:
    return plain_label("\n".join(f"• {item}" for item in items))


class AboutMethodPage(ScrollPage):
    """The overview, the five principles, best for and not ideal for, the three mistakes, and
    where the evidence is thin: all from the framework's content files."""

    def __init__(self, content: Framework) -> None:
        super().__init__(spacing=8)
        layout = self.content
        layout.addWidget(heading(f"About the method: {content.name}", 1))
        layout.addWidget(plain_label(content.tagline))
        layout.addWidget(plain_label(content.overview))
        layout.addWidget(heading("Five principles", 2))
        for principle in content.principles:
            layout.addWidget(plain_label(f"{principle.number}. {principle.text}"))
        layout.addWidget(heading("Best for", 2))
        layout.addWidget(_bullets(content.best_for))
        layout.addWidget(heading("Not ideal for", 2))
        layout.addWidget(_bullets(content.not_ideal_for))
        layout.addWidget(heading("Three common mistakes", 2))
        for mistake in content.mistakes:
            layout.addWidget(
                callout(
                    f"<b>{escape(mistake.title)}</b>"
                    f"<p><i>Why it matters:</i> {escape(mistake.why)}</p>"
                    f"<p><i>Instead:</i> {escape(mistake.instead)}</p>",
                    "warning",
                )
            )
        layout.addWidget(heading("Where the evidence is thin", 2))
        for limit in content.evidence_limits:
            layout.addWidget(plain_label(f"• {limit}"))
        layout.addWidget(heading("The mistake warnings", 2))
        layout.addWidget(
            plain_label(
                "ampdesk warns when the group's own words or decisions drift into one of these "
                "mistakes. The warnings are rules of thumb that read English wording only; "
                "treat each as a prompt to look again, and note what the group decided."
            )
        )
        layout.addStretch(1)


def show_about(parent: QWidget, content: Framework) -> QDialog:
    """Open the About page in its own window (non-modal, so the workshop stays usable)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("About the method")
    dialog.resize(760, 720)
    box = QVBoxLayout(dialog)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(AboutMethodPage(content))
    dialog.show()
    return dialog
