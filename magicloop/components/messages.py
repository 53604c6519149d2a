"""Public pages that say one thing: a message card, and the page a link mailed to someone opens on."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import routes, styles
from magicloop.components.links import plain_link


def message_card(title: str, *children: rx.Component) -> rx.Component:
    """A card with the page's heading and what it has to say."""
    return rx.card(
        rx.vstack(rx.heading(title, size="6", as_="h1"), *children, spacing="4"),
        width="100%",
        max_width=styles.FORM_MAX_WIDTH,
        size="3",
    )


def link_page(
    state: Any,
    title: str,
    ready: rx.Component,
    refusal: str = "This link can't be used",
    problem_id: str = "link-problem",
) -> rx.Component:
    """A spinner while the link in the address is checked, then `ready`, or, under the heading `refusal`, why the
    link can't be used (`state` has `loaded` and `problem`)."""
    problem = message_card(
        refusal,
        rx.text(state.problem, id=problem_id),
        plain_link("Go to sign in", href=routes.SIGN_IN),
    )
    return rx.cond(~state.loaded, rx.spinner(size="3", aria_label=title), rx.cond(state.problem != "", problem, ready))
