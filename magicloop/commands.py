"""What the project's command-line tools share: an operation done whole or not at all, and said so."""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError


def report(operation: Callable[[], str], refusal: type[Exception]) -> None:
    """Print what `operation` did, or exit saying nothing was done and why, without a stack trace."""
    try:
        print(operation())
    except refusal as error:
        sys.exit(f"Nothing done: {error}")
    except SQLAlchemyError as error:
        sys.exit(f"Nothing done: the database refused: {getattr(error, 'orig', None) or error}")
