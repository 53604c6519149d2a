"""Private notes on the loop page: the owner's alone."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.confirm import confirm_button
from magicloop.components.edit import edit_form, edit_text
from magicloop.components.forms import server_form, submit_button, text_area
from magicloop.components.lazy import lazy
from magicloop.components.rich_text import markdown_text
from magicloop.components.stage_reflect import section
from magicloop.services.notes import NoteRow
from magicloop.state.edit import EditState, is_editing
from magicloop.state.loop import NotesState


def _note(note: NoteRow) -> rx.Component:
    key = note.id.to_string()
    shown = rx.vstack(
        rx.text(note.when, size="1", color=styles.MUTED),
        lazy(markdown_text, source=note.body),
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
