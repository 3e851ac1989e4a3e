"""Messaging benchmark: confirmed publish rate and request/reply round-trip latency on the real broker.

Run `.venv/bin/python -m bench.messaging`; it works in a RabbitMQ vhost of its own, deleted afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from urllib.parse import quote

from bench.stats import percentile
from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.publisher import Outgoing, Publisher
from paygate_shared.messaging.rpc import RpcClient
from paygate_shared.messaging.topology import ServiceTopology, declare_service

BROKER = "amqp://guest:guest@127.0.0.1:5672"
WARM_UP_CALLS = 50


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def own_vhost() -> Iterator[str]:
    """A fresh vhost for the run; yields its AMQP URL and deletes it at the end."""
    vhost = f"paygate_bench_{secrets.token_hex(4)}"
    _rabbitmqctl("add_vhost", vhost)
    try:
        _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        yield f"{BROKER}/{quote(vhost, safe='')}"
    finally:
        _rabbitmqctl("delete_vhost", vhost)


def publish_rate(amqp_url: str, topology: ServiceTopology, messages: int) -> float:
    """Messages per second to a quorum work queue (nobody consumes it), one thread, each confirmed before the next."""
    publisher = Publisher(amqp_url)
    envelope = Envelope("bench.noop", {"amount": 50_000, "currency": "INR"})
    publisher.publish(envelope, exchange=topology.work_exchange, routing_key=topology.jobs_queue)  # connect first
    started = time.perf_counter()
    for _ in range(messages):
        publisher.publish(envelope, exchange=topology.work_exchange, routing_key=topology.jobs_queue)
    elapsed = time.perf_counter() - started
    publisher.close()
    return messages / elapsed


def batch_publish_rate(amqp_url: str, topology: ServiceTopology, messages: int, batch_size: int = 200) -> float:
    """Messages per second when batches are published and their confirms awaited once, as the outbox relay does."""
    publisher = Publisher(amqp_url)
    envelope = Envelope("bench.noop", {"amount": 50_000, "currency": "INR"})
    message = Outgoing(envelope.to_json(), topology.work_exchange.name, topology.jobs_queue, envelope.message_id)
    publisher.publish_batch([message])  # connect first
    started = time.perf_counter()
    for first in range(0, messages, batch_size):
        publisher.publish_batch([message] * min(batch_size, messages - first))
    elapsed = time.perf_counter() - started
    publisher.close()
    return messages / elapsed


def round_trips_ms(amqp_url: str, topology: ServiceTopology, calls: int) -> list[float]:
    """Request/reply latencies against an echo service consuming in a thread of this process."""
    consumer = ServiceConsumer(
        amqp_url=amqp_url,
        topology=topology,
        handlers={"echo": lambda envelope: dict(envelope.payload)},
        publisher=Publisher(amqp_url),
        declare=lambda channel: None,
    )
    serving = threading.Thread(target=consumer.run, daemon=True)
    serving.start()
    consumer.connected.wait(timeout=30)
    client = RpcClient(amqp_url, timeout=10)
    payload = {"amount": 50_000, "order_id": "order_0123456789abcdef"}
    latencies = []
    try:
        for call in range(WARM_UP_CALLS + calls):
            started = time.perf_counter()
            client.call(topology.name, "echo", payload)
            if call >= WARM_UP_CALLS:
                latencies.append((time.perf_counter() - started) * 1000)
    finally:
        client.close()
        consumer.stop()
        serving.join(timeout=30)
    return latencies


def measure(messages: int, calls: int) -> dict[str, float]:
    """Publish rates and request/reply latency in a vhost of their own."""
    with own_vhost() as amqp_url:
        sink, echo = ServiceTopology("bench_sink"), ServiceTopology("bench_echo")
        with publisher_connection(amqp_url, confirms=False) as connection:
            for topology in (sink, echo):
                declare_service(connection.default_channel, topology)
        rate = publish_rate(amqp_url, sink, messages)
        batched = batch_publish_rate(amqp_url, sink, messages)
        latencies = round_trips_ms(amqp_url, echo, calls)
    return {
        "messaging.publish_one_per_s": rate,
        "messaging.publish_batched_per_s": batched,
        "messaging.rpc_p50_ms": percentile(latencies, 0.50),
        "messaging.rpc_p99_ms": percentile(latencies, 0.99),
        "messaging.rpc_mean_ms": statistics.fmean(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.messaging", description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5_000, help="messages to publish (default 5000)")
    parser.add_argument("--calls", type=int, default=1_000, help="request/reply calls to time (default 1000)")
    args = parser.parse_args()
    measured = measure(args.messages, args.calls)
    rows = [
        (
            f"publish with confirms, 1 thread ({args.messages} msgs)",
            f"{measured['messaging.publish_one_per_s']:,.0f} msg/s",
        ),
        (
            f"publish in batches of 200, one confirm wait each ({args.messages} msgs)",
            f"{measured['messaging.publish_batched_per_s']:,.0f} msg/s",
        ),
        (f"request/reply p50 ({args.calls} calls)", f"{measured['messaging.rpc_p50_ms']:.2f} ms"),
        (f"request/reply p99 ({args.calls} calls)", f"{measured['messaging.rpc_p99_ms']:.2f} ms"),
        (f"request/reply mean ({args.calls} calls)", f"{measured['messaging.rpc_mean_ms']:.2f} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
