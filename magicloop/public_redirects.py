"""Redirects point at MAGICLOOP_PUBLIC_URL, never at the address a request claims to be for."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders

from magicloop.response_headers import HeaderEdit


def location_on(public_url: str) -> HeaderEdit:
    """Starlette builds a redirect's Location from the request's Host header (its static files would send
    a directory's address on to the address with a slash so; pages no longer need that, see page_paths.py),
    and the Host header is whatever the client chose: a poisoned cache or proxy could send people on to
    another site. The app never redirects anyone off-site over HTTP, so every absolute Location there may
    be is rebuilt on the public URL, keeping its path and query."""
    public = urlsplit(public_url)

    def rebuild(headers: MutableHeaders, _path: str, _status: int) -> None:
        location = urlsplit(headers.get("location", ""))
        if location.netloc:
            headers["location"] = urlunsplit((public.scheme, public.netloc, *location[2:]))

    return rebuild
