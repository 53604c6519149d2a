"""Settings, read once from the environment into one typed object."""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclasses.dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    public_url: str
    extra_origins: tuple[str, ...]
    session_absolute_minutes: int
    session_idle_minutes: int
    invite_days: int
    sign_ups_per_hour: int  # from one client address
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_sender: str
    smtp_starttls: bool
    demo: bool

    @property
    def public_origin(self) -> str:
        """The scheme and host people's browsers send as `Origin`."""
        url = urlsplit(self.public_url)
        return f"{url.scheme}://{url.netloc}"

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        """The only origins whose pages may open the app's socket or call it across origins."""
        return (self.public_origin, *self.extra_origins)

    @property
    def smtp_enabled(self) -> bool:
        return bool(self.smtp_host)


@functools.cache
def get_settings() -> Settings:
    data_dir = Path(os.environ.get("MAGICLOOP_DATA_DIR", PROJECT_ROOT / "data"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'magicloop.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        public_url=os.environ.get("MAGICLOOP_PUBLIC_URL", "http://localhost:3000").rstrip("/"),
        extra_origins=tuple(
            origin.strip().rstrip("/")
            for origin in os.environ.get("MAGICLOOP_ALLOWED_ORIGINS", "").split(",")
            if origin.strip()
        ),
        session_absolute_minutes=_int("MAGICLOOP_SESSION_ABSOLUTE_MINUTES", 12 * 60),
        session_idle_minutes=_int("MAGICLOOP_SESSION_IDLE_MINUTES", 2 * 60),
        invite_days=_int("MAGICLOOP_INVITE_DAYS", 7),
        sign_ups_per_hour=_int("MAGICLOOP_SIGN_UPS_PER_HOUR", 5),
        smtp_host=os.environ.get("MAGICLOOP_SMTP_HOST", ""),
        smtp_port=_int("MAGICLOOP_SMTP_PORT", 587),
        smtp_user=os.environ.get("MAGICLOOP_SMTP_USER", ""),
        smtp_password=os.environ.get("MAGICLOOP_SMTP_PASSWORD", ""),
        smtp_sender=os.environ.get("MAGICLOOP_SMTP_SENDER", "Magic Loop <no-reply@localhost>"),
        smtp_starttls=os.environ.get("MAGICLOOP_SMTP_STARTTLS", "1") != "0",
        demo=os.environ.get("MAGICLOOP_DEMO", "") == "1",
    )
