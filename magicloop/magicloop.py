"""The Reflex app. Pages register themselves through the `page` template."""

import reflex as rx

from magicloop.digest import daily_digest_task
from magicloop.pages import (  # noqa: F401  (registers the pages)
    access,
    admin,
    dashboard,
    loop,
    notifications,
    progress,
    settings,
    team,
)

app = rx.App(
    # Top right: over the navigation, never over a form being filled; closable from the keyboard.
    toaster=rx.toast.provider(position="top-right", close_button=True),
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)
app.register_lifespan_task(daily_digest_task)
