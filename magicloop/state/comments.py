"""The comment thread of one loop or item, shown in a dialog."""

from __future__ import annotations

import dataclasses

import reflex as rx

from magicloop import routes
from magicloop.services import comments, threads
from magicloop.services.threads import CommentRow
from magicloop.services.validation import is_id
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.auth import look, perform_then, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.form_reset import clear_form
from magicloop.state.people import ProgressState
from magicloop.state.runner import Outcome


class CommentsState(rx.State):
    kind: str = ""
    subject_id: int = 0
    title: str = ""
    rows: list[CommentRow] = []
    is_open: bool = False
    replying_to: int = 0  # 0: a new top-level comment
    editing: int = 0
    editing_version: int = 0  # the comment's, as its edit began
    errors: dict[str, str] = {}
    changed: Changed = NOTHING_CHANGED
    saving: bool = False

    @rx.var
    def drafts_of(self) -> str:
        """What the comment form shows: the thread, and the comment replied to or edited in it."""
        return f"{self.kind}-{self.subject_id}-{self.replying_to}-{self.editing}"

    @rx.var
    def editing_body(self) -> str:
        return next((row.body for row in self.rows if row.id == self.editing), "")

    async def _reload(self):
        outcome = await look(self, threads.list_comments, self.kind, self.subject_id)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)  # the thread closes, and what it showed goes with it
            return refusal(outcome)
        self.rows = outcome.value
        return None

    def _reading(self) -> tuple:
        """How the open thread is read, for a transaction that reads other things too."""
        return threads.list_comments, (self.kind, self.subject_id)

    async def _write(self, fn, *args) -> Outcome:
        """A write to this thread, then the thread (and on a loop page its comment counts) as it now
        stands, in one transaction; `_take` shows them."""
        loop_id = (await self._loop()).loop.id if self._path() == routes.LOOP else 0
        counts = [(threads.thread_counts, (loop_id,))] if loop_id else []
        return await perform_then(self, fn, args, self._reading(), *counts)

    async def _take(self, written: Outcome) -> None:
        self.rows, *counted = written.value
        if counted:
            (await self._loop()).threads = counted[0]

    async def _loop(self):
        # Imported here: the loop state opens comment threads, so it imports this module.
        from magicloop.state.loop import LoopState

        return await self.get_state(LoopState)

    def _path(self) -> str:
        return self.router.url.path.rstrip("/")

    def _timeline_after(self) -> list:
        """On the progress page a comment's entry joins the timeline."""
        return [ProgressState.refresh] if self._path() == routes.PROGRESS else []

    @rx.event
    async def open_thread(self, kind: str, subject_id: int, title: str):
        if not (isinstance(kind, str) and kind in comments.SUBJECTS and is_id(subject_id)):
            return rx.toast.error("That item no longer exists.")
        self.kind, self.subject_id = kind, subject_id
        self.title = title[:200] if isinstance(title, str) else ""
        self.replying_to, self.editing, self.errors, self.is_open = 0, 0, {}, True
        self.changed = NOTHING_CHANGED
        return await self._reload()

    @rx.event
    async def refresh(self):
        """Someone else changed the thread's loop: show the open thread as it is now."""
        if self.is_open:
            return await self._reload()
        return None

    @rx.event
    def set_open(self, is_open: bool):
        self.is_open = bool(is_open)

    @rx.event
    def reply_to(self, comment_id: int):
        self.replying_to, self.editing, self.errors = comment_id if is_id(comment_id) else 0, 0, {}
        self.changed = NOTHING_CHANGED

    @rx.event
    def edit(self, comment_id: int):
        self.editing, self.replying_to, self.errors = comment_id if is_id(comment_id) else 0, 0, {}
        self.editing_version = next((row.version for row in self.rows if row.id == self.editing), 0)
        self.changed = NOTHING_CHANGED

    @rx.event
    async def save(self, form: dict):
        self.saving = True
        yield
        if self.editing:
            outcome = await self._write(comments.edit_comment, self.editing, form)
        else:
            outcome = await self._write(
                comments.add_comment, self.kind, self.subject_id, form, self.replying_to or None
            )
        if outcome.ok:
            yield clear_form("comment-form")
            await self._take(outcome)
        self.saving, self.errors = False, outcome.field_errors
        if self.editing and outcome.changed is not None:
            # Edited elsewhere first: the thread as it now stands, the edit kept in the form beside it.
            self.changed = dataclasses.replace(outcome.changed, form="comment")
            self.editing_version = outcome.changed.version
            yield await self._reload()
            return
        if not outcome.ok:
            yield refusal(outcome)
            return
        self.changed = NOTHING_CHANGED
        done = "Comment updated" if self.editing else ("Reply posted" if self.replying_to else "Comment posted")
        self.replying_to, self.editing = 0, 0
        yield [*self._timeline_after(), rx.toast.success(done)]

    @rx.event
    async def delete(self, comment_id: int):
        outcome = await self._write(comments.delete_comment, comment_id)
        if not outcome.ok:
            return refusal(outcome)
        await self._take(outcome)
        return [*self._timeline_after(), rx.toast.success("Comment deleted")]
