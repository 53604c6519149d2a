"""A person's own data as one JSON document: their account (no password hash, no tokens), their loops
and everything in them, private notes included, their comments, notifications, timeline, mentor grants
and reporting lines, and their organisation's competency framework the ratings refer to."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from magicloop.models import User, metadata, utcnow
from magicloop.portability import graph, schema
from magicloop.portability.organisation import read


def export_person(db: Session, person: User) -> dict[str, Any]:
    tables = read(db, graph.person_scopes(person.id, person.organisation_id), personal=True)
    named = set()
    for name, rows in tables.items():
        for column, target in graph.foreign_keys(metadata.tables[name]):
            if target.name == "user":
                named |= {row[column.name] for row in rows if row[column.name] is not None}
    named.discard(person.id)
    people = db.exec(select(User.id, User.display_name).where(User.id.in_(sorted(named)))).all() if named else []
    return {
        "format": schema.PERSONAL_FORMAT,
        "version": schema.VERSION,
        "exported_at": utcnow().isoformat(),
        "person_id": person.id,
        "people": {str(user_id): name for user_id, name in sorted(people)},
        "tables": tables,
    }
