"""What the export files hold, read from the models' metadata: every table and column, less the secrets,
and each value as JSON (docs/export-format.md describes the files).

A table added later is exported as it is, with no change here, unless it holds sign-in secrets: a
column named `token_hash` (or ending in `_token_hash`) is never exported, and a table that cannot do
without one (sessions, invites, the single-use links mailed to reset a password or to confirm an address
or a sign-up) is not exported at all: those links are secrets, and expire within a day anyway.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.types import TypeDecorator

from magicloop.models import metadata

ORGANISATION_FORMAT = "magicloop-organisation"
PERSONAL_FORMAT = "magicloop-personal"
VERSION = 1

# Tables never exported, and why. Tables of tokens (see `is_token_table`) are added to these.
NOT_EXPORTED = {
    "signinthrottle": "counts of failed sign-ins per address on this server: nobody's data",
    "outboxmail": "mail waiting to be sent by this server",
}
TOKEN_TABLE = (
    "sign-in secrets (only their hashes are stored): after a move people sign in again, invites are sent again"
)
# Not in a person's own export: the hash of their password is a secret even from them.
PERSONAL_SECRETS = frozenset({"password_hash"})


class ImportRefused(Exception):
    """A file this instance cannot take, in words a person can act on; nothing was imported."""


def is_token_column(column: Column) -> bool:
    return column.name == "token_hash" or column.name.endswith("_token_hash")


def is_token_table(table: Table) -> bool:
    return any(is_token_column(column) and not column.nullable for column in table.columns)


def not_exported() -> dict[str, str]:
    """Every table of the schema that is not exported, with the reason."""
    tokens = {table.name: TOKEN_TABLE for table in metadata.sorted_tables if is_token_table(table)}
    return NOT_EXPORTED | tokens


def columns(table: Table, *, personal: bool = False) -> list[Column]:
    """The columns of `table` an export carries."""
    return [
        column
        for column in table.columns
        if not is_token_column(column) and not (personal and column.name in PERSONAL_SECRETS)
    ]


def python_type(column: Column) -> type:
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        return kind.python_type
    except NotImplementedError:  # a type with no Python equivalent: its values travel as text
        return str


def encode(column: Column, value: Any) -> Any:
    """A value as JSON holds it: times and dates as ISO 8601 text, the rest as they are."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    raise TypeError(f"{column.table.name}.{column.name}: no JSON form for a {type(value).__name__}")


def decode(column: Column, value: Any, where: str) -> Any:
    """The value a JSON value stands for in `column`; ImportRefused when it cannot be one."""
    name = f"{where}: “{column.name}”"
    if value is None:
        if not column.nullable and not column.primary_key:
            raise ImportRefused(f"{name} is empty but must have a value.")
        return None
    kind = python_type(column)
    try:
        if kind is dt.datetime:
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError
            return moment
        if kind is dt.date:
            return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportRefused(f"{name} is not a {'time with its offset' if kind is dt.datetime else 'date'}.") from None
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ImportRefused(f"{name} is not a whole number.")
    if kind is bool and not isinstance(value, bool):
        raise ImportRefused(f"{name} is not true or false.")
    if kind is str:
        if not isinstance(value, str):
            raise ImportRefused(f"{name} is not text.")
        if (limit := getattr(column.type, "length", None)) and len(value) > limit:
            raise ImportRefused(f"{name} is longer than {limit} characters.")
    return value
