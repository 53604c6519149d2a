"""Password rules, password hashing and secret tokens."""

from __future__ import annotations

import re

import pytest

from magicloop.services.security import (
    get_password_hash,
    new_token,
    password_problem,
    token_digest,
    verify_password,
)

TOO_COMMON = "That password is too common. Try a few unrelated words together."
PERSONAL = "Don't build your password from your name or email."


def varied(length: int, start: int = 0x4E00) -> str:
    """A password of `length` distinct characters from one Unicode block."""
    return "".join(chr(start + i) for i in range(length))


# --- length -----------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "k9#mQ2!zP7x", "short"])
def test_a_password_under_twelve_characters_is_refused(password):
    assert password_problem(password) in ("Choose a password.", "Use at least 12 characters.")


def test_a_password_of_exactly_twelve_characters_is_accepted():
    assert password_problem("plum-violin9") is None


def test_length_counts_characters_not_bytes():
    assert password_problem(varied(12)) is None
    assert password_problem(varied(11)) == "Use at least 12 characters."


def test_a_password_of_256_characters_is_accepted():
    assert password_problem(("plum orchard violin " * 13)[:256]) is None
    assert password_problem(varied(256)) is None


def test_a_password_of_257_characters_is_refused():
    assert password_problem(("plum orchard violin " * 13)[:257]) == "Use at most 256 characters."


@pytest.mark.parametrize(
    "password", [None, 5, 12.5, ["plum orchard violin"], {"p": "plum orchard violin"}, b"bytes password"]
)
def test_a_password_that_is_not_text_is_refused(password):
    assert password_problem(password) == "Choose a password."


@pytest.mark.parametrize("password", ["plum orchard \ud800 violin", "\udfff" + "plum orchard violin"])
def test_a_password_that_is_not_valid_unicode_text_is_refused_not_failed_on(password):
    assert password_problem(password) is not None


# --- any Unicode, never truncated -------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Kaffee mit Schlagsahne ☕☕",
        "пароль надёжный очень",
        "正しい馬電池ホチキス長い",
        "🦊🐝🌵🎻🍑🚲🧭🪁🐙🌋🎲🧲",
        "e\u0301te\u0301 a\u0300 la plage",
        "tab\tand spaces here",
    ],
)
def test_any_unicode_password_is_accepted_and_verifies(password):
    assert password_problem(password) is None
    stored = get_password_hash(password)
    assert verify_password(password, stored)
    assert not verify_password(password[:-1], stored)


def test_a_long_password_is_not_truncated():
    base = varied(256, start=0x0400)
    differs_at_200 = base[:199] + "!" + base[200:]
    assert password_problem(base) is None and password_problem(differs_at_200) is None
    stored = get_password_hash(base)

    assert verify_password(base, stored)
    assert not verify_password(differs_at_200, stored)
    assert not verify_password(base[:200], stored)


def test_a_password_differing_only_in_its_last_character_does_not_verify():
    password = ("plum orchard violin " * 13)[:256]
    stored = get_password_hash(password)

    assert not verify_password(password[:-1] + "?", stored)


def test_no_password_verifies_against_an_unknown_account():
    assert not verify_password("plum orchard violin 42", None)


def test_passwords_are_hashed_with_argon2id_at_owasp_strength_and_salted():
    first, second = get_password_hash("plum orchard violin 42"), get_password_hash("plum orchard violin 42")

    found = re.match(r"^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=\d+\$", first)
    assert found and int(found[1]) >= 19456 and int(found[2]) >= 2
    assert first != second
    assert "plum orchard violin" not in first


# --- common and personal passwords ------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "Password!2024",
        "PASSWORD123456",
        "qwerty123456",
        "Qwerty!23456",
        "letmein12345",
        "iloveyou!!!!",
        "Summer2024!!",
        "!!Dragon2024!!",
        "monkeymonkey12",
        "correcthorsebatterystaple",
        "aaaaaaaaaaaa",
        "123456789012",
        "abcabcabcabc",
        "qwertyuiopasd",
    ],
)
def test_common_passwords_and_common_words_padded_with_digits_or_symbols_are_refused(password):
    assert password_problem(password) == TOO_COMMON


@pytest.mark.parametrize(
    "password",
    [
        "plum orchard violin 42",
        "copper lantern meadow",
        "my dog eats tuesday's newspaper",
        "Tr0ub4dor&3xylophone",
    ],
)
def test_uncommon_passphrases_are_accepted(password):
    assert password_problem(password) is None


@pytest.mark.parametrize(
    ("password", "personal"),
    [
        ("lovelace rules the loom", ("Ada", "Lovelace")),
        ("LOVELACE1815!!", ("Ada", "Lovelace")),
        ("analytical engine room", ("ada", "analytical", "test")),
        ("my name is grace hopper", ("Grace", "Hopper")),
    ],
)
def test_passwords_built_from_the_persons_name_or_email_are_refused(password, personal):
    assert password_problem(password, personal=personal) == PERSONAL


def test_short_name_parts_do_not_make_every_password_personal():
    assert password_problem("adamant orchard violin", personal=("Ada", "Li", "ada", "li", "com")) is None


# --- tokens -----------------------------------------------------------------------------------


def test_tokens_carry_at_least_128_bits_and_are_url_safe():
    token = new_token()

    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", token)


def test_tokens_are_unique():
    tokens = {new_token() for _ in range(2000)}

    assert len(tokens) == 2000


def test_a_token_digest_is_a_sha256_that_does_not_reveal_the_token():
    token = new_token()

    digest = token_digest(token)

    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert token not in digest and token_digest(token) == digest and token_digest(new_token()) != digest
