"""Competency ratings on the loop page: the self-assessment, the manager's rating, and the gap between them."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.charts import RADAR_HEIGHT, competency_radar
from magicloop.components.forms import field_error, server_form, submit_button
from magicloop.components.lazy import lazy
from magicloop.components.lists import empty_note
from magicloop.components.sections import section
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import CompetencyRow
from magicloop.state.loop import LoopState
from magicloop.state.reflect import ReflectState


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
            _scale("score-" + key, prefix + "score-" + key, score, editable, "Rating for " + row.name),
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


def _scale(name: str, element_id: rx.Var[str], score: rx.Var[int], editable: rx.Var[bool], label: rx.Var[str]):
    """1 to 5 as native radio buttons in a labelled radio group. A loop page shows one scale per
    competency, and Radix's radio group made rendering them the slowest moment of a phone's first load."""
    return rx.el.div(
        *[
            rx.el.label(
                rx.el.input(type="radio", name=name, value=str(n), default_checked=score == n, disabled=~editable),
                str(n),
                class_name="score-option",
            )
            for n in range(1, 6)
        ],
        role="radiogroup",
        id=element_id,
        aria_label=label,
        class_name="score-scale",
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
            rx.cond(
                ReflectState.gap_chart.length() > 0,
                rx.box(lazy(competency_radar, data=ReflectState.gap_chart), height=f"{RADAR_HEIGHT}px", width="100%"),
                empty_note(
                    "The radar draws each competency once both the professional and their manager have rated it.",
                    "gap-radar-empty",
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        section_id="gap-view",
    )
