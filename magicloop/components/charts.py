"""The charts, as memo components: pages show them through `lazy`, so the charting library loads only there."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles

# The height a page keeps for a chart while its code loads, so nothing below moves when it arrives.
RADAR_HEIGHT = 300
MONTHS_HEIGHT = 240

# Series are drawn at once, not grown into place: nothing moves for people who are bothered by motion, and a
# page is whole as soon as it shows.
STILL = {"is_animation_active": False}
BAR_WIDTH = 48  # at most: a single bar does not fill the chart

# Recharts labels a tooltip with the axis' value (the short name); the row carries the full one.
FULL_NAME = rx.Var("(label, payload) => payload?.[0]?.payload?.name ?? label")


def _ratings_of(key: str, name: str, stroke: str, fill: str) -> rx.Component:
    """One rater's scores on the radar, see-through so both shapes show where they overlap."""
    # Reflex's radar has no `name` field (it would become a style): pass it as a plain prop.
    return rx.recharts.radar(
        data_key=key, custom_attrs={"name": name}, stroke=stroke, fill=fill, fill_opacity=0.3, **STILL
    )


def _radar(data: rx.Var, first: tuple[str, str], second: tuple[str, str]) -> rx.Component:
    """Two shapes over the competencies, each (key, name): the first in the accent colour, the second in amber."""
    return rx.recharts.radar_chart(
        rx.recharts.polar_grid(),
        # Short names around the chart, wrapped to fit a phone, in text grey (Reflex's default grey
        # reads 3.8:1); the full name in the tooltip.
        rx.recharts.polar_angle_axis(data_key="competency", tick={"fontSize": 12, "width": 72, "fill": styles.MUTED}),
        # The rings mark 1 to 5; numbers on them would sit on the labels (the table has the numbers).
        rx.recharts.polar_radius_axis(domain=[0, 5], tick_count=6, tick=False, axis_line=False),
        _ratings_of(*first, "var(--accent-9)", "var(--accent-9)"),
        _ratings_of(*second, "var(--amber-10)", "var(--amber-9)"),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(custom_attrs={"labelFormatter": FULL_NAME}),
        data=data,
        outer_radius="62%",
        margin={"top": 10, "right": 10, "bottom": 10, "left": 10},
        width="100%",
        height=RADAR_HEIGHT,
    )


@rx.memo
def competency_radar(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Self against manager for each competency both have rated: rows of competency, name, self, manager."""
    return _radar(data, ("self", "Self"), ("manager", "Manager"))


@rx.memo
def loops_radar(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """One rater's scores in this loop against the loop before: rows of competency, name, now, before."""
    return _radar(data, ("now", "This loop"), ("before", "Loop before"))


@rx.memo
def delivered_per_month(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of month, delivered and on_time_percent: bars and a line on two axes."""
    return rx.recharts.composed_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="month"),
        rx.recharts.y_axis(y_axis_id="left", allow_decimals=False),
        rx.recharts.y_axis(y_axis_id="right", orientation="right", domain=[0, 100], unit="%"),
        rx.recharts.bar(data_key="delivered", y_axis_id="left", fill="var(--accent-9)", name="Delivered", **STILL),
        rx.recharts.line(
            data_key="on_time_percent", y_axis_id="right", stroke="var(--amber-10)", name="On time %", **STILL
        ),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=MONTHS_HEIGHT,
    )


TREND_HEIGHT = 220
BARS_HEIGHT = 240
TICKS = {"fontSize": 12, "fill": styles.MUTED}


def _grid() -> rx.Component:
    return rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False)


@rx.memo
def quarter_trend(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of quarter and percent: the Success Index of each quarter (no bar where nothing counted)."""
    return rx.recharts.bar_chart(
        _grid(),
        rx.recharts.x_axis(data_key="quarter", tick=TICKS),
        rx.recharts.y_axis(domain=[0, 100], unit="%", tick=TICKS, width=48),
        rx.recharts.bar(
            data_key="percent", max_bar_size=BAR_WIDTH, fill="var(--accent-9)", name="Success Index", unit="%", **STILL
        ),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=TREND_HEIGHT,
    )


@rx.memo
def closure_chart(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of label, percent and median_days: the share closed with a reply (bars) and the days it took (line)."""
    return rx.recharts.composed_chart(
        _grid(),
        rx.recharts.x_axis(data_key="label", tick=TICKS),
        rx.recharts.y_axis(y_axis_id="left", domain=[0, 100], unit="%", tick=TICKS, width=48),
        rx.recharts.y_axis(y_axis_id="right", orientation="right", allow_decimals=False, unit=" d", tick=TICKS),
        rx.recharts.bar(
            data_key="percent",
            max_bar_size=BAR_WIDTH,
            y_axis_id="left",
            fill="var(--accent-9)",
            name="Closed",
            unit="%",
            **STILL,
        ),
        rx.recharts.line(
            data_key="median_days", y_axis_id="right", stroke="var(--amber-10)", name="Median days to reply", **STILL
        ),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=BARS_HEIGHT,
    )


@rx.memo
def loop_history(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of loop, days and delivered: how long each loop took (bars) and how much it delivered (line)."""
    return rx.recharts.composed_chart(
        _grid(),
        rx.recharts.x_axis(data_key="loop", tick=TICKS),
        rx.recharts.y_axis(y_axis_id="left", allow_decimals=False, unit=" d", tick=TICKS, width=56),
        rx.recharts.y_axis(y_axis_id="right", orientation="right", allow_decimals=False, tick=TICKS),
        rx.recharts.bar(
            data_key="days",
            max_bar_size=BAR_WIDTH,
            y_axis_id="left",
            fill="var(--accent-9)",
            name="Days",
            unit=" days",
            **STILL,
        ),
        rx.recharts.line(
            data_key="delivered", y_axis_id="right", stroke="var(--amber-10)", name="Items delivered", **STILL
        ),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=BARS_HEIGHT,
    )


@rx.memo
def readiness_line(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of loop and readiness, on the 1–10 ruler."""
    return rx.recharts.line_chart(
        _grid(),
        rx.recharts.x_axis(data_key="loop", tick=TICKS),
        rx.recharts.y_axis(domain=[1, 10], tick_count=10, allow_decimals=False, tick=TICKS, width=32),
        rx.recharts.line(data_key="readiness", stroke="var(--accent-9)", stroke_width=2, name="Readiness", **STILL),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=TREND_HEIGHT,
    )


@rx.memo
def counts_bars(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of label and value: how many of each (no bar where the figure is hidden)."""
    return rx.recharts.bar_chart(
        _grid(),
        rx.recharts.x_axis(data_key="label", tick=TICKS),
        rx.recharts.y_axis(allow_decimals=False, tick=TICKS, width=32),
        rx.recharts.bar(data_key="value", max_bar_size=BAR_WIDTH, fill="var(--accent-9)", name="People", **STILL),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=TREND_HEIGHT,
    )
