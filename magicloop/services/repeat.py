"""Repeat: close a loop with a retrospective and start the next, carrying open items forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlmodel import Session

from magicloop.models import CarriedItem, Loop, Stage, User, utcnow
from magicloop.services import timeline, versions
from magicloop.services.loops import CARRIED_KINDS, STAGE_TITLES, check_goal, load_open_loop
from magicloop.services.outline import outline
from magicloop.services.policy import Action
from magicloop.services.validation import FormCheck
from magicloop.services.words import counted


def repeat_loop(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """Close this loop with a retrospective and start the next, carrying open items forward."""
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    form = FormCheck(data)
    moved = form.text("retrospective_moved", "What moved", max_len=2000, multiline=True)
    stalled = form.text("retrospective_stalled", "What didn't move", max_len=2000, required=False, multiline=True)
    restart = form.choice("restart_at", "Starting stage", ["4", "1"], default="4")
    form.data = _carry_goal(form.data, loop, today)
    goal, target_role, target_date = check_goal(form, today)
    form.raise_if_errors()
    versions.check(data, loop, _described)
    now = utcnow()
    loop.closed_at, loop.retrospective_moved, loop.retrospective_stalled = now, moved, stalled
    db.add(loop)
    following = Loop(
        owner_id=loop.owner_id,
        number=loop.number + 1,
        goal=goal,
        target_role=target_role,
        target_date=target_date,
        stage=int(restart),
        previous_loop_id=loop.id,
        started_at=now,
    )
    db.add(following)
    db.flush()
    carried = _carry_open_items(db, loop, following)
    summary = f"Closed loop {loop.number} and started loop {following.number} ({counted(carried, 'open item')} carried forward)"
    timeline.on_loop(db, following, actor, "loop", summary)
    return following.id


def _described(loop: Loop) -> list[tuple[str, object]]:
    return [
        ("Goal", loop.goal),
        ("Target role", loop.target_role),
        ("Target date", loop.target_date),
        ("Stage", f"{loop.stage}, {STAGE_TITLES[Stage(loop.stage)]}"),
    ]


def _carry_goal(data: Mapping, loop: Loop, today: dt.date) -> dict:
    """The repeat form with the goal, target role and date of `loop` wherever they were left
    blank; what was typed is checked like a first loop's. A target date that has passed is
    not carried: the next loop would start overdue."""
    date = loop.target_date.isoformat() if loop.target_date else ""
    passed = bool(date) and loop.target_date < today
    if passed and data.get("target_date") == date:  # the dialog offered it back unchanged
        data = {**data, "target_date": ""}
    carried = {"goal": loop.goal, "target_role": loop.target_role, "target_date": "" if passed else date}
    return {**data, **{name: value for name, value in carried.items() if _is_blank(data.get(name))}}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _carry_open_items(db: Session, old: Loop, new: Loop) -> int:
    carried = [
        CarriedItem(loop_id=new.id, item_kind=row.kind, item_id=row.id)
        for row in outline(db, old.id)
        if row.kind in CARRIED_KINDS and row.is_open
    ]
    db.add_all(carried)
    return len(carried)
