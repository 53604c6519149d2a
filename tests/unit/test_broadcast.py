"""Who is told of a change: the tabs that show it, and the tab that made it only of its person's news."""

from __future__ import annotations

import asyncio

from magicloop import broadcast
from magicloop.broadcast import news_for

SHOWN = frozenset({"loop:7", "user:3"})


def test_a_tab_is_told_what_it_shows_of_someone_elses_change():
    changed = frozenset({"loop:7", "owner:3", "loop:8"})
    assert news_for("tab-a", SHOWN, changed, origin="tab-b") == {"loop:7"}
    assert news_for("tab-a", SHOWN, changed, origin="") == {"loop:7"}  # made outside any tab


def test_a_tab_told_of_a_change_learns_which_tables_it_wrote():
    changed = frozenset({"loop:7", "owner:3", "wrote:managerask", "wrote:timelineevent"})
    assert news_for("tab-a", SHOWN, changed, origin="tab-b") == {"loop:7", "wrote:managerask", "wrote:timelineevent"}
    assert news_for("tab-a", frozenset({"loop:8"}), changed, origin="tab-b") == set()


def test_the_tab_that_made_a_change_is_told_only_its_persons_news():
    changed = frozenset({"loop:7", "user:3"})
    assert news_for("tab-a", SHOWN, changed, origin="tab-a") == {"user:3"}
    assert news_for("tab-a", SHOWN, frozenset({"loop:7", "wrote:managerask"}), origin="tab-a") == set()


def test_a_change_is_offered_only_to_the_tabs_that_show_it(monkeypatch):
    """Tabs are found by the topics they show, so a change costs nothing for the tabs that show something else."""
    monkeypatch.setattr(broadcast, "_listeners", {})
    monkeypatch.setattr(broadcast, "_showing", {})
    monkeypatch.setattr(broadcast, "_loop", None)  # the listeners below take this test's loop, closed after it
    offered: list[str] = []
    monkeypatch.setattr(broadcast.Listener, "offer", lambda self, topics, origin: offered.append(self.token))

    async def scenario() -> None:
        on_loop = broadcast.open_listener("tab-a", ["loop:7", "user:3"])
        broadcast.open_listener("tab-b", ["owner:3", "user:4"])
        broadcast._deliver(frozenset({"loop:7"}), "")
        assert offered == ["tab-a"]

        broadcast.watch("tab-a", ["org:1", "user:3"])  # tab a moved to another page
        broadcast._deliver(frozenset({"loop:7", "owner:3"}), "")
        assert offered == ["tab-a", "tab-b"]

        broadcast.close_listener(on_loop)
        broadcast._deliver(frozenset({"org:1", "user:3"}), "")
        assert offered == ["tab-a", "tab-b"]
        assert set(broadcast._showing) == {"owner:3", "user:4"}  # a closed tab leaves nothing behind

    asyncio.run(scenario())
