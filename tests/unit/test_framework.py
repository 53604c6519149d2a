"""The organisation's own framework: an admin publishes a draft as the next version; loops keep the version they
started on; ratings in loops on different versions are set side by side by each competency's key."""

from __future__ import annotations

import pytest
from sqlmodel import select

from magicloop.models import AuditEvent, Competency, CompetencyFramework, CompetencyRating, utcnow
from magicloop.services import framework, packet, pictures, reflection, repeat
from magicloop.services.errors import Forbidden, InvalidInput
from tests.clock import NOON
from tests.support import count

pytestmark = pytest.mark.usefixtures("at_noon")
RESEARCH, ONE_TO_ONE = "Customer research and surveys", "One-to-one customer engagement"
JOURNEYS = "Journey and process mapping"
RENAMED = "Customer research and insight"
NEW_ONE = "Voice of the customer programmes"


def draft(db, organisation_id: int) -> dict[str, str]:
    """The draft form as the page sends it before anything is typed: the current version as it stands."""
    current = framework.current_framework(db, organisation_id)
    competencies = framework.current_competencies(db, organisation_id)
    data = {"based_on": str(current.version), "name": current.name, "order": ",".join(c.key for c in competencies)}
    for c in competencies:
        data |= {f"name-{c.key}": c.name, f"description-{c.key}": c.description}
    return data


def key_of(db, organisation_id: int, name: str) -> str:
    return next(c.key for c in framework.current_competencies(db, organisation_id) if c.name == name)


def second_version(db, people) -> dict[str, str]:
    """Research renamed, journeys retired, a new competency added at the end: published by the admin."""
    org = people.owner.organisation_id
    data = draft(db, org)
    research, journeys = key_of(db, org, RESEARCH), key_of(db, org, JOURNEYS)
    data |= {f"name-{research}": RENAMED, f"retire-{journeys}": "on", "order": data["order"] + ",new-1"}
    data |= {"name-new-1": NEW_ONE, "description-new-1": "Running the programme that hears every customer."}
    framework.publish(db, people.admin, data)
    db.flush()
    return {"research": research, "journeys": journeys}


def rate_self(db, loop, scores: dict[str, int]) -> None:
    by_name = {c.name: c for c in db.exec(select(Competency).where(Competency.framework_id == loop.framework_id))}
    for name, score in scores.items():
        db.add(
            CompetencyRating(
                loop_id=loop.id, competency_id=by_name[name].id, rater_id=loop.owner_id, rater_kind="self", score=score
            )
        )
    db.flush()


def test_an_admin_publishes_a_new_version_that_keeps_keys_through_a_rename(db, people):
    before = framework.framework_page(db, people.admin)
    assert (before.version, len(before.competencies)) == (1, 8)
    keys = second_version(db, people)

    now = framework.framework_page(db, people.admin)
    names = [c.name for c in now.competencies]
    assert now.version == 2 and len(names) == 8
    assert names[0] == RENAMED and names[-1] == NEW_ONE and JOURNEYS not in names
    assert now.competencies[0].key == keys["research"]
    assert now.competencies[-1].key not in {c.key for c in before.competencies}
    versions = db.exec(
        select(CompetencyFramework.version, CompetencyFramework.is_current).where(
            CompetencyFramework.organisation_id == people.admin.organisation_id
        )
    ).all()
    assert sorted(versions) == [(1, False), (2, True)]
    event = db.exec(select(AuditEvent).where(AuditEvent.kind == "competency framework published")).one()
    assert (event.actor_id, event.detail) == (
        people.admin.id,
        "version 2: 8 competencies; 1 renamed, 1 added, 1 retired",
    )


def test_a_loop_keeps_the_version_it_started_on_and_the_next_one_starts_on_the_new(db, people, loop):
    second_version(db, people)
    old = [row.name for row in reflection.assessment(db, people.owner, loop.id)]
    assert old[0] == RESEARCH and JOURNEYS in old and NEW_ONE not in old

    following = repeat.repeat_loop(
        db, people.owner, loop.id, {"retrospective_moved": "Ran the survey", "version": str(loop.version)}, NOON.date()
    )
    new = [row.name for row in reflection.assessment(db, people.owner, following)]
    assert new[0] == RENAMED and JOURNEYS not in new and new[-1] == NEW_ONE
    assert [row.name for row in reflection.assessment(db, people.owner, loop.id)] == old


