"""Downloads through the real event handlers, for everyone around one professional (the world of
test_handlers_refuse.py): the growth packet reaches whoever may see the loops, private notes only their
owner; one's own data is one's own whoever asks; the organisation's export is its admin's alone."""

from __future__ import annotations

import base64
import json

import pytest

from magicloop import routes
from magicloop.state.exports import ExportState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Reply,
    Server,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.test_handlers_refuse import (
    ALWAYS_REFUSED,
    ASK_DONE,
    GOAL,
    NOTE,
    PERSONAS,
    SECRETS,
    M,
    O,
    T,
    World,
)

world = everyone.world  # the professional's loop with a record of every kind, and everyone around it


def downloaded(reply: Reply) -> list[tuple[str, str]]:
    """(file name, text) of each file the reply had the browser download."""
    files = []
    for event in reply.events:
        if event.name == "_download":
            data = event.payload["url"].partition(";base64,")[2]
            files.append((event.payload["filename"], base64.b64decode(data).decode()))
    return files


def packet_of_the_owner(world: World, server: Server, who: str, **form: str) -> tuple[Reply, object]:
    tab = world.tab(server, who)
    tab.open(routes.PROGRESS, person=world.users[O].id)
    return tab.send(ExportState.export_packet, form={"format": "markdown", **form}), tab


@pytest.mark.parametrize("who", (O, M, T))
def test_whoever_may_see_the_loops_downloads_the_packet_and_private_notes_stay_the_owners(world, server, who):
    world.end_access()
    reply, tab = packet_of_the_owner(world, server, who, private_notes="on" if who == O else "")
    [(name, text)] = downloaded(reply)
    assert name.startswith("growth-packet-olivia-owner-") and name.endswith(".md")
    assert GOAL in text and ASK_DONE in text and reply.successes
    assert (NOTE in text) == (who == O)
    if who != O:  # the box, ticked by a client that draws it anyway, is refused beside it
        reply = tab.send(ExportState.export_packet, form={"format": "markdown", "private_notes": "on"})
        assert downloaded(reply) == [] and "private_notes" in tab.state(ExportState).packet_errors


@pytest.mark.parametrize("who", ALWAYS_REFUSED)
def test_no_one_else_downloads_the_packet(world, server, who):
    world.end_access()
    reply, tab = packet_of_the_owner(world, server, who)
    assert not reply.errors and downloaded(reply) == [] and reply.failures, reply.describe()
    assert not tab.state(ExportState).preparing_packet


@pytest.mark.parametrize("who", PERSONAS)
def test_my_data_is_always_the_askers_own(world, server, who):
    tab = world.tab(server, who)
    tab.open(routes.SETTINGS)
    [(_, text)] = downloaded(tab.send(ExportState.download, what="mine"))
    document = json.loads(text)
    assert [row["display_name"] for row in document["tables"]["user"]] == [world.users[who].display_name]
    if who != O:  # what they were told (a notification) is theirs; the professional's loop and notes are not
        assert NOTE not in text and GOAL not in text
        assert {row["owner_id"] for row in document["tables"]["loop"]} <= {world.users[who].id}
    else:
        assert all(secret in text for secret in SECRETS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_an_admin_exports_their_organisation(world, server, who):
    tab = world.tab(server, who)
    tab.open(routes.ADMIN)
    reply = tab.send(ExportState.download, what="organisation")
    files = downloaded(reply)
    if who in ("admin", "outsider"):  # each the admin of their own organisation
        [(_, text)] = files
        assert (GOAL in text) == (who == "admin")
    else:
        assert files == [] and reply.failures and not reply.errors, reply.describe()
