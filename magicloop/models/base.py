"""Column types and helpers shared by every table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so migrations read the same on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend.

    SQLite keeps no offset, so values are stored as naive UTC and given their
    UTC offset back on the way out; PostgreSQL stores `timestamptz`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def timestamp(*, nullable: bool = False, index: bool = False, default_now: bool = False) -> Any:
    """A UTC timestamp field; `default_now` fills it at insert time."""
    kwargs: dict[str, Any] = {"sa_type": UTCDateTime, "nullable": nullable, "index": index}
    if default_now:
        kwargs["default_factory"] = utcnow
    else:
        kwargs["default"] = None
    return Field(**kwargs)


def foreign_key(target: str, *, nullable: bool = False, index: bool = True, cascade: bool = True) -> Any:
    """A foreign key column; rows owned by a parent go with it when it is deleted."""
    return Field(
        default=None,
        foreign_key=target,
        nullable=nullable,
        index=index,
        ondelete="CASCADE" if cascade else ("SET NULL" if nullable else "RESTRICT"),
    )


class Versioned(SQLModel):
    """A row people edit. Its version is SQLAlchemy's `version_id_col`: every UPDATE the ORM issues for it
    says `WHERE version = <the one read>` and sets the next one, so a write based on an older read matches
    no row and fails (StaleDataError) instead of overwriting; services/versions.py checks the version a
    form was opened at against it."""

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}
