"""Opening the loop page: everything it shows from one service call, handed to each stage's state."""

from __future__ import annotations

import reflex as rx

from magicloop.services import loop_page
from magicloop.services.loop_page import LoopPage
from magicloop.state.auth import look, read_back, refusal, today_for
from magicloop.state.comments import CommentsState
from magicloop.state.forgetting import forget_shown
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.opening import run_together
from magicloop.state.reflect import ReflectState


class LoopPageState(rx.State):
    @rx.event
    async def load(self):
        """on_load: the loop in the URL, or the person's current one; the service decides who may see it."""
        shown = await self.get_state(LoopState)
        shown.loaded, shown.problem, shown.no_loop = False, "", False
        outcome = await look(self, loop_page.open_loop_page, shown._requested_id(), await today_for(self))
        if not outcome.ok or outcome.value is None:
            refused = await self._refused(outcome)
            shown.no_loop = outcome.ok  # no refusal: the person has no loop yet
            return refused
        await self._show(outcome.value, opened=True)
        shown.selected_stage = shown.loop.stage
        return shown._pointed_at()

    @rx.event
    async def refresh(self):
        """Someone else changed this loop: all of it as it is now, where the person is looking."""
        shown = await self.get_state(LoopState)
        if not shown.loop.id:
            return None
        outcome = await look(self, loop_page.loop_page, shown.loop.id, await today_for(self))
        if not outcome.ok:
            return await self._refused(outcome)
        await self._show(outcome.value)
        return None

    async def _refused(self, outcome):
        """No loop to show this person: nothing of an earlier view may linger, and the page says why."""
        await forget_shown(self)
        shown = await self.get_state(LoopState)
        shown.loaded, shown.problem = True, outcome.message
        return refusal(outcome) if outcome.signed_out else None

    async def _changed_elsewhere(self, tables: frozenset[str] | None) -> list:
        """Someone else changed this loop, writing `tables` (None: not known): the parts that read them, with the
        stepper and the open comment thread when a comment was written, in one transaction; all of it when unsure."""
        parts = loop_page.parts_reading(tables)
        if parts is None:
            return await run_together(self, (LoopPageState.refresh, CommentsState.refresh))
        shown = await self.get_state(LoopState)
        if not shown.loop.id:
            return []
        comments = await self.get_state(CommentsState)
        thread = [comments._reading()] if "threads" in parts and comments.is_open else []
        reads = [(loop_page.loop_page_parts, (shown.loop.id, await today_for(self), parts)), *thread]
        outcome = await read_back(self, *reads)
        if not outcome.ok and thread and not outcome.signed_out:
            # The thread's item may be gone while the loop is not: the parts alone, then the thread on its own,
            # which closes with its own message.
            outcome, thread = await read_back(self, reads[0]), []
        if not outcome.ok:
            return [refused] if (refused := await self._refused(outcome)) else []
        (shown.loop, read), *rows = outcome.value
        for part, value in read.items():
            await self._take_part(part, value)
        if thread:
            comments.rows = rows[0]
        elif "threads" in parts:
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
