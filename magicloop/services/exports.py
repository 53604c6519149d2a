"""Data to download: a person's own, all of it, and an admin's whole organisation (docs/export-format.md).
Each export is in the security log."""

from __future__ import annotations

import dataclasses
import json

from sqlmodel import Session

from magicloop.models import User, utcnow
from magicloop.portability.organisation import export_organisation
from magicloop.portability.personal import export_person
from magicloop.services import audit
from magicloop.services.audit import AuditKind
from magicloop.services.packet_file import slug
from magicloop.services.policy import require_admin


@dataclasses.dataclass(frozen=True)
class Download:
    filename: str
    mime_type: str
    data: bytes


def _json(name: str, document: dict) -> Download:
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return Download(f"magicloop-{slug(name)}-{utcnow().date()}.json", "application/json", text.encode())


def my_data(db: Session, actor: User) -> Download:
    """Everything that is the person's own; nobody can ask for anyone else's."""
    document = export_person(db, actor)
    audit.record(db, AuditKind.EXPORTED, actor=actor, subject=actor, detail="their own data as JSON")
    return _json(actor.display_name, document)


def organisation(db: Session, actor: User) -> Download:
    """The admin's whole organisation, to move it to another instance."""
    require_admin(actor, actor.organisation_id)
    document = export_organisation(db, actor.organisation_id)
    audit.record(db, AuditKind.EXPORTED, actor=actor, detail="the whole organisation as JSON")
    name = document["tables"]["organisation"][0]["name"]
    return _json(f"organisation-{name}", document)
