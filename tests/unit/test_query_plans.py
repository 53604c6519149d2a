"""The lookups the pages make find their rows through an index, not a scan of the table (SQLite's plan)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from magicloop.db import make_engine
from magicloop.models import metadata

LOOKUPS = {
    "a deleted item's history": (
        "SELECT id FROM timelineevent WHERE subject_kind = 'ask' AND subject_id = 1",
        "ix_timelineevent_subject",
    ),
    "the loops an item was carried into": (
        "SELECT loop_id FROM carrieditem WHERE item_kind = 'ask' AND item_id = 1",
        "ix_carrieditem_item",
    ),
    "an item's COE review": (
        "SELECT id FROM coereview WHERE subject_kind = 'ask' AND subject_id = 1",
        "ix_coereview_subject",
    ),
    "the inbox, newest first": (
        "SELECT id FROM notification WHERE recipient_id = 1 ORDER BY created_at DESC, id DESC LIMIT 21",
        "ix_notification_recipient_created",
    ),
}


@pytest.fixture(scope="module")
def sqlite():
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("lookup", LOOKUPS)
def test_each_lookup_searches_its_index_instead_of_scanning(sqlite, lookup):
    query, index = LOOKUPS[lookup]
    with sqlite.connect() as connection:
        plan = " / ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    assert f"INDEX {index}" in plan and "SCAN" not in plan and "TEMP B-TREE" not in plan, plan
