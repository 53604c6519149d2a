"""Competency ratings on the loop page: the self-assessment, the manager's rating, and the gap between them."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.forms import field_error, server_form, submit_button
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


# Recharts labels a tooltip with the axis' value (the short name); the row carries the full one.
FULL_NAME = rx.Var("(label, payload) => payload?.[0]?.payload?.name ?? label")


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
            rx.recharts.radar_chart(
                rx.recharts.polar_grid(),
                # Short names around the chart, wrapped to fit a phone, in text grey (Reflex's default grey
                # reads 3.8:1); the full name in the tooltip.
                rx.recharts.polar_angle_axis(
                    data_key="competency", tick={"fontSize": 12, "width": 72, "fill": styles.MUTED}
                ),
                # The rings mark 1 to 5; numbers on them would sit on the labels (the table has the numbers).
                rx.recharts.polar_radius_axis(domain=[0, 5], tick_count=6, tick=False, axis_line=False),
                # Reflex's radar has no `name` field (it would become a style): pass it as a plain prop.
                rx.recharts.radar(
                    data_key="self",
                    custom_attrs={"name": "Self"},
                    stroke="var(--accent-9)",
                    fill="var(--accent-9)",
                    fill_opacity=0.3,
                ),
                rx.recharts.radar(
                    data_key="manager",
                    custom_attrs={"name": "Manager"},
                    stroke="var(--amber-10)",
                    fill="var(--amber-9)",
                    fill_opacity=0.3,
                ),
                rx.recharts.legend(),
                rx.recharts.graphing_tooltip(custom_attrs={"labelFormatter": FULL_NAME}),
                data=ReflectState.gap_chart,
                outer_radius="62%",
                margin={"top": 10, "right": 10, "bottom": 10, "left": 10},
                width="100%",
                height=300,
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        section_id="gap-view",
    )
