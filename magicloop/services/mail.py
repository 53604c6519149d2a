"""Outgoing email, only when SMTP settings exist."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from magicloop.config import get_settings

log = logging.getLogger(__name__)


def send(to: str, subject: str, body: str) -> bool:
    """Send one plain-text message; False (and a log line) when it can't be sent."""
    settings = get_settings()
    if not settings.smtp_enabled:
        return False
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_sender, to, subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not send mail to %s", to)
        return False
    return True
