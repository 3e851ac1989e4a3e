"""What the benchmark reads about the run: ready messages per queue, outbox rows, payments not final yet."""

from __future__ import annotations

import contextlib
import time
from urllib.parse import quote

import psycopg2
import requests
from kombu import Connection

from paygate_shared.messaging.connection import publisher_connection
from tests.support.isolation import Isolation
from tests.support.waiting import eventually

MANAGEMENT_API = "http://127.0.0.1:15672/api"
OUTBOX_SCHEMAS = ("payments", "refunds", "webhooks")
#: delay queues at least this long hold retries meant for later, not work the system is behind on
LONG_DELAY_MS = 60_000


def is_long_delay(queue: str) -> bool:
    """`webhooks.delay.300000` is: it holds retries planned minutes ahead."""
    _, _, suffix = queue.rpartition(".delay.")
    return suffix.isdigit() and int(suffix) >= LONG_DELAY_MS


class Probe:
    """Ready-message counts by passive declares (exact and immediate), outbox rows by SQL."""

    def __init__(self, isolation: Isolation) -> None:
        self._isolation = isolation
        self._connection: Connection | None = None
        self._database = psycopg2.connect(isolation.database_url)
        self._database.autocommit = True
        self._schemas = self._outbox_schemas()

    def queue_names(self) -> list[str]:
        """Every queue in the vhost (the management API lists them; their counts there lag by seconds)."""
        return eventually(self._listed_queues, timeout=60, interval=1, what="the RabbitMQ management API")

    def _listed_queues(self) -> list[str] | None:
        try:
            answer = requests.get(
                f"{MANAGEMENT_API}/queues/{quote(self._isolation.vhost, safe='')}",
                params={"columns": "name"},
                auth=("guest", "guest"),
                timeout=10,
            )
            answer.raise_for_status()
        except requests.RequestException:
            return None  # the broker restarting; asked again
        return sorted(queue["name"] for queue in answer.json())

    def queues(self, names: list[str]) -> dict[str, int]:
        return {name: messages for name, (messages, _consumers) in self._declare(names).items()}

    def _declare(self, names: list[str]) -> dict[str, tuple[int, int]]:
        """Ready messages and consumers of each queue."""
        if self._connection is None:
            self._connection = publisher_connection(self._isolation.amqp_url, confirms=False, name="bench probe")
        channel = self._connection.default_channel
        found = {}
        for name in names:
            _name, messages, consumers = channel.queue_declare(queue=name, passive=True)
            found[name] = (messages, consumers)
        return found

    def outboxes(self) -> dict[str, int]:
        with self._database.cursor() as cursor:
            counts = {}
            for schema in self._schemas:
                cursor.execute(f"SELECT count(*) FROM {schema}.outbox")  # schema names come from this module
                counts[f"{schema}.outbox"] = cursor.fetchone()[0]
        return counts

    def pending_payments(self, payment_ids: list[str]) -> int:
        """How many of these payments are not final yet (read from the payments schema of the run's database)."""
        with self._database.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM payments.payments WHERE id = ANY(%s) AND status NOT IN ('success', 'failed')",
                (payment_ids,),
            )
            return cursor.fetchone()[0]

    def waiting_deliveries(self, merchant_id: str) -> int:
        """The merchant's webhook deliveries still pending."""
        with self._database.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM webhooks.delivery_log WHERE merchant_id = %s AND status = 'pending'",
                (merchant_id,),
            )
            return cursor.fetchone()[0]

    def sample(self, names: list[str]) -> dict[str, int]:
        return {**self.queues(names), **self.outboxes()}

    def work_queue_names(self) -> list[str]:
        """The queues holding work the system is expected to do soon: not parking, not long retry delays."""
        return [name for name in self.queue_names() if not is_long_delay(name) and not name.endswith(".parking")]

    def wait_until_idle(self, timeout_s: float = 180.0) -> float:
        """Wait until no work is queued or unpublished (long retry delays aside); return how long it took.

        Messages being handled are not counted by a passive declare, so it takes two quiet looks in a row.
        A queue nobody consumes (a service this checkout does not have) is no work in progress.
        """
        started = time.monotonic()
        names = self.work_queue_names()
        names = [name for name, (_, consumers) in self._declare(names).items() if consumers or ".delay." in name]
        quiet = 0
        while True:
            waiting = {name: count for name, count in self.sample(names).items() if count}
            quiet = 0 if waiting else quiet + 1
            if quiet == 2:
                return time.monotonic() - started
            if time.monotonic() - started > timeout_s:
                raise TimeoutError(f"work still waiting after {timeout_s:.0f}s: {waiting}")
            time.sleep(0.25)

    def _outbox_schemas(self) -> list[str]:
        with self._database.cursor() as cursor:
            cursor.execute("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'")
            present = {row[0] for row in cursor.fetchall()}
        return [schema for schema in OUTBOX_SCHEMAS if schema in present]

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.release()
        self._database.close()
