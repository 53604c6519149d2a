"""A chart in its card: loaded where it is shown, with its numbers as a table for screen readers (and anyone
who prefers them), and in place of both, when there is nothing to draw, what to do to fill it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from magicloop import styles
from magicloop.components.lazy import lazy
from magicloop.components.lists import empty_note
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table


def numbers(title: str, headers: list[str], rows: rx.Component, table_id: str) -> rx.Component:
    """The chart's numbers, a click away: a native disclosure that keyboards and screen readers know."""
    return rx.el.details(
        rx.el.summary(
            f"{title}: the numbers as a table",
            style={"cursor": "pointer", "color": "var(--accent-11)", "fontSize": "var(--font-size-2)"},
        ),
        rx.box(stacked_table(headers, rows, table_id), margin_top="var(--space-2)"),
        width="100%",
    )


def drawn(memo: Callable[..., rx.Component], data: rx.Var, height: int) -> rx.Component:
    """A chart memo drawn from its rows; the page keeps its height while the charting code loads."""
    return rx.box(lazy(memo, data=data), height=f"{height}px", width="100%")


def picture(
    title: str,
    description: Any,
    chart: rx.Component,
    table: tuple[list[str], rx.Component],
    has_data: rx.Var[bool],
    empty: str,
    picture_id: str,
    *extra: rx.Component,
) -> rx.Component:
    """A titled card: the chart (see `drawn`) and its `table` (headers, rows), `extra` under them; without data,
    the `empty` note in their place."""
    headers, rows = table
    return section(
        title,
        description,
        rx.cond(
            has_data,
            rx.vstack(
                chart,
                numbers(title, headers, rows, picture_id + "-table"),
                *extra,
                spacing="3",
                width="100%",
            ),
            empty_note(empty, picture_id + "-empty"),
        ),
        section_id=picture_id,
    )


def cell(value: rx.Var, suffix: str = "") -> rx.Component:
    """A number in a table, or a dash where there is none."""
    return rx.table.cell(rx.cond(value.is_not_none(), value.to_string() + suffix, rx.text("—", color=styles.MUTED)))


def stat(label: str, value: rx.Var[Any], stat_id: str) -> rx.Component:
    """One headline figure: the number large, what it is under it."""
    return rx.vstack(
        rx.text(value, size="6", weight="bold", id=stat_id),
        rx.text(label, size="1", color=styles.MUTED),
        spacing="0",
        min_width="120px",
    )
