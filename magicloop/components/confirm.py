"""A button that asks before doing something that can't be undone."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop.components.buttons import quiet_button


def confirm_button(
    label: str,
    title: Any,
    description: str,
    on_confirm: Any,
    *,
    button_id: Any,
    confirm_label: str = "",
    **button_props: Any,
) -> rx.Component:
    button_props = {"size": "1", "variant": "soft", "color_scheme": "red", **button_props}
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(label, id=button_id, **button_props)),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description),
            rx.hstack(
                rx.alert_dialog.cancel(quiet_button("Cancel")),
                rx.alert_dialog.action(
                    rx.button(
                        confirm_label or label,
                        color_scheme="red",
                        id=button_id + "-confirm" if isinstance(button_id, str) else button_id.to(str) + "-confirm",
                        on_click=on_confirm,
                    )
                ),
                justify="end",
                spacing="3",
                margin_top="var(--space-4)",
            ),
        ),
    )
