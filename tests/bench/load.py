"""Load benchmark: many people at once against the app, and the same load against a bare
Reflex counter app (the floor) in the same run, rounds alternating so machine noise hits both.

Run: .venv/bin/python -m tests.bench.load [--clients 50,100,200] [--quick]
Starts and stops both servers itself; prints its figures and keeps them as JSON in
tests/bench/results/. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from magicloop import nudges
from magicloop.db import make_engine
from tests.bench import client, personas, report, seed, servers

RESULTS = Path(__file__).resolve().parent / "results"
FLOOR_STATE = "reflex___state____state.floor___floor____counter_state"  # floor/floor.py's CounterState
IDLE_SHARE = 0.2  # of the mix's tabs, open and untouched


@dataclasses.dataclass(frozen=True)
class Plan:
    clients: list[int]
    rounds: int
    mix_tabs: int
    mix_seconds: float
    think_seconds: tuple[float, float]
    idle_seconds: float
    years: float


def plan(args) -> Plan:
    clients = [int(n) for n in (args.clients or ("50" if args.quick else "50,100,200")).split(",")]
    if args.quick:
        return Plan(clients, rounds=1, mix_tabs=200, mix_seconds=30, think_seconds=(2, 5), idle_seconds=10, years=1)
    return Plan(clients, rounds=2, mix_tabs=200, mix_seconds=120, think_seconds=(2, 5), idle_seconds=30, years=3)


def seeded_database(args, years: float, folder: Path) -> tuple[str, seed.Organisation]:
    """The organisation, built through the services once per seed number and kept (SQLite) for later runs."""
    if args.database_url:
        env = {**os.environ, "DATABASE_URL": args.database_url}
        subprocess.run([sys.executable, "-m", "magicloop.prepare"], env=env, check=True, capture_output=True)
        return args.database_url, seed.seed(args.database_url, args.seed, years)
    cached, about = RESULTS / f"seed-{args.seed}-{years:g}y.db", RESULTS / f"seed-{args.seed}-{years:g}y.json"
    if not (cached.exists() and about.exists()):
        RESULTS.mkdir(parents=True, exist_ok=True)
        print(f"Seeding the organisation ({years:g} years of history; kept for later runs)...", flush=True)
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{building}"}
        subprocess.run([sys.executable, "-m", "magicloop.prepare"], env=env, check=True, capture_output=True)
        organisation = seed.seed(env["DATABASE_URL"], args.seed, years)
        about.write_text(json.dumps(dataclasses.asdict(organisation)))
        building.rename(cached)
    shutil.copyfile(cached, folder / "magicloop.db")
    raw = json.loads(about.read_text())
    raw["reports"] = {int(manager): reports for manager, reports in raw["reports"].items()}
    return f"sqlite:///{folder / 'magicloop.db'}", seed.Organisation(**raw)


def caught_up(url: str) -> None:
    """Missed check-ins told, as the running app tells them every quarter of an hour: its first sweep after
    seeding would tell years of them, at a random moment of the run, and be counted as the people's load."""
    engine = make_engine(url)
    try:
        told = nudges.tell_missed_checkins(engine)
    finally:
        engine.dispose()
    print(f"{told} missed check-ins told before the run", flush=True)


async def increments(tab: client.Tab, counts: dict, times: int, tally: report.Tally) -> None:
    for _ in range(times):
        counts[tab] = expected = counts.get(tab, 0) + 1
        reached = lambda delta, n=expected: client.var(delta, FLOOR_STATE, "count") == n  # noqa: E731
        await tally.time(report.FLOOR_ACTION, tab.call(f"{FLOOR_STATE}.increment", {}, reached))


async def close(tabs: list[client.Tab]) -> None:
    for tab in tabs:
        with contextlib.suppress(Exception):
            await tab.close()


