"""An organisation moves between instances (`python -m magicloop.portability`), on SQLite and PostgreSQL:
exported with a row in every table (tests/every_table.py, so tables added later are covered too) and
imported into another instance that already has an organisation, every table comes back row for row
under new ids, each reference following its row, what holds sign-in secrets staying behind; a file the
import cannot take changes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from magicloop.db import make_engine, transaction
from magicloop.models import (
    DISCIPLINES,
    CarriedItem,
    COEReview,
    Comment,
    CulturePulse,
    GrowthConversation,
    Loop,
    ManagerAsk,
    Notification,
    PulseInvitation,
    PulseResponse,
    TimelineEvent,
    User,
    metadata,
)
from magicloop.portability import __main__ as command
from magicloop.portability import graph, schema
from magicloop.portability.organisation import export_organisation, import_organisation
from magicloop.portability.schema import ImportRefused
from magicloop.services import pulse
from magicloop.services.notifications import loop_link, progress_link
from magicloop.services.pulse import INVITE_PREFIX, pulse_link
from tests import every_table, throwaway_database

# Decided, and told in docs/export-format.md: what an organisation export leaves behind.
# Sign-in secrets and this server's bookkeeping; accountlink: single-use links mailed to reset a password or
# confirm an address: secrets, expiring within a day.
NOT_EXPORTED = {"accountlink", "authsession", "invite", "signinthrottle", "outboxmail"}


@pytest.fixture
def instances(backend: str, tmp_path) -> Iterator[tuple[Engine, Engine]]:
    """Two instances' databases at the models' schema: the one an organisation leaves, the one it joins."""
    if backend == "sqlite":
        urls = [f"sqlite:///{tmp_path / 'from.db'}", f"sqlite:///{tmp_path / 'to.db'}"]
    else:
        urls = [throwaway_database.create(), throwaway_database.create()]
    engines = [make_engine(url) for url in urls]
    for engine in engines:
        metadata.create_all(engine)
    try:
        yield engines[0], engines[1]
    finally:
        for engine in engines:
            engine.dispose()
        if backend != "sqlite":
            for url in urls:
                throwaway_database.drop(url)


def rows_by_table(engine: Engine) -> every_table.Rows:
    with engine.connect() as connection:
        return every_table.rows(connection)


def test_an_organisation_with_a_row_in_every_table_moves_whole_under_new_ids(instances):
    source, target = instances
    with source.begin() as connection:
        every_table.fill(connection)  # two organisations: the first row of every table belongs to the first
    with target.begin() as connection:
        every_table.fill(connection, count=3)  # someone already there, so every id moves
        connection.execute(text("UPDATE \"user\" SET email = 'there ' || email"))
    before, there = rows_by_table(source), rows_by_table(target)

    with transaction(source, write=False) as db:
        document = json.loads(json.dumps(export_organisation(db, 1)))  # as the file holds it
    with transaction(target) as db:
        imported = import_organisation(db, document)

    assert imported.organisation_id != 1
    after = rows_by_table(target)
    new_ids: dict[str, dict] = {}
    for table in graph.in_order():
        arrived = [row for key, row in after[table.name].items() if key not in there[table.name]]
        if table.name == "auditevent":  # the import itself is in the new organisation's security log
            imports = [row for row in arrived if row["kind"] == "organisation imported"]
            assert [row["organisation_id"] for row in imports] == [imported.organisation_id]
            arrived = [row for row in arrived if row not in imports]
        if table.name in NOT_EXPORTED:
            assert arrived == [], f"{table.name} must stay behind"
            continue
        original = min(before[table.name].items())[1]  # the first organisation's row
        assert len(arrived) == 1, f"{table.name}: {len(arrived)} rows arrived, not its one"
        [new] = arrived
        new_ids[table.name] = {original["id"]: new["id"]}
        assert new["id"] != original["id"]
        expected = dict(original)
        for column in table.columns:
            if schema.is_token_column(column):  # a secret such as a calendar link's: made anew there
                expected[column.name] = None
            for key in column.foreign_keys:
                if original[column.name] is not None:
                    expected[column.name] = new_ids[key.column.table.name][original[column.name]]
        expected["id"] = new["id"]
        assert new == expected, f"{table.name} changed on the way"
    assert set(schema.not_exported()) == NOT_EXPORTED
    assert set(new_ids) | NOT_EXPORTED == set(metadata.tables), "every table is exported or left behind on purpose"
    exported = json.dumps(document)
    assert "token_hash" not in exported and "1 token_hash" not in exported
    assert "2 display_name" not in exported, "the other organisation stays where it is"


def exported_file(source: Engine) -> dict:
    """Organisation 1 of `source`, given a row in every table, as its export file holds it."""
    with source.begin() as connection:
        every_table.fill(connection)
    with transaction(source, write=False) as db:
        return json.loads(json.dumps(export_organisation(db, 1)))


def test_a_file_the_import_cannot_take_changes_nothing(instances):
    source, target = instances
    good = exported_file(source)
    with target.begin() as connection:
        every_table.fill(connection, count=1)
        connection.execute(text("UPDATE \"user\" SET email = 'there ' || email"))
    there = rows_by_table(target)

    def broken(change) -> dict:
        document = copy.deepcopy(good)
        change(document)
        return document

    tables = good["tables"]
    refusals = {
        "another version": (broken(lambda d: d.update(version=2)), "version 2"),
        "not an export": ({"hello": "world"}, "not a Magic Loop organisation export"),
        "tables not a map": (broken(lambda d: d.update(tables=[])), "“tables”"),
        "a table it does not know": (broken(lambda d: d["tables"].update(payroll=[])), "payroll"),
        "sessions smuggled in": (broken(lambda d: d["tables"].update(authsession=[])), "authsession"),
        "two organisations": (broken(lambda d: d["tables"]["organisation"].append(tables["organisation"][0])), "one"),
        "a column it does not know": (broken(lambda d: d["tables"]["loop"][0].update(mood="x")), "mood"),
        "a date that is not one": (broken(lambda d: d["tables"]["loop"][0].update(started_at="soon")), "started_at"),
        "a reference to a row it lacks": (broken(lambda d: d["tables"]["loop"][0].update(owner_id=999)), "999"),
        "text too long": (broken(lambda d: d["tables"]["loop"][0].update(goal="x" * 501)), "500"),
        # the last table written fails, after all the others were: nothing of them stays
        "a late row gone wrong": (broken(lambda d: d["tables"]["timelineevent"][0].update(kind=None)), "“kind”"),
        "an email already here": (
            broken(lambda d: d["tables"]["user"][0].update(email=there["user"][(1,)]["email"])),
            "already have an account",
        ),
    }
    for name, (document, says) in refusals.items():
        with pytest.raises(ImportRefused, match=says), transaction(target) as db:
            import_organisation(db, document)
        assert rows_by_table(target) == there, f"{name}: the refused import left rows behind"


def moved_elsewhere(engine: Engine, organisation_id: int, tmp_path) -> tuple[dict, Engine]:
    """The organisation exported, and imported into a fresh instance whose tables already have rows (so every
    id moves): the file and that instance."""
    with transaction(engine, write=False) as session:
        document = json.loads(json.dumps(export_organisation(session, organisation_id)))
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    metadata.create_all(fresh)
    with fresh.begin() as connection:
        every_table.fill(connection, count=3)
    with transaction(fresh) as session:
        import_organisation(session, document)
    return document, fresh


def test_a_file_from_before_framework_versions_imports_as_the_migration_filled_rows(instances):
    """Without competency keys and loops' versions: each competency gets a key, each loop the current version."""
    source, target = instances
    document = exported_file(source)
    for row in document["tables"]["competency"]:
        del row["key"]
    for row in document["tables"]["loop"]:
        del row["framework_id"]
    with transaction(target) as db:
        imported = import_organisation(db, document)
    with target.connect() as connection:
        [(current, key)] = connection.execute(
            text(
                "SELECT f.id, c.key FROM competencyframework f JOIN competency c ON c.framework_id = f.id"
                " WHERE f.organisation_id = :organisation"
            ),
            {"organisation": imported.organisation_id},
        ).all()
        loops = connection.execute(text("SELECT framework_id FROM loop")).scalars().all()
    assert len(key) == 32 and loops == [current]


