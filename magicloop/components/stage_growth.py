"""Stages 4 and 5 on the loop page: the growth conversation and the recommendations."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.buttons import cancel_button
from magicloop.components.changed import changed_notice, opened_at
from magicloop.components.comments import comments_button
from magicloop.components.edit import edit_text, entry, entry_actions
from magicloop.components.forms import stacked_form, submit_button, text_area, text_field
from magicloop.components.lists import listing
from magicloop.components.sections import section
from magicloop.components.stage_items import tracked_list
from magicloop.services.growth import ConversationRow
from magicloop.services.tracking import TrackedItemRow
from magicloop.state.growth import GrowthState
from magicloop.state.loop import LoopState

DELETE_WARNING = ("Delete this conversation?", "The timeline keeps a note that it was deleted, not what it said.")


def _conversation(row: ConversationRow) -> rx.Component:
    shown = rx.vstack(
        rx.text(row.held_on + " · recorded by " + row.recorded_by, size="1", color=styles.MUTED),
        rx.text(rx.text.strong("Goal: "), row.goal_restated, size="2"),
        rx.cond(row.gaps != "", rx.text(rx.text.strong("Gaps named: "), row.gaps, size="2")),
        rx.cond(row.feedback != "", rx.text(rx.text.strong("Feedback heard: "), row.feedback, size="2")),
        comments_button("conversation", row.id, "Growth conversation " + row.held_on),
        rx.cond(row.can_edit, entry_actions("conversation", row.id, row.version, row.held_on, DELETE_WARNING)),
        spacing="2",
    )
    return entry(
        "conversation",
        row.id,
        shown,
        edit_text("held_on", "When", row.held_on, area=False),
        edit_text("goal_restated", "Your goal, said out loud", row.goal_restated),
        edit_text("gaps", "The gaps named", row.gaps),
        edit_text("feedback", "The feedback heard", row.feedback),
        container=rx.card,
        width="100%",
    )


def grow_stage(editable: rx.Var[bool]) -> rx.Component:
    errors, is_manager = GrowthState.conversation_errors, LoopState.loop.viewer == "manager"
    form = stacked_form(
        text_field("held_on", "When", errors, default_value="today"),
        text_area(
            "goal_restated",
            rx.cond(is_manager, "Their goal, said out loud", "Your goal, said out loud"),
            errors,
            default_value=LoopState.loop.goal,
        ),
        text_area("gaps", rx.cond(is_manager, "The gaps you named", "The gaps your manager named"), errors),
        text_area("feedback", rx.cond(is_manager, "The feedback you gave", "The feedback you heard"), errors),
        submit_button("conversation-submit", "Record the conversation", GrowthState.saving),
        form_id="conversation-form",
        on_submit=GrowthState.record_conversation,
        key=LoopState.loop.id.to_string(),
    )
    return rx.vstack(
        rx.cond(
            LoopState.loop.can_contribute,
            section(
                "Record the growth conversation",
                "Ask: “What stands between me and this goal?”",
                form,
                section_id="conversation-section",
            ),
        ),
        listing(GrowthState.conversations, _conversation, "conversations", "No growth conversation recorded yet."),
        spacing="4",
        width="100%",
    )


def _reply_area(item: TrackedItemRow) -> rx.Component:
    key = item.id.to_string()
    form = stacked_form(
        changed_notice(GrowthState.changed, "reply"),
        opened_at(GrowthState.reply_version),
        text_area(
            "closing_reply", "Your reply: what you did", GrowthState.reply_errors, default_value=item.closing_reply
        ),
        rx.hstack(
            submit_button("reply-submit", "Send reply", GrowthState.saving),
            cancel_button(on_click=GrowthState.start_reply(0)),
            spacing="2",
        ),
        form_id="reply-form",
        on_submit=GrowthState.reply,
        drafts_of=key,
        spacing="2",
    )
    return rx.cond(
        GrowthState.replying_to == item.id,
        form,
        rx.cond(
            item.can_update,
            rx.button(
                rx.cond(item.replied, "Edit reply", "Reply to close the loop"),
                size="1",
                id="recommendation-" + key + "-reply",
                on_click=GrowthState.start_reply(item.id),
                variant=rx.cond(item.replied, "soft", "solid"),
            ),
        ),
    )


def recommended_stage(editable: rx.Var[bool]) -> rx.Component:
    errors = GrowthState.recommendation_errors
    form = stacked_form(
        text_area(
            "recommendation-what",
            "Recommended step",
            errors,
            name="what",
            placeholder=rx.cond(
                LoopState.loop.viewer == "manager", "What you suggest they do", "What your manager suggested you do"
            ),
        ),
        text_area("recommendation-why", "Why", errors, name="why"),
        text_field("recommendation-due", "Due", errors, name="due_on", placeholder="in 3 weeks"),
        submit_button("recommendation-submit", "Add recommendation", GrowthState.saving),
        form_id="recommendation-form",
        on_submit=GrowthState.add_recommendation,
    )
    return rx.vstack(
        rx.cond(
            LoopState.loop.can_contribute,
            section(
                "Record a recommendation",
                "Next steps become tracked items; the professional replies to close the loop.",
                form,
                section_id="recommendation-section",
            ),
        ),
        section(
            "Recommendations",
            "Track each like an ask, then reply to close the loop.",
            tracked_list(
                "recommendation",
                GrowthState.recommendations,
                _reply_area,
                "recommendations",
                "No recommendations yet. Ask how you can grow (stage 4), then record what was recommended.",
            ),
            section_id="recommendations-section",
        ),
        spacing="4",
        width="100%",
    )
