"""The loop page: the five stages as a stepper, the selected stage, notes."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.coaching import coaching_card
from magicloop.components.comments import comments_button, comments_dialog
from magicloop.components.forms import field_columns, stacked_form, submit_button, text_area, text_field
from magicloop.components.layout import once_loaded, page, refused_or
from magicloop.components.links import plain_link
from magicloop.components.notes import notes_section
from magicloop.components.sections import section
from magicloop.components.stage_growth import grow_stage, recommended_stage
from magicloop.components.stage_items import ask_stage, implement_stage
from magicloop.components.stage_moves import repeat_dialog, stage_actions
from magicloop.components.stage_reflect import reflect_stage
from magicloop.components.stepper import stepper
from magicloop.components.tracked import coe_dialog, progress_dialog
from magicloop.services.loops import STAGE_TITLES
from magicloop.state.loop import LoopState
from magicloop.state.loop_page import LoopPageState
from magicloop.state.notes import NotesState

STAGE_VIEWS = {1: reflect_stage, 2: ask_stage, 3: implement_stage, 4: grow_stage, 5: recommended_stage}


def start_form() -> rx.Component:
    errors = LoopState.start_errors
    return section(
        "Start your first loop",
        "A loop begins with where you want to go. Name a career goal — you'll reflect on your current job, "
        "ask your manager how you can help, deliver, ask how to grow, act on what they recommend — and repeat.",
        stacked_form(
            text_area("goal", "Career goal", errors, placeholder="Lead our VoC programme by Q3"),
            field_columns(
                text_field("target_role", "Target role (optional)", errors, placeholder="VoC lead"),
                text_field("target_date", "Target date (optional)", errors, placeholder="2027-09-30"),
            ),
            submit_button("start-loop-submit", "Start my loop", LoopState.busy),
            form_id="start-loop-form",
            on_submit=LoopState.start,
        ),
        section_id="start-loop",
    )


def header() -> rx.Component:
    loop = LoopState.loop
    return rx.vstack(
        rx.hstack(
            rx.heading("Loop ", loop.number, size="7", as_="h1", id="loop-title"),
            rx.cond(
                loop.is_current,
                rx.badge("Current", color_scheme="green"),
                rx.badge("Closed " + loop.closed_on, color_scheme="gray"),
            ),
            rx.spacer(),
            plain_link(
                "Progress and growth packet",
                href=routes.PROGRESS + "?person=" + loop.owner_id.to_string(),
                id="loop-progress-link",
                size="2",
            ),
            comments_button("loop", loop.id, "Loop " + loop.number.to_string(), label="Loop discussion"),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.text(loop.goal, size="4", id="loop-goal"),
        rx.text(
            rx.cond(loop.target_role != "", "Toward " + loop.target_role + " · ", ""),
            rx.cond(loop.target_date != "", "by " + loop.target_date + " · ", ""),
            "started " + loop.started_on,
            rx.cond(~loop.editable & loop.is_current, " · " + loop.owner_name + "'s loop", ""),
            size="2",
            color=styles.MUTED,
        ),
        rx.cond(
            loop.editable & (loop.next_action != ""),
            rx.callout(loop.next_action, icon="arrow-right", id="loop-next-action", width="100%"),
        ),
        rx.cond(
            loop.retrospective_moved != "",
            rx.callout(
                rx.text(
                    rx.text.strong("Retrospective — what moved: "),
                    loop.retrospective_moved,
                    rx.cond(loop.retrospective_stalled != "", " · What didn't: " + loop.retrospective_stalled, ""),
                ),
                icon="history",
                color_scheme="gray",
                width="100%",
            ),
        ),
        spacing="1",
        width="100%",
    )


def stage_panel() -> rx.Component:
    editable = LoopState.loop.editable
    selected = LoopState.selected_stage
    return rx.vstack(
        rx.flex(
            rx.heading(
                "Stage ",
                selected.to_string(),
                ": ",
                rx.match(selected, *[(n, title) for n, title in STAGE_TITLES.items()], ""),
                size="5",
                as_="h2",
                id="stage-heading",
            ),
            rx.spacer(),
            rx.hstack(stage_actions(), rx.cond(editable, repeat_dialog()), spacing="2", wrap="wrap"),
            spacing="3",
            wrap="wrap",
            align="center",
            width="100%",
        ),
        rx.match(
            selected,
            *[
                (n, rx.cond(LoopState.loop.viewer == "manager", coaching_card(n, for_manager=True), coaching_card(n)))
                for n in STAGE_VIEWS
            ],
            rx.fragment(),
        ),
        rx.match(selected, *[(n, view(editable)) for n, view in STAGE_VIEWS.items()], rx.fragment()),
        spacing="4",
        width="100%",
    )


def loop_view() -> rx.Component:
    return rx.vstack(
        header(),
        stepper(LoopState.loop.stages, LoopState.selected_stage, LoopState.select_stage),
        stage_panel(),
        rx.cond(NotesState.visible, notes_section()),
        progress_dialog(LoopState.loop.editable),
        coe_dialog(),
        comments_dialog(),
        spacing="5",
        width="100%",
    )


@page(
    routes.LOOP,
    "Your loop",
    on_load=LoopPageState.load,
)
def loop_page() -> rx.Component:
    return once_loaded(
        LoopState.loaded,
        rx.cond(
            LoopState.no_loop,
            # Before the first loop, no "Loop N" titles the page.
            rx.vstack(rx.heading("Your loop", size="7", as_="h1"), start_form(), spacing="4", width="100%"),
            refused_or(LoopState, "This loop isn't open to you", "loop-problem", loop_view()),
        ),
    )
