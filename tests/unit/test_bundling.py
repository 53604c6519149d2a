"""The built frontend's library code is one vendor file (magicloop/bundling.py)."""

from __future__ import annotations

import pytest
from reflex.utils.frontend_skeleton import _compile_vite_config

from magicloop.bundling import VENDOR, with_vendor_chunk
from rxconfig import config


def test_reflexs_vite_config_gains_the_vendor_group_once() -> None:
    built = with_vendor_chunk(_compile_vite_config(config))
    assert built.count(VENDOR) == 1
    assert built.index(VENDOR) < built.index('name: "reflex-env"')  # first: it takes node_modules before others


def test_a_vite_config_it_cannot_place_the_group_in_stops_the_build() -> None:
    with pytest.raises(ValueError, match="vendor group"):
        with_vendor_chunk("export default {}")
