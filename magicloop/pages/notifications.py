"""The notification inbox."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.layout import page
from magicloop.components.lists import listing
from magicloop.components.pager import pager
from magicloop.services.notifications import NotificationRow
from magicloop.state.live import InboxState


def _row(row: NotificationRow) -> rx.Component:
    return rx.el.button(
        rx.flex(
            rx.cond(
                row.unread,
                rx.box(width="8px", height="8px", border_radius="50%", background="var(--accent-9)", flex_shrink="0"),
                rx.box(width="8px", flex_shrink="0"),
            ),
            rx.text(
                rx.cond(row.unread, rx.el.span("Unread: ", style=styles.VISUALLY_HIDDEN)),
                row.message,
                size="2",
                weight=rx.cond(row.unread, "medium", "regular"),
                flex="1",
            ),
            rx.text(row.when, size="1", color=styles.MUTED),
            spacing="3",
            align="center",
            width="100%",
        ),
        on_click=InboxState.open(row.id),
        id="notification-" + row.id.to_string(),
        style={
            "width": "100%",
            "textAlign": "left",
            "padding": "var(--space-3)",
            "cursor": "pointer",
            "borderBottom": "1px solid var(--gray-a4)",
            "background": "transparent",
        },
    )


@page(routes.NOTIFICATIONS, "Notifications", on_load=InboxState.load)
def notifications_page() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading("Notifications", size="7", as_="h1"),
            rx.spacer(),
            rx.button("Mark all as read", variant="soft", id="mark-all-read", on_click=InboxState.mark_all_read),
            align="center",
            width="100%",
            wrap="wrap",
            spacing="3",
        ),
        rx.card(
            listing(
                InboxState.rows,
                _row,
                "notifications",
                "Nothing yet. You'll hear here when someone logs an ask, comments, recommends or decides on your idea.",
                spacing="0",
            ),
            width="100%",
        ),
        pager("notifications", InboxState.page, InboxState.has_more, InboxState.show_page),
        spacing="4",
        width="100%",
    )
