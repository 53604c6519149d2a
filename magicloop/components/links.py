"""Links that stay readable: text links, and links that look like buttons."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.components.react_router import ReactRouterLink

from magicloop import routes

# rx.link fades every link to accent step 8 on hover (1.9:1 on white for gray links);
# an empty hover style keeps the link's own colour and Radix's hover underline.
KEEP_COLOUR_ON_HOVER: dict[str, Any] = {}


def text_link(*children: Any, **props: Any) -> rx.Component:
    """A link inside a sentence is underlined: colour alone doesn't set it apart from the text around it."""
    return rx.link(*children, underline="always", _hover=KEEP_COLOUR_ON_HOVER, **props)


def plain_link(*children: Any, underline: str = "hover", **props: Any) -> rx.Component:
    """A link standing on its own (navigation, a list of loops)."""
    return rx.link(*children, underline=underline, _hover=KEEP_COLOUR_ON_HOVER, **props)


def pulse_results_link(pulse_id: rx.Var[int], link_id: rx.Var[str]) -> rx.Component:
    """On an item whose evidence is a culture pulse: the way to its results."""
    return rx.cond(
        pulse_id != 0,
        text_link(
            "Evidence: culture pulse results",
            href=routes.PULSE_VIEW + "?id=" + pulse_id.to_string(),
            id=link_id,
            size="2",
        ),
    )


def button_link(label: Any, href: Any, *, link_id: Any, **button_props: Any) -> rx.Component:
    """A link drawn as a button: it navigates, so it is one link, with no button inside it."""
    return rx.button(ReactRouterLink.create(label, to=href, id=link_id), as_child=True, **button_props)
