"""Downloads of data: a person's own, all of it and nobody else's, with no secret in it; an admin's whole
organisation, for admins only; both in the security log and both described in docs/export-format.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlmodel import select

from magicloop.models import AuditEvent, Comment, Notification, PrivateNote, TimelineEvent, metadata
from magicloop.portability import graph, schema
from magicloop.services import accounts, exports
from magicloop.services.errors import Forbidden

DOC = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"


@pytest.fixture
def lives(db, make, people, loop):
    """The owner's loop with a private note, the manager's comment on it and the owner's own comment on the
    manager's loop, a notification and a timeline event each, and a session for the owner."""
    theirs = make.loop(people.manager, goal="The manager's own loop")
    db.add_all(
        [
            PrivateNote(loop_id=loop.id, body="My own worry"),
            PrivateNote(loop_id=theirs.id, body="The manager's worry"),
            Comment(loop_id=loop.id, author_id=people.manager.id, subject_kind="loop", subject_id=loop.id, body="Welcome aboard"),
            Comment(loop_id=theirs.id, author_id=people.owner.id, subject_kind="loop", subject_id=theirs.id,
                    body="My word on their loop"),
            Notification(recipient_id=people.owner.id, kind="ask", message="For the owner"),
            Notification(recipient_id=people.manager.id, kind="ask", message="For the manager"),
            TimelineEvent(owner_id=people.owner.id, kind="loop", summary="The owner's history"),
            TimelineEvent(owner_id=people.manager.id, kind="loop", summary="The manager's history"),
        ]
    )  # fmt: skip
    db.commit()
    return accounts.start_session(db, people.owner)


def test_my_data_is_everything_of_mine_and_nothing_of_anyone_elses(db, people, loop, lives):
    download = exports.my_data(db, people.owner)
    document = json.loads(download.data)
    text = download.data.decode()
    assert (document["format"], document["version"], document["person_id"]) == (
        "magicloop-personal",
        1,
        people.owner.id,
    )
    assert download.filename.startswith("magicloop-ada-owner-") and download.mime_type == "application/json"
    tables = document["tables"]
    for mine in (
        "Lead our VoC programme by Q3",
        "My own worry",
        "My word on their loop",
        "For the owner",
        "Welcome aboard",
    ):
        assert mine in text
    for theirs in ("The manager's own loop", "The manager's worry", "For the manager", "The manager's history"):
        assert theirs not in text
    assert [row["id"] for row in tables["user"]] == [people.owner.id]
    assert {row["mentor_id"] for row in tables["mentorgrant"]} == {
        people.mentor.id,
        people.expired_mentor.id,
        people.revoked_mentor.id,
    }
    assert document["people"][str(people.manager.id)] == "Max Manager"
    assert len(tables["competency"]) == 8, "the framework its ratings refer to"
    assert "password_hash" not in text and people.owner.password_hash not in text
    assert "authsession" not in tables and "token_hash" not in text and lives not in text
    assert db.exec(select(AuditEvent.detail)).all() == ["their own data as JSON"]


def test_only_an_admin_exports_their_own_organisation(db, people, loop, lives):
    for refused in (people.owner, people.manager, people.mentor):
        with pytest.raises(Forbidden):
            exports.organisation(db, refused)
    download = exports.organisation(db, people.admin)
    document = json.loads(download.data)
    assert document["format"] == "magicloop-organisation" and download.filename.startswith("magicloop-organisation-")
    names = {row["display_name"] for row in document["tables"]["user"]}
    assert "Ada Owner" in names and "Olu Outsider" not in names
    # Decided: password hashes travel, so people sign in with their own passwords after a move.
    assert {row["password_hash"] for row in document["tables"]["user"]} == {people.owner.password_hash}
    assert "authsession" not in document["tables"] and lives not in download.data.decode()
    outsider = json.loads(exports.organisation(db, people.outsider_admin).data)
    assert {row["display_name"] for row in outsider["tables"]["user"]} == {"Olu Outsider", "Olu Admin"}
    assert db.exec(select(AuditEvent.detail)).all() == ["the whole organisation as JSON"] * 2


def test_the_format_is_documented_table_by_table():
    """A table added later is exported without code; its line in the documentation is all it needs."""
    documented = set(re.findall(r"^\| `(\w+)` \|", DOC.read_text(), re.MULTILINE))
    exported = {t.name for t in metadata.sorted_tables} - set(schema.not_exported())
    assert exported <= documented, f"tables to describe in {DOC.name}: {sorted(exported - documented)}"
    assert f"version {schema.VERSION}" in DOC.read_text()
    for name in schema.not_exported():
        assert f"`{name}`" in DOC.read_text()
    assert set(graph.person_scopes(1, 1)) <= exported
