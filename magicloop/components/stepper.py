"""The five stages of a loop as a stepper: done, current, upcoming."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop import styles
from magicloop.services.loop_view import StageStatus


def _step(stage: StageStatus, selected: rx.Var[int], on_select: Any) -> rx.Component:
    is_current = stage.state == "current"
    marker = rx.cond(
        stage.state == "done",
        rx.icon("check", size=16),
        rx.text(stage.number, weight="bold", size="2"),
    )
    return rx.el.button(
        rx.hstack(
            rx.center(
                marker,
                width="28px",
                height="28px",
                border_radius="50%",
                flex_shrink="0",
                background=rx.cond(
                    is_current, "var(--accent-9)", rx.cond(stage.state == "done", "var(--accent-4)", "var(--gray-4)")
                ),
                color=rx.cond(is_current, "white", "var(--gray-12)"),
            ),
            rx.vstack(
                rx.text(stage.title, size="2", weight=rx.cond(is_current, "bold", "regular")),
                rx.text(
                    rx.cond(
                        is_current,
                        "Current stage",
                        rx.cond(
                            stage.open_items.length() > 0,
                            stage.open_items.length().to_string() + " open",
                            "Nothing open",
                        ),
                    ),
                    size="1",
                    color=styles.MUTED,
                ),
                spacing="0",
                align="start",
            ),
            align="center",
            spacing="2",
        ),
        id=f"stage-tab-{stage.number}",
        on_click=on_select(stage.number),
        aria_current=rx.cond(is_current, "step", "false"),
        aria_pressed=rx.cond(selected == stage.number, "true", "false"),
        style={
            "flex": "1 1 160px",
            "textAlign": "left",
            "cursor": "pointer",
            "padding": "var(--space-2)",
            "borderRadius": "var(--radius-3)",
            "background": "var(--color-panel-solid)",
            "border": rx.cond(selected == stage.number, "2px solid var(--accent-9)", "1px solid var(--gray-a6)"),
        },
    )


def stepper(stages: rx.Var[list[StageStatus]], selected: rx.Var[int], on_select: Any) -> rx.Component:
    return rx.el.nav(
        rx.flex(rx.foreach(stages, lambda stage: _step(stage, selected, on_select)), spacing="2", wrap="wrap"),
        aria_label="Loop stages",
        id="stepper",
        style={"width": "100%"},
    )
