"""The security controls that depend on MAGICLOOP_PUBLIC_URL and MAGICLOOP_ALLOWED_ORIGINS, for the cases
the browser tests' plain-http server on localhost cannot show."""

from __future__ import annotations

import pytest

from magicloop.config import get_settings


@pytest.fixture
def settings_from(monkeypatch):
    def read(**env: str):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        return get_settings()

    yield read
    get_settings.cache_clear()


def test_only_the_public_url_is_an_allowed_origin_by_default(settings_from, monkeypatch) -> None:
    monkeypatch.delenv("MAGICLOOP_ALLOWED_ORIGINS", raising=False)
    settings = settings_from(MAGICLOOP_PUBLIC_URL="https://loops.example.com/")
    assert settings.allowed_origins == ("https://loops.example.com",)


def test_more_origins_come_only_from_magicloop_allowed_origins(settings_from) -> None:
    settings = settings_from(
        MAGICLOOP_PUBLIC_URL="https://loops.example.com",
        MAGICLOOP_ALLOWED_ORIGINS=" https://staging.example.com/, ,http://localhost:3000",
    )
    assert settings.allowed_origins == (
        "https://loops.example.com",
        "https://staging.example.com",
        "http://localhost:3000",
    )
