"""Comment threads: a button on anything commentable, one dialog for the thread."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles
from magicloop.components.buttons import cancel_button
from magicloop.components.changed import changed_notice, opened_at
from magicloop.components.dialogs import close_button, dialog
from magicloop.components.forms import stacked_form, submit_button, text_area
from magicloop.components.lazy import lazy
from magicloop.components.lists import listing
from magicloop.components.rich_text import markdown_text
from magicloop.services.threads import CommentRow
from magicloop.state.comments import CommentsState
from magicloop.state.loop import LoopState


def comments_button(
    kind: Any, subject_id: Any, title: Any, label: str = "Comments", noun: Any = "", button_id: Any = None
) -> rx.Component:
    """Named after its subject ("Comments · 2 on ask: Run the VoC survey"), so a screen reader
    tells the buttons of a list apart; on a loop page it shows how many comments there are and
    whether one awaits the professional's reply."""
    thread = kind + "-" + (subject_id.to_string() if isinstance(subject_id, rx.Var) else str(subject_id))
    count = LoopState.threads.counts.get(thread, 0).to(int)
    waiting = LoopState.threads.waiting.contains(thread)
    shown = label + rx.cond(count > 0, " · " + count.to_string(), "")
    return rx.button(
        rx.icon("message-circle", size=14, aria_hidden="true"),
        shown,
        rx.cond(waiting, rx.badge("Awaiting reply", color_scheme="amber", size="1")),
        size="1",
        variant="ghost",
        aria_label=shown
        + (" on " + noun + ": " if isinstance(noun, rx.Var) or noun else ": ")
        + title
        + rx.cond(waiting, ", awaiting reply", ""),
        id=button_id
        if button_id is not None
        else (
            f"comments-{kind}-" + subject_id.to_string()
            if isinstance(subject_id, rx.Var)
            else f"comments-{kind}-{subject_id}"
        ),
        on_click=CommentsState.open_thread(kind, subject_id, title),
    )


def comments_once_saved(kind: str, subject_id: rx.Var[int], title: str) -> rx.Component:
    """The Comments button of something written once, such as a reflection: shown once it is saved (id 0: not yet)."""
    return rx.cond(subject_id != 0, comments_button(kind, subject_id, title))


def _comment_action(label: str, key: rx.Var[str], on_click: Any, **props: Any) -> rx.Component:
    """A small text button under a comment; its id names the action and the comment."""
    return rx.button(label, size="1", variant="ghost", id=f"comment-{label.lower()}-" + key, on_click=on_click, **props)


def _comment(row: CommentRow) -> rx.Component:
    key = row.id.to_string()
    return rx.box(
        rx.hstack(
            rx.text(row.author, weight="medium", size="2"),
            rx.cond(row.role != "", rx.badge(row.role, color_scheme="gray", variant="soft")),
            rx.text(row.when, size="1", color=styles.MUTED),
            rx.cond(row.edited, rx.text("(edited)", size="1", color=styles.MUTED)),
            rx.cond(row.awaiting_reply, rx.badge("Awaiting reply", color_scheme="amber")),
            rx.cond(row.answered, rx.badge("Answered", color_scheme="green", variant="outline")),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        lazy(markdown_text, source=row.body),
        rx.cond(
            ~row.deleted,
            rx.hstack(
                _comment_action("Reply", key, CommentsState.reply_to(row.id)),
                rx.cond(row.mine, _comment_action("Edit", key, CommentsState.edit(row.id), color_scheme="gray")),
                rx.cond(row.mine, _comment_action("Delete", key, CommentsState.delete(row.id), color_scheme="red")),
                spacing="3",
            ),
        ),
        margin_left=(row.depth * 16).to_string() + "px",
        padding_left="var(--space-3)",
        border_left="2px solid var(--gray-a5)",
        id="comment-" + key,
    )


def comments_dialog() -> rx.Component:
    state = CommentsState
    label = rx.cond(
        state.editing != 0, "Edit your comment", rx.cond(state.replying_to != 0, "Your reply", "Add a comment")
    )
    return dialog(
        "Comments: " + state.title,
        "Markdown works. A manager's comment, or a mentor's question, awaits the professional's reply.",
        rx.vstack(
            listing(state.rows, _comment, "comment-thread", "No comments yet."),
            stacked_form(
                changed_notice(state.changed, "comment"),
                opened_at(state.editing_version),
                text_area("comment_body", "Comment", state.errors, default_value=state.editing_body),
                rx.text(label, size="1", color=styles.MUTED),
                rx.hstack(
                    submit_button("comment-submit", "Post", state.saving),
                    rx.cond(
                        (state.replying_to != 0) | (state.editing != 0),
                        cancel_button("Cancel reply", on_click=state.reply_to(0)),
                    ),
                    close_button("Close", id="comments-close"),
                    spacing="2",
                ),
                form_id="comment-form",
                on_submit=state.save,
                spacing="2",
                key=state.editing.to_string(),
                drafts_of=state.drafts_of,
            ),
            spacing="4",
            margin_top="var(--space-3)",
        ),
        is_open=state.is_open,
        on_open_change=state.set_open,
        max_width="600px",
    )
