"""Stage 1 on the loop page: self-assessment, self-reflection, action plan."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles
from magicloop.components.charts import RADAR_HEIGHT, competency_radar
from magicloop.components.comments import comments_button
from magicloop.components.confirm import confirm_button
from magicloop.components.edit import edit_form, edit_text
from magicloop.components.forms import field_error, native_select, server_form, submit_button, text_area, text_field
from magicloop.components.lazy import lazy
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import ActionStepRow, CompetencyRow
from magicloop.state.edit import EditState, is_editing
from magicloop.state.loop import LoopState
from magicloop.state.reflect import ReflectState


def section(title: Any, description: str, *children: rx.Component, section_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.text(description, size="2", color=styles.MUTED) if description else rx.fragment(),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
        id=section_id,
    )


def _competency(
    row: CompetencyRow,
    editable: rx.Var[bool],
    *,
    score: rx.Var[int],
    evidence: rx.Var[str],
    errors: rx.Var[dict[str, str]],
    prefix: str = "",
) -> rx.Component:
    key = row.competency_id.to_string()
    return rx.box(
        rx.flex(
            rx.vstack(
                rx.text(row.name, weight="medium", id=prefix + "competency-name-" + key),
                rx.text(row.description, size="1", color=styles.MUTED),
                rx.hstack(
                    rx.cond(
                        row.previous_score > 0,
                        rx.badge("Last loop: " + row.previous_score.to_string(), variant="soft", color_scheme="gray"),
                    ),
                    rx.cond(
                        (prefix == "") & (row.manager_score > 0),
                        rx.badge("Manager: " + row.manager_score.to_string(), variant="soft"),
                    ),
                    rx.cond(
                        (prefix != "") & (row.score > 0), rx.badge("Self: " + row.score.to_string(), variant="soft")
                    ),
                    spacing="1",
                ),
                spacing="1",
                flex="1 1 220px",
            ),
            rx.radio_group.root(
                rx.flex(*[rx.radio_group.item(str(n), value=str(n)) for n in range(1, 6)], spacing="3"),
                name="score-" + key,
                id=prefix + "score-" + key,
                default_value=rx.cond(score > 0, score.to_string(), ""),
                direction="row",
                disabled=~editable,
                aria_label="Rating for " + row.name,
            ),
            spacing="3",
            wrap="wrap",
            align="center",
            width="100%",
        ),
        rx.text_area(
            name="evidence-" + key,
            id=prefix + "evidence-" + key,
            default_value=evidence,
            rows="1",
            placeholder="Evidence: a result, a piece of work, a quote",
            width="100%",
            margin_top="var(--space-2)",
            aria_label="Evidence for " + row.name,
            disabled=~editable,
        ),
        field_error(prefix + "score-" + key, errors.get("score-" + key, "").to(str)),
        padding_y="var(--space-3)",
        border_bottom="1px solid var(--gray-a4)",
    )


def assessment_section(editable: rx.Var[bool]) -> rx.Component:
    errors = ReflectState.assessment_errors
    return section(
        "Competency self-assessment",
        "Rate yourself 1 (beginner) to 5 (expert) on each competency, with evidence. Ratings are kept per loop, so "
        "you can see how you move.",
        server_form(
            rx.foreach(
                ReflectState.competencies,
                lambda row: _competency(row, editable, score=row.score, evidence=row.evidence, errors=errors),
            ),
            field_error("assessment", errors.get("assessment", "").to(str)),
            rx.cond(
                editable,
                submit_button(
                    "assessment-submit", "Save self-assessment", ReflectState.saving, margin_top="var(--space-3)"
                ),
            ),
            form_id="assessment-form",
            on_submit=ReflectState.save_assessment,
            key=LoopState.loop.id.to_string() + ReflectState.competencies.length().to_string(),
        ),
        section_id="assessment",
    )


def manager_rating_section() -> rx.Component:
    errors = ReflectState.manager_errors
    return section(
        "Your rating as their manager",
        "Rate the same competencies from where you sit. The gap view below shows where you see it differently.",
        server_form(
            rx.foreach(
                ReflectState.competencies,
                lambda row: _competency(
                    row,
                    LoopState.loop.is_current,
                    score=row.manager_score,
                    evidence="",
                    errors=errors,
                    prefix="manager-",
                ),
            ),
            field_error("assessment", errors.get("assessment", "").to(str)),
            submit_button("manager-rating-submit", "Save my ratings", ReflectState.saving, margin_top="var(--space-3)"),
            form_id="manager-rating-form",
            on_submit=ReflectState.save_manager_ratings,
            key="manager-" + LoopState.loop.id.to_string() + ReflectState.competencies.length().to_string(),
        ),
        section_id="manager-rating",
    )


def _gap_row(gap: GapRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(gap.name),
        rx.table.cell(rx.cond(gap.self_score > 0, gap.self_score.to_string(), "—")),
        rx.table.cell(rx.cond(gap.manager_score > 0, gap.manager_score.to_string(), "—")),
        rx.table.cell(
            rx.cond(
                gap.gap > 0,
                rx.badge("+" + gap.gap.to_string(), color_scheme="green"),
                rx.cond(
                    gap.gap < 0,
                    rx.badge(gap.gap.to_string(), color_scheme="red"),
                    rx.cond(gap.gap == 0, "0", "—"),  # no gap until both have rated
                ),
            )
        ),
    )


def gap_section() -> rx.Component:
    return section(
        "Self and manager, side by side",
        "Biggest gaps first. A positive gap: the manager's rating is the higher one.",
        rx.grid(
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[rx.table.column_header_cell(h) for h in ("Competency", "Self", "Manager", "Gap")]
                        )
                    ),
                    rx.table.body(rx.foreach(ReflectState.gaps, _gap_row)),
                    variant="surface",
                    size="1",
                    id="gap-table",
                ),
                overflow_x="auto",
            ),
            rx.box(lazy(competency_radar, data=ReflectState.gap_chart), height=f"{RADAR_HEIGHT}px", width="100%"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        section_id="gap-view",
    )


def reflection_section(editable: rx.Var[bool]) -> rx.Component:
    errors, view = ReflectState.reflection_errors, ReflectState.reflection
    return section(
        "Self-reflection",
        "",
        rx.cond(view.id != 0, comments_button("reflection", view.id, "Self-reflection")),
        server_form(
            rx.vstack(
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
                spacing="3",
                width="100%",
            ),
            form_id="reflection-form",
            on_submit=ReflectState.save_reflection,
            key=LoopState.loop.id.to_string() + view.readiness.to_string(),
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
        rx.cond(
            editable,
            rx.hstack(
                rx.button(
                    "Edit",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    id="step-edit-" + key,
                    on_click=EditState.start("step", step.id),
                ),
                confirm_button(
                    "Delete",
                    "Delete this step?",
                    "The timeline keeps a note that a step was deleted, not what it said.",
                    ReflectState.delete_step(step.id),
                    button_id="step-delete-" + key,
                ),
                spacing="2",
            ),
        ),
        spacing="3",
        align="center",
        width="100%",
    )
    form = edit_form(
        edit_text("step_description", "Step", step.description, area=False),
        edit_text("step_due", "Target date", step.due_on, area=False),
    )
    return rx.box(rx.cond(is_editing("step", step.id), form, shown), width="100%", id="step-" + key)


def action_plan_section(editable: rx.Var[bool]) -> rx.Component:
    errors = ReflectState.step_errors
    add_form = server_form(
        rx.flex(
            rx.box(text_field("step_description", "Step", errors, placeholder="Specific and doable"), flex="2 1 240px"),
            rx.box(
                text_field(
                    "step_due",
                    "Target date",
                    errors,
                    placeholder="next Friday, in 3 weeks, 2027-03-01",
                    on_blur=ReflectState.preview_due,
                    hint="",
                ),
                flex="1 1 180px",
            ),
            rx.box(submit_button("step-submit", "Add step", ReflectState.saving), padding_top="22px"),
            spacing="3",
            wrap="wrap",
            width="100%",
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
        rx.cond(
            ReflectState.steps.length() > 0,
            rx.vstack(
                rx.foreach(ReflectState.steps, lambda s: _step(s, editable)),
                spacing="3",
                width="100%",
                id="action-steps",
            ),
            rx.text(
                "No steps yet. Add the first one: what will you do, and by when?",
                size="2",
                color=styles.MUTED,
                id="action-steps-empty",
            ),
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
