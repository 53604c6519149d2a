"""One entry on the loop page, edited in place or deleted: which, and saving it.

An ask, a recommendation, a step, a conversation and a note are each an entry: the same
Edit and Delete buttons, the same form in place, the same way to the service. The form carries
the version the entry had when Edit was pressed (services/versions.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import reflex as rx

from magicloop.services import growth, notes, reflection, tracking
from magicloop.services.validation import is_id
from magicloop.services.versions import NOTHING_CHANGED, Changed, opened
from magicloop.state.growth import GROWING, RECOMMENDATIONS
from magicloop.state.items import ASKS
from magicloop.state.loop import Part, submit
from magicloop.state.notes import NOTES
from magicloop.state.reflect import STEPS
from magicloop.state.runner import TODAY


@dataclasses.dataclass(frozen=True)
class Entry:
    edit: Callable  # (db, user, *leading, item id, form[, today])
    delete: Callable  # (db, user, *leading, item id)
    reload: Part  # what its list is shown from
    noun: str  # in the toasts
    leading: tuple = ()  # what the services take before the id: a tracked item's kind
    dated: bool = True  # its edit takes today, for the dates in its form


def _tracked(kind: str, reload: Part, noun: str) -> Entry:
    return Entry(tracking.edit_item, tracking.delete_item, reload, noun, leading=(kind,))


ENTRIES = {
    "ask": _tracked("ask", ASKS, "Ask"),
    "recommendation": _tracked("recommendation", RECOMMENDATIONS, "Recommendation"),
    "step": Entry(reflection.edit_action_step, reflection.delete_step, STEPS, "Step"),
    "conversation": Entry(growth.edit_conversation, growth.delete_conversation, GROWING, "Conversation"),
    "note": Entry(notes.edit_note, notes.delete_note, NOTES, "Note", dated=False),
}


class EditState(rx.State):
    kind: str = ""
    item_id: int = 0
    version: int = 0  # the entry's, as shown when Edit was pressed: what its form carries
    errors: dict[str, str] = {}
    changed: Changed = NOTHING_CHANGED  # someone else's save, shown beside the form that was refused
    saving: bool = False

    @rx.event
    def start(self, kind: str, item_id: int, version: int = 0):
        if isinstance(kind, str) and kind in ENTRIES and is_id(item_id):
            self.kind, self.item_id, self.errors, self.changed = kind, item_id, {}, NOTHING_CHANGED
            self.version = opened({"version": version}) or 0

    @rx.event
    def cancel(self):
        self.kind, self.item_id, self.errors, self.changed = "", 0, {}, NOTHING_CHANGED

    @rx.event
    def save(self, form: dict):
        entry = ENTRIES.get(self.kind)
        if entry is None:
            return None
        today = (TODAY,) if entry.dated else ()
        return submit(
            self,
            entry.edit,
            *entry.leading,
            self.item_id,
            form,
            *today,
            errors="errors",
            success=f"{entry.noun} updated",
            reload=entry.reload,
            done={"kind": "", "item_id": 0},
            opened="entry",
            pin="version",
        )

    @rx.event
    def delete(self, kind: str, item_id: int):
        entry = ENTRIES.get(kind) if isinstance(kind, str) else None
        if entry is None:
            return None
        return submit(
            self,
            entry.delete,
            *entry.leading,
            item_id,
            errors="errors",
            success=f"{entry.noun} deleted",
            reload=entry.reload,
        )


def is_editing(kind: str, item_id: rx.Var[int]) -> rx.Var[bool]:
    return (EditState.kind == kind) & (EditState.item_id == item_id)
