"""Editing one item in place on the loop page: which, and saving it."""

from __future__ import annotations

import reflex as rx

from magicloop.services import asks, growth, notes, reflection
from magicloop.services.validation import is_id
from magicloop.state.auth import today_for
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import NotesState, submit
from magicloop.state.reflect import ReflectState

# kind → (service taking (db, user, item id, form, today), state to reload, toast)
EDITS = {
    "ask": (asks.edit_ask, ItemsState.load, "Ask updated"),
    "recommendation": (growth.edit_recommendation, GrowthState.load, "Recommendation updated"),
    "step": (reflection.edit_action_step, ReflectState.load, "Step updated"),
    "conversation": (growth.edit_conversation, GrowthState.load, "Conversation updated"),
    "note": (
        lambda db, user, note_id, form, _today: notes.edit_note(db, user, note_id, form),
        NotesState.load,
        "Note updated",
    ),
}


class EditState(rx.State):
    kind: str = ""
    item_id: int = 0
    errors: dict[str, str] = {}
    saving: bool = False

    @rx.event
    def start(self, kind: str, item_id: int):
        if isinstance(kind, str) and kind in EDITS and is_id(item_id):
            self.kind, self.item_id, self.errors = kind, item_id, {}

    @rx.event
    def cancel(self):
        self.kind, self.item_id, self.errors = "", 0, {}

    @rx.event
    async def save(self, form: dict):
        if self.kind not in EDITS:
            return
        fn, reload, success = EDITS[self.kind]
        async for event in submit(
            self, fn, self.item_id, form, await today_for(self), errors="errors", success=success, reload=reload
        ):
            yield event
        if not self.errors:
            self.kind, self.item_id = "", 0


def is_editing(kind: str, item_id: rx.Var[int]) -> rx.Var[bool]:
    return (EditState.kind == kind) & (EditState.item_id == item_id)
