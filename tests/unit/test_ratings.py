"""Manager ratings of a report's competencies for a loop, and the gap view: self against
manager for every competency, biggest gaps first."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from magicloop.models import CompetencyRating, Notification, RaterKind, TimelineEvent, utcnow
from magicloop.services import framework, ratings, reflection
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.clock import NOON
from tests.support import BAD_IDS, count, ratings_opened

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()


@pytest.fixture
def people(db, people):
    """The shared cast, with each organisation's competencies."""
    people.competencies = framework.current_competencies(db, people.owner.organisation_id)
    people.elsewhere = framework.current_competencies(db, people.outsider.organisation_id)
    return people


def scores(people, *values, prefix="score") -> dict[str, object]:
    return {f"{prefix}-{c.id}": v for c, v in zip(people.competencies, values, strict=False) if v is not None}


def rate(db, actor, loop_id, data):
    saved = ratings.save_ratings(db, actor, loop_id, ratings_opened(db, loop_id, "manager", data), RaterKind.MANAGER)
    db.flush()
    return saved


def assess(db, people, loop_id, data):
    reflection.save_self_assessment(db, people.owner, loop_id, ratings_opened(db, loop_id, "self", data))


def test_the_manager_rates_a_reports_competencies_and_the_owner_is_told(db, people, loop):
    data = {**scores(people, "4", 2), f"evidence-{people.competencies[0].id}": "Ran the NPS survey end to end"}
    assert rate(db, people.manager, loop.id, data) == 2
    saved = {r.competency_id: r for r in db.exec(select(CompetencyRating))}
    first, second = people.competencies[:2]
    assert (saved[first.id].score, saved[first.id].evidence, saved[first.id].rater_kind) == (
        4,
        "Ran the NPS survey end to end",
        "manager",
    )
    assert (saved[second.id].score, saved[second.id].rater_id) == (2, people.manager.id)
    assert [r.manager_score for r in reflection.assessment(db, people.owner, loop.id)][:3] == [4, 2, 0]
    assert db.exec(select(Notification.message).where(Notification.recipient_id == people.owner.id)).all() == [
        "Max Manager rated 2 competencies"
    ]
    assert (
        db.exec(
            select(func.count()).select_from(Notification).where(Notification.recipient_id == people.manager.id)
        ).one()
        == 0
    )


def test_the_timeline_names_the_manager_as_written(db, people, loop):
    rate(db, people.manager, loop.id, scores(people, "3"))
    summary = db.exec(select(TimelineEvent.summary).where(TimelineEvent.kind == "rating")).one()
    assert "Max Manager" in summary and "1 competency" in summary


def test_rating_again_updates_the_same_ratings(db, people, loop):
    rate(db, people.manager, loop.id, scores(people, "4", "2"))
    rate(db, people.manager, loop.id, scores(people, "5"))
    assert sorted(r.score for r in db.exec(select(CompetencyRating))) == [2, 5]
    assert count(db, CompetencyRating) == (2,)


@pytest.mark.parametrize("who", ["owner", "mentor", "stranger", "former", "admin", "outsider"])
def test_only_the_current_manager_rates_as_manager(db, people, loop, who):
    with pytest.raises(Forbidden):
        rate(db, getattr(people, who), loop.id, scores(people, "4"))
    assert count(db, CompetencyRating, Notification, TimelineEvent) == (0, 0, 0)


def test_a_closed_loop_cannot_be_rated(db, people, loop):
    loop.closed_at = utcnow()
    db.add(loop)
    with pytest.raises(Forbidden):
        rate(db, people.manager, loop.id, scores(people, "4"))
    assert count(db, CompetencyRating) == (0,)


@pytest.mark.parametrize("score", ["0", "6", 0, 6, -1, "four", "3.5", 3.5, True, [3], {"score": 3}, "  "])
def test_a_bad_score_is_refused_next_to_its_competency(db, people, loop, score):
    bad = people.competencies[1]
    data = {**scores(people, "4"), f"score-{bad.id}": score}
    with pytest.raises(InvalidInput) as refused:
        rate(db, people.manager, loop.id, data)
    assert set(refused.value.field_errors) == {f"score-{bad.id}"}
    assert count(db, CompetencyRating, Notification, TimelineEvent) == (0, 0, 0)


@pytest.mark.parametrize("evidence", ["x" * 2001, 5, ["proof"], "bell\x07"])
def test_bad_evidence_is_refused_next_to_its_competency(db, people, loop, evidence):
    first = people.competencies[0]
    with pytest.raises(InvalidInput) as refused:
        rate(db, people.manager, loop.id, {**scores(people, "4"), f"evidence-{first.id}": evidence})
    assert set(refused.value.field_errors) == {f"evidence-{first.id}"}
    assert count(db, CompetencyRating) == (0,)


