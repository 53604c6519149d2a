"""The organisation's own competency framework: an admin edits a draft of the current version — renames,
describes, adds, retires and reorders competencies — and publishes it whole as the next version.

New loops start on the current version; a loop keeps the version it started on, so its ratings keep their
meaning. A competency keeps its key through every version that keeps it, which is how ratings in loops on
different versions are set side by side. The draft lives in the admin's form until it is published, and is
published only over the version it was opened at: a draft opened before someone else published is refused,
whole, with what was typed kept in the form.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import update
from sqlmodel import Session, select

from magicloop.models import Competency, CompetencyFramework, Organisation, User
from magicloop.services.audit import AuditKind, record
from magicloop.services.dates import local_day
from magicloop.services.errors import InvalidInput, ServiceError
from magicloop.services.policy import Action, authorize
from magicloop.services.ratings import framework_competencies
from magicloop.services.validation import FormCheck
from magicloop.services.words import counted

MAX_COMPETENCIES = 40
NEW = "new-"  # a draft row not in the current version yet: "new-1", "new-2", …
BASED_ON = "based_on"  # the version the draft was opened at
ORDER = "order"  # the draft's rows, top to bottom, comma-separated


@dataclasses.dataclass(frozen=True)
class CompetencyEntry:
    key: str
    name: str
    description: str


@dataclasses.dataclass(frozen=True)
class FrameworkView:
    name: str
    version: int
    published_on: str  # "4 Dec 2026", where the admin is
    competencies: list[CompetencyEntry]


@dataclasses.dataclass(frozen=True)
class _Row:
    key: str  # "" for a new competency
    name: str
    description: str


def current_framework(db: Session, organisation_id: int) -> CompetencyFramework:
    query = (
        select(CompetencyFramework)
        .where(CompetencyFramework.organisation_id == organisation_id, CompetencyFramework.is_current.is_(True))
        .order_by(CompetencyFramework.version.desc())
        .limit(1)
    )
    return db.exec(query).one()


def current_competencies(db: Session, organisation_id: int) -> list[Competency]:
    """What a loop started now is rated against."""
    return framework_competencies(db, current_framework(db, organisation_id).id)


def _authorized(db: Session, actor: User) -> CompetencyFramework:
    authorize(db, actor, Action.EDIT_FRAMEWORK, db.get(Organisation, actor.organisation_id))
    return current_framework(db, actor.organisation_id)


def _view(db: Session, actor: User, framework: CompetencyFramework) -> FrameworkView:
    return FrameworkView(
        name=framework.name,
        version=framework.version,
        published_on=local_day(framework.created_at, actor.time_zone).strftime("%-d %b %Y"),
        competencies=[CompetencyEntry(c.key, c.name, c.description) for c in framework_competencies(db, framework.id)],
    )


def framework_page(db: Session, actor: User) -> FrameworkView:
    """The current version, for an admin to start a draft from."""
    return _view(db, actor, _authorized(db, actor))


def publish(db: Session, actor: User, data: dict) -> FrameworkView:
    """The draft in `data` as the next version (see the module's docstring); returns it as now current."""
    current = _authorized(db, actor)
    form = FormCheck(data)
    name = form.text("name", "Framework name", max_len=120)
    rows = _draft_rows(form, {c.key for c in framework_competencies(db, current.id)})
    if form.data.get(BASED_ON) != str(current.version):
        form.fail(
            "framework",
            f"Version {current.version} was published while you edited this draft, so nothing was published. "
            "What you typed is still in the form: reload to start again from the new version.",
        )
    form.raise_if_errors()
    was = [_Row(c.key, c.name, c.description) for c in framework_competencies(db, current.id)]
    if name == current.name and rows == was:
        raise InvalidInput({"framework": "Nothing has changed yet: rename, describe, add or retire a competency."})
    # Conditional, so that of two admins publishing over the same version at once, one is refused.
    taken = db.exec(
        update(CompetencyFramework)
        .where(CompetencyFramework.id == current.id, CompetencyFramework.is_current.is_(True))
        .values(is_current=False)
    )
    if taken.rowcount != 1:
        raise ServiceError("Someone else published a version at the same moment: reload to see it.")
    published = CompetencyFramework(
        organisation_id=current.organisation_id, version=current.version + 1, name=name, is_current=True
    )
    db.add(published)
    db.flush()
    for position, row in enumerate(rows, start=1):
        kept = {"key": row.key} if row.key else {}  # a new competency gets a key of its own
        db.add(
            Competency(framework_id=published.id, position=position, name=row.name, description=row.description, **kept)
        )
    db.flush()
    record(db, AuditKind.FRAMEWORK_PUBLISHED, actor=actor, detail=_summary(published.version, was, rows))
    return _view(db, actor, published)


def _draft_rows(form: FormCheck, keys: set[str]) -> list[_Row]:
    """The draft's competencies, checked: each row is a key of the current version or a new one, at most once;
    a retired row is left out, a new row left blank is ignored; names are unique, whatever their case."""
    order = form.data.get(ORDER)
    ids = order.split(",") if isinstance(order, str) and order else []
    if len(ids) > MAX_COMPETENCIES + len(keys) or len(set(ids)) != len(ids):
        form.fail("competencies", "The draft could not be read: reload the page.")
        return []
    rows, names = [], {}
    for row_id in ids:
        if row_id not in keys and not (row_id.startswith(NEW) and row_id[len(NEW) :].isdigit()):
            form.fail("competencies", "The draft could not be read: reload the page.")
            return []
        if form.data.get(f"retire-{row_id}") in ("on", True, "true"):
            continue
        raw_name, raw_description = form.data.get(f"name-{row_id}"), form.data.get(f"description-{row_id}")
        if row_id.startswith(NEW) and _blank(raw_name) and _blank(raw_description):
            continue
        name = form.text(f"name-{row_id}", "Name", max_len=120)
        description = form.text(f"description-{row_id}", "Description", max_len=500, required=False, multiline=True)
        if name and name.casefold() in names:
            form.fail(f"name-{row_id}", f"“{names[name.casefold()]}” is already in this version: choose another name.")
        names.setdefault(name.casefold(), name)
        rows.append(_Row(row_id if row_id in keys else "", name, description))
    if not rows and "competencies" not in form.errors:
        form.fail("competencies", "Keep at least one competency: a framework needs something to rate.")
    elif len(rows) > MAX_COMPETENCIES:
        form.fail("competencies", f"A framework holds at most {MAX_COMPETENCIES} competencies.")
    return rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _summary(version: int, was: list[_Row], now: list[_Row]) -> str:
    kept = {row.key: row for row in now if row.key}
    renamed = sum(1 for row in was if row.key in kept and kept[row.key].name != row.name)
    added = sum(1 for row in now if not row.key)
    retired = sum(1 for row in was if row.key not in kept)
    return (
        f"version {version}: {counted(len(now), 'competency', 'competencies')}; "
        f"{renamed} renamed, {added} added, {retired} retired"
    )
