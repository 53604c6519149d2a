"""Lists that say so when they are empty."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from magicloop import styles


def listing(
    items: rx.Var[list], render: Callable[[rx.Var], rx.Component], list_id: str, empty: str, spacing: str = "3"
) -> rx.Component:
    """Each item rendered, one under another; without any, a muted line saying what would be here.
    The empty line's id is the list's with `-empty`."""
    return rx.cond(
        items.length() > 0,
        rx.vstack(rx.foreach(items, render), spacing=spacing, width="100%", id=list_id),
        empty_note(empty, list_id + "-empty"),
    )


def empty_note(text: str, note_id: str | None = None) -> rx.Component:
    """A muted line in place of a list or table with nothing in it yet: what would be here, or how to add it."""
    return rx.text(text, size="2", color=styles.MUTED, id=note_id)
