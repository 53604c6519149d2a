"""The culture pulse: a person asks colleagues to rate the eight disciplines of a customer-centric culture.

Answers are anonymous (see models/pulse.py for how the rows keep them so). Results show only once
RESULTS_FROM people have answered; the runner may close the pulse, and attach it as the evidence of an ask or
an idea in one of their loops, where whoever may see the item may see its aggregated results.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, literal, union_all, update
from sqlmodel import Session, select

from magicloop import routes
from magicloop.config import get_settings
from magicloop.models import DISCIPLINES, CulturePulse, Idea, ManagerAsk, PulseInvitation, PulseResponse, User, utcnow
from magicloop.services import changes, mail, timeline
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.loops import load_item
from magicloop.services.notifications import happened, notify
from magicloop.services.policy import Action, PulseRole, colleagues_of, pulse_role
from magicloop.services.recall import remembered
from magicloop.services.validation import FormCheck, is_id

RESULTS_FROM = 3  # fewer answers than this and nobody sees any result: one answer could be told apart
MOST_INVITED = 200
INVITE_PREFIX = "invite-"  # the form's box for each colleague: "invite-12"
CLOSED = "This pulse is closed: it takes no more answers."
ANSWERED = "You have already answered this pulse. Answers are anonymous, so they can't be changed."
EVIDENCE_KINDS = {"ask": ManagerAsk, "idea": Idea}


def pulse_link(pulse_id: int) -> str:
    return f"{routes.PULSE_VIEW}?id={pulse_id}"


def load_pulse(db: Session, actor: User, pulse_id: object) -> tuple[CulturePulse, PulseInvitation | None, PulseRole]:
    """The pulse, the actor's invitation to it (if any) and how they stand to it; NotFound or Forbidden."""
    pulse = db.get(CulturePulse, pulse_id) if is_id(pulse_id) else None
    if pulse is None:
        raise NotFound("That pulse doesn't exist.")
    invitation = db.exec(
        select(PulseInvitation).where(PulseInvitation.pulse_id == pulse.id, PulseInvitation.user_id == actor.id)
    ).first()
    asked = actor.id == pulse.owner_id or invitation is not None
    attached = not asked and evidence(db, pulse.id) is not None  # read only for whom it decides
    role = pulse_role(db, actor, db.get(User, pulse.owner_id), invitation is not None, attached)
    return pulse, invitation, role


@dataclasses.dataclass(frozen=True)
class Evidence:
    """The ask or idea a pulse is the evidence of."""

    kind: str  # "ask" or "idea"
    id: int
    loop_id: int
    text: str


def evidence(db: Session, pulse_id: int) -> Evidence | None:
    def read() -> Evidence | None:
        asks = select(literal("ask"), ManagerAsk.id, ManagerAsk.loop_id, ManagerAsk.what)
        ideas = select(literal("idea"), Idea.id, Idea.loop_id, Idea.proposal)
        found = db.exec(union_all(asks.where(ManagerAsk.pulse_id == pulse_id), ideas.where(Idea.pulse_id == pulse_id)))
        row = found.first()
        return Evidence(*row) if row else None

    return remembered(db, ("pulse evidence", pulse_id), read, reads=(ManagerAsk, Idea))


def answered_count(db: Session, pulse_id: int) -> int:
    query = select(func.count()).where(PulseInvitation.pulse_id == pulse_id, PulseInvitation.answered)
    return db.exec(query).one()


def _runners(db: Session, actor: User, pulse_id: object) -> CulturePulse:
    pulse, _, role = load_pulse(db, actor, pulse_id)
    if role != PulseRole.RUNNER:
        raise Forbidden("Only the person who runs this pulse can do that.")
    return pulse


def _invited_ids(data: object, form: FormCheck) -> list[int]:
    """The colleagues ticked in the form, in the order of the form."""
    picked = []
    for key, value in data.items() if isinstance(data, dict) else []:
        if isinstance(key, str) and key.startswith(INVITE_PREFIX) and value not in (None, "", False, "off"):
            raw = key.removeprefix(INVITE_PREFIX)
            if raw.isdigit() and is_id(int(raw)):
                picked.append(int(raw))
            else:
                form.fail("invitees", "Pick colleagues from the list.")
    return list(dict.fromkeys(picked))


