"""Ids that point at rows without a foreign key: a comment's subject ("ask", 12), a carried item, a COE
review's item, a timeline event's subject (a culture pulse's too), and the ids inside a notification's link. An import gives
rows new ids, so these are given the new ids too.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from magicloop import routes
from magicloop.models import ActionStep, CulturePulse, GrowthConversation
from magicloop.services.comments import SUBJECTS
from magicloop.services.loops import CARRIED_KINDS
from magicloop.services.notifications import CARDS

# A subject kind → the table its id is in. The timeline names a growth conversation in full.
KIND_TABLES = {
    kind: model.__tablename__
    for kind, model in {
        **SUBJECTS,
        **CARRIED_KINDS,
        "action_step": ActionStep,
        "growth_conversation": GrowthConversation,
        "pulse": CulturePulse,  # a timeline event's subject
    }.items()
}
# (table, its kind column, its id column)
BY_KIND = (
    ("comment", "subject_kind", "subject_id"),
    ("coereview", "subject_kind", "subject_id"),
    ("timelineevent", "subject_kind", "subject_id"),
    ("carrieditem", "item_kind", "item_id"),
)
LINKS = (("notification", "link"),)
_CARD_KINDS = {card: kind for kind, card in CARDS.items()}  # "step" → "action_step"
NOWHERE = 0  # the id given to a reference whose row did not come along: no row has it

Ids = dict[str, dict[int, int]]  # table → old id → new id


def targets(table: str) -> set[str]:
    """The tables `table`'s rows may point at without a foreign key (imported before it)."""
    found = set()
    if any(name == table for name, _, _ in BY_KIND):
        found |= set(KIND_TABLES.values())
    if any(name == table for name, _ in LINKS):
        found |= {"loop", "user"} | set(KIND_TABLES.values())
    return found - {table}


def remap(table: str, row: dict, ids: Ids) -> None:
    """`row` (about to be imported into `table`) with its ids that have no foreign key made new."""
    for name, kind_column, id_column in BY_KIND:
        if name == table and row.get(id_column) is not None:
            target = KIND_TABLES.get(row.get(kind_column))
            if target is not None:  # a kind this version does not know keeps its id
                row[id_column] = ids.get(target, {}).get(row[id_column], NOWHERE)
    for name, column in LINKS:
        if name == table and isinstance(row.get(column), str):
            row[column] = remap_link(row[column], ids)


def _new(ids: Ids, table: str | None, old: str) -> str:
    if table is None or not old.isdigit():
        return old
    return str(ids.get(table, {}).get(int(old), NOWHERE))


def _kind_and_id(value: str, ids: Ids, kinds: dict[str, str]) -> str:
    """ "ask-12" with the new id of ask 12."""
    kind, _, old = value.rpartition("-")
    return f"{kind}-{_new(ids, KIND_TABLES.get(kinds.get(kind, kind)), old)}" if kind else value


def remap_link(link: str, ids: Ids) -> str:
    """A link to a loop (its item and thread), to a person's progress or to a culture pulse, pointing at the new
    ids."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or parts.path not in (routes.LOOP, routes.PROGRESS, routes.PULSE_VIEW):
        return link
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key == "id" and parts.path == routes.LOOP:
            value = _new(ids, "loop", value)
        elif key == "id" and parts.path == routes.PULSE_VIEW:
            value = _new(ids, "culturepulse", value)
        elif key == "person" and parts.path == routes.PROGRESS:
            value = _new(ids, "user", value)
        elif key == "item":
            value = _kind_and_id(value, ids, _CARD_KINDS)
        elif key == "thread":
            value = _kind_and_id(value, ids, {})
        query.append((key, value))
    return parts._replace(query=urlencode(query)).geturl()
