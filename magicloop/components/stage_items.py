"""Stages 2 and 3 on the loop page: asks, ideas, implementation, stage reflection."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.buttons import quiet_button
from magicloop.components.changed import KEEP, changed_notice, opened_at
from magicloop.components.coaching import ADVANCED_PROMPT, THEIR_IDEAS
from magicloop.components.comments import comments_button, comments_once_saved
from magicloop.components.edit import priority_select
from magicloop.components.forms import (
    choices,
    field_columns,
    field_row,
    native_select,
    stacked_form,
    submit_button,
    text_area,
    text_field,
)
from magicloop.components.links import pulse_results_link
from magicloop.components.lists import listing
from magicloop.components.sections import section
from magicloop.components.tracked import tracked_card
from magicloop.services.asks import IdeaRow
from magicloop.services.tracking import TrackedItemRow
from magicloop.state.auth import AuthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import LoopState

IDEA_COLORS = {"pending": "amber", "accepted": "green", "declined": "red", "withdrawn": "gray"}
DECISIONS = (("Accept: it becomes an ask", "accept"), ("Decline, with a reason", "decline"))
TOWARD_GOAL = (("Not sure yet", ""), ("Yes", "yes"), ("No", "no"))


def asks_list(empty_text: str) -> rx.Component:
    return tracked_list("ask", ItemsState.asks, lambda _item: rx.fragment(), "asks", empty_text)


def log_ask_form() -> rx.Component:
    errors, is_manager = ItemsState.ask_errors, LoopState.loop.viewer == "manager"
    return stacked_form(
        text_area(
            "ask-what",
            rx.cond(is_manager, "What you ask", "What they asked"),
            errors,
            name="what",
            placeholder=rx.cond(is_manager, "Exactly what you are asking for", "Exactly what your manager asked for"),
        ),
        text_area(
            "ask-why", rx.cond(is_manager, "Why it matters to you", "Why it matters to them"), errors, name="why"
        ),
        field_columns(
            text_field("ask-asked-on", "Asked on", errors, name="asked_on", placeholder="today", default_value="today"),
            text_field("ask-due", "Due", errors, name="due_on", placeholder="in 2 weeks, 2027-03-01"),
            priority_select("ask-priority", errors, default_value="medium"),
        ),
        submit_button("ask-submit", "Log the ask", ItemsState.saving),
        form_id="log-ask-form",
        on_submit=ItemsState.log_ask,
    )


def _idea(idea: IdeaRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text(idea.proposal, size="2", flex="1"),
                rx.match(
                    idea.status,
                    *[(s, rx.badge(s.capitalize(), color_scheme=c)) for s, c in IDEA_COLORS.items()],
                    rx.badge(idea.status),
                ),
                spacing="2",
                width="100%",
            ),
            rx.cond(
                idea.decline_reason != "",
                rx.text(rx.text.strong("Reason: "), idea.decline_reason, size="2", color=styles.MUTED),
            ),
            pulse_results_link(idea.pulse_id, "idea-pulse-" + idea.id.to_string()),
            rx.cond(
                idea.can_withdraw,
                quiet_button(
                    "Withdraw",
                    size="1",
                    id="idea-withdraw-" + idea.id.to_string(),
                    on_click=ItemsState.withdraw_idea(idea.id),
                ),
            ),
            changed_notice(ItemsState.changed, "idea-" + idea.id.to_string(), ""),
            rx.cond(idea.can_decide, _decide_idea(idea)),
            comments_button("idea", idea.id, idea.proposal),
            spacing="2",
        ),
        width="100%",
        id="idea-" + idea.id.to_string(),
    )


def _decide_idea(idea: IdeaRow) -> rx.Component:
    """The manager accepts (it becomes an ask) or declines with a reason."""
    errors = ItemsState.decision_errors
    key = idea.id.to_string()
    return stacked_form(
        rx.el.input(type="hidden", name="idea_id", value=key),
        opened_at(idea.version),  # the row's own: while it waits for a decision, nothing else changes it
        field_row(
            (
                text_field(
                    "decision-due-" + key, "Due, if you accept", errors, name="due_on", placeholder="in 2 weeks"
                ),
                "1 1 160px",
            ),
            (
                text_field("decision-reason-" + key, "Reason, if you decline", errors, name="decline_reason"),
                "2 1 220px",
            ),
        ),
        field_row(
            (
                native_select(
                    "decision-" + key,
                    "Your decision",
                    errors,
                    choices(DECISIONS),
                    name="decision",
                    default_value="accept",
                ),
                "0 1 280px",
            ),
            button=submit_button("idea-decide-" + key, "Send decision", ItemsState.saving),
        ),
        form_id="decide-idea-" + key,
        # The id travels in the form: a submit handler inside rx.foreach cannot see the row (reflex#3210).
        on_submit=ItemsState.decide_idea,
        spacing="2",
    )


def ideas_section(editable: rx.Var[bool]) -> rx.Component:
    errors = ItemsState.idea_errors
    form = stacked_form(
        text_area("proposal", "Your idea", errors, placeholder="I could … — would that help?"),
        submit_button("idea-submit", "Suggest to my manager", ItemsState.saving),
        form_id="idea-form",
        on_submit=ItemsState.suggest_idea,
    )
    return section(
        # The prompt speaks to the professional (on a closed loop too); their manager and mentors see what the
        # ideas are for.
        rx.cond(LoopState.loop.viewer == "owner", "Suggest an idea", "Their ideas"),
        rx.cond(LoopState.loop.viewer == "owner", ADVANCED_PROMPT, THEIR_IDEAS),
        rx.cond(editable, form),
        rx.cond(
            ItemsState.ideas.length() > 0,
            rx.vstack(rx.foreach(ItemsState.ideas, _idea), spacing="2", width="100%", id="ideas"),
        ),
        section_id="ideas-section",
    )


def ask_stage(editable: rx.Var[bool]) -> rx.Component:
    return rx.vstack(
        rx.cond(
            LoopState.loop.can_contribute,
            section(
                rx.cond(LoopState.loop.viewer == "manager", "Log an ask", "Log your manager's ask"),
                "Several asks per loop are fine.",
                log_ask_form(),
                section_id="log-ask",
            ),
        ),
        rx.cond((AuthState.me.advanced_mode & editable) | (ItemsState.ideas.length() > 0), ideas_section(editable)),
        section(
            "Asks in this loop",
            "",
            asks_list("No asks yet. Ask your manager how you can help, then log it here."),
            section_id="asks-section",
        ),
        spacing="4",
        width="100%",
    )


def stage_reflection_section(editable: rx.Var[bool]) -> rx.Component:
    errors, view = ItemsState.reflection_errors, ItemsState.stage_reflection
    return section(
        "Reflect on this stage",
        "A few lines while it's fresh.",
        comments_once_saved("stage_reflection", view.id, "Stage reflection"),
        rx.cond(editable, _stage_reflection_form(view, errors), _stage_reflection_read(view)),
        section_id="stage-reflection",
    )


def _stage_reflection_read(view) -> rx.Component:
    """What the professional wrote, for their manager and mentors: text that follows live changes."""
    owner = LoopState.loop.owner_name
    answers = [("Learned: ", view.learned), ("Hard: ", view.hard), ("Enjoyed: ", view.enjoyed)]
    return rx.cond(
        view.id == 0,
        rx.text(owner + " hasn't reflected on this stage yet.", size="2", color=styles.MUTED),
        rx.vstack(
            *[rx.cond(text != "", rx.text(rx.text.strong(label), text, size="2")) for label, text in answers],
            rx.cond(
                view.moves_toward_goal != "",
                rx.text(
                    rx.text.strong("Moves them toward their goal: "),
                    rx.cond(view.moves_toward_goal == "yes", "yes", "no"),
                    size="2",
                ),
            ),
            spacing="1",
            id="stage-reflection-read",
        ),
    )


def _stage_reflection_form(view, errors) -> rx.Component:
    return stacked_form(
        changed_notice(ItemsState.changed, "stage-reflection", KEEP),
        opened_at(ItemsState.stage_reflection_version),
        text_area("learned", "What I learned", errors, default_value=view.learned),
        text_area("hard", "What was hard", errors, default_value=view.hard),
        text_area("enjoyed", "What I enjoyed", errors, default_value=view.enjoyed),
        native_select(
            "moves_toward_goal",
            "Does this move me toward my goal?",
            errors,
            choices(TOWARD_GOAL),
            default_value=view.moves_toward_goal,
        ),
        submit_button("stage-reflection-submit", "Save reflection", ItemsState.saving),
        form_id="stage-reflection-form",
        on_submit=ItemsState.save_stage_reflection,
        # Built afresh for another loop only: never while someone types, whatever arrives meanwhile.
        key=LoopState.loop.id.to_string(),
    )


def implement_stage(editable: rx.Var[bool]) -> rx.Component:
    return rx.vstack(
        section(
            "Deliver the asks",
            "Update each ask as you go; mark it done with its outcome.",
            asks_list("Nothing to deliver yet: log your manager's asks in stage 2."),
            section_id="deliver",
        ),
        stage_reflection_section(editable),
        spacing="4",
        width="100%",
    )


def tracked_list(kind: str, items: rx.Var[list[TrackedItemRow]], extra, list_id: str, empty: str) -> rx.Component:
    return listing(items, lambda item: tracked_card(kind, item, extra(item)), list_id, empty)
