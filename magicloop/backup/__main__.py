"""`python -m magicloop.backup create|restore PATH [--force]`, on the database the app is configured with."""

from __future__ import annotations

import argparse
from pathlib import Path

from magicloop.backup import BackupError, create, restore
from magicloop.commands import report
from magicloop.config import get_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m magicloop.backup",
        description="Back up the database the app runs on (DATABASE_URL, by default data/magicloop.db) while "
        "it runs, or restore it from a backup.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("create", help="write a consistent backup of the database to PATH")
    made.add_argument("path", type=Path)
    made.add_argument("--force", action="store_true", help="replace PATH when it exists")
    restored = commands.add_parser("restore", help="replace the database with the backup at PATH (stop the app first)")
    restored.add_argument("path", type=Path)
    restored.add_argument("--force", action="store_true", help="replace a database that holds rows")
    args = parser.parse_args(argv)
    action = create if args.command == "create" else restore
    report(lambda: action(get_settings().database_url, args.path, force=args.force), BackupError)


if __name__ == "__main__":
    main()
