"""The culture pulse: colleagues rate the eight disciplines anonymously; results show from three answers on."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from magicloop.models import (
    DISCIPLINES,
    CulturePulse,
    ManagerAsk,
    Notification,
    Organisation,
    PulseInvitation,
    PulseResponse,
    TimelineEvent,
)
from magicloop.services import asks, changes, dashboard, pulse, pulse_page, tracking
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.pulse import ANSWERED, CLOSED, INVITE_PREFIX
from tests.unit.conftest import REAL_TODAY


@pytest.fixture
def team(make, people):
    """The owner runs a pulse for four colleagues of their organisation."""
    acme = make.db.get(Organisation, people.owner.organisation_id)
    people.colleagues = [make.user(acme, name) for name in ("Cal One", "Cat Two", "Cid Three", "Cy Four")]
    return people


def start(db, people, invitees, title="Are we customer-centric?") -> int:
    form = {"title": title, **{f"{INVITE_PREFIX}{p.id}": "on" for p in invitees}}
    pulse_id = pulse.start_pulse(db, people.owner, form)
    db.commit()
    return pulse_id


def scores(value: int = 4, comment: str = "") -> dict:
    return {**{column: str(value) for column, _ in DISCIPLINES}, "comment": comment}


def answer(db, who, pulse_id, value=4, comment=""):
    pulse.answer(db, who, pulse_id, scores(value, comment))
    db.commit()


def test_invitees_are_told_in_the_app_and_the_runner_sees_it_listed(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    told = db.exec(select(Notification).where(Notification.kind == "pulse")).all()
    assert sorted(n.recipient_id for n in told) == sorted(p.id for p in team.colleagues[:3])
    assert all(n.link == f"/pulse/view?id={pulse_id}" and "anonymous" in n.message for n in told)
    page = pulse_page.pulses_page(db, team.owner)
    assert [r.title for r in page.mine] == ["Are we customer-centric?"] and page.mine[0].invited == 3
    assert team.owner.id not in {c.id for c in page.colleagues}
    assert team.outsider.id not in {c.id for c in page.colleagues}
    awaiting = pulse_page.pulses_page(db, team.colleagues[0]).invited
    assert [(r.id, r.awaiting_me) for r in awaiting] == [(pulse_id, True)]
    assert db.exec(select(TimelineEvent).where(TimelineEvent.kind == "pulse")).one().owner_id == team.owner.id


def test_the_dashboard_counts_the_open_pulses_one_was_asked_to_answer_and_has_not(db, team):
    def to_answer(who) -> int:
        return dashboard.home(db, who, REAL_TODAY).pulses_to_answer

    first, second = start(db, team, team.colleagues[:3]), start(db, team, team.colleagues[1:4], "Again")
    assert [to_answer(p) for p in (team.owner, *team.colleagues, team.outsider)] == [0, 1, 2, 2, 1, 0]
    answer(db, team.colleagues[1], first)
    pulse.close_pulse(db, team.owner, second)
    db.commit()
    assert [to_answer(p) for p in team.colleagues] == [1, 0, 1, 0]


@pytest.mark.parametrize(
    "form, field",
    [
        ({"title": "", "picked": 3}, "title"),
        ({"title": "Pulse", "picked": 2}, "invitees"),
        ({"title": "Pulse", "picked": 3, "outsider": True}, "invitees"),
        ({"title": "Pulse", "picked": 3, "bogus": True}, "invitees"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_made(db, team, form, field):
    data = {"title": form["title"], **{f"{INVITE_PREFIX}{p.id}": "on" for p in team.colleagues[: form["picked"]]}}
    if form.get("outsider"):
        data[f"{INVITE_PREFIX}{team.outsider.id}"] = "on"
    if form.get("bogus"):
        data[f"{INVITE_PREFIX}x"] = "on"
    with pytest.raises(InvalidInput) as refused:
        pulse.start_pulse(db, team.owner, data)
    assert field in refused.value.field_errors
    db.rollback()
    assert db.exec(select(CulturePulse)).all() == []


def test_results_are_hidden_below_three_answers_then_shown_per_discipline(db, team):
    pulse_id = start(db, team, team.colleagues)
    answer(db, team.colleagues[0], pulse_id, 2, "Zebra crossing: we rarely talk to customers")
    answer(db, team.colleagues[1], pulse_id, 5)
    for who in (team.owner, team.colleagues[0], team.colleagues[3]):
        view = pulse_page.pulse_view(db, who, pulse_id)
        assert (view.answered, view.invited, view.results, view.comments) == (2, 4, [], [])
    answer(db, team.colleagues[2], pulse_id, 5, "Alpha: planning ignores the voice of the customer")
    view = pulse_page.pulse_view(db, team.owner, pulse_id)
    assert [r.name for r in view.results] == [name for _, name in DISCIPLINES]
    assert {(r.mean, r.spread, tuple(r.counts)) for r in view.results} == {("4.0", "2–5", (0, 1, 0, 0, 2))}
    assert view.comments == [  # by their text, never by their arrival
        "Alpha: planning ignores the voice of the customer",
        "Zebra crossing: we rarely talk to customers",
    ]
    assert (
        "results are ready"
        in db.exec(select(Notification).where(Notification.recipient_id == team.owner.id)).one().message
    )


def test_stored_responses_name_nobody_and_keep_no_time(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    for n, who in enumerate(team.colleagues[:3]):
        answer(db, who, pulse_id, n + 1, f"Comment {n}")
    columns = {c.key for c in inspect(PulseResponse).columns}
    assert columns == {"id", "pulse_id", "comment", *(column for column, _ in DISCIPLINES)}
    invitation_columns = {c.key for c in inspect(PulseInvitation).columns}
    assert invitation_columns == {"id", "pulse_id", "user_id", "answered"}  # whether, never when
    # Invitations are numbered in the order people were picked, whatever the order of their answers.
    invitations = db.exec(select(PulseInvitation).order_by(PulseInvitation.id)).all()
    assert [i.user_id for i in invitations] == [p.id for p in team.colleagues[:3]] and all(
        i.answered for i in invitations
    )


def test_one_answer_each(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    answer(db, team.colleagues[0], pulse_id)
    with pytest.raises(Forbidden, match=ANSWERED):
        pulse.answer(db, team.colleagues[0], pulse_id, scores(1))
    db.rollback()
    assert len(db.exec(select(PulseResponse)).all()) == 1
    assert pulse_page.pulse_view(db, team.colleagues[0], pulse_id).i_answered


def test_bad_scores_are_refused_beside_their_field(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    with pytest.raises(InvalidInput) as refused:
        pulse.answer(db, team.colleagues[0], pulse_id, {**scores(), "empowerment": "6", "collaboration": ""})
    assert set(refused.value.field_errors) == {"empowerment", "collaboration"}
    db.rollback()
    assert (
        db.exec(select(PulseResponse)).all() == []
        and not pulse_page.pulse_view(db, team.colleagues[0], pulse_id).i_answered
    )


@pytest.mark.parametrize("who", ["stranger", "manager", "outsider", "admin"])
def test_whoever_was_not_asked_cannot_answer_nor_see_it(db, team, who):
    pulse_id = start(db, team, team.colleagues[:3])
    with pytest.raises(Forbidden):
        pulse.answer(db, getattr(team, who), pulse_id, scores())
    with pytest.raises(Forbidden):
        pulse_page.pulse_view(db, getattr(team, who), pulse_id)
    db.rollback()
    assert db.exec(select(PulseResponse)).all() == []


def test_an_unknown_pulse_is_not_found(db, team):
    with pytest.raises(NotFound):
        pulse_page.pulse_view(db, team.owner, 999)


def test_a_closed_pulse_takes_no_answers_and_only_its_runner_closes_it(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    with pytest.raises(Forbidden):
        pulse.close_pulse(db, team.colleagues[0], pulse_id)
    pulse.close_pulse(db, team.owner, pulse_id)
    db.commit()
    with pytest.raises(Forbidden, match=CLOSED):
        pulse.answer(db, team.colleagues[0], pulse_id, scores())
    db.rollback()
    view = pulse_page.pulse_view(db, team.colleagues[0], pulse_id)
    assert view.closed_on and not view.can_answer


def test_attached_to_an_ask_its_results_reach_whoever_sees_the_ask_from_three_answers(db, team, loop):
    ask_id = tracking.log_item(db, team.owner, "ask", loop.id, {"what": "Run a culture pulse"}, REAL_TODAY)
    db.commit()
    pulse_id = start(db, team, team.colleagues[:3])
    with pytest.raises(Forbidden):  # not attached yet: the manager has no way in
        pulse_page.pulse_view(db, team.manager, pulse_id)
    with pytest.raises(Forbidden):
        pulse.attach(db, team.colleagues[0], pulse_id, {"evidence": f"ask-{ask_id}"})
    pulse.attach(db, team.owner, pulse_id, {"evidence": f"ask-{ask_id}"})
    db.commit()
    assert db.get(ManagerAsk, ask_id).pulse_id == pulse_id
    assert [a.pulse_id for a in tracking.list_items(db, team.manager, "ask", loop.id, REAL_TODAY)] == [pulse_id]
    seen = pulse_page.pulse_view(db, team.manager, pulse_id)
    assert (seen.role, seen.results, seen.invitees, seen.choices) == ("reader", [], [], [])
    for who in team.colleagues[:3]:
        answer(db, who, pulse_id, 3)
    for who in ("manager", "mentor"):
        assert len(pulse_page.pulse_view(db, getattr(team, who), pulse_id).results) == 8
    for who in ("stranger", "expired_mentor", "former", "outsider"):
        with pytest.raises(Forbidden):
            pulse_page.pulse_view(db, getattr(team, who), pulse_id)


def test_only_ones_own_asks_and_ideas_take_a_pulse_as_evidence(db, team, make):
    theirs = make.loop(team.manager)
    ask_id = tracking.log_item(db, team.manager, "ask", theirs.id, {"what": "Not yours"}, REAL_TODAY)
    db.commit()
    pulse_id = start(db, team, team.colleagues[:3])
    for chosen in (f"ask-{ask_id}", "ask-999", "nonsense", "idea-x", 12):
        with pytest.raises(InvalidInput):
            pulse.attach(db, team.owner, pulse_id, {"evidence": chosen})
        db.rollback()
    assert db.get(ManagerAsk, ask_id).pulse_id is None


def test_attached_elsewhere_it_leaves_the_first_item_and_detached_it_leaves_both(db, team, loop):
    first, second = (
        tracking.log_item(db, team.owner, "ask", loop.id, {"what": what}, REAL_TODAY) for what in ("One", "Two")
    )
    db.commit()
    pulse_id = start(db, team, team.colleagues[:3])
    for chosen in (f"ask-{first}", f"ask-{second}"):
        pulse.attach(db, team.owner, pulse_id, {"evidence": chosen})
        db.commit()
    assert (db.get(ManagerAsk, first).pulse_id, db.get(ManagerAsk, second).pulse_id) == (None, pulse_id)
    assert pulse_page.pulse_view(db, team.owner, pulse_id).evidence == f"ask-{second}"
    pulse.attach(db, team.owner, pulse_id, {"evidence": ""})
    db.commit()
    assert db.get(ManagerAsk, second).pulse_id is None
    with pytest.raises(Forbidden):  # no longer evidence: the manager has no way in
        pulse_page.pulse_view(db, team.manager, pulse_id)


def test_answering_tells_the_pulses_open_pages(db, team):
    pulse_id = start(db, team, team.colleagues[:3])
    pulse.answer(db, team.colleagues[0], pulse_id, scores())
    db.flush()
    assert f"pulse:{pulse_id}" in changes.pending(db)


def test_an_idea_takes_a_pulse_as_its_evidence_too(db, team, loop):
    team.owner.advanced_mode = True
    db.add(team.owner)
    idea_id = asks.suggest_idea(db, team.owner, loop.id, {"proposal": "I could run a culture pulse"}, REAL_TODAY)
    db.commit()
    pulse_id = start(db, team, team.colleagues[:3])
    view = pulse_page.pulse_view(db, team.owner, pulse_id)
    assert f"idea-{idea_id}" in [c.value for c in view.choices]
    pulse.attach(db, team.owner, pulse_id, {"evidence": f"idea-{idea_id}"})
    db.commit()
    assert [i.pulse_id for i in asks.list_ideas(db, team.mentor, loop.id)] == [pulse_id]
    assert pulse_page.pulse_view(db, team.mentor, pulse_id).evidence_label == "Idea: I could run a culture pulse"
