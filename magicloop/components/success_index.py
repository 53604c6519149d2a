"""The Success Index: its trend over eight quarters and, a click away, the items behind each number."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.charts import TREND_HEIGHT, quarter_trend
from magicloop.components.links import text_link
from magicloop.components.lists import empty_note
from magicloop.components.picture import cell, drawn, picture
from magicloop.components.tables import stacked_table
from magicloop.services.success_index import LATE, MISSED, ON_TIME, OVERDUE, IndexItem, QuarterIndex
from magicloop.state.pictures import SuccessIndexState

OUTCOME_COLOURS = {ON_TIME: "green", LATE: "amber", MISSED: "red", OVERDUE: "red"}


def _percent(q: QuarterIndex) -> rx.Var[str]:
    return rx.cond(q.percent.is_not_none(), q.percent.to_string() + " %", "no index yet")


def _quarter_row(q: QuarterIndex) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(q.label, rx.cond(q.running, " (so far)", "")),
        cell(q.percent, " %"),
        rx.table.cell(q.counted),
        rx.table.cell(q.points),
        rx.table.cell(q.still_open),
    )


def _quarter_button(q: QuarterIndex) -> rx.Component:
    chosen = SuccessIndexState.selected == q.key
    return rx.button(
        q.label,
        rx.text(rx.cond(q.percent.is_not_none(), q.percent.to_string() + " %", "—"), as_="span", weight="regular"),
        size="1",
        variant=rx.cond(chosen, "solid", "soft"),
        aria_pressed=rx.cond(chosen, "true", "false"),
        id="quarter-" + q.key,
        on_click=SuccessIndexState.show(q.key),
    )


def _item(item: IndexItem) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(text_link(item.what, href=item.link)),
        rx.table.cell(item.kind_label),
        rx.table.cell(item.due),
        rx.table.cell(rx.cond(item.delivered != "", item.delivered, rx.text("—", color=styles.MUTED))),
        rx.table.cell(
            rx.badge(
                item.outcome,
                color_scheme=rx.match(item.outcome, *OUTCOME_COLOURS.items(), "gray"),
                variant="soft",
            )
        ),
        rx.table.cell(rx.cond(item.points != "", item.points, rx.text("not yet", color=styles.MUTED))),
    )


def _how_it_counts(q: QuarterIndex) -> rx.Component:
    """Said outright: a running quarter's number is the index so far."""
    return rx.cond(
        q.running,
        rx.text(
            "This quarter is still running: this is the index so far, over ",
            q.counted.to_string(),
            rx.cond(q.counted == 1, " item", " items"),
            " delivered or due by today. ",
            rx.cond(
                q.still_open > 0,
                q.still_open.to_string() + " still open and not yet due — not counted yet. ",
                "",
            ),
            "An overdue item counts 0 until it is delivered, then ½.",
            size="2",
            color=styles.MUTED,
            id="index-so-far",
        ),
        rx.text(
            q.counted.to_string(),
            rx.cond(q.counted == 1, " item was", " items were"),
            " due: delivered on time counts 1, late ½, not delivered 0.",
            size="2",
            color=styles.MUTED,
        ),
    )


def items_behind() -> rx.Component:
    """The items of the chosen quarter."""
    q = SuccessIndexState.shown
    return rx.vstack(
        rx.el.div(
            rx.foreach(SuccessIndexState.quarters, _quarter_button),
            role="group",
            aria_label="Show the items behind a quarter's index",
            style={"display": "flex", "flexWrap": "wrap", "gap": "var(--space-2)"},
        ),
        rx.heading(
            q.label,
            ": ",
            _percent(q),
            rx.cond(q.running & q.percent.is_not_none(), " so far", ""),
            size="3",
            as_="h3",
            id="index-shown",
        ),
        rx.cond(
            q.committed.length() > 0,
            rx.vstack(
                _how_it_counts(q),
                stacked_table(
                    ["Item", "Kind", "Due", "Delivered", "Result", "Counts"],
                    rx.foreach(q.committed, _item),
                    "index-items",
                ),
                spacing="2",
                width="100%",
            ),
            empty_note("Nothing was due in this quarter.", "index-items-empty"),
        ),
        spacing="3",
        width="100%",
    )


def success_index_picture() -> rx.Component:
    return picture(
        "Success Index",
        "Per quarter, the share of committed items — asks, recommendations and action steps due in it — delivered "
        "by their due date. Late counts half.",
        drawn(quarter_trend, SuccessIndexState.chart, TREND_HEIGHT),
        (
            ["Quarter", "Index", "Items counted", "Points", "Still open"],
            rx.foreach(SuccessIndexState.quarters, _quarter_row),
        ),
        SuccessIndexState.any_items,
        "No committed items in these eight quarters yet. Give asks, recommendations and action steps a due date on "
        "the loop page: each counts in the quarter it is due.",
        "success-index",
        items_behind(),
    )
