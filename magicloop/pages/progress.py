"""A professional's progress timeline, for their mentors and manager."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.charts import MONTHS_HEIGHT, delivered_per_month
from magicloop.components.comments import comments_button, comments_dialog
from magicloop.components.exports import packet_section
from magicloop.components.forms import field_row, group, server_form, submit_button, text_field
from magicloop.components.layout import once_loaded, page, refused_or, sections
from magicloop.components.lists import empty_note
from magicloop.components.pager import pager
from magicloop.components.picture import drawn, picture
from magicloop.services.progress import KIND_FILTERS, MonthPoint, ProgressEvent
from magicloop.state.auth import AuthState
from magicloop.state.people import ProgressState

FILTER_LABELS = {
    "asks": "Asks",
    "deliveries": "Deliveries",
    "recommendations": "Recommendations",
    "feedback": "Feedback",
    "ratings": "Ratings",
    "coe": "COE",
    "stages": "Stage moves",
    "reviews": "Quarterly reviews",
}


def _month(point: MonthPoint) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(point.month),
        rx.table.cell(point.delivered),
        rx.table.cell(rx.cond(point.delivered > 0, point.on_time_percent.to_string() + " %", "—")),
    )


def chart() -> rx.Component:
    return picture(
        "Delivered per month",
        "Bars: asks and recommendations delivered. Line: share delivered on time (late counts half).",
        drawn(delivered_per_month, ProgressState.months_chart, MONTHS_HEIGHT),
        (["Month", "Delivered", "On time"], rx.foreach(ProgressState.months, _month)),
        ProgressState.delivered_any,
        "Nothing delivered in the last twelve months yet. Each ask or recommendation marked done adds to its month.",
        "progress-chart",
    )


def filters() -> rx.Component:
    return rx.card(
        rx.vstack(
            group(
                "Show only",
                rx.flex(
                    *[
                        rx.hstack(
                            rx.checkbox(
                                id=f"filter-{name}",
                                checked=ProgressState.kinds.contains(name),
                                on_change=lambda on, name=name: ProgressState.toggle_kind(name, on),
                            ),
                            rx.el.label(label, html_for=f"filter-{name}", style={"fontSize": "var(--font-size-2)"}),
                            align="center",
                            spacing="1",
                        )
                        for name, label in FILTER_LABELS.items()
                        if name in KIND_FILTERS
                    ],
                    spacing="3",
                    wrap="wrap",
                    margin_top="var(--space-1)",
                ),
                rx.text("Tick none to see every kind.", size="1", color=styles.MUTED, margin_top="var(--space-1)"),
                id="kind-filters",
            ),
            server_form(
                field_row(
                    (text_field("since", "From", ProgressState.filter_errors, placeholder="2026-01-01"), "1 1 160px"),
                    (text_field("until", "To", ProgressState.filter_errors, placeholder="today"), "1 1 160px"),
                    button=submit_button("filter-dates", "Apply dates", variant="soft"),
                ),
                form_id="filter-form",
                on_submit=ProgressState.set_dates,
            ),
            spacing="3",
        ),
        width="100%",
    )


def _event(event: ProgressEvent) -> rx.Component:
    return rx.fragment(
        rx.cond(
            event.first_of_loop,
            rx.heading(
                rx.cond(event.loop_label != "", event.loop_label, "Outside a loop"),
                size="3",
                as_="h3",
                margin_top="var(--space-3)",
            ),
        ),
        rx.flex(
            rx.text(event.when, size="1", color=styles.MUTED, min_width="130px"),
            rx.badge(event.kind_label, variant="soft", color_scheme="gray"),
            rx.text(event.summary, size="2"),
            rx.cond(
                event.thread_kind != "",
                comments_button(
                    event.thread_kind,
                    event.thread_id,
                    event.summary,
                    label="Note",
                    noun="entry",
                    button_id="note-" + event.id.to_string(),
                ),
            ),
            spacing="2",
            align="baseline",
            wrap="wrap",
            id="event-" + event.id.to_string(),
        ),
    )


def timeline() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(
                ProgressState.events.length() > 0,
                rx.vstack(rx.foreach(ProgressState.events, _event), spacing="2", width="100%", id="progress-events"),
                empty_note("Nothing matches these filters yet.", "progress-empty"),
            ),
            pager("progress", ProgressState.page, ProgressState.has_more, ProgressState.show_page),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@page(routes.PROGRESS, "Progress", on_load=ProgressState.load)
def progress_page() -> rx.Component:
    return once_loaded(
        ProgressState.loaded,
        refused_or(
            ProgressState,
            "This timeline isn't open to you",
            "progress-problem",
            sections(
                rx.heading(ProgressState.owner_name, "'s progress", size="7", as_="h1", id="progress-title"),
                chart(),
                filters(),
                timeline(),
                packet_section(ProgressState.owner_id == AuthState.me.id),
                comments_dialog(),
            ),
        ),
    )
