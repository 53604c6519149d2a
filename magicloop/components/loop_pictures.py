"""Pictures of a professional's loops: their history, feedback closure, ratings against the last loop and
readiness over loops."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.charts import (
    BARS_HEIGHT,
    RADAR_HEIGHT,
    TREND_HEIGHT,
    closure_chart,
    loop_history,
    loops_radar,
    readiness_line,
)
from magicloop.components.picture import cell, drawn, picture, stat
from magicloop.services.closure import Closure
from magicloop.services.pictures import LoopLength, RatingsCompared, Readiness
from magicloop.state.pictures import PicturesState


def _loop_row(loop: LoopLength) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell("Loop ", loop.number.to_string()),
        rx.table.cell(loop.goal),
        rx.table.cell(loop.started),
        rx.table.cell(rx.cond(loop.ended != "", loop.ended, "under way")),
        rx.table.cell(loop.days),
        rx.table.cell(
            rx.cond(
                loop.delivered.length() > 0,
                rx.el.ul(
                    rx.foreach(loop.delivered, lambda what: rx.el.li(what)),
                    style={"margin": 0, "paddingLeft": "1.2em"},
                ),
                rx.text(rx.cond(loop.ended != "", "nothing", "nothing yet"), color=styles.MUTED),
            )
        ),
    )


def loop_history_picture(
    description: str = "How long each loop took, and how many items were delivered in it.",
    empty: str = "No loops yet. A loop starts from the dashboard with a career goal; each loop adds a bar here with "
    "how long it took and what it delivered.",
) -> rx.Component:
    return picture(
        "Loop history",
        description,
        drawn(loop_history, PicturesState.loops_chart, BARS_HEIGHT),
        (["Loop", "Goal", "Started", "Closed", "Days", "Delivered"], rx.foreach(PicturesState.loops, _loop_row)),
        PicturesState.loops.length() > 0,
        empty,
        "loop-history",
    )


def _closure_row(part: Closure) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(part.label),
        rx.table.cell(part.given),
        rx.table.cell(part.closed),
        cell(part.percent, " %"),
        cell(part.median_days),
    )


def closure_figures(closure: rx.Var[Closure], prefix: str) -> rx.Component:
    """The headline numbers: the share closed, the median days to reply, out of how many."""
    return rx.flex(
        stat(
            "closed with a reply",
            rx.cond(closure.percent.is_not_none(), closure.percent.to_string() + " %", "—"),
            f"{prefix}-percent",
        ),
        stat(
            "median days to reply",
            rx.cond(closure.median_days.is_not_none(), closure.median_days.to_string(), "—"),
            f"{prefix}-median",
        ),
        stat(
            "asks and recommendations",
            closure.closed.to_string() + " of " + closure.given.to_string() + " closed",
            f"{prefix}-count",
        ),
        spacing="5",
        wrap="wrap",
    )


CLOSURE_MEANING = (
    "An ask is closed when it is delivered with its outcome; a recommendation when the professional replies "
    "saying what they did."
)


def closure_picture(
    title: str,
    closure: rx.Var[Closure],
    parts: rx.Var[list[Closure]],
    rows: rx.Var,
    first: str,
    picture_id: str,
    empty: str,
) -> rx.Component:
    """Closure as a whole, then per part (a quarter, a person) as bars with the days it took as a line."""
    return picture(
        title,
        CLOSURE_MEANING,
        rx.vstack(
            closure_figures(closure, picture_id), drawn(closure_chart, rows, BARS_HEIGHT), spacing="3", width="100%"
        ),
        ([first, "Given", "Closed", "Closed %", "Median days to reply"], rx.foreach(parts, _closure_row)),
        closure.given > 0,
        empty,
        picture_id,
    )


def insights_closure_picture() -> rx.Component:
    return closure_picture(
        "Feedback closure over the last year",
        PicturesState.closure,
        PicturesState.closure_parts,
        PicturesState.closure_chart,
        "Quarter",
        "closure",
        "No asks or recommendations in the last year yet. Once the manager asks or recommends something, delivering "
        "it or replying to it closes the loop, and it shows here.",
    )


def _ratings_row(row: RatingsCompared) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.name),
        cell(row.self_now),
        cell(row.self_before),
        cell(row.manager_now),
        cell(row.manager_before),
    )


def _radar(title: str, data: rx.Var, shown: rx.Var[bool], empty: str) -> rx.Component:
    return rx.box(
        rx.heading(title, size="3", as_="h3"),
        rx.cond(shown, drawn(loops_radar, data, RADAR_HEIGHT), rx.text(empty, size="2", color=styles.MUTED)),
        width="100%",
    )


def ratings_picture() -> rx.Component:
    return picture(
        "Competencies, this loop against the one before",
        rx.cond(
            PicturesState.compared != "",
            PicturesState.compared + ": the professional's self-assessment and the manager's ratings, 1 to 5.",
            "The professional's self-assessment and the manager's ratings, 1 to 5.",
        ),
        rx.grid(
            _radar(
                "Self-assessment",
                PicturesState.self_radar,
                PicturesState.self_radar.length() > 0,
                "The professional has not rated themselves in these loops yet.",
            ),
            _radar(
                "The manager's ratings",
                PicturesState.manager_radar,
                PicturesState.manager_radar.length() > 0,
                "The manager has not rated these loops yet.",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        (
            ["Competency", "Self, this loop", "Self, loop before", "Manager, this loop", "Manager, loop before"],
            rx.foreach(PicturesState.ratings, _ratings_row),
        ),
        PicturesState.ratings.length() > 0,
        "No ratings yet. In stage 1 of a loop the professional rates each competency from 1 to 5, and the manager "
        "rates the same; the next loop is then drawn against this one.",
        "ratings",
    )


def _readiness_row(row: Readiness) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(row.loop), rx.table.cell(row.readiness))


def readiness_picture() -> rx.Component:
    return picture(
        "Readiness over loops",
        "How ready for the goal the professional felt in each loop, on the 1–10 ruler.",
        drawn(readiness_line, PicturesState.readiness_chart, TREND_HEIGHT),
        (["Loop", "Readiness (1–10)"], rx.foreach(PicturesState.readiness, _readiness_row)),
        PicturesState.readiness.length() > 0,
        "No readiness yet. In each loop's self-reflection (stage 1) the professional says how ready they feel on "
        "the 1–10 ruler; each loop adds a point here.",
        "readiness",
    )
