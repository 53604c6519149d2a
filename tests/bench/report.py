"""Figures of a load run: percentiles per action, the targets they meet or miss, and the JSON kept."""

from __future__ import annotations

import collections
import json
import math
from collections.abc import Awaitable
from pathlib import Path

FLOOR_ACTION = "increment (floor)"
CORE_ACTIONS = ("log an ask", "record progress", "comment", "open timeline")
FLOOR_RATIO = 10  # every core action's p95 within this many times the floor's
MIX_ACTION_P95_MS = 100
MIX_LOOP_PAGE_P95_MS = 150
IDLE_CPU_PERCENT = 2


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


class Tally:
    """Round trips and failures per action."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = collections.defaultdict(list)
        self.errors: collections.Counter[str] = collections.Counter()

    def add(self, action: str, ms: float) -> None:
        self.samples[action].append(ms)

    def fail(self, action: str) -> None:
        self.errors[action] += 1

    async def time(self, action: str, round_trip: Awaitable[float]) -> None:
        """Count a round trip's milliseconds, or its failure (a refusal, a timeout, a lost connection)."""
        try:
            self.add(action, await round_trip)
        except Exception:
            self.fail(action)

    def absorb(self, other: Tally) -> None:
        for action, samples in other.samples.items():
            self.samples[action].extend(samples)
        self.errors.update(other.errors)

    def events(self) -> int:
        return sum(len(s) for s in self.samples.values())

    def summary(self) -> dict[str, dict]:
        actions = sorted(set(self.samples) | set(self.errors))
        return {
            action: {
                "n": len(self.samples[action]),
                "p50": percentile(self.samples[action], 0.50),
                "p95": percentile(self.samples[action], 0.95),
                "p99": percentile(self.samples[action], 0.99),
                "max": max(self.samples[action], default=float("nan")),
                "errors": self.errors[action],
            }
            for action in actions
        }


def print_actions(title: str, summary: dict[str, dict], floor_p95: float | None = None) -> None:
    print(f"\n{title}")
    ratio = "  ×floor p95" if floor_p95 else ""
    print(f"  {'action':<20}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'errors':>8}{ratio}")
    for action, row in summary.items():
        times = "".join(f"{row[key]:9.1f}" for key in ("p50", "p95", "p99", "max"))
        times_floor = f"{row['p95'] / floor_p95:11.1f}" if floor_p95 and action != FLOOR_ACTION else ""
        print(f"  {action:<20}{row['n']:>6}{times}{row['errors']:>8}{times_floor}")


def targets(results: dict) -> list[tuple[str, bool, str]]:
    """(target, met, how far off) for each target the issue sets."""
    checks = []
    for level in results["levels"]:
        floor = level["actions"].get(FLOOR_ACTION, {}).get("p95", float("nan"))
        for action in CORE_ACTIONS:
            row = level["actions"].get(action)
            if row is None:
                continue
            ratio = row["p95"] / floor
            errors = sum(r["errors"] for r in level["actions"].values())
            met = ratio <= FLOOR_RATIO and errors == 0
            how = f"{ratio:.1f}× the floor, {errors} errors"
            checks.append((f"{level['clients']} clients: {action} p95 ≤ {FLOOR_RATIO}× floor, no errors", met, how))
    if mix := results.get("mix"):
        for action, row in mix["actions"].items():
            limit = MIX_LOOP_PAGE_P95_MS if action == "open loop page" else MIX_ACTION_P95_MS
            if action in CORE_ACTIONS or action == "open loop page":
                met = row["p95"] <= limit and row["errors"] == 0
                if not row["n"]:
                    how = f"no answer, {row['errors']} errors"
                else:
                    over = "" if row["p95"] <= limit else f", {row['p95'] - limit:.0f} ms over"
                    how = f"p95 {row['p95']:.0f} ms{over}, {row['errors']} errors"
                checks.append((f"mix of {mix['tabs']} tabs: {action} p95 ≤ {limit} ms, no errors", met, how))
    if idle := results.get("idle"):
        percent = idle["app_cpu_percent"]
        how = f"{percent:.2f} % of a core (floor {idle['floor_cpu_percent']:.2f} %)"
        checks.append((f"{idle['tabs']} idle tabs ≤ {IDLE_CPU_PERCENT} % of a core", percent <= IDLE_CPU_PERCENT, how))
    return checks


def print_targets(checks: list[tuple[str, bool, str]]) -> None:
    print("\nTargets")
    for target, met, how in checks:
        print(f"  {'met   ' if met else 'MISSED'} {target}: {how}")


def save(results: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"load-{results['started'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    return path
