"""At-least-once delivery with an effect exactly once: a worker killed between its commit and its ack."""

from __future__ import annotations

import subprocess
import sys

from paygate_shared.messaging.envelope import Envelope
from tests.support.stack import REPO
from tests.support.waiting import eventually


def test_a_job_redelivered_after_its_worker_was_killed_before_the_ack_has_its_effect_once(
    isolation, topology, engine, tables, send_job, start_consumer, tmp_path
):
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.shared.messaging.killable_worker",
                isolation.amqp_url,
                isolation.database_url,
                topology.name,
            ],
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        job = send_job(Envelope("thing.process", {"amount": 50_000}))
        eventually(
            lambda: tables.effects_of(engine, job.message_id) == 1,
            timeout=30,
            what=f"the worker's effect (worker log: {log})",
        )
    finally:
        worker.kill()
        worker.wait(timeout=30)

    redelivered = []

    def record(envelope) -> None:
        redelivered.append(envelope.message_id)
        tables.record_effect_once(engine, envelope, note="fresh worker")

    start_consumer({"thing.process": record})

    eventually(lambda: redelivered == [job.message_id], what="the unacknowledged job delivered again")
    assert tables.effects_of(engine, job.message_id) == 1
