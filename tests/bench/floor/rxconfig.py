import reflex as rx

config = rx.Config(
    app_name="floor",
    telemetry_enabled=False,
    state_manager_mode="memory",  # as the app's single-process default
    disable_plugins=[rx.plugins.SitemapPlugin],
)
