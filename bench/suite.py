"""`python -m bench` (`make bench`): start an isolated Paygate, run every scenario once per round, print one table."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench.environment import Environment, environment
from bench.plan import FULL, QUICK, Plan
from bench.processes import rss_mib
from bench.report import Report
from bench.scenarios import Outcome, api, backlog, end_to_end, messaging, slow_merchant, sustained

#: the scenarios of a round, in the order they run
SCENARIOS: dict[str, Callable[[Environment, Plan], Outcome]] = {
    "api": api.run,
    "end_to_end": end_to_end.run,
    "sustained": sustained.run,
    "slow_merchant": slow_merchant.run,
    "backlog": backlog.run,
    "messaging": messaging.run,
}
RESULTS = Path(__file__).resolve().parent / "results"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs for development (default: the full plan)")
    parser.add_argument("--rounds", type=int, help=f"rounds to run (full: {FULL.rounds}, quick: {QUICK.rounds})")
    parser.add_argument("--only", help=f"comma-separated scenarios to run, of: {', '.join(SCENARIOS)}")
    parser.add_argument("--logs", type=Path, help="keep the processes' logs in this folder")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON result goes (default bench/results)")
    args = parser.parse_args(argv)
    unknown = set((args.only or "").split(",")) - set(SCENARIOS) - {""}
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    return args


def _say(started: float, message: str) -> None:
    print(f"[{time.monotonic() - started:6.0f} s] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    plan = (QUICK if args.quick else FULL).with_rounds(args.rounds)
    chosen = [name for name in SCENARIOS if not args.only or name in args.only.split(",")]
    runs: dict[str, list[float]] = defaultdict(list)
    details: list[dict] = []
    memory: dict[str, dict[str, float]] = {}
    started = time.monotonic()
    load_before = os.getloadavg()
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
    _say(
        started, f"starting an isolated Paygate for the {plan.name} plan ({plan.rounds} rounds of {', '.join(chosen)})"
    )
    with environment(args.logs) as env:
        env.probe.wait_until_idle()
        memory["at rest"] = rss_mib(env.stack)
        for number in range(1, plan.rounds + 1):
            for name in chosen:
                _say(started, f"round {number}/{plan.rounds}: {name}")
                outcome = SCENARIOS[name](env, plan)
                for key, value in outcome.metrics.items():
                    runs[key].append(value)
                if outcome.details:
                    details.append({"round": number, "scenario": name, **outcome.details})
            env.probe.wait_until_idle()
            memory[f"after round {number}"] = rss_mib(env.stack)
        gateway = {"workers": env.gateway_workers, "threads": env.gateway_threads}
    report = Report(
        plan=plan,
        runs=dict(runs),
        memory=memory,
        details=details,
        elapsed_s=time.monotonic() - started,
        load_average=(load_before, os.getloadavg()),
        gateway=gateway,
        command=" ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
    )
    print(report.table())
    path = report.write(args.out)
    _say(started, f"results written to {path}")
    return 0 if report.passed else 1