def test_references_without_a_foreign_key_follow_their_rows(make, db, engine, tmp_path):
    """A comment on an ask and the reply to it, a COE review of the ask, the ask carried into the next
    loop, the timeline's subjects and a notification's links all point at the rows as imported."""
    org = make.organisation("Acme Support")
    owner, manager = make.user(org, "Ada Owner"), make.user(org, "Max Manager")
    first = make.loop(owner, goal="First loop")
    second = make.loop(owner, goal="Second loop", number=2)
    second.previous_loop_id = first.id
    ask = ManagerAsk(loop_id=first.id, logged_by_id=manager.id, what="Run the readout", asked_on=dt.date(2026, 1, 5))
    talk = GrowthConversation(loop_id=first.id, recorded_by_id=manager.id, held_on=dt.date(2026, 2, 1))
    db.add_all([second, ask, talk])
    db.flush()
    question = Comment(loop_id=first.id, author_id=manager.id, subject_kind="ask", subject_id=ask.id, body="How?")
    db.add(question)
    db.flush()
    db.add_all(
        [
            Comment(loop_id=first.id, author_id=owner.id, subject_kind="ask", subject_id=ask.id, body="Like this",
                    parent_id=question.id),
            COEReview(loop_id=first.id, author_id=owner.id, subject_kind="ask", subject_id=ask.id, what_happened="x"),
            CarriedItem(loop_id=second.id, item_kind="ask", item_id=ask.id),
            TimelineEvent(owner_id=owner.id, loop_id=first.id, kind="ask", summary="Ask", subject_kind="ask",
                          subject_id=ask.id),
            TimelineEvent(owner_id=owner.id, loop_id=first.id, kind="feedback", summary="Talk",
                          subject_kind="growth_conversation", subject_id=talk.id),
            Notification(recipient_id=owner.id, kind="ask", message="New ask",
                         link=loop_link(first.id, "ask", ask.id, thread=True)),
            Notification(recipient_id=manager.id, kind="progress", message="Progress", link=progress_link(owner.id)),
        ]
    )  # fmt: skip
    db.commit()
    document, fresh = moved_elsewhere(engine, org.id, tmp_path)

    with Session(fresh) as there:
        ask = there.exec(select(ManagerAsk).where(ManagerAsk.what == "Run the readout")).one()
        first, second = (
            there.exec(select(Loop).where(Loop.goal == goal)).one() for goal in ("First loop", "Second loop")
        )
        talk = there.exec(select(GrowthConversation).where(GrowthConversation.loop_id == first.id)).one()
        owner = there.exec(select(User).where(User.display_name == "Ada Owner")).one()
        assert ask.id not in (document["tables"]["managerask"][0]["id"],) and second.previous_loop_id == first.id
        question, answer = there.exec(select(Comment).where(Comment.loop_id == first.id).order_by(Comment.id)).all()
        assert (question.subject_id, answer.subject_id, answer.parent_id) == (ask.id, ask.id, question.id)
        assert there.exec(select(COEReview.subject_id).where(COEReview.loop_id == first.id)).one() == ask.id
        assert there.exec(select(CarriedItem.item_id).where(CarriedItem.loop_id == second.id)).one() == ask.id
        subjects = there.exec(select(TimelineEvent.subject_id).where(TimelineEvent.owner_id == owner.id)).all()
        assert sorted(subjects) == sorted([ask.id, talk.id])
        links = set(there.exec(select(Notification.link).where(Notification.kind.in_(["ask", "progress"]))).all())
        assert links >= {loop_link(first.id, "ask", ask.id, thread=True), progress_link(owner.id)}
    fresh.dispose()


