"""How long a browser may keep what the server sends."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

# The build names every script and stylesheet under /assets/ after a hash of its content: a name never
# comes to mean other bytes, so a browser keeps each for good and a new build's pages ask for new names.
ASSETS = "/assets/"
FOR_GOOD = "public, max-age=31536000, immutable"
# Everything else, pages first, is asked after again each time (its ETag answers "not modified"): a page
# kept from before a new build would ask for scripts that build no longer has.
ASK_AGAIN = "no-cache"


def cache_control(headers: MutableHeaders, path: str, status: int) -> None:
    if "cache-control" not in headers:
        # Only what was found: a name missing today may be built tomorrow.
        headers["Cache-Control"] = FOR_GOOD if path.startswith(ASSETS) and status in (200, 304) else ASK_AGAIN
