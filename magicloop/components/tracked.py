"""An ask or a recommendation as a card, with the dialogs to update it."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.buttons import quiet_button
from magicloop.components.changed import changed_notice, opened_at
from magicloop.components.comments import comments_button, comments_once_saved
from magicloop.components.dialogs import close_button, dialog
from magicloop.components.edit import entry, entry_actions, tracked_fields
from magicloop.components.forms import choices, native_select, stacked_form, submit_button, text_area, text_field
from magicloop.components.lazy import lazy
from magicloop.components.links import pulse_results_link
from magicloop.components.lists import empty_note
from magicloop.components.rich_text import markdown_text
from magicloop.services.coe import COE_FIELDS
from magicloop.services.delivery import ProgressRow
from magicloop.services.tracking import STATUS_LABELS, TrackedItemRow
from magicloop.state.items import TrackedItemState
from magicloop.state.loop import LoopState

DELETE_WARNING = (
    "Delete this item?",
    "Its progress updates go with it. The timeline keeps a note that it was deleted, without its content.",
)
STATUS_COLORS = {"not_started": "gray", "in_progress": "blue", "blocked": "red", "done": "green"}


def status_badge(item: TrackedItemRow) -> rx.Component:
    return rx.match(
        item.status,
        *[(status, rx.badge(label, color_scheme=STATUS_COLORS[status])) for status, label in STATUS_LABELS.items()],
        rx.badge(item.status_label),
    )


def tracked_card(kind: str, item: TrackedItemRow, extra: rx.Component) -> rx.Component:
    """`extra` goes under the buttons (the reply form of a recommendation)."""
    prefix = kind + "-" + item.id.to_string()
    subject = f" {kind}: " + item.what  # in each button's accessible name
    details = rx.vstack(
        rx.flex(
            rx.text(item.what, weight="bold", id=prefix + "-what"),
            rx.spacer(),
            rx.hstack(
                status_badge(item),
                rx.cond(item.priority == "high", rx.badge("High priority", color_scheme="orange")),
                rx.cond(item.overdue, rx.badge("Overdue", color_scheme="red", variant="solid")),
                rx.cond(item.carried, rx.badge("Carried forward", color_scheme="gray")),
                rx.cond(item.replied, rx.badge("Loop closed", color_scheme="green", variant="outline")),
                spacing="1",
                wrap="wrap",
            ),
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(item.why != "", rx.text(item.why, size="2", color=styles.MUTED)),
        rx.progress(value=item.percent, max=100, aria_label="Percent complete", width="100%"),
        rx.text(
            item.percent.to_string() + "% · ",
            rx.cond(item.due_on == "", "no due date", "due " + item.due_text),
            " · logged by " + item.logged_by,
            size="1",
            color=styles.MUTED,
        ),
        rx.cond(item.outcome != "", rx.text(rx.text.strong("Outcome: "), item.outcome, size="2")),
        pulse_results_link(item.pulse_id, prefix + "-pulse"),
        rx.cond(
            item.closing_reply != "",
            rx.text(
                rx.text.strong(rx.cond(item.can_update, "Your reply: ", LoopState.loop.owner_name + "'s reply: ")),
                item.closing_reply,
                size="2",
            ),
        ),
        rx.hstack(
            rx.cond(
                item.can_update,
                rx.button(
                    "Update progress",
                    size="1",
                    # Until it is done, recording progress is the item's next step.
                    variant=rx.cond(item.status == "done", "soft", "solid"),
                    id=prefix + "-progress",
                    aria_label="Update progress on" + subject,
                    on_click=TrackedItemState.open_progress(kind, item.id, item.what),
                ),
                quiet_button(
                    "Progress history",
                    size="1",
                    id=prefix + "-history",
                    aria_label="Progress history of" + subject,
                    on_click=TrackedItemState.open_progress(kind, item.id, item.what),
                ),
            ),
            rx.cond(
                item.can_acknowledge,
                rx.button(
                    "Acknowledge delivery",
                    size="1",
                    id=prefix + "-acknowledge",
                    aria_label="Acknowledge delivery of" + subject,
                    on_click=TrackedItemState.acknowledge(item.id),
                ),
            ),
            rx.cond(item.acknowledged, rx.badge("Acknowledged", color_scheme="green", variant="soft")),
            comments_button(kind, item.id, item.what, noun=kind),
            rx.cond(
                item.can_update & item.coe_allowed,
                rx.button(
                    rx.cond(item.has_coe, "COE review", "Write a COE review"),
                    size="1",
                    variant="soft",
                    color_scheme="orange",
                    high_contrast=True,  # orange's step-11 text reads 4:1 on its tint
                    id=prefix + "-coe",
                    aria_label=rx.cond(item.has_coe, "COE review of", "Write a COE review of") + subject,
                    on_click=TrackedItemState.open_coe(kind, item.id, item.what),
                ),
            ),
            rx.cond(item.can_edit, entry_actions(kind, item.id, item.version, item.what, DELETE_WARNING)),
            spacing="2",
            wrap="wrap",
        ),
        extra,
        spacing="2",
        width="100%",
    )
    return entry(kind, item.id, details, *tracked_fields(kind, item), container=rx.card, width="100%")


def _history_entry(row: ProgressRow) -> rx.Component:
    return rx.box(
        rx.text(
            row.when + " · " + row.status_label + " · " + row.percent.to_string() + "%", size="1", color=styles.MUTED
        ),
        lazy(markdown_text, source=row.note_markdown),
        comments_button("progress", row.id, "Progress update"),
        border_left="3px solid var(--accent-6)",
        padding_left="var(--space-3)",
    )


def _shown_item() -> rx.Var[str]:
    """The ask or recommendation the progress and COE dialogs show, e.g. "ask-12"."""
    return TrackedItemState.kind + "-" + TrackedItemState.item_id.to_string()


def progress_dialog(can_update: rx.Var[bool]) -> rx.Component:
    state = TrackedItemState
    errors = state.progress_errors
    form = stacked_form(
        changed_notice(state.changed, "progress"),
        opened_at(state.progress_version),
        rx.grid(
            native_select(
                "progress-status",
                "Status",
                errors,
                choices((label, value) for value, label in STATUS_LABELS.items()),
                name="status",
                default_value="in_progress",
            ),
            text_field(
                "progress-percent",
                "Percent complete",
                errors,
                name="percent",
                type="number",
                min=0,
                max=100,
                default_value="50",
            ),
            columns="2",
            spacing="3",
            width="100%",
        ),
        text_area(
            "progress-note",
            "What happened",
            errors,
            name="note",
            placeholder="What you did, what changed, who saw it.",
        ),
        text_area(
            "progress-links", "Evidence links (one a line)", errors, name="evidence_links", placeholder="https://…"
        ),
        text_area(
            "progress-outcome",
            "Outcome (needed when done)",
            errors,
            name="outcome",
            placeholder="What came of it — in the words your manager would use.",
        ),
        submit_button("progress-submit", "Record progress", state.saving),
        form_id="progress-form",
        on_submit=state.record_progress,
        drafts_of=_shown_item(),
    )
    return dialog(
        state.title,
        "Deliver, then tell: record progress with the evidence behind it.",
        rx.vstack(
            rx.cond(can_update, form),
            rx.heading("History", size="3", as_="h3"),
            rx.cond(
                state.history.length() > 0,
                rx.vstack(rx.foreach(state.history, _history_entry), spacing="3", id="progress-history"),
                empty_note("No progress recorded yet."),
            ),
            rx.dialog.close(quiet_button("Close", id="progress-close")),
            spacing="4",
            margin_top="var(--space-3)",
        ),
        is_open=state.progress_open,
        on_open_change=state.set_progress_open,
        max_width="560px",
    )


def coe_dialog() -> rx.Component:
    state = TrackedItemState
    errors = state.coe_errors
    return dialog(
        "Correction of Error: " + state.title,
        "Blameless and specific: what happened, why, and what changes so it doesn't happen again.",
        stacked_form(
            changed_notice(state.changed, "coe"),
            opened_at(state.coe_version),
            *[
                text_area(f"coe-{name}", label, errors, name=name, default_value=getattr(state.coe, name))
                for name, label, _ in COE_FIELDS
            ],
            rx.hstack(
                submit_button("coe-submit", "Save COE review", state.saving),
                comments_once_saved("coe", state.coe.id, "COE review"),
                close_button(),
                spacing="3",
            ),
            form_id="coe-form",
            on_submit=state.save_coe,
            key=_shown_item(),
            drafts_of=_shown_item(),
        ),
        is_open=state.coe_open,
        on_open_change=state.set_coe_open,
        max_width="560px",
    )
