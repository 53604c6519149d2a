"""Which rows belong to an organisation or a person, and the order tables are written in, worked out
from the foreign keys of the models' metadata (and the references without one, references.py)."""

from __future__ import annotations

from sqlalchemy import Column, Select, Table, and_, or_, select
from sqlalchemy.sql.ddl import sort_tables

from magicloop.models import metadata
from magicloop.portability import references
from magicloop.portability.schema import not_exported

ROOT = "organisation"
# The columns that say a row is a person's own: theirs, sent to them, written by them, about their lines.
PERSONAL_COLUMNS = ("owner_id", "recipient_id", "author_id", "user_id", "mentor_id", "report_id", "manager_id")


def foreign_keys(table: Table) -> list[tuple[Column, Table]]:
    """(column, the table it points at) of each foreign key to another table."""
    found = []
    for column in table.columns:
        for key in column.foreign_keys:
            if key.column.table is not table:
                found.append((column, key.column.table))
    return found


def self_references(table: Table) -> list[Column]:
    return [c for c in table.columns for key in c.foreign_keys if key.column.table is table]


def in_order() -> list[Table]:
    """Every table, each after those it points at, with or without a foreign key."""
    extra = [
        (metadata.tables[target], table)
        for table in metadata.tables.values()
        for target in references.targets(table.name)
        if target in metadata.tables
    ]
    return list(sort_tables(metadata.tables.values(), extra_dependencies=extra))


def organisation_scopes(organisation_id: int) -> dict[str, Select]:
    """For each exported table that belongs to organisations, the select of its rows in this one.

    A row belongs to the organisation when every required foreign key (to a table that belongs to it)
    points at a row of it; a table with only optional ones, when any does. A table whose required
    foreign key points at a table that is not exported is not exported either."""
    skipped = not_exported()
    scopes: dict[str, Select] = {}
    for table in in_order():
        if table.name in skipped:
            continue
        if table.name == ROOT:
            scopes[ROOT] = select(table).where(table.c.id == organisation_id)
            continue
        keys = foreign_keys(table)
        if any(not c.nullable and target.name not in scopes for c, target in keys):
            continue
        inside = [(c, target) for c, target in keys if target.name in scopes]
        required = [_points_into(c, scopes[target.name]) for c, target in inside if not c.nullable]
        optional = [_points_into(c, scopes[target.name]) for c, target in inside if c.nullable]
        if required or optional:
            scopes[table.name] = select(table).where(and_(*required) if required else or_(*optional))
    return scopes


def _points_into(column: Column, scope: Select):
    """`column` names a row of `scope`."""
    target = next(iter(column.foreign_keys)).column
    return column.in_(scope.with_only_columns(scope.selected_columns[target.name]))


def person_scopes(person_id: int, organisation_id: int) -> dict[str, Select]:
    """For each exported table, the select of a person's own rows in it: their user row, their loops and
    everything in them, the rows that name them (PERSONAL_COLUMNS), and their organisation's shared
    records that name no person (its competency framework)."""
    organisation = organisation_scopes(organisation_id)
    people = metadata.tables["user"]
    loops = metadata.tables["loop"]
    my_loops = select(loops.c.id).where(loops.c.owner_id == person_id)
    scopes: dict[str, Select] = {}
    for table in in_order():
        if table.name not in organisation:
            continue
        if table.name == people.name:
            scopes[table.name] = select(table).where(table.c.id == person_id)
            continue
        keys = foreign_keys(table)
        mine = [c.in_(my_loops) for c, target in keys if target is loops]
        mine += [c == person_id for c, target in keys if target is people and c.name in PERSONAL_COLUMNS]
        if mine:
            scopes[table.name] = select(table).where(or_(*mine))
        elif _names_no_person(table):
            scopes[table.name] = organisation[table.name]
    return scopes


def _names_no_person(table: Table, seen: frozenset = frozenset()) -> bool:
    """Whether no row of `table` leads to a person through its foreign keys (shared records)."""
    if table.name == "user" or table.name in seen:
        return table.name != "user"
    return all(_names_no_person(target, seen | {table.name}) for _, target in foreign_keys(table))