async def level(n: int, cast: list[personas.Persona], app, floor, rounds: int) -> dict:
    """n people on the app and n tabs on the floor; rounds alternate app, floor."""
    people = cast[:n]
    app_tabs = [personas.tab(app.url, persona) for persona in people]
    floor_tabs = [client.Tab(floor.url) for _ in people]
    opened, tally, counts = report.Tally(), report.Tally(), {}
    await asyncio.gather(*(personas.open_pages(tab, p, opened) for tab, p in zip(app_tabs, people, strict=True)))
    await asyncio.gather(*(opened.time("open (floor)", tab.open("/")) for tab in floor_tabs))
    spent = {"app": [0.0, 0.0, 0], "floor": [0.0, 0.0, 0]}  # CPU seconds, wall seconds, events
    for _ in range(rounds):
        for side, server, work in (
            ("app", app, [personas.round_trip(tab, p, tally) for tab, p in zip(app_tabs, people, strict=True)]),
            ("floor", floor, [increments(tab, counts, 4, tally) for tab in floor_tabs]),
        ):
            cpu, began, events = server.cpu_seconds(), time.perf_counter(), tally.events()
            await asyncio.gather(*work)
            spent[side][0] += server.cpu_seconds() - cpu
            spent[side][1] += time.perf_counter() - began
            spent[side][2] += tally.events() - events
    await close(app_tabs + floor_tabs)
    opened.absorb(tally)
    summary = opened.summary()
    return {
        "clients": n,
        "actions": summary,
        **{
            f"{side}_{key}": value
            for side, (cpu, wall, events) in spent.items()
            for key, value in (
                ("events_per_s", events / wall if wall else 0),
                ("cpu_ms_per_event", 1000 * cpu / events if events else 0),
                ("cpu_percent", 100 * cpu / wall if wall else 0),
            )
        },
        "app_rss_mb": app.rss_mb(),
        "floor_rss_mb": floor.rss_mb(),
    }


async def mix(cast: list[personas.Persona], app, the_plan: Plan, rng: random.Random) -> dict:
    """Tabs as people keep them: most click around with a few seconds' thought between clicks, some sit idle."""
    people = cast[: the_plan.mix_tabs]
    tabs = [personas.tab(app.url, persona) for persona in people]
    tally = report.Tally()
    deadline = time.monotonic() + the_plan.mix_seconds
    choices = [
        (lambda tab, p: personas.core_action(tab, p), None),
        (personas.comment, "comment"),
        (personas.open_timeline, "open timeline"),
        (personas.open_loop_page, "open loop page"),
        (lambda tab, p: tab.navigate("/"), "open dashboard"),
    ]

    async def person(tab: client.Tab, persona: personas.Persona, think: random.Random, sits: bool) -> None:
        # People sign in over the first third of the spell, not all in the same instant.
        await asyncio.sleep(think.uniform(0, the_plan.mix_seconds / 3))
        await (tally.time("open dashboard", tab.open("/")) if sits else personas.open_pages(tab, persona, tally))
        while not sits:
            await asyncio.sleep(think.uniform(*the_plan.think_seconds))
            if time.monotonic() > deadline:
                return
            act, name = think.choices(choices, weights=[3, 2, 1.5, 2, 1.5])[0]
            await tally.time(name or personas.core_action_name(persona), act(tab, persona))

    cpu, began = app.cpu_seconds(), time.perf_counter()
    sitting = [index % round(1 / IDLE_SHARE) == 1 for index in range(len(tabs))]
    await asyncio.gather(*map(person, tabs, people, [random.Random(rng.random()) for _ in tabs], sitting))
    wall = time.perf_counter() - began
    await close(tabs)
    return {
        "tabs": len(tabs),
        "idle_tabs": sum(sitting),
        "seconds": wall,
        "events_per_s": tally.events() / wall,
        "app_cpu_percent": 100 * (app.cpu_seconds() - cpu) / wall,
        "actions": tally.summary(),
    }


