"""The loop page in parts: each stage's state holds its own part of the loop shown."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop.state.auth import refusal
from magicloop.state.loop import for_shown_loop


async def load_stage_part(state: rx.State, fn, nothing) -> Any:
    """A stage state's part of the loop shown, taken by its `_take`. Without access (or a loop), it takes
    `nothing`, so no part of an earlier view lingers. Returns the refusal, if any."""
    outcome = await for_shown_loop(state, fn)
    state._take(outcome.value if outcome and outcome.ok else nothing)
    return refusal(outcome) if outcome else None
