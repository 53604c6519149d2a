"""Dialogs that say what they are for under their title, opened and closed by a state."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles
from magicloop.components.buttons import cancel_button


def dialog(
    title: Any,
    description: str,
    body: rx.Component,
    *,
    is_open: rx.Var[bool],
    on_open_change: Any,
    max_width: str,
    trigger: rx.Component | None = None,
) -> rx.Component:
    """`trigger`, when given, opens it; otherwise a handler sets `is_open`."""
    return rx.dialog.root(
        *([rx.dialog.trigger(trigger)] if trigger is not None else []),
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(description, size="2", color=styles.MUTED),
            body,
            max_width=max_width,
        ),
        open=is_open,
        on_open_change=on_open_change,
    )


def close_button(label: str = "Cancel", **props: Any) -> rx.Component:
    """Closes the dialog it stands in, sending nothing."""
    return rx.dialog.close(cancel_button(label, **props))