def test_ratings_across_versions_are_paired_by_key(db, people, loop):
    rate_self(db, loop, {RESEARCH: 2, JOURNEYS: 4, ONE_TO_ONE: 3})
    second_version(db, people)
    following = repeat.repeat_loop(
        db, people.owner, loop.id, {"retrospective_moved": "Ran the survey", "version": str(loop.version)}, NOON.date()
    )
    later = db.get(type(loop), following)
    rate_self(db, later, {RENAMED: 4, NEW_ONE: 1, ONE_TO_ONE: 3})

    compared = {r.name: (r.self_now, r.self_before) for r in pictures.ratings_compared(db, later, loop)}
    assert compared[RENAMED] == (4, 2), "renamed, and still the same competency"
    assert compared[NEW_ONE] == (1, None), "new: only on the new side"
    assert compared[JOURNEYS] == (None, 4), "retired: only on the old side"
    assert RESEARCH not in compared and list(compared)[-1] == JOURNEYS
    assert compared[ONE_TO_ONE] == (3, 3)

    previous = {row.name: row.previous_score for row in reflection.assessment(db, people.owner, following)}
    assert (previous[RENAMED], previous[NEW_ONE]) == (2, 0)

    made = packet.gather(db, people.owner, people.owner.id, {"since": "2020-01-01", "format": "markdown"}, NOON.date())
    rows = {row.competency: row.scores for row in made.ratings}
    assert rows[RENAMED] == [(1, 2, None), (2, 4, None)]
    assert rows[JOURNEYS] == [(1, 4, None)] and rows[NEW_ONE] == [(2, 1, None)]
    assert list(rows)[-1] == JOURNEYS


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name-{research}": ""}, "name-{research}", "Name is required."),
        ({"name-{research}": "x" * 121}, "name-{research}", "at most 120 characters"),
        ({"name-{research}": ONE_TO_ONE.upper()}, "name-{one}", "already in this version"),
        ({"name": ""}, "name", "Framework name is required."),
        ({"order": "{research},not-a-key"}, "competencies", "could not be read"),
        ({"order": "{research},{research}"}, "competencies", "could not be read"),
        ({"order": ""}, "competencies", "at least one competency"),
        ({"based_on": "0"}, "framework", "was published while you edited"),
        ({}, "framework", "Nothing has changed yet"),
    ],
)
def test_a_bad_draft_is_refused_beside_its_field_and_nothing_changes(db, people, change, field, message):
    org = people.owner.organisation_id
    keys = {"research": key_of(db, org, RESEARCH), "one": key_of(db, org, ONE_TO_ONE)}
    data = draft(db, org) | {k.format(**keys): v.format(**keys) for k, v in change.items()}
    rows = count(db, CompetencyFramework, Competency, AuditEvent)
    with pytest.raises(InvalidInput) as refused:
        framework.publish(db, people.admin, data)
    assert message in refused.value.field_errors[field.format(**keys)]
    assert count(db, CompetencyFramework, Competency, AuditEvent) == rows


def test_reordering_alone_publishes_a_version_in_the_new_order(db, people):
    org = people.owner.organisation_id
    data = draft(db, org)
    keys = data["order"].split(",")
    data["order"] = ",".join([keys[-1], *keys[:-1]])
    names = [c.name for c in framework.publish(db, people.admin, data).competencies]
    assert names[0] == "Cross-functional collaboration" and names[1] == RESEARCH


def test_every_competency_retired_is_refused(db, people):
    org = people.owner.organisation_id
    data = draft(db, org)
    data |= {f"retire-{key}": "on" for key in data["order"].split(",")}
    with pytest.raises(InvalidInput) as refused:
        framework.publish(db, people.admin, data)
    assert "at least one competency" in refused.value.field_errors["competencies"]


def test_a_new_row_left_blank_is_ignored(db, people):
    org = people.owner.organisation_id
    data = draft(db, org) | {"name": "CX competencies, 2027"}
    data |= {"order": data["order"] + ",new-1", "name-new-1": "  ", "description-new-1": ""}
    assert len(framework.publish(db, people.admin, data).competencies) == 8


@pytest.mark.parametrize("garbage", [None, [], "draft", {"order": ["x"], "name": 5}])
def test_garbage_is_refused_and_changes_nothing(db, people, garbage):
    with pytest.raises(InvalidInput):
        framework.publish(db, people.admin, garbage)
    assert count(db, CompetencyFramework) == (2,)  # one per organisation


@pytest.mark.parametrize("who", ["owner", "manager", "mentor", "outsider"])
def test_only_an_admin_sees_or_publishes_the_framework(db, people, who):
    data = draft(db, people.owner.organisation_id) | {"name": "Ours now"}
    with pytest.raises(Forbidden):
        framework.framework_page(db, getattr(people, who))
    with pytest.raises(Forbidden):
        framework.publish(db, getattr(people, who), data)
    assert count(db, CompetencyFramework) == (2,)


def test_a_disabled_admin_is_refused_and_another_organisations_admin_touches_only_their_own(db, people):
    people.admin.disabled_at = utcnow()
    with pytest.raises(Forbidden):
        framework.framework_page(db, people.admin)
    ours = draft(db, people.owner.organisation_id) | {"name": "Theirs"}
    with pytest.raises(InvalidInput):  # our keys are not in their version
        framework.publish(db, people.outsider_admin, ours)
    assert framework.current_framework(db, people.owner.organisation_id).version == 1


def test_a_new_loop_after_publishing_starts_on_the_new_version_for_anyone(db, people, make):
    second_version(db, people)
    fresh = make.loop(people.stranger)
    current = framework.current_framework(db, people.owner.organisation_id)
    assert fresh.framework_id == current.id and current.version == 2
