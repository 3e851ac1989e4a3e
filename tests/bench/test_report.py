"""The benchmark's table: medians and spreads, each target with its verdict, and the JSON beside it."""

from __future__ import annotations

import json

from bench.plan import QUICK
from bench.report import Report


def report(runs: dict[str, list[float]], memory: dict[str, dict[str, float]] | None = None) -> Report:
    return Report(
        plan=QUICK,
        runs=runs,
        memory=memory or {"at rest": {"gateway master": 50.0}, "after round 1": {"gateway master": 60.0}},
        details=[],
        elapsed_s=60.0,
        load_average=((1.0, 1.0, 1.0), (2.0, 2.0, 2.0)),
        gateway={"workers": 2, "threads": 16},
        command="python -m bench --quick",
    )


def test_a_target_is_judged_on_the_medians_against_the_ceiling_of_the_same_run():
    made = report(
        {
            "api.ceiling.c16.rps": [1000.0, 900.0, 1100.0],
            "api.POST orders.c16.rps": [300.0, 250.0, 320.0],
            "api.POST payments.c16.rps": [50.0, 40.0, 60.0],
        }
    )

    table = made.table()

    assert "PASS (30.0%)" in table and "FAIL (5.0%)" in table
    assert "900–1,100" in table
    verdicts = {result["target"]: result["passed"] for result in made.results}
    assert verdicts["POST orders c16: share of the ceiling: ≥ 25% of ceiling c16"] is True
    assert verdicts["POST payments c16: share of the ceiling: ≥ 10% of ceiling c16"] is False
    assert not made.passed


def test_errors_fail_their_target_when_any_run_had_one():
    made = report({"api.ceiling.c16.errors": [0.0, 0.0], "api.POST orders.c16.errors": [0.0, 3.0]})

    assert "FAIL (3 in the worst run)" in made.table()


def test_the_json_holds_every_run_and_every_verdict(tmp_path):
    made = report({"api.ceiling.c16.rps": [1000.0], "api.POST orders.c16.rps": [300.0]})

    written = json.loads(made.write(tmp_path).read_text())

    assert written["measurements"]["api.POST orders.c16.rps"]["values"] == [300.0]
    assert written["memory_mib"]["after round 1"] == {"gateway master": 60.0}
    assert {result["target"]: result["passed"] for result in written["targets"]} == {
        "POST orders c16: share of the ceiling: ≥ 25% of ceiling c16": True,
        "memory: after the last round: < 1 GiB": True,
    }
    assert (tmp_path / "latest.json").exists()
