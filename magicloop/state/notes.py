"""Private notes on the loop page: shown to the owner only; the service refuses anyone else."""

from __future__ import annotations

import reflex as rx

from magicloop.services import notes
from magicloop.services.notes import NoteRow
from magicloop.state.loop import SHOWN_LOOP, Part, submit


class NotesState(rx.State):
    notes: list[NoteRow] = []
    visible: bool = False
    errors: dict[str, str] = {}
    saving: bool = False

    def _take(self, shown: list[NoteRow] | None) -> None:
        """None for anyone but the owner: no notes section at all."""
        self.visible, self.notes = shown is not None, shown or []

    @rx.event
    def add(self, form: dict):
        return submit(
            self,
            notes.add_note,
            SHOWN_LOOP,
            form,
            errors="errors",
            success="Note saved — only you can see it",
            reload=NOTES,
            form_id="note-form",
        )


NOTES = Part(NotesState, lambda db, user, loop_id, _today: notes.list_notes(db, user, loop_id), NotesState._take)