@pytest.mark.parametrize("data", [{}, None, [], "4", {"score-999999": "4"}, {"score": "4"}])
def test_a_form_without_any_rating_asks_for_one(db, people, loop, data):
    with pytest.raises(InvalidInput) as refused:
        rate(db, people.manager, loop.id, data)
    assert set(refused.value.field_errors) == {"assessment"}
    assert count(db, CompetencyRating) == (0,)


def test_another_organisations_competencies_are_not_rated(db, people, loop):
    with pytest.raises(InvalidInput):
        rate(db, people.manager, loop.id, {f"score-{c.id}": "4" for c in people.elsewhere})
    assert count(db, CompetencyRating) == (0,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ratings_and_gaps_with_bad_loop_ids_are_not_found(db, people, loop, bad):
    for attempt in (
        lambda: rate(db, people.manager, bad, scores(people, "4")),
        lambda: ratings.gap_view(db, people.manager, bad),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, CompetencyRating) == (0,)


# --- the gap view ----------------------------------------------------------------------------------------------


def test_the_gap_view_puts_the_biggest_gaps_first_and_leaves_unrated_blank(db, people, loop):
    c = people.competencies
    assess(db, people, loop.id, scores(people, "2", "5", "3", None, "4", "1"))
    rate(db, people.manager, loop.id, scores(people, "5", "3", "3", "4", "2", "2"))
    rows = ratings.gap_view(db, people.mentor, loop.id)
    # None: not rated, so the table shows "—" and the radar leaves the point out; never a zero.
    assert [(r.competency_id, r.self_score, r.manager_score, r.gap) for r in rows] == [
        (c[0].id, 2, 5, 3),
        (c[1].id, 5, 3, -2),
        (c[4].id, 4, 2, -2),
        (c[5].id, 1, 2, 1),
        (c[2].id, 3, 3, 0),
        (c[3].id, None, 4, None),
        (c[6].id, None, None, None),
        (c[7].id, None, None, None),
    ]
    assert [r.name for r in rows][:1] == [c[0].name]
    assert len(rows) == len(c) == 8


def test_a_competency_the_manager_has_not_rated_shows_no_manager_score_and_no_gap(db, people, loop):
    c = people.competencies
    assess(db, people, loop.id, scores(people, "3", "4"))
    rate(db, people.manager, loop.id, scores(people, "3"))
    rows = {r.competency_id: r for r in ratings.gap_view(db, people.owner, loop.id)}
    assert (rows[c[0].id].manager_score, rows[c[0].id].gap) == (3, 0)  # rated alike: a real zero gap
    assert (rows[c[1].id].self_score, rows[c[1].id].manager_score, rows[c[1].id].gap) == (4, None, None)


def test_the_gap_view_with_no_ratings_lists_every_competency_in_order(db, people, loop):
    rows = ratings.gap_view(db, people.owner, loop.id)
    assert [(r.competency_id, r.self_score, r.manager_score, r.gap) for r in rows] == [
        (c.id, None, None, None) for c in people.competencies
    ]


def test_the_gap_view_names_each_competency_shortly_for_the_chart(db, people, loop):
    rows = ratings.gap_view(db, people.owner, loop.id)
    assert [r.short for r in rows] == [
        "Customer",
        "One-to-one",
        "Journey",
        "CX metrics",
        "CX business",
        "Experience",
        "Influencing",
        "Cross-functional",
    ]


@pytest.mark.parametrize(
    "names, shorts",
    [
        (["Coaching", "Customer research"], ["Coaching", "Customer"]),
        (["Voice of the customer", "Voice of the team"], ["Voice of the customer", "Voice of the team"]),
        (["Surveys", "Surveys and interviews"], ["Surveys", "Surveys and interviews"]),
        (["Same name", "Same name"], ["Same name", "Same name"]),
    ],
)
def test_short_names_are_first_words_that_tell_names_apart(names, shorts):
    assert ratings.short_names(names) == shorts


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("owner", True),
        ("manager", True),
        ("mentor", True),
        ("stranger", False),
        ("former", False),
        ("admin", False),
        ("outsider", False),
    ],
)
def test_who_sees_the_gap_view(db, people, loop, who, allowed):
    if allowed:
        assert len(ratings.gap_view(db, getattr(people, who), loop.id)) == 8
    else:
        with pytest.raises(Forbidden):
            ratings.gap_view(db, getattr(people, who), loop.id)
