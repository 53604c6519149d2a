"""The charts, as memo components: pages show them through `lazy`, so the charting library loads only there."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles

# The height a page keeps for a chart while its code loads, so nothing below moves when it arrives.
RADAR_HEIGHT = 300
MONTHS_HEIGHT = BARS_HEIGHT = 240
TREND_HEIGHT = 220
TICKS = {"fontSize": 12, "fill": styles.MUTED}  # text grey: Recharts' own grey reads 3.8:1

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


def _legend() -> rx.Component:
    # Recharts' own legend text is 16 px, larger than every other line around a chart.
    return rx.recharts.legend(custom_attrs={"wrapperStyle": {"fontSize": "var(--font-size-2)"}})


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
        _legend(),
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


def _grid() -> rx.Component:
    return rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False)


def _bars(key: str, axis: str, name: str, unit: str = "", fill: str = "var(--accent-9)") -> rx.Component:
    return rx.recharts.bar(
        data_key=key, y_axis_id=axis, max_bar_size=BAR_WIDTH, fill=fill, name=name, unit=unit, **STILL
    )


def _trend(key: str, axis: str, name: str) -> rx.Component:
    return rx.recharts.line(data_key=key, y_axis_id=axis, stroke="var(--amber-10)", name=name, **STILL)


def _two_axes(data: rx.Var, x_key: str, left: dict, right: dict, *series: rx.Component) -> rx.Component:
    """Two measures of each row, each against an axis of its own: `left` and `right` are the axes' settings."""
    return rx.recharts.composed_chart(
        _grid(),
        rx.recharts.x_axis(data_key=x_key, tick=TICKS),
        rx.recharts.y_axis(y_axis_id="left", tick=TICKS, **left),
        rx.recharts.y_axis(y_axis_id="right", orientation="right", tick=TICKS, **right),
        *series,
        _legend(),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=BARS_HEIGHT,
    )


PERCENT_AXIS = {"domain": [0, 100], "unit": "%", "width": 48}
COUNT_AXIS = {"allow_decimals": False}


@rx.memo
def delivered_per_month(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of month, delivered and on_time_percent: bars and a line on two axes."""
    return _two_axes(
        data,
        "month",
        COUNT_AXIS,
        PERCENT_AXIS,
        _bars("delivered", "left", "Delivered"),
        _trend("on_time_percent", "right", "On time %"),
    )


@rx.memo
def closure_chart(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of label, percent and median_days: side by side, the share closed with a reply and the days it took."""
    return _two_axes(
        data,
        "label",
        PERCENT_AXIS,
        {**COUNT_AXIS, "unit": " d"},
        _bars("percent", "left", "Closed", "%"),
        _bars("median_days", "right", "Median days to reply", " days", fill="var(--amber-9)"),
    )


@rx.memo
def loop_history(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of loop, days and delivered: how long each loop took (bars) and how much it delivered (line)."""
    return _two_axes(
        data,
        "loop",
        {**COUNT_AXIS, "unit": " d", "width": 56},
        COUNT_AXIS,
        _bars("days", "left", "Days", " days"),
        _trend("delivered", "right", "Items delivered"),
    )


def _one_axis(chart, data: rx.Var, x_key: str, axis: dict, series: rx.Component) -> rx.Component:
    """One measure of each row: `chart` is the kind (bars, a line), `axis` its axis' settings."""
    return chart(
        _grid(),
        rx.recharts.x_axis(data_key=x_key, tick=TICKS),
        rx.recharts.y_axis(y_axis_id="left", tick=TICKS, **axis),
        series,
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=TREND_HEIGHT,
    )


@rx.memo
def quarter_trend(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of quarter and percent: the Success Index of each quarter (no bar where nothing counted)."""
    return _one_axis(
        rx.recharts.bar_chart, data, "quarter", PERCENT_AXIS, _bars("percent", "left", "Success Index", "%")
    )


@rx.memo
def readiness_line(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of loop and readiness, on the 1–10 ruler."""
    ruler = {"domain": [1, 10], "tick_count": 10, "allow_decimals": False, "width": 32}
    line = rx.recharts.line(
        data_key="readiness", y_axis_id="left", stroke="var(--accent-9)", stroke_width=2, name="Readiness", **STILL
    )
    return _one_axis(rx.recharts.line_chart, data, "loop", ruler, line)


@rx.memo
def counts_bars(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of label and value: how many of each (no bar where the figure is hidden)."""
    return _one_axis(
        rx.recharts.bar_chart, data, "label", {**COUNT_AXIS, "width": 32}, _bars("value", "left", "People")
    )
