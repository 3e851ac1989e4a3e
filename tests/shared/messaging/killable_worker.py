"""A worker for the redelivery test: it commits a job's effect, then hangs before the ack until it is killed.

Run as `python -m tests.shared.messaging.killable_worker AMQP_URL DATABASE_URL SERVICE_NAME`.
"""

from __future__ import annotations

import sys
import threading

from paygate_shared.database import make_engine
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.publisher import Publisher
from tests.shared.messaging.scratch import ScratchTables, scratch_topology


def main(amqp_url: str, database_url: str, service: str) -> None:
    engine = make_engine(database_url)
    tables = ScratchTables()

    def record_then_hang(envelope) -> None:
        tables.record_effect_once(engine, envelope, note="killed worker")
        threading.Event().wait()  # killed here: the effect is committed, the message is not acked

    ServiceConsumer(
        amqp_url=amqp_url,
        topology=scratch_topology(service),
        handlers={"thing.process": record_then_hang},
        publisher=Publisher(amqp_url),
        declare=lambda channel: None,
    ).run()


if __name__ == "__main__":
    main(*sys.argv[1:])
