import os

import reflex as rx

_public_url = os.environ.get("MAGICLOOP_PUBLIC_URL", "http://localhost:3000").rstrip("/")

config = rx.Config(
    app_name="magicloop",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=[_public_url, "http://localhost:3000", "http://127.0.0.1:3000"],
    # One process keeps each tab's UI state in memory (Reflex's default, disk, writes about 25
    # files per tab); with REFLEX_REDIS_URL several workers share it in Redis.
    state_manager_mode="redis" if os.environ.get("REFLEX_REDIS_URL") else "memory",
    plugins=[
        rx.plugins.RadixThemesPlugin(
            # Indigo: white on its solid step reads 5.2:1 (teal's read 3.1:1), and its step-11 text stays
            # above 5:1 on its own tints.
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", appearance="light")
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
