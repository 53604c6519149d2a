"""What a use case can refuse, in words a person can read."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal whose message is safe to show to the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInput(ServiceError):
    """Input that fails validation; `field_errors` maps field ids to messages."""

    def __init__(self, field_errors: dict[str, str], message: str = "Please correct the highlighted fields."):
        super().__init__(message)
        self.field_errors = field_errors


class Forbidden(ServiceError):
    def __init__(self, message: str = "You don't have access to that."):
        super().__init__(message)


class NotFound(ServiceError):
    def __init__(self, message: str = "That no longer exists."):
        super().__init__(message)


class SignedOut(ServiceError):
    """No valid session: missing, expired, ended elsewhere, or the account is disabled."""
