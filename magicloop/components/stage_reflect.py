"""Stage 1 on the loop page: the ratings, the self-reflection and the action plan."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.changed import KEEP, changed_notice, opened_at
from magicloop.components.comments import comments_once_saved
from magicloop.components.edit import edit_text, entry, entry_actions
from magicloop.components.forms import (
    field_row,
    native_select,
    server_form,
    stacked_form,
    submit_button,
    text_area,
    text_field,
)
from magicloop.components.lists import listing
from magicloop.components.ratings import assessment_section, gap_section, manager_rating_section
from magicloop.components.sections import section
from magicloop.services.reflection import ActionStepRow
from magicloop.state.loop import LoopState
from magicloop.state.reflect import ReflectState

DELETE_WARNING = ("Delete this step?", "The timeline keeps a note that a step was deleted, not what it said.")


def reflection_section(editable: rx.Var[bool]) -> rx.Component:
    errors, view = ReflectState.reflection_errors, ReflectState.reflection
    return section(
        "Self-reflection",
        "",
        comments_once_saved("reflection", view.id, "Self-reflection"),
        stacked_form(
            changed_notice(ReflectState.changed, "reflection", KEEP),
            opened_at(ReflectState.reflection_version),
            text_area(
                "strengths",
                "Strengths",
                errors,
                default_value=view.strengths,
                read_only=~editable,
                placeholder="What you do best in your current role",
            ),
            text_area(
                "weaknesses",
                "Weaknesses",
                errors,
                default_value=view.weaknesses,
                read_only=~editable,
                placeholder="Where your manager would say you fall short",
            ),
            text_area(
                "interests",
                "Interests",
                errors,
                default_value=view.interests,
                read_only=~editable,
                placeholder="What you want to be doing in a year",
            ),
            native_select(
                "readiness",
                "How ready are you to work toward this goal? (1–10)",
                errors,
                [rx.el.option("Choose…", value="")] + [rx.el.option(str(n), value=str(n)) for n in range(1, 11)],
                default_value=rx.cond(view.readiness > 0, view.readiness.to_string(), ""),
                disabled=~editable,
            ),
            text_area(
                "readiness_why",
                "Why not lower?",
                errors,
                default_value=view.readiness_why,
                read_only=~editable,
                hint="Naming what already makes you ready shows what to build on.",
            ),
            rx.cond(editable, submit_button("reflection-submit", "Save reflection", ReflectState.saving)),
            form_id="reflection-form",
            on_submit=ReflectState.save_reflection,
            # Built afresh for another loop only: never while someone types, whatever arrives meanwhile.
            key=LoopState.loop.id.to_string(),
        ),
        section_id="self-reflection",
    )


def _step(step: ActionStepRow, editable: rx.Var[bool]) -> rx.Component:
    key = step.id.to_string()
    shown = rx.flex(
        rx.checkbox(
            checked=step.done,
            on_change=lambda done: ReflectState.set_step_done(step.id, done),
            id="step-done-" + key,
            disabled=~editable,
            aria_label="Done: " + step.description,
        ),
        rx.vstack(
            rx.text(
                step.description,
                id="step-text-" + key,
                style={"textDecoration": rx.cond(step.done, "line-through", "none")},
            ),
            rx.hstack(
                rx.text(step.due_text, size="1", color=styles.MUTED),
                rx.cond(step.overdue, rx.badge("Overdue", color_scheme="red")),
                rx.cond(step.carried, rx.badge("Carried forward", color_scheme="gray")),
                spacing="2",
            ),
            spacing="0",
            flex="1",
        ),
        rx.cond(editable, entry_actions("step", step.id, step.version, step.description, DELETE_WARNING)),
        spacing="3",
        align="center",
        width="100%",
    )
    return entry(
        "step",
        step.id,
        shown,
        edit_text("step_description", "Step", step.description, area=False),
        edit_text("step_due", "Target date", step.due_on, area=False),
        width="100%",
    )


def action_plan_section(editable: rx.Var[bool]) -> rx.Component:
    errors = ReflectState.step_errors
    add_form = server_form(
        field_row(
            (text_field("step_description", "Step", errors, placeholder="Specific and doable"), "2 1 240px"),
            (
                text_field(
                    "step_due",
                    "Target date",
                    errors,
                    placeholder="next Friday, in 3 weeks, 2027-03-01",
                    on_blur=ReflectState.preview_due,
                    hint="",
                ),
                "1 1 180px",
            ),
            button=submit_button("step-submit", "Add step", ReflectState.saving),
        ),
        rx.cond(
            ReflectState.due_preview != "",
            rx.text("Target date: ", ReflectState.due_preview, size="2", id="step-due-preview", color=styles.MUTED),
        ),
        form_id="add-step-form",
        on_submit=ReflectState.add_step,
    )
    return section(
        "Action plan",
        "Specific, dated steps toward your goal.",
        listing(
            ReflectState.steps,
            lambda s: _step(s, editable),
            "action-steps",
            "No steps yet. Add the first one: what will you do, and by when?",
        ),
        rx.cond(editable, add_form),
        section_id="action-plan",
    )


def reflect_stage(editable: rx.Var[bool]) -> rx.Component:
    return rx.vstack(
        rx.cond(LoopState.loop.viewer == "owner", assessment_section(editable)),
        rx.cond((LoopState.loop.viewer == "manager") & LoopState.loop.is_current, manager_rating_section()),
        rx.cond(ReflectState.has_manager_ratings | (LoopState.loop.viewer != "owner"), gap_section()),
        reflection_section(editable),
        action_plan_section(editable),
        spacing="4",
        width="100%",
    )
