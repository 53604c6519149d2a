"""The loop page: which loop, its stages, moving on, repeating; the one shape of a write on it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import reflex as rx

from magicloop import routes
from magicloop.services import loop_view, loops, repeat, threads, tracking
from magicloop.services.loop_view import LoopView
from magicloop.services.threads import ThreadCounts
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.address import id_in_address, in_address
from magicloop.state.auth import look, perform, perform_then, read_back, refusal
from magicloop.state.comments import CommentsState
from magicloop.state.forgetting import forget_shown
from magicloop.state.form_reset import clear_form
from magicloop.state.runner import TODAY, Placeholder

ITEM_ANCHOR = re.compile(r"[a-z_]{1,20}-[0-9]{1,18}")
# The item appears once its stage's list has loaded: wait for it, bring it into view, mark it a while.
REVEAL_SCRIPT = """
(() => { let tries = 0; const look = setInterval(() => {
  const el = document.getElementById("ANCHOR");
  if (!el && ++tries < 50) return;
  clearInterval(look);
  if (!el) return;
  el.scrollIntoView({block: "center"});
  el.setAttribute("tabindex", "-1");
  el.focus({preventScroll: true});
  el.style.outline = "3px solid var(--accent-9)";
  el.style.outlineOffset = "2px";
  setTimeout(() => { el.style.outline = ""; }, 5000);
}, 100); })()
"""
NO_THREADS = ThreadCounts(counts={}, waiting=[])
EMPTY_LOOP = LoopView(
    id=0,
    number=0,
    goal="",
    target_role="",
    target_date="",
    stage=1,
    stage_title="",
    is_current=False,
    editable=False,
    viewer="",
    can_contribute=False,
    owner_id=0,
    owner_name="",
    started_on="",
    closed_on="",
    retrospective_moved="",
    retrospective_stalled="",
    next_action="",
    stages=[],
)


def _loop_and_threads(db, user, loop_id: int, today):
    return loop_view.view_loop(db, user, loop_id, today), threads.thread_counts(db, user, loop_id)


@dataclasses.dataclass(frozen=True)
class Part:
    """A part of the loop page that a write there shows again, read in the write's own transaction."""

    state: type[rx.State]
    read: Callable[..., Any]  # (db, user, loop id, today)
    take: Callable[[Any, Any], None]  # (the state, what was read): shows it


def shown_in(var: str) -> Callable[[Any, Any], None]:
    """A Part's `take` that sets one var of its state."""
    return lambda state, value: setattr(state, var, value)


def tracked(kind: str, state: type[rx.State], var: str) -> Part:
    """The list of asks or of recommendations alone: nothing else in their stages changes with them."""
    return Part(
        state, lambda db, user, loop_id, today: tracking.list_items(db, user, kind, loop_id, today), shown_in(var)
    )


