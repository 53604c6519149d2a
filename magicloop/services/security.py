"""Password hashing and secret tokens, behind a few functions so the scheme can
change in one place."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from importlib import resources

from passlib.context import CryptContext

from magicloop.services.validation import has_bad_characters

PASSWORD_MIN = 12
PASSWORD_MAX = 256

# argon2id at OWASP's minimum or above: 19 MiB of memory, 2 passes.
_passwords = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19_456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)
# Verified against when the email is unknown, so both cases take as long.
_DUMMY_HASH = _passwords.hash("no account has this password")


def get_password_hash(password: str) -> str:
    return _passwords.hash(password)


def needs_rehash(password_hash: str) -> bool:
    """Hashed with another scheme or weaker parameters than today's."""
    return _passwords.needs_update(password_hash)


def verify_password(password: str, password_hash: str | None) -> bool:
    if has_bad_characters(password):
        return False  # can't have been set: password_problem refuses such passwords
    if not password_hash:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return _passwords.verify(password, password_hash)


def password_problem(password: object, *, personal: tuple[str, ...] = ()) -> str | None:
    """Why this password can't be used, or None. Any Unicode, never truncated."""
    if not isinstance(password, str) or not password:
        return "Choose a password."
    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    if has_bad_characters(password):
        return "That password contains characters that can't be typed; choose another."
    folded = password.casefold()
    if folded in _common_passwords() or _is_common_pattern(folded):
        return "That password is too common. Try a few unrelated words together."
    for word in personal:
        if len(word) >= 4 and word.casefold() in folded:
            return "Don't build your password from your name or email."
    return None


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("magicloop.services").joinpath("common_passwords.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def _is_common_pattern(folded: str) -> bool:
    """Common words padded with digits and symbols, repeats, and keyboard runs."""
    if len(set(folded)) <= 3:
        return True
    letters = "".join(ch for ch in folded if ch.isalpha())
    for size in range(1, len(letters) + 1):
        unit = letters[:size]
        if unit * (len(letters) // size) == letters and unit in _common_passwords():
            return True
    for run in ("0123456789012", "9876543210987", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz"):
        if folded in run:
            return True
    return False


def new_token() -> str:
    """A random secret with 256 bits of entropy, safe in a URL."""
    return secrets.token_urlsafe(32)


def is_token_shaped(value: object) -> bool:
    """Whether a value could be one of our tokens at all (checked before any lookup)."""
    return isinstance(value, str) and 0 < len(value) <= 100 and value.isascii() and value.isprintable()


def token_digest(token: str) -> str:
    """What the database keeps instead of a token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
