from tests.integration.test_handlers_refuse import World, build_world, LoopState, ItemsState, secrets_in, engine, server, sqlite_file_engine  # noqa
import pytest
from magicloop import routes

def test_dbg(make, engine, server):
    w = build_world(make, engine)
    w.end_access()
    tab = w.tab(server, "owner")
    tab.put(LoopState, loop=w.view)
    r = tab.send(ItemsState.load)
    print("\nREPLY", r.describe(), [list(d.keys()) for d in r.deltas])
    print(tab.state(ItemsState).asks[:1])
    r = tab.send(ItemsState.load)
    print("\nREPLY2", r.describe(), [ {k: list(v.keys()) for k,v in d.items()} for d in r.deltas])
