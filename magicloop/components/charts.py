"""The charts, as memo components: pages show them through `lazy`, so the charting library loads only there."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles

# The height a page keeps for a chart while its code loads, so nothing below moves when it arrives.
RADAR_HEIGHT = 300
MONTHS_HEIGHT = 240

# Recharts labels a tooltip with the axis' value (the short name); the row carries the full one.
FULL_NAME = rx.Var("(label, payload) => payload?.[0]?.payload?.name ?? label")


def _ratings_of(key: str, name: str, stroke: str, fill: str) -> rx.Component:
    """One rater's scores on the radar, see-through so both shapes show where they overlap."""
    # Reflex's radar has no `name` field (it would become a style): pass it as a plain prop.
    return rx.recharts.radar(data_key=key, custom_attrs={"name": name}, stroke=stroke, fill=fill, fill_opacity=0.3)


@rx.memo
def competency_radar(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Self against manager for each competency both have rated: rows of competency, name, self, manager."""
    return rx.recharts.radar_chart(
        rx.recharts.polar_grid(),
        # Short names around the chart, wrapped to fit a phone, in text grey (Reflex's default grey
        # reads 3.8:1); the full name in the tooltip.
        rx.recharts.polar_angle_axis(data_key="competency", tick={"fontSize": 12, "width": 72, "fill": styles.MUTED}),
        # The rings mark 1 to 5; numbers on them would sit on the labels (the table has the numbers).
        rx.recharts.polar_radius_axis(domain=[0, 5], tick_count=6, tick=False, axis_line=False),
        _ratings_of("self", "Self", "var(--accent-9)", "var(--accent-9)"),
        _ratings_of("manager", "Manager", "var(--amber-10)", "var(--amber-9)"),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(custom_attrs={"labelFormatter": FULL_NAME}),
        data=data,
        outer_radius="62%",
        margin={"top": 10, "right": 10, "bottom": 10, "left": 10},
        width="100%",
        height=RADAR_HEIGHT,
    )


@rx.memo
def delivered_per_month(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Rows of month, delivered and on_time_percent: bars and a line on two axes."""
    return rx.recharts.composed_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="month"),
        rx.recharts.y_axis(y_axis_id="left", allow_decimals=False),
        rx.recharts.y_axis(y_axis_id="right", orientation="right", domain=[0, 100], unit="%"),
        rx.recharts.bar(data_key="delivered", y_axis_id="left", fill="var(--accent-9)", name="Delivered"),
        rx.recharts.line(data_key="on_time_percent", y_axis_id="right", stroke="var(--amber-10)", name="On time %"),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=MONTHS_HEIGHT,
    )
