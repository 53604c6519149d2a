"""The Reflex app. Pages register themselves through the `page` template."""

import gc

import reflex as rx

# Reflex imports its model module, and Alembic and Mako with it, while handling the first event that
# carries an argument: imported with the app, each worker pays for that as it starts, not a person's click.
import reflex.model  # noqa: F401
from reflex.utils.prerequisites import get_web_dir
from reflex_base.constants import Dirs
from starlette.types import ASGIApp

from magicloop.caching import cache_control
from magicloop.config import get_settings
from magicloop.db import connect_at_start
from magicloop.digest import daily_digest_task
from magicloop.feeds import feed_routes
from magicloop.nudges import missed_checkins_task
from magicloop.outbox import outbox_task
from magicloop.page_paths import PagesWithoutSlash
from magicloop.pages import (  # noqa: F401  (registers the pages)
    access,
    admin,
    audit,
    dashboard,
    framework,
    insights,
    loop,
    notifications,
    organisation_insights,
    progress,
    pulse,
    pulse_view,
    recovery,
    review,
    settings,
    team,
)
from magicloop.public_redirects import location_on
from magicloop.response_headers import ResponseHeaders
from magicloop.security_headers import inline_script_hashes, security_headers
from magicloop.state.hydrate import ForgetOnHydrate

# Each open tab holds a state of hundreds of small objects (kept for an hour after it closes, should it come
# back). At Python's default (a collection per 700 new objects) 100 tabs opening at once spent a tenth of their
# CPU in the collector, mostly in full collections over the tabs' states; at 10,000, a twentieth.
gc.set_threshold(10_000, 10, 10)


class MagicLoopApp(rx.App):
    def __call__(self) -> ASGIApp:
        """The server's whole ASGI app, wrapped. An `api_transformer` would sit inside Reflex's outer
        Starlette app, whose CORS middleware answers preflight requests and whose error middleware answers
        crashes without it."""
        public_url = get_settings().public_url
        # The frontend is built before the backend starts; a backend alone serves no pages.
        build_dir = get_web_dir() / Dirs.STATIC
        secure = security_headers(public_url, inline_script_hashes(build_dir))
        return ResponseHeaders(
            PagesWithoutSlash(super().__call__(), build_dir),
            location_on(public_url),
            lambda headers, _path, _status: headers.update(secure),
            cache_control,
        )


app = MagicLoopApp(
    stylesheets=["/contrast.css", "/scale.css"],
    # Top right: over the navigation, never over a form being filled; closable from the keyboard.
    # Plain, not Sonner's rich colours (green, blue and red text on tints at 3.5–4.4:1): dark text
    # on white, the icon still carrying the colour.
    toaster=rx.toast.provider(position="top-right", close_button=True, rich_colors=False),
    api_transformer=feed_routes(),
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        # Unsaved text in forms survives a refresh (assets/drafts.js).
        rx.el.script(src="/drafts.js", defer=True),
        # The keyboard's focus, kept when what has it goes away; past the navigation (assets/focus.js).
        rx.el.script(src="/focus.js", defer=True),
    ],
)
app.add_middleware(ForgetOnHydrate())
app.register_lifespan_task(connect_at_start)
app.register_lifespan_task(daily_digest_task)
app.register_lifespan_task(outbox_task)
app.register_lifespan_task(missed_checkins_task)
