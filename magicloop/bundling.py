"""How the built frontend is cut into script files.

Left to itself, the bundler gives each set of pages that shares some library code a file of its own: the loop
page asked for 41 scripts before its first paint, most of them a few KiB (one 124 bytes). On a phone every
request waits its turn on a slow connection, and Lighthouse scored the page 84–88. Every library module that
a page imports up front now goes into one `vendor` file, cached for good after the first page (see caching.py);
what pages load only when they need it (the charts, the Markdown renderer) stays out of it, in files of its
own. The loop page then asks for 10 scripts and the three pages measured score 94–96 (README).
"""

from __future__ import annotations

import dataclasses

import reflex as rx

VITE_CONFIG = "vite.config.js"
GROUPS = "groups: ["
# `$initial`: imported up front by an entry (a page or the app's root), not only through a dynamic import.
VENDOR = '{ name: "vendor", test: /node_modules/, tags: ["$initial"] },'


def with_vendor_chunk(vite_config: str) -> str:
    """Reflex's vite.config.js with the vendor group first among its code-splitting groups."""
    if vite_config.count(GROUPS) != 1:
        raise ValueError(f"{VITE_CONFIG} no longer has one `{GROUPS}` to add the vendor group to: see {__name__}")
    return vite_config.replace(GROUPS, GROUPS + VENDOR)


@dataclasses.dataclass
class VendorChunk(rx.plugins.Plugin):
    def pre_compile(self, **context):
        context["add_modify_task"](VITE_CONFIG, with_vendor_chunk)
