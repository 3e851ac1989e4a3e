"""`paygate`: the operator command (merchants, parked messages)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime

from gateway import bootstrap
from gateway.config import Settings
from gateway.domain.merchants import new_credentials
from paygate_shared.contracts import webhooks
from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable

WEBHOOK_SECRET_TIMEOUT_S = 3.0


def _print(data) -> None:
    print(json.dumps(data, indent=2, default=str))


def merchants_create(wired: bootstrap.Gateway, args) -> int:
    if "@" not in args.email:
        print(f"error: --email must be an email address, got {args.email!r}", file=sys.stderr)
        return 2
    if wired.merchants.find_by_email(args.email):
        print(f"error: a merchant with email {args.email} already exists", file=sys.stderr)
        return 1
    credentials = new_credentials()
    merchant = wired.merchants.create(args.name, args.email, credentials, password=args.password)
    _print(
        {
            "id": merchant.id,
            "name": merchant.name,
            "email": merchant.email,
            "api_key": credentials.api_key,
            "api_secret": credentials.api_secret,
            "webhook_secret": _webhook_secret(wired, merchant.id),
        }
    )
    return 0


def _webhook_secret(wired: bootstrap.Gateway, merchant_id: str) -> str | None:
    """The webhooks service owns signing secrets; ask it for the new merchant's."""
    try:
        command = webhooks.GetWebhookConfig(merchant_id=merchant_id)
        config = wired.rpc.call(webhooks.SERVICE, command.TYPE, asdict(command), timeout=WEBHOOK_SECRET_TIMEOUT_S)
    except (ServiceUnavailable, CommandRejected) as exc:
        print(f"note: webhook secret not available yet ({exc}); see GET /api/v1/webhooks/config", file=sys.stderr)
        return None
    return config.get("webhook_secret")


def merchants_list(wired: bootstrap.Gateway, args) -> int:
    _print(
        [
            {
                "id": m.id,
                "name": m.name,
                "email": m.email,
                "api_key": m.api_key,
                "active": m.is_active,
                "created_at": m.created_at,
            }
            for m in wired.merchants.list()
        ]
    )
    return 0


def merchants_set_password(wired: bootstrap.Gateway, args) -> int:
    if len(args.password) < 8:
        print("error: --password must be at least 8 characters", file=sys.stderr)
        return 2
    if not wired.merchants.set_password(args.email, args.password):
        print(f"error: no merchant with email {args.email}", file=sys.stderr)
        return 1
    print(f"password set for {args.email}")
    return 0


def parking_list(wired: bootstrap.Gateway, args) -> int:
    from paygate_shared.messaging.parking import list_parked

    _print([m.describe() for m in list_parked(wired.settings.connections.amqp_url, limit=args.limit)])
    return 0


def parking_replay(wired: bootstrap.Gateway, args) -> int:
    from paygate_shared.messaging.parking import replay_parked

    if not args.all and not args.message_id:
        print("error: give a --message-id or --all", file=sys.stderr)
        return 2
    moved = replay_parked(wired.settings.connections.amqp_url, message_id=args.message_id, queue=args.queue)
    print(f"replayed {moved} message(s)")
    return 0 if moved or args.all else 1


def outbox_status(wired: bootstrap.Gateway, args) -> int:
    """Ask each service for its outbox backlog; a service that does not answer is reported as such."""
    from paygate_shared.messaging.operations import OUTBOX_STATUS
    from paygate_shared.messaging.topology import SERVICES

    rows = []
    for service in SERVICES:
        try:
            rows.append(wired.rpc.call(service, OUTBOX_STATUS, {}, timeout=args.timeout))
        except (ServiceUnavailable, CommandRejected) as exc:
            rows.append({"service": service, "error": str(exc)})
    _print(rows)
    return 0 if all("error" not in row for row in rows) else 1


