"""Where the CPU goes: milliseconds of CPU per request (or per payment, end to end) for each process of a run.

    python -m bench.cost "POST payments" --concurrency 16 --seconds 10
    python -m bench.cost e2e --payments 1000
    python -m bench.cost e2e --profile webhooks      # also record a py-spy profile of that process
    python -m bench.cost e2e --timeline              # and print each second's CPU per process

Counts the gateway and each service, the PostgreSQL backends of the run's own database,
RabbitMQ and Redis (shared with anything else running), and the ceiling, with the share each
spent in the kernel (sockets, wake-ups, the database's WAL writes). CPU per request
drifts much less than requests per second on a shared machine, so it is the number to
compare before and after a change.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import psycopg2

from bench.deliveries import await_deliveries
from bench.environment import HOST, PAYMENTS, Environment, environment
from bench.loadgen import LoadProcess, LoadSpec, RequestPlan
from bench.processes import paygate_processes
from bench.scenarios import api
from tests.support.isolation import PG_ADMIN

SHARED_SERVERS = {"beam.smp": "rabbitmq (all vhosts)", "redis-server": "redis (all prefixes)"}


def cpu_by_process(env: Environment) -> dict[str, tuple[float, float]]:
    """CPU seconds used so far, summed per process family: (user and system, system alone)."""
    used: dict[str, tuple[float, float]] = {}

    def add(name: str, process: psutil.Process) -> None:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            return
        total, system = used.get(name, (0.0, 0.0))
        used[name] = (total + times.user + times.system, system + times.system)

    for name, process in paygate_processes(env.stack).items():
        add(name.split(" ")[0], process)
    ceiling = psutil.Process(env.ceiling.pid)
    for process in [ceiling, *ceiling.children()]:
        add("ceiling", process)
    for backend in _database_backends(env.stack.isolation.database):
        add("postgres (this run)", psutil.Process(backend))
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in SHARED_SERVERS:
            add(SHARED_SERVERS[process.info["name"]], process)
    return used


class Timeline:
    """Prints, each second of the run, the share of a core each process family used in that second."""

    def __init__(self, env: Environment, interval_s: float = 1.0) -> None:
        self._env = env
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Timeline:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        started = then = time.monotonic()
        previous = cpu_by_process(self._env)
        while not self._stop.wait(self._interval_s):
            now, at = cpu_by_process(self._env), time.monotonic()
            shares = {name: _spent(now[name], previous.get(name, (0.0, 0.0)))[0] / (at - then) for name in now}
            busy = sorted(((share, name) for name, share in shares.items() if share >= 0.01), reverse=True)
            line = "  ".join(f"{name.split(' ')[0]} {share:.0%}" for share, name in busy)
            print(f"  {at - started:5.1f} s  all {sum(shares.values()):4.0%}  {line}", flush=True)
            previous, then = now, at


def _spent(after: tuple[float, float], before: tuple[float, float]) -> tuple[float, float]:
    return after[0] - before[0], after[1] - before[1]


def _about_database(query: str, database: str) -> list[tuple]:
    """The rows of a query about the run's database, asked as the administrator."""
    admin = psycopg2.connect(PG_ADMIN)
    try:
        with admin.cursor() as cursor:
            cursor.execute(query, (database,))
            return cursor.fetchall()
    finally:
        admin.close()


def _database_backends(database: str) -> list[int]:
    return [pid for (pid,) in _about_database("SELECT pid FROM pg_stat_activity WHERE datname = %s", database)]


def database_work(env: Environment) -> dict[str, int]:
    """Transactions and rows written so far in the run's own database (PostgreSQL's statistics, which lag by
    up to a second)."""
    [(transactions, inserted, updated, deleted)] = _about_database(
        "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted"
        " FROM pg_stat_database WHERE datname = %s",
        env.stack.isolation.database,
    )
    return {"transactions": transactions, "rows inserted": inserted, "rows updated": updated, "rows deleted": deleted}


