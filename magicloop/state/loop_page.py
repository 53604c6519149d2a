"""Opening the loop page: everything it shows from one service call, handed to each stage's state."""

from __future__ import annotations

import reflex as rx

from magicloop.services import loop_page
from magicloop.services.loop_page import LoopPage
from magicloop.state import shared_reads
from magicloop.state.auth import look, refusal
from magicloop.state.comments import CommentsState
from magicloop.state.forgetting import forget_shown
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.opening import run_together
from magicloop.state.reflect import ReflectState
from magicloop.state.runner import TODAY

_THREAD = "open thread"  # the key of the open thread's read, going along with the page's


class LoopPageState(rx.State):
    @rx.event
    async def load(self):
        """on_load: the loop in the URL, or the person's current one; the service decides who may see it."""
        shown = await self.get_state(LoopState)
        shown.loaded, shown.problem, shown.no_loop = False, "", False
        outcome = await look(self, loop_page.open_loop_page, shown._requested_id(), TODAY)
        if not outcome.ok or outcome.value is None:
            refused = await self._refused(outcome)
            shown.no_loop = outcome.ok  # no refusal: the person has no loop yet
            return refused
        await self._show(outcome.value, opened=True)
        shown.selected_stage = shown.loop.stage
        return shown._pointed_at()

    async def _refused(self, outcome):
        """No loop to show this person: nothing of an earlier view may linger, and the page says why."""
        await forget_shown(self)
        shown = await self.get_state(LoopState)
        shown.loaded, shown.problem = True, outcome.message
        return refusal(outcome) if outcome.signed_out else None

    async def _changed_elsewhere(self, tables: frozenset[str] | None) -> list:
        """Someone else changed this loop, writing `tables` (None: not known): the stepper and the parts that read
        them (all of the page when unsure), and the open comment thread when it may have changed, going along in
        the page's transaction (state/shared_reads.py)."""
        shown = await self.get_state(LoopState)
        if not shown.loop.id:
            return []
        parts = loop_page.parts_reading(tables)
        comments = await self.get_state(CommentsState)
        thread = comments.is_open and (parts is None or "threads" in parts)
        if thread:
            read, args = comments._reading()
            shared_reads.go_along(_THREAD, read, *args)
        if parts is None:
            outcome = await look(self, loop_page.loop_page, shown.loop.id, TODAY)
        else:
            outcome = await look(self, loop_page.loop_page_parts, shown.loop.id, TODAY, parts)
        rows = shared_reads.taken(_THREAD)  # whatever came of it, it no longer waits
        if not outcome.ok:
            return [refused] if (refused := await self._refused(outcome)) else []
        if parts is None:
            await self._show(outcome.value)
        else:
            shown.loop, taken = outcome.value
            for part, value in taken.items():
                await self._take_part(part, value)
        if rows is not None:
            comments.rows = rows.value
        elif thread:
            # Not read with the page (its item may be gone while the loop is not): on its own, which closes the
            # thread with its own message.
            return await run_together(self, (CommentsState.refresh,))
        return []

    async def _take_part(self, part: str, value) -> None:
        """One part of the page, as someone else's change left it: the forms keep the versions they opened at."""
        if part == "threads":
            (await self.get_state(LoopState)).threads = value
        elif part == "reflecting":
            (await self.get_state(ReflectState))._take(value)
        elif part == "working":
            (await self.get_state(ItemsState))._take(value)
        else:
            (await self.get_state(GrowthState))._take(value)

    async def _show(self, page: LoopPage, opened: bool = False) -> None:
        """`opened`: the page is opened, so are its forms; a change pushed from elsewhere (a refresh)
        leaves the versions the forms were opened at alone (services/versions.py)."""
        shown = await self.get_state(LoopState)
        shown.loop, shown.threads, shown.loaded = page.view, page.threads, True
        (await self.get_state(ReflectState))._take(page.reflecting, opened)
        (await self.get_state(ItemsState))._take(page.working, opened)
        (await self.get_state(GrowthState))._take(page.growing)
        (await self.get_state(NotesState))._take(page.notes)