class LoopState(rx.State):
    loop: LoopView = EMPTY_LOOP
    threads: ThreadCounts = NO_THREADS  # comments per item, for the Comments buttons
    loaded: bool = False
    no_loop: bool = False  # signed-in person has no loop yet
    problem: str = ""
    selected_stage: int = 1
    start_errors: dict[str, str] = {}
    repeat_errors: dict[str, str] = {}
    busy: bool = False
    repeat_open: bool = False
    repeat_version: int = 0  # the loop's, as the repeat form opened
    changed: Changed = NOTHING_CHANGED

    def _param(self, name: str) -> str:
        return in_address(self, name)

    def _requested_id(self) -> int | None:
        return id_in_address(self, "id")

    def _pointed_at(self) -> list:
        """A link from a notification or a count names a stage, an item to show and
        perhaps a thread to open: `/loop?id=7&stage=3&item=ask-12&thread=ask-12`."""
        stage = self._param("stage")
        if stage in ("1", "2", "3", "4", "5"):
            self.selected_stage = int(stage)
        events = []
        if ITEM_ANCHOR.fullmatch(item := self._param("item")):
            events.append(rx.call_script(REVEAL_SCRIPT.replace("ANCHOR", item)))
        if ITEM_ANCHOR.fullmatch(thread := self._param("thread")):
            kind, subject_id = thread.rsplit("-", 1)
            events.append(CommentsState.open_thread(kind, int(subject_id), "Comments"))
        return events

    @rx.event
    async def refresh(self):
        """After a change on the page: stage summaries, open items and comment counts."""
        if self.loop.id:
            outcome = await look(self, _loop_and_threads, self.loop.id, TODAY)
            if not outcome.ok:
                await forget_shown(self)
                return refusal(outcome)
            self.loop, self.threads = outcome.value
        return None

    @rx.event
    def select_stage(self, stage: int):
        if isinstance(stage, int) and 1 <= stage <= 5:
            self.selected_stage = stage

    async def _open_new_loop(self, fn, *args, errors: str, success: str, form_id: str):
        """Start or repeat a loop, then show the new one."""
        self.busy = True
        yield
        outcome = await perform(self, fn, *args, TODAY)
        self.busy = False
        setattr(self, errors, outcome.field_errors)
        if outcome.changed is not None:  # the loop changed since the repeat form opened: show it as it is now
            self.changed = dataclasses.replace(outcome.changed, form="repeat")
            self.repeat_version = outcome.changed.version
            yield LoopState.refresh
            return
        if not outcome.ok:
            yield refusal(outcome)
            return
        yield clear_form(form_id)
        self.no_loop, self.repeat_open = False, False
        yield rx.redirect(f"{routes.LOOP}?id={outcome.value}")
        yield rx.toast.success(success)

    @rx.event
    async def start(self, form: dict):
        async for event in self._open_new_loop(
            loops.start_loop,
            form,
            errors="start_errors",
            success="Loop started. Begin by reflecting on your current job.",
            form_id="start-loop-form",
        ):
            yield event

    @rx.event
    async def move_to(self, stage: int):
        shown = (loop_view.view_loop, (self.loop.id, TODAY))
        outcome = await perform_then(self, loops.move_to_stage, [self.loop.id, stage], shown)
        if not outcome.ok:
            return refusal(outcome) or rx.toast.error(outcome.field_errors.get("stage", outcome.message))
        (self.loop,) = outcome.value
        self.selected_stage = self.loop.stage
        return rx.toast.success(f"Moved to stage {stage}: {self.loop.stage_title}")

    @rx.event
    def set_repeat_open(self, is_open: bool):
        self.repeat_open, self.repeat_errors, self.changed = bool(is_open), {}, NOTHING_CHANGED
        self.repeat_version = self.loop.version

    @rx.event
    async def repeat(self, form: dict):
        async for event in self._open_new_loop(
            repeat.repeat_loop,
            self.loop.id,
            form,
            errors="repeat_errors",
            success="New loop started. Open items came with you.",
            form_id="repeat-form",
        ):
            yield event


async def shown_loop_id(state: rx.State) -> int:
    """The loop the page shows; stage states load after LoopState.load on the same page."""
    return (await state.get_state(LoopState)).loop.id


# The id of the loop the page shows, which `submit` fills in when the handler runs.
SHOWN_LOOP = Placeholder("SHOWN_LOOP")


async def _filled(state: rx.State, arg: Any) -> Any:
    return await shown_loop_id(state) if arg is SHOWN_LOOP else arg


async def submit(
    state: rx.State,
    fn,
    *args,
    errors: str,
    success: str,
    reload: Part,
    form_id: str = "",
    done: dict | None = None,
    opened: str = "",
    pin: str = "",
):
    """The one shape of a loop-page write, which a handler returns: busy, run `fn(db, user, *args)`, then
    read back the stepper and the part `reload` in the same transaction; show field errors or what
    changed, set `done`, then a toast.

    A form that carries the version it was opened at names itself in `opened`. Refused because someone
    else saved first, it stays as the person typed it, with their save beside it (the state's `changed`)
    and the page re-read; the form now counts as opened at their version (the part's `take`, or the var
    `pin`), so saving again replaces theirs knowingly."""
    state.saving = True
    yield
    shown = await state.get_state(LoopState)
    filled = [await _filled(state, arg) for arg in args]
    on_page = (shown.loop.id, TODAY)
    reads = [(loop_view.view_loop, on_page), (reload.read, on_page)] if shown.loop.id else []
    outcome = await perform_then(state, fn, filled, *reads)
    if outcome.ok and form_id:
        yield clear_form(form_id)
    state.saving = False
    setattr(state, errors, outcome.field_errors)
    if opened and outcome.changed is not None:
        await _show_changed(state, outcome.changed, reload, reads, opened, pin)
        return
    if not outcome.ok:
        yield refusal(outcome)
        return
    if outcome.value:
        await _take(state, reload, outcome.value)
    if opened:
        state.changed = NOTHING_CHANGED
    for name, value in (done or {}).items():
        setattr(state, name, value)
    yield rx.toast.success(success)


async def _take(state: rx.State, reload: Part, read: list) -> None:
    """The stepper and the part, as read back."""
    (await state.get_state(LoopState)).loop, part = read
    reload.take(await state.get_state(reload.state), part)


async def _show_changed(state: rx.State, changed: Changed, reload: Part, reads: list, opened: str, pin: str) -> None:
    now = await read_back(state, *reads)
    if now.ok and now.value:
        await _take(state, reload, now.value)
    if pin:
        setattr(state, pin, changed.version)
    state.changed = dataclasses.replace(changed, form=opened)
