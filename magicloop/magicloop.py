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
from magicloop.state.hydrate import ForgetOnHydrate

app = rx.App(
    stylesheets=["/contrast.css", "/scale.css"],
    # Top right: over the navigation, never over a form being filled; closable from the keyboard.
    # Plain, not Sonner's rich colours (green, blue and red text on tints at 3.5–4.4:1): dark text
    # on white, the icon still carrying the colour.
    toaster=rx.toast.provider(position="top-right", close_button=True, rich_colors=False),
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)
app.add_middleware(ForgetOnHydrate())
app.register_lifespan_task(daily_digest_task)
