"""Who is told of a change: the tabs that show it, and the tab that made it only of its person's news."""

from __future__ import annotations

from magicloop.broadcast import news_for

SHOWN = frozenset({"loop:7", "user:3"})


def test_a_tab_is_told_what_it_shows_of_someone_elses_change():
    changed = frozenset({"loop:7", "owner:3", "loop:8"})
    assert news_for("tab-a", SHOWN, changed, origin="tab-b") == {"loop:7"}
    assert news_for("tab-a", SHOWN, changed, origin="") == {"loop:7"}  # made outside any tab


def test_the_tab_that_made_a_change_is_told_only_its_persons_news():
    changed = frozenset({"loop:7", "user:3"})
    assert news_for("tab-a", SHOWN, changed, origin="tab-a") == {"user:3"}
    assert news_for("tab-a", SHOWN, frozenset({"loop:7"}), origin="tab-a") == set()
