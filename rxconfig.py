import dataclasses
import os

import reflex as rx

from magicloop.bundling import VendorChunk
from magicloop.config import get_settings

# The Radix colour scales the app paints with: the theme's accent and grey, every `color_scheme`
# and `var(--<colour>-N)` in magicloop/ (a unit test keeps the list complete), and crimson for
# Reflex's own connection banner. Radix's full stylesheet carries all thirty.
RADIX_COLOURS = ("indigo", "slate", "amber", "blue", "crimson", "green", "orange", "red", "violet")


@dataclasses.dataclass
class RadixThemes(rx.plugins.RadixThemesPlugin):
    """Radix Themes as the first page load needs it: only the parts each page uses."""

    def get_frontend_dependencies(self, **context):
        # Its components install the package all the same. As a plugin dependency it would also be handed
        # whole to dynamic components (this app has none), which puts every Radix component in the code
        # every page loads first.
        return ()

    def get_stylesheet_paths(self, **context):
        if not self.enabled:
            return ()
        # The stylesheet blocks the first paint of every page: only the colour scales above.
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{colour}.css" for colour in RADIX_COLOURS),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )


if os.environ.get("REFLEX_REDIS_URL"):
    # A tab's socket stays with one worker, which keeps holding the tab's lock and state between its events
    # (Reflex's opportunistic lock) instead of loading the state from Redis and storing it back each time;
    # it hands them over when another worker asks for the tab.
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")
    # One worker per core: each serves many sockets at once, and every worker hears of every tab's socket (Reflex's
    # token records over Redis). On two cores, Reflex's default of two per core and one more cost a quarter more
    # CPU per tab opened, and 100 tabs opening at once took 1.4-2.9 s instead of 1.2-1.3 s.
    os.environ.setdefault("GRANIAN_WORKERS", str(os.cpu_count() or 1))

config = rx.Config(
    app_name="magicloop",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The socket refuses a handshake whose Origin is not one of these: another site's page cannot act as the
    # person signed in here.
    cors_allowed_origins=list(get_settings().allowed_origins),
    # One process keeps each tab's UI state in memory (Reflex's default, disk, writes about 25
    # files per tab); with REFLEX_REDIS_URL several workers share it in Redis.
    state_manager_mode="redis" if os.environ.get("REFLEX_REDIS_URL") else "memory",
    plugins=[
        VendorChunk(),
        RadixThemes(
            # Indigo: white on its solid step reads 5.2:1 (teal's read 3.1:1), and its step-11 text stays
            # above 5:1 on its own tints.
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", appearance="light")
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
    # Browsers that take Brotli get scripts and styles about a fifth smaller than gzip's.
    frontend_compression_formats=["brotli", "gzip"],
)
