"""Get the database ready before the app starts: `python -m magicloop.prepare`.

Applies migrations, and with MAGICLOOP_DEMO=1 seeds the demo organisation.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from magicloop.config import PROJECT_ROOT, get_settings


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def upgrade_to_head() -> None:
    command.upgrade(alembic_config(), "head")


def main() -> None:
    upgrade_to_head()
    if get_settings().demo:
        from magicloop.db import transaction
        from magicloop.services.demo import seed_demo

        with transaction() as db:
            print(seed_demo(db), flush=True)


if __name__ == "__main__":
    main()