def test_the_command_exports_and_imports_and_says_what_it_refused(instances, monkeypatch, tmp_path, capsys):
    source, target = instances
    with source.begin() as connection:
        every_table.fill(connection)
    path = tmp_path / "acme.json"
    monkeypatch.setattr("magicloop.portability.__main__.transaction", _on(source))
    command.main(["export", "1", str(path)])
    assert "Exported organisation 1" in capsys.readouterr().out
    monkeypatch.setattr("magicloop.portability.__main__.transaction", _on(target))
    command.main(["import", str(path)])
    assert "Imported “1 name” as organisation 1" in capsys.readouterr().out
    with target.connect() as connection:
        people = connection.execute(select(func.count()).select_from(metadata.tables["user"])).scalar_one()
    assert people == 1
    with pytest.raises(SystemExit, match="Nothing done: These email addresses already have an account"):
        command.main(["import", str(path)])
    path.write_text("{ not json")
    with pytest.raises(SystemExit, match="Nothing done: .* cannot be read as JSON"):
        command.main(["import", str(path)])
    with pytest.raises(SystemExit, match="Nothing done: there is no organisation 7"):
        command.main(["export", "7", str(tmp_path / "none.json")])


def _on(engine: Engine):
    def opened(**kwargs):
        return transaction(engine, **kwargs)

    return opened


