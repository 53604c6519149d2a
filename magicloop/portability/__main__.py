"""`python -m magicloop.portability export ORGANISATION_ID FILE` and `import FILE`, on the database the app
is configured with (DATABASE_URL)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from magicloop.commands import report
from magicloop.db import transaction
from magicloop.models import Organisation
from magicloop.portability.organisation import export_organisation, import_organisation
from magicloop.portability.schema import ImportRefused


def export(organisation_id: int, path: Path) -> str:
    with transaction(write=False) as db:
        if db.get(Organisation, organisation_id) is None:
            raise ImportRefused(f"there is no organisation {organisation_id}.")
        document = export_organisation(db, organisation_id)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    rows = sum(len(rows) for rows in document["tables"].values())
    return f"Exported organisation {organisation_id}: {rows} rows in {len(document['tables'])} tables to {path}."


def import_file(path: Path) -> str:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"{path} cannot be read as JSON ({error}).") from None
    with transaction() as db:
        done = import_organisation(db, document)
    counted = ", ".join(f"{n} {name}" for name, n in done.rows.items())
    return f"Imported “{done.name}” as organisation {done.organisation_id}: {counted}."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m magicloop.portability",
        description="Move an organisation between Magic Loop instances as JSON (see docs/export-format.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    exported = commands.add_parser("export", help="write organisation ORGANISATION_ID to FILE")
    exported.add_argument("organisation_id", type=int)
    exported.add_argument("path", type=Path)
    imported = commands.add_parser("import", help="import FILE as a new organisation, all of it or nothing")
    imported.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command == "export":
        report(lambda: export(args.organisation_id, args.path), ImportRefused)
    else:
        report(lambda: import_file(args.path), ImportRefused)


if __name__ == "__main__":
    main()