def _profile(env: Environment, process_name: str, seconds: float, out: Path) -> subprocess.Popen:
    processes = paygate_processes(env.stack)
    target = processes.get(process_name) or processes[f"{process_name} master"]
    argv = [
        str(Path(sys.executable).parent / "py-spy"),
        "record",
        "--gil",
        "--format",
        "raw" if out.suffix == ".txt" else "flamegraph",
        "-d",
        str(int(seconds)),
        "-o",
        str(out),
        "--pid",
        str(target.pid),
    ]
    if f"{process_name} master" in processes:
        argv.append("--subprocesses")
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cost", description=__doc__.splitlines()[0])
    parser.add_argument("load", choices=[*api.ENDPOINTS, "e2e"], help="an endpoint at a closed loop, or e2e")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="how long an endpoint load is measured")
    parser.add_argument("--payments", type=int, default=1000, help="payments in an e2e run")
    parser.add_argument("--profile", metavar="PROCESS", help="py-spy record this process (gateway, payments, ...)")
    parser.add_argument("--collapsed", action="store_true", help="write the profile as collapsed stacks (.txt)")
    parser.add_argument("--timeline", action="store_true", help="print each second's CPU per process family")
    args = parser.parse_args()
    with environment() as env:
        if args.load == "e2e":
            merchant = env.merchant("cost", orders=256)
            requests = RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies(), collect="id")
            spec = LoadSpec(HOST, env.port, requests, concurrency=64, requests=args.payments)
        else:
            port, requests = api.ENDPOINTS[args.load](env)
            spec = LoadSpec(HOST, port, requests, concurrency=args.concurrency, duration_s=args.seconds + 1)
        env.probe.wait_until_idle()
        profiler = None
        if args.profile:
            suffix = ".txt" if args.collapsed else ".svg"
            out = Path(f"bench/results/profile-{args.profile}-{time.strftime('%Y%m%dT%H%M%S')}{suffix}")
            out.parent.mkdir(parents=True, exist_ok=True)
            profiler = _profile(env, args.profile, args.seconds, out)
        before, work_before, started = cpu_by_process(env), database_work(env), time.time()
        with Timeline(env) if args.timeline else contextlib.nullcontext():
            load = LoadProcess(spec)
            if args.load == "e2e":
                result = load.result()
                delivered = await_deliveries(env.receiver, "cost", result.collected, 300)
                elapsed = (delivered.last_arrival or time.time()) - started
            else:
                time.sleep(args.seconds)
                elapsed = time.time() - started
                result = load.result()
            after = cpu_by_process(env)
        if args.load == "e2e":
            count = len(result.collected)
            print(f"{count} payments final and delivered in {elapsed:.1f} s: {count / elapsed:.1f} payments/s")
        else:
            count = result.requests_per_s * elapsed
            print(f"{args.load} c{args.concurrency}: {result.requests_per_s:.0f} req/s, errors {result.errors}")
        time.sleep(1.5)  # for PostgreSQL's statistics to catch up
        work = {name: done - work_before[name] for name, done in database_work(env).items()}
        unit = "payment" if args.load == "e2e" else "request"
        spent = {name: _spent(after[name], before.get(name, (0.0, 0.0))) for name in after}
        for name, (used, system) in sorted(spent.items(), key=lambda item: item[1][0], reverse=True):
            in_kernel = f"({system / used:.0%} in the kernel)" if used else ""
            print(
                f"  {name:24s} {used / elapsed:6.0%} of a core  {used / count * 1000:7.2f} ms CPU per {unit}"
                f"  {in_kernel}"
            )
        print(f"  {'load generator':24s} {result.cpu_share:6.0%} of a core")
        print(
            "  PostgreSQL per " + unit + ": " + ", ".join(f"{done / count:.1f} {name}" for name, done in work.items())
        )
        if profiler is not None:
            profiler.wait()
            print(f"profile: {out}")


if __name__ == "__main__":
    main()
