"""A titled card: one part of a page, such as a stage on the loop page or a card on the dashboard."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles


def section(title: Any, description: Any, *children: rx.Component, section_id: str | None = None) -> rx.Component:
    """A card headed by its title (a page's second level) and, if any, a line on what it is for."""
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.text(description, size="2", color=styles.MUTED)
            if isinstance(description, rx.Var) or description
            else rx.fragment(),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
        id=section_id,
    )
