"""Moving between the loop's stages, and repeating the loop: the page's next step."""

from __future__ import annotations

import reflex as rx

from magicloop.components.buttons import quiet_button
from magicloop.components.changed import changed_notice, opened_at
from magicloop.components.dialogs import close_button, dialog
from magicloop.components.forms import (
    choices,
    field_columns,
    native_select,
    stacked_form,
    submit_button,
    text_area,
    text_field,
)
from magicloop.state.growth import GrowthState
from magicloop.state.loop import LoopState

RESTART_STAGES = (("Stage 4 — ask how to grow (the usual repeat)", "4"), ("Stage 1 — reflect again", "1"))


def _open_items_list(items) -> rx.Component:
    return rx.el.ul(rx.foreach(items, lambda text: rx.el.li(text)), style={"paddingLeft": "1.2em", "margin": 0})


def stage_actions() -> rx.Component:
    """Move to the next stage (or to the one being viewed); never blocked, only told what is open."""
    loop = LoopState.loop
    selected = LoopState.selected_stage
    current = loop.stages[loop.stage - 1]
    target = rx.cond(selected == loop.stage, loop.stage + 1, selected)
    label = rx.cond(
        selected == loop.stage, "Move on to stage " + (loop.stage + 1).to_string(), "Make this my current stage"
    )
    # On the current stage, moving on is the next step of the loop: the primary button.
    variant = rx.cond(selected == loop.stage, "solid", "outline")
    return rx.cond(
        loop.editable & ((selected != loop.stage) | (loop.stage < 5)),
        rx.cond(
            current.open_items.length() == 0,
            rx.button(label, id="move-stage", variant=variant, on_click=LoopState.move_to(target)),
            _confirm_move(label, target, variant),
        ),
    )


def _confirm_move(label: rx.Var[str], target: rx.Var[int], variant: rx.Var[str]) -> rx.Component:
    """Moving on with items still open: say which, and let the person stay."""
    loop = LoopState.loop
    current = loop.stages[loop.stage - 1]
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(label, id="move-stage", variant=variant)),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Move to stage ", target.to_string(), "?"),
            rx.vstack(
                rx.text("Still open in ", current.title, " — you can come back to it:", size="2"),
                _open_items_list(current.open_items),
                spacing="2",
                id="move-open-items",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(quiet_button("Stay here")),
                rx.alert_dialog.action(
                    rx.button("Move on", id="move-stage-confirm", on_click=LoopState.move_to(target))
                ),
                justify="end",
                spacing="3",
                margin_top="var(--space-4)",
            ),
        ),
    )


def repeat_dialog() -> rx.Component:
    errors = LoopState.repeat_errors
    # Primary once stage 5 is done: every recommendation delivered and answered.
    stage_five_done = (
        (LoopState.loop.stage == 5)
        & (GrowthState.recommendations.length() > 0)
        & (LoopState.loop.stages[4].open_items.length() == 0)
    )
    return dialog(
        "Close this loop and start the next",
        "Open asks, recommendations and action steps come with you.",
        stacked_form(
            changed_notice(LoopState.changed, "repeat"),
            opened_at(LoopState.repeat_version),
            text_area("retrospective_moved", "What moved", errors),
            text_area("retrospective_stalled", "What didn't", errors),
            native_select("restart_at", "Start the next loop at", errors, choices(RESTART_STAGES), default_value="4"),
            text_area("goal", "Goal for the next loop", errors, default_value=LoopState.loop.goal),
            field_columns(
                text_field(
                    "repeat-target-role",
                    "Target role",
                    errors,
                    name="target_role",
                    default_value=LoopState.loop.target_role,
                ),
                text_field(
                    "repeat-target-date",
                    "Target date",
                    errors,
                    name="target_date",
                    default_value=LoopState.loop.target_date,
                    placeholder="2027-09-30",
                ),
            ),
            rx.hstack(
                submit_button("repeat-submit", "Start the next loop", LoopState.busy), close_button(), spacing="3"
            ),
            form_id="repeat-form",
            on_submit=LoopState.repeat,
            drafts_of=LoopState.loop.id.to_string(),
        ),
        is_open=LoopState.repeat_open,
        on_open_change=LoopState.set_repeat_open,
        max_width="520px",
        trigger=rx.button("Repeat the loop", id="repeat-loop", variant=rx.cond(stage_five_done, "solid", "outline")),
    )
