"""An organisation as one JSON document, and such a document imported as a new organisation.

The export reads each table once (one statement a table, in one transaction). The import writes the
rows table by table, parents first, each under a new id, with every reference to it made new too; it
runs in the caller's transaction, so a file it refuses leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from sqlalchemy import Column, Table, bindparam, insert, update
from sqlmodel import Session, select

from magicloop.models import User, metadata, utcnow
from magicloop.portability import graph, older, references, schema
from magicloop.portability.references import Ids
from magicloop.portability.schema import ImportRefused
from magicloop.services import audit
from magicloop.services.audit import AuditKind


@dataclasses.dataclass(frozen=True)
class Imported:
    organisation_id: int
    name: str
    rows: dict[str, int]  # table → rows imported


def key_of(table: Table) -> Column:
    return next(iter(table.primary_key))


def read(db: Session, scopes: dict, *, personal: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table in `scopes`, its exported columns as JSON values, in table order."""
    found = {}
    for table in graph.in_order():
        if table.name in scopes:
            columns = schema.columns(table, personal=personal)
            query = scopes[table.name].with_only_columns(*columns).order_by(key_of(table))
            found[table.name] = [
                {c.name: schema.encode(c, row[c.name]) for c in columns}
                for row in db.connection().execute(query).mappings()
            ]
    return found


def export_organisation(db: Session, organisation_id: int) -> dict[str, Any]:
    tables = read(db, graph.organisation_scopes(organisation_id))
    kept = {name: {row[key_of(metadata.tables[name]).name] for row in rows} for name, rows in tables.items()}
    for name, rows in tables.items():  # an optional reference to a row that stays behind is left empty
        table = metadata.tables[name]
        for column in table.columns:
            for key in column.foreign_keys:
                if column.nullable:
                    there = kept.get(key.column.table.name, set())
                    for row in rows:
                        if row[column.name] is not None and row[column.name] not in there:
                            row[column.name] = None
    return {
        "format": schema.ORGANISATION_FORMAT,
        "version": schema.VERSION,
        "exported_at": utcnow().isoformat(),
        "not_exported": schema.not_exported(),
        "tables": tables,
    }


def tables_of(document: object, expected: str) -> dict[str, list]:
    """The tables of a document in `expected` format and this version, or ImportRefused."""
    if not isinstance(document, dict) or document.get("format") != expected:
        raise ImportRefused(f"This is not a Magic Loop organisation export (“format” is not “{expected}”).")
    version = document.get("version")
    if version != schema.VERSION:
        raise ImportRefused(
            f"The file is in version {version!r} of the format; this Magic Loop reads version {schema.VERSION}."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()):
        raise ImportRefused("The file's “tables” must map each table's name to a list of rows.")
    skipped = schema.not_exported()
    unknown = sorted(name for name in tables if name not in metadata.tables or name in skipped)
    if unknown:
        raise ImportRefused(f"The file has tables this Magic Loop does not import: {', '.join(unknown)}.")
    if len(tables.get(graph.ROOT, [])) != 1:
        raise ImportRefused("The file must hold exactly one organisation.")
    return tables


def import_organisation(db: Session, document: object) -> Imported:
    """`document` (as `export_organisation` makes it) as a new organisation, or ImportRefused."""
    tables = older.filled(tables_of(document, schema.ORGANISATION_FORMAT))
    _refuse_taken_emails(db, tables.get("user", []))
    ids: Ids = {}
    for table in graph.in_order():
        rows = tables.get(table.name, [])
        if rows:
            ids[table.name] = _insert(db, table, rows, ids)
    organisation_id = next(iter(ids[graph.ROOT].values()))
    detail = f"from a file exported {str(document.get('exported_at', ''))[:40]}"
    audit.record(db, AuditKind.IMPORTED, organisation_id=organisation_id, detail=detail)
    name = tables[graph.ROOT][0].get("name", "")
    return Imported(organisation_id, name, {name: len(rows) for name, rows in tables.items() if rows})


def _refuse_taken_emails(db: Session, people: list) -> None:
    emails = [row.get("email") for row in people if isinstance(row, dict) and isinstance(row.get("email"), str)]
    taken = sorted(db.exec(select(User.email).where(User.email.in_(emails))).all()) if emails else []
    if taken:
        shown = ", ".join(taken[:5]) + (f" and {len(taken) - 5} more" if len(taken) > 5 else "")
        raise ImportRefused(f"These email addresses already have an account on this instance: {shown}.")
    if len(set(emails)) != len(emails):
        repeated = sorted(email for email, n in Counter(emails).items() if n > 1)
        raise ImportRefused(f"The file names these email addresses more than once: {', '.join(repeated)}.")


def _insert(db: Session, table: Table, rows: list, ids: Ids) -> dict[int, int]:
    """The rows under new ids, references made new; old id → new id."""
    key = key_of(table)
    columns = {c.name: c for c in schema.columns(table) if c is not key}
    olds, prepared, later, seen = [], [], [], set()
    for n, raw in enumerate(rows, start=1):
        where = f"{table.name}, row {n}"
        if not isinstance(raw, dict):
            raise ImportRefused(f"{where} is not an object of column values.")
        if extra := sorted(set(raw) - set(columns) - {key.name}):
            raise ImportRefused(f"{where} has columns this Magic Loop does not know: {', '.join(extra)}.")
        old = raw.get(key.name)
        if not isinstance(old, int) or isinstance(old, bool) or old in seen:
            raise ImportRefused(f"{where}: its “{key.name}” must be a whole number no other row of it has.")
        row = {name: _value(column, raw, where, ids) for name, column in columns.items()}
        later.append({c.name: row.pop(c.name) for c in graph.self_references(table)})
        references.remap(table.name, row, ids)
        olds.append(old)
        seen.add(old)
        prepared.append(row)
    made = db.connection().execute(insert(table).returning(key, sort_by_parameter_order=True), prepared)
    ids[table.name] = dict(zip(olds, made.scalars().all(), strict=True))
    _link_within(db, table, key, olds, later, ids[table.name])
    return ids[table.name]


def _value(column: Column, raw: dict, where: str, ids: Ids) -> Any:
    if column.name not in raw:  # a column added after the file was made: its default
        default = column.default.arg if column.default is not None and not callable(column.default.arg) else None
        if default is None and not column.nullable:
            raise ImportRefused(f"{where} lacks its “{column.name}”.")
        return default
    value = schema.decode(column, raw[column.name], where)
    for key in column.foreign_keys:
        target = key.column.table.name
        if value is not None and target != column.table.name:
            if value not in ids.get(target, {}):
                raise ImportRefused(f"{where}: “{column.name}” points at {target} {value}, which the file lacks.")
            value = ids[target][value]
    return value


def _link_within(db: Session, table: Table, key: Column, olds: list, later: list[dict], new: dict[int, int]) -> None:
    """References to rows of the same table (a reply's parent, a loop's previous loop), set once all have ids."""
    changes = []
    for old, values in zip(olds, later, strict=True):
        for name, value in values.items():
            if value is not None:
                if value not in new:
                    raise ImportRefused(
                        f"{table.name} {old}: “{name}” points at {table.name} {value}, which the file lacks."
                    )
                changes.append({"_row": new[old], "_column": name, "_value": new[value]})
    for name in {change["_column"] for change in changes}:
        statement = update(table).where(key == bindparam("_row")).values({name: bindparam("_value")})
        db.connection().execute(statement, [c for c in changes if c["_column"] == name])