async def idle(cast: list[personas.Persona], app, floor, tabs: int, seconds: float) -> dict:
    """What open, untouched tabs cost each server: CPU over a quiet spell, as a share of one core."""
    app_tabs = [personas.tab(app.url, persona) for persona in cast[:tabs]]
    floor_tabs = [client.Tab(floor.url) for _ in range(tabs)]
    # Tabs left on the dashboard, each listening for changes pushed to it.
    await asyncio.gather(*(tab.open("/") for tab in app_tabs + floor_tabs))
    await asyncio.sleep(2)  # let the page loads' own work finish
    app_cpu, floor_cpu = app.cpu_seconds(), floor.cpu_seconds()
    await asyncio.sleep(seconds)
    result = {
        "tabs": tabs,
        "seconds": seconds,
        "app_cpu_percent": 100 * (app.cpu_seconds() - app_cpu) / seconds,
        "floor_cpu_percent": 100 * (floor.cpu_seconds() - floor_cpu) / seconds,
    }
    await close(app_tabs + floor_tabs)
    return result


async def run(args) -> dict:
    the_plan, rng = plan(args), random.Random(args.seed)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results = {"started": started, "plan": dataclasses.asdict(the_plan), "machine": machine(), "levels": []}
    with tempfile.TemporaryDirectory(prefix="magicloop-bench-") as folder:
        url, organisation = seeded_database(args, the_plan.years, Path(folder))
        caught_up(url)
        cast = personas.cast(url, organisation, max([*the_plan.clients, the_plan.mix_tabs]))
        app = servers.app_server(Path(folder), url, args.redis_url, Path(folder) / "app.log")
        floor = servers.floor_server(Path(folder) / "floor.log")
        try:
            for server in (app, floor):
                server.start()
            for server in (app, floor):
                server.wait()
            results["database"] = url.split(":", 1)[0]
            for n in the_plan.clients:
                print(f"\n{n} clients...", flush=True)
                results["levels"].append(outcome := await level(n, cast, app, floor, the_plan.rounds))
                print_level(outcome)
            print(f"\nRealistic mix of {the_plan.mix_tabs} tabs...", flush=True)
            results["mix"] = await mix(cast, app, the_plan, rng)
            report.print_actions(
                f"Realistic mix ({results['mix']['events_per_s']:.1f} events/s)", results["mix"]["actions"]
            )
            print(f"\n{the_plan.mix_tabs} idle tabs...", flush=True)
            results["idle"] = await idle(cast, app, floor, the_plan.mix_tabs, the_plan.idle_seconds)
        finally:
            for server in (app, floor):
                server.stop()
            if sys.exc_info()[0] is not None:
                print((Path(folder) / "app.log").read_text()[-3000:], file=sys.stderr)
    return results


def print_level(outcome: dict) -> None:
    floor_p95 = outcome["actions"].get(report.FLOOR_ACTION, {}).get("p95")
    report.print_actions(f"{outcome['clients']} clients", outcome["actions"], floor_p95)
    for side in ("app", "floor"):
        print(
            f"  {side:<6} {outcome[f'{side}_events_per_s']:7.1f} events/s   server CPU {outcome[f'{side}_cpu_percent']:5.0f} %"
            f" of a core, {outcome[f'{side}_cpu_ms_per_event']:6.2f} ms per event   RSS {outcome[f'{side}_rss_mb']:6.0f} MB"
        )


def machine() -> dict:
    return {
        "cpus": psutil.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in psutil.getloadavg()],
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Load benchmark of the app against a bare Reflex app.")
    parser.add_argument("--clients", help="simultaneous people, comma-separated (default 50,100,200; quick: 50)")
    parser.add_argument("--quick", action="store_true", help="one round per level, shorter mix and idle spells")
    parser.add_argument("--seed", type=int, default=7, help="seed number of the organisation")
    parser.add_argument("--database-url", default="", help="a migrated-or-empty PostgreSQL database to seed and use")
    parser.add_argument("--redis-url", default="", help="keep UI state in Redis (REFLEX_REDIS_URL)")
    args = parser.parse_args()
    results = asyncio.run(run(args))
    checks = report.targets(results)
    report.print_targets(checks)
    results["targets"] = [{"target": t, "met": met, "how": how} for t, met, how in checks]
    print(f"\nFigures kept in {report.save(results, RESULTS)}")


if __name__ == "__main__":
    main()