def start_pulse(db: Session, actor: User, data: dict) -> int:
    """A new pulse for the colleagues picked; each is told in the app and, where mail is set up, by mail."""
    form = FormCheck(data)
    title = form.text("title", "Title", max_len=120)
    picked = _invited_ids(data, form)
    if len(picked) < RESULTS_FROM:
        form.fail("invitees", f"Pick at least {RESULTS_FROM} colleagues: results show once {RESULTS_FROM} answer.")
    elif len(picked) > MOST_INVITED:
        form.fail("invitees", f"Pick at most {MOST_INVITED} colleagues.")
    people = db.exec(colleagues_of(actor).where(User.id.in_(picked))).all() if picked else []
    if len(people) != len(picked) and "invitees" not in form.errors:
        form.fail("invitees", "Pick colleagues from your organisation's list.")
    form.raise_if_errors()
    pulse = CulturePulse(owner_id=actor.id, title=title)
    db.add(pulse)
    db.flush()
    by_id = {person.id: person for person in people}
    db.add_all(PulseInvitation(pulse_id=pulse.id, user_id=i) for i in picked)
    link = pulse_link(pulse.id)
    asked = f"{actor.display_name} asks you to answer a culture pulse, “{title}”. Your answer is anonymous."
    for i in picked:
        notify(db, i, "pulse", asked, link, actor=actor)
        body = f"Hello {by_id[i].display_name},\n\n{asked}\n\nAnswer it here: {get_settings().public_url}{link}\n"
        mail.queue(db, by_id[i].email, f"Culture pulse: {title}", body)
    timeline.record(
        db,
        owner_id=actor.id,
        actor=actor,
        kind="pulse",
        summary=f"Started a culture pulse, “{title}”, with {len(picked)} colleagues",
        subject_kind="pulse",
        subject_id=pulse.id,
    )
    return pulse.id


def answer(db: Session, actor: User, pulse_id: object, data: dict) -> None:
    """An invitee's one anonymous answer: the response names nobody; the invitation only says it was answered."""
    pulse, invitation, _ = load_pulse(db, actor, pulse_id)
    if invitation is None:
        raise Forbidden("Only the colleagues asked to answer this pulse can answer it.")
    if pulse.closed_at is not None:
        raise Forbidden(CLOSED)
    if invitation.answered:
        raise Forbidden(ANSWERED)
    form = FormCheck(data)
    scores = {}
    for column, name in DISCIPLINES:
        if form.data.get(column) in (None, ""):
            form.fail(column, f"Choose a score from 1 to 5 for {name}.")
        else:
            scores[column] = form.integer(column, name, low=1, high=5)
    comment = form.text("comment", "Comment", max_len=2000, required=False, multiline=True)
    form.raise_if_errors()
    claimed = db.exec(  # one answer each, even from two tabs at once: only one of them flips the flag
        update(PulseInvitation)
        .where(PulseInvitation.id == invitation.id, PulseInvitation.answered.is_(False))
        .values(answered=True)
    )
    if claimed.rowcount != 1:
        raise Forbidden(ANSWERED)
    db.add(PulseResponse(pulse_id=pulse.id, comment=comment, **scores))  # its flush tells the pulse's open pages
    db.flush()
    # The runner hears once, when results can be read: never who answered, nor when each did.
    if answered_count(db, pulse.id) == RESULTS_FROM:
        said = f"Your culture pulse “{pulse.title}” has {RESULTS_FROM} answers: its results are ready."
        notify(db, pulse.owner_id, "pulse", said, pulse_link(pulse.id))


def close_pulse(db: Session, actor: User, pulse_id: object) -> None:
    pulse = _runners(db, actor, pulse_id)
    if pulse.closed_at is None:
        pulse.closed_at = utcnow()
        db.add(pulse)


def attach(db: Session, actor: User, pulse_id: object, data: dict) -> None:
    """The pulse as the evidence of one of the runner's own asks or ideas ("ask-12", "idea-3"), or of none ("").

    The item carries it (its `pulse_id`), written past its version: the item's own words did not change, so a
    form open on it stays good."""
    pulse = _runners(db, actor, pulse_id)
    chosen = data.get("evidence") if isinstance(data, dict) else None
    kind, _, raw = chosen.partition("-") if isinstance(chosen, str) else ("", "", "")
    if chosen not in (None, "") and (kind not in EVIDENCE_KINDS or not raw.isdigit()):
        raise InvalidInput({"evidence": "Choose an ask or an idea from the list."})
    changes.announce(db, f"pulse:{pulse.id}")
    if before := evidence(db, pulse.id):
        model = EVIDENCE_KINDS[before.kind]
        db.exec(update(model).where(model.pulse_id == pulse.id).values(pulse_id=None))
        changes.announce(db, f"loop:{before.loop_id}")
    if not kind:
        return
    try:
        item, loop = load_item(db, actor, EVIDENCE_KINDS[kind], int(raw), Action.EDIT_OWN)
    except (Forbidden, NotFound):
        raise InvalidInput({"evidence": "Choose an ask or an idea of your own loops."}) from None
    db.exec(update(EVIDENCE_KINDS[kind]).where(EVIDENCE_KINDS[kind].id == item.id).values(pulse_id=pulse.id))
    changes.announce(db, f"loop:{item.loop_id}")
    said = f"Attached the culture pulse “{pulse.title}” as evidence"
    happened(db, loop, actor, kind, said, (kind, item.id), tell=f"{actor.display_name} {said[0].lower()}{said[1:]}")
