"""What the address of the page a tab is on names: its query parameters (`/loop?id=7`)."""

from __future__ import annotations

import reflex as rx

from magicloop.services.validation import id_in_form


def in_address(state: rx.State, name: str) -> str:
    """The query parameter `name`, or "". Read from the URL: Reflex's older `router.page` logs a
    deprecation warning on every read, which cost more than the rest of a page's opening."""
    return state.router.url.query_parameters.get(name, "")


def id_in_address(state: rx.State, name: str) -> int | None:
    """The row id the query parameter `name` names; None when there is none or it is not an id."""
    return id_in_form(state.router.url.query_parameters, name)
