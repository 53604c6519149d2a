"""The insights page: whose it is, and their view handed to the pictures."""

from __future__ import annotations

import reflex as rx

from magicloop.services import insights
from magicloop.services.insights import InsightsView, Pictures
from magicloop.state.address import id_in_address, in_address
from magicloop.state.auth import look, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.pictures import PicturesState, SuccessIndexState


def person_in(state: rx.State) -> int | None:
    """The person a page's link names (`?person=12`); None: the signed-in person. Anything else names nobody."""
    if in_address(state, "person") == "":
        return None
    return id_in_address(state, "person") or 0


async def show_pictures(state: rx.State, pictures: Pictures, selected: str) -> None:
    """A page's pictures drawn, with the items of the `selected` quarter."""
    (await state.get_state(SuccessIndexState))._take(pictures.index, selected)
    (await state.get_state(PicturesState))._take(pictures)


class InsightsState(rx.State):
    owner_id: int = 0
    owner_name: str = ""
    is_owner: bool = False
    quarter: str = ""  # the running quarter: its review is a link away
    problem: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded, self.problem = False, ""
        return await self._fetch(first=True)

    @rx.event
    async def refresh(self):
        """Their history changed: the same page as it is now, the same quarter's items open."""
        if self.loaded and not self.problem:
            return await self._fetch(first=False)
        return None

    async def _fetch(self, first: bool):
        outcome = await look(self, insights.open_insights, person_in(self))
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            self.problem, self.loaded = outcome.message, True
            return refusal(outcome) if outcome.signed_out else None
        view: InsightsView = outcome.value
        selected = (await self.get_state(SuccessIndexState)).selected
        await show_pictures(self, view.pictures, view.quarter if first or not selected else selected)
        self.owner_id, self.owner_name, self.is_owner = view.owner_id, view.owner_name, view.is_owner
        self.quarter, self.loaded = view.quarter, True
        return None