def test_times_keep_their_microseconds_and_offset():
    column = metadata.tables["loop"].c.started_at
    moment = dt.datetime(2026, 1, 5, 9, 30, 15, 123456, tzinfo=dt.UTC)
    assert schema.decode(column, schema.encode(column, moment), "loop") == moment
    with pytest.raises(ImportRefused, match="offset"):
        schema.decode(column, "2026-01-05T09:30:15", "loop")


def test_a_culture_pulse_moves_with_its_answers_and_its_links_follow_it(make, db, engine, tmp_path):
    """The pulse, its invitations and its anonymous answers come along; its notifications and the runner's
    timeline point at the pulse as imported."""
    org = make.organisation("Acme Support")
    runner, *asked = (make.user(org, name) for name in ("Ada Owner", "Bo One", "Cy Two", "Di Three"))
    with transaction(engine) as session:
        pulse_id = pulse.start_pulse(session, session.get(User, runner.id), {"title": "Pulse", **{
            f"{INVITE_PREFIX}{p.id}": "on" for p in asked}})  # fmt: skip
    for n, person in enumerate(asked, start=1):
        with transaction(engine) as session:
            scores = {column: str(n) for column, _ in DISCIPLINES}
            pulse.answer(session, session.get(User, person.id), pulse_id, {**scores, "comment": f"Said {n}"})
    document, fresh = moved_elsewhere(engine, org.id, tmp_path)

    with Session(fresh) as there:
        moved = there.exec(select(CulturePulse).where(CulturePulse.title == "Pulse")).one()
        assert moved.id != document["tables"]["culturepulse"][0]["id"]
        links = there.exec(select(Notification.link).where(Notification.kind == "pulse")).all()
        assert set(links) == {pulse_link(moved.id)} and len(links) == 4  # three asked, the runner told it is ready
        subject = there.exec(select(TimelineEvent.subject_id).where(TimelineEvent.kind == "pulse")).one()
        assert subject == moved.id
        answers = there.exec(select(PulseResponse).where(PulseResponse.pulse_id == moved.id)).all()
        assert sorted(a.comment for a in answers) == ["Said 1", "Said 2", "Said 3"]
        assert all(i.answered for i in there.exec(select(PulseInvitation).where(PulseInvitation.pulse_id == moved.id)))
    fresh.dispose()
