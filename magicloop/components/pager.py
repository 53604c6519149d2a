"""Newer / Older buttons for a list shown a page at a time."""

from __future__ import annotations

from typing import Any

import reflex as rx


def pager(prefix: str, page: rx.Var[int], has_more: rx.Var[bool], show_page: Any) -> rx.Component:
    """Only when there is more than one page: two buttons that can never be pressed say nothing."""
    return rx.cond(
        (page > 0) | has_more,
        rx.hstack(
            rx.button("Newer", variant="soft", id=f"{prefix}-newer", disabled=page == 0, on_click=show_page(page - 1)),
            rx.button("Older", variant="soft", id=f"{prefix}-older", disabled=~has_more, on_click=show_page(page + 1)),
            spacing="2",
        ),
    )