def jobs_status(wired: bootstrap.Gateway, args) -> int:
    from gateway.adapters import probes

    reports = probes.worker_reports(wired.redis, wired.settings.connections.redis_prefix)
    _print(
        {
            "workers": sorted(
                ({"service": r["service"], "instance": r.get("instance")} for r in reports), key=lambda r: r["service"]
            ),
            "jobs": probes.job_counts(reports),
            "worker_status": "running"
            if probes.workers_running(reports, wired.settings.expected_workers)
            else "stopped",
        }
    )
    return 0


def webhooks_replay(wired: bootstrap.Gateway, args) -> int:
    """Deliver again one log entry (--id) or every failed delivery of a merchant in a time range."""
    if args.id:
        command = webhooks.RetryWebhook(merchant_id=args.merchant, id=args.id)
    elif args.since:
        until = args.until or datetime.now(UTC).isoformat()
        command = webhooks.ReplayFailedWebhooks(merchant_id=args.merchant, since=args.since, until=until)
    else:
        print(
            "error: give --id ENTRY, or --since TIME [--until TIME] for the merchant's failed deliveries",
            file=sys.stderr,
        )
        return 2
    try:
        _print(wired.rpc.call(webhooks.SERVICE, command.TYPE, asdict(command)))
    except (ServiceUnavailable, CommandRejected) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paygate", description="Operate a Paygate deployment.")
    groups = parser.add_subparsers(dest="group", required=True)

    merchants = groups.add_parser("merchants", help="create and list merchants").add_subparsers(
        dest="action", required=True
    )
    create = merchants.add_parser("create", help="create a merchant and print its credentials as JSON")
    create.add_argument("--name", required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--password", help="dashboard password (optional)")
    create.set_defaults(run=merchants_create)
    merchants.add_parser("list", help="list merchants as JSON").set_defaults(run=merchants_list)
    set_password = merchants.add_parser("set-password", help="set a merchant's dashboard password")
    set_password.add_argument("--email", required=True)
    set_password.add_argument("--password", required=True)
    set_password.set_defaults(run=merchants_set_password)

    parking = groups.add_parser("parking", help="inspect and replay parked messages").add_subparsers(
        dest="action", required=True
    )
    listing = parking.add_parser("list", help="list parked messages without removing them")
    listing.add_argument("--limit", type=int, default=100)
    listing.set_defaults(run=parking_list)
    replay = parking.add_parser("replay", help="put parked messages back on their queue")
    replay.add_argument("--message-id", help="replay only this message")
    replay.add_argument("--queue", help="only from this queue's parking (e.g. webhooks.jobs)")
    replay.add_argument("--all", action="store_true", help="replay every parked message")
    replay.set_defaults(run=parking_replay)

    hooks = groups.add_parser("webhooks", help="webhook deliveries").add_subparsers(dest="action", required=True)
    replay_hooks = hooks.add_parser(
        "replay", help="deliver again one log entry, or every failed delivery of a merchant in a time range"
    )
    replay_hooks.add_argument("--merchant", required=True, help="merchant id (UUID)")
    replay_hooks.add_argument("--id", help="one delivery log entry id")
    replay_hooks.add_argument("--since", help="ISO-8601 time, e.g. 2026-01-15T00:00:00Z: failed deliveries from then")
    replay_hooks.add_argument("--until", help="ISO-8601 time (default: now)")
    replay_hooks.set_defaults(run=webhooks_replay)

    outbox = groups.add_parser("outbox", help="the services' outboxes").add_subparsers(dest="action", required=True)
    status = outbox.add_parser("status", help="messages waiting in each service's outbox and the oldest one's age")
    status.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for each service")
    status.set_defaults(run=outbox_status)

    jobs = groups.add_parser("jobs", help="background jobs").add_subparsers(dest="action", required=True)
    jobs.add_parser("status", help="live workers and job counts by service").set_defaults(run=jobs_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    wired = bootstrap.build(Settings.from_env())
    try:
        return args.run(wired, args)
    finally:
        wired.close()


if __name__ == "__main__":
    sys.exit(main())
