"""The loop page: the five stages as a stepper, the selected stage, notes."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.coaching import coaching_card
from magicloop.components.comments import comments_button, comments_dialog
from magicloop.components.confirm import confirm_button
from magicloop.components.edit import edit_form, edit_text
from magicloop.components.forms import native_select, server_form, submit_button, text_area, text_field
from magicloop.components.layout import loading, no_access, page
from magicloop.components.stage_growth import grow_stage, recommended_stage
from magicloop.components.stage_items import ask_stage, implement_stage
from magicloop.components.stage_reflect import reflect_stage, section
from magicloop.components.stepper import stepper
from magicloop.components.tracked import coe_dialog, progress_dialog
from magicloop.services.loops import STAGE_TITLES
from magicloop.services.notes import NoteRow
from magicloop.state.edit import EditState, is_editing
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import LoopState, NotesState
from magicloop.state.reflect import ReflectState

STAGE_VIEWS = {1: reflect_stage, 2: ask_stage, 3: implement_stage, 4: grow_stage, 5: recommended_stage}


def start_form() -> rx.Component:
    errors = LoopState.start_errors
    return section(
        "Start your first loop",
        "A loop begins with where you want to go. Name a career goal — you'll reflect on your current job, "
        "ask your manager how you can help, deliver, ask how to grow, act on what they recommend — and repeat.",
        server_form(
            rx.vstack(
                text_area("goal", "Career goal", errors, placeholder="Lead our VoC programme by Q3"),
                rx.grid(
                    text_field("target_role", "Target role (optional)", errors, placeholder="VoC lead"),
                    text_field("target_date", "Target date (optional)", errors, placeholder="2027-09-30"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                submit_button("start-loop-submit", "Start my loop", LoopState.busy),
                spacing="3",
                width="100%",
            ),
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
                rx.alert_dialog.cancel(rx.button("Stay here", variant="soft", color_scheme="gray")),
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
    return rx.dialog.root(
        # Primary once stage 5 is done: every recommendation delivered and answered.
        rx.dialog.trigger(
            rx.button(
                "Repeat the loop",
                id="repeat-loop",
                variant=rx.cond(
                    (LoopState.loop.stage == 5)
                    & (GrowthState.recommendations.length() > 0)
                    & (LoopState.loop.stages[4].open_items.length() == 0),
                    "solid",
                    "outline",
                ),
            )
        ),
        rx.dialog.content(
            rx.dialog.title("Close this loop and start the next"),
            rx.dialog.description(
                "Open asks, recommendations and action steps come with you.", size="2", color=styles.MUTED
            ),
            server_form(
                rx.vstack(
                    text_area("retrospective_moved", "What moved", errors),
                    text_area("retrospective_stalled", "What didn't", errors),
                    native_select(
                        "restart_at",
                        "Start the next loop at",
                        errors,
                        [
                            rx.el.option("Stage 4 — ask how to grow (the usual repeat)", value="4"),
                            rx.el.option("Stage 1 — reflect again", value="1"),
                        ],
                        default_value="4",
                    ),
                    text_area("goal", "Goal for the next loop", errors, default_value=LoopState.loop.goal),
                    rx.grid(
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
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.hstack(
                        submit_button("repeat-submit", "Start the next loop", LoopState.busy),
                        rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
                        spacing="3",
                    ),
                    spacing="3",
                    width="100%",
                ),
                form_id="repeat-form",
                on_submit=LoopState.repeat,
            ),
            max_width="520px",
        ),
        open=LoopState.repeat_open,
        on_open_change=LoopState.set_repeat_open,
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


def _note(note: NoteRow) -> rx.Component:
    key = note.id.to_string()
    shown = rx.vstack(
        rx.text(note.when, size="1", color=styles.MUTED),
        rx.markdown(note.body, use_raw=False),
        rx.hstack(
            rx.button(
                "Edit",
                size="1",
                variant="ghost",
                color_scheme="gray",
                id="note-edit-" + key,
                on_click=EditState.start("note", note.id),
            ),
            confirm_button(
                "Delete",
                "Delete this note?",
                "It can't be brought back.",
                NotesState.delete(note.id),
                button_id="note-delete-" + key,
                variant="ghost",
            ),
            spacing="3",
        ),
        spacing="1",
    )
    form = edit_form(edit_text("note_body", "Note", note.body))
    return rx.box(
        rx.cond(is_editing("note", note.id), form, shown),
        border_left="3px solid var(--gray-6)",
        padding_left="var(--space-3)",
        id="note-" + key,
    )


def notes_section() -> rx.Component:
    return section(
        "Private notes",
        "Only you can see these — never your manager or mentors.",
        server_form(
            rx.vstack(
                text_area("note_body", "New note", NotesState.errors),
                submit_button("note-submit", "Save note", False),
                spacing="2",
                width="100%",
            ),
            form_id="note-form",
            on_submit=NotesState.add,
        ),
        rx.vstack(rx.foreach(NotesState.notes, _note), spacing="3", width="100%", id="notes"),
        section_id="private-notes",
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
    on_load=[LoopState.load, ReflectState.load, ItemsState.load, GrowthState.load, NotesState.load],
)
def loop_page() -> rx.Component:
    return rx.cond(
        ~LoopState.loaded,
        loading(),
        rx.cond(
            LoopState.no_loop,
            # Before the first loop, no "Loop N" titles the page.
            rx.vstack(rx.heading("Your loop", size="7", as_="h1"), start_form(), spacing="4", width="100%"),
            rx.cond(
                LoopState.problem != "",
                no_access("This loop isn't open to you", LoopState.problem, "loop-problem"),
                loop_view(),
            ),
        ),
    )
