"""Opening the loop page: everything it shows from one service call, handed to each stage's state."""

from __future__ import annotations

import reflex as rx

from magicloop.services import loop_page
from magicloop.services.loop_page import LoopPage
from magicloop.state.auth import look, refusal, today_for
from magicloop.state.forgetting import forget_shown
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.reflect import ReflectState


class LoopPageState(rx.State):
    @rx.event
    async def load(self):
        """on_load: the loop in the URL, or the person's current one; the service decides who may see it."""
        shown = await self.get_state(LoopState)
        shown.loaded, shown.problem, shown.no_loop = False, "", False
        outcome = await look(self, loop_page.open_loop_page, shown._requested_id(), await today_for(self))
        if not outcome.ok or outcome.value is None:
            await forget_shown(self)  # without access (or a loop), nothing of an earlier view may linger
            shown.loaded, shown.problem, shown.no_loop = True, outcome.message, outcome.ok
            return refusal(outcome) if outcome.signed_out else None
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
            await forget_shown(self)
            shown.loaded, shown.problem = True, outcome.message
            return refusal(outcome) if outcome.signed_out else None
        await self._show(outcome.value)
        return None

    async def _show(self, page: LoopPage, opened: bool = False) -> None:
        """`opened`: the page is opened, so are its forms; a change pushed from elsewhere (a refresh)
        leaves the versions the forms were opened at alone (services/versions.py)."""
        shown = await self.get_state(LoopState)
        shown.loop, shown.threads, shown.loaded = page.view, page.threads, True
        (await self.get_state(ReflectState))._take(page.reflecting, opened)
        (await self.get_state(ItemsState))._take(page.working, opened)
        (await self.get_state(GrowthState))._take(page.growing)
        (await self.get_state(NotesState))._take(page.notes)
