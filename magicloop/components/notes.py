"""Private notes on the loop page: the owner's alone."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.edit import edit_text, entry, entry_actions
from magicloop.components.forms import stacked_form, submit_button, text_area
from magicloop.components.lazy import lazy
from magicloop.components.rich_text import markdown_text
from magicloop.components.sections import section
from magicloop.services.notes import NoteRow
from magicloop.state.notes import NotesState


def _note(note: NoteRow) -> rx.Component:
    shown = rx.vstack(
        rx.text(note.when, size="1", color=styles.MUTED),
        lazy(markdown_text, source=note.body),
        entry_actions("note", note.id, note.version, note.when, ("Delete this note?", "It can't be brought back.")),
        spacing="1",
    )
    return entry(
        "note",
        note.id,
        shown,
        edit_text("note_body", "Note", note.body),
        border_left="3px solid var(--gray-6)",
        padding_left="var(--space-3)",
    )


def notes_section() -> rx.Component:
    return section(
        "Private notes",
        "Only you can see these — never your manager or mentors.",
        stacked_form(
            text_area("note_body", "New note", NotesState.errors),
            submit_button("note-submit", "Save note", False),
            form_id="note-form",
            on_submit=NotesState.add,
            spacing="2",
        ),
        rx.vstack(rx.foreach(NotesState.notes, _note), spacing="3", width="100%", id="notes"),
        section_id="private-notes",
    )
