"""`paygate merchants create|list`: more merchants, with unguessable credentials."""

from __future__ import annotations

import json
import uuid


def test_a_created_merchant_can_call_the_api_with_its_printed_credentials(stack):
    email = f"shop-{uuid.uuid4().hex[:8]}@example.com"

    created = stack.create_merchant("Shop", email)

    assert created["email"] == email
    assert created["api_key"].startswith("key_live_") and len(created["api_key"]) >= 32
    assert created["api_secret"].startswith("secret_live_") and len(created["api_secret"]) >= 40
    session = stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})
    order = session.post("/api/v1/orders", json={"amount": 2500})
    assert order.status_code == 201
    assert order.json()["merchant_id"] == created["id"]


def test_two_merchants_never_get_the_same_credentials(stack):
    first = stack.create_merchant("A", f"a-{uuid.uuid4().hex[:8]}@example.com")
    second = stack.create_merchant("B", f"b-{uuid.uuid4().hex[:8]}@example.com")

    assert first["api_key"] != second["api_key"]
    assert first["api_secret"] != second["api_secret"]


def test_merchants_list_shows_the_test_merchant_without_secrets(stack):
    result = stack.paygate_command("merchants", "list")

    assert result.returncode == 0
    merchants = json.loads(result.stdout)
    assert "test@example.com" in [m["email"] for m in merchants]
    assert "secret_test_xyz789" not in result.stdout


def test_a_duplicate_email_is_refused_clearly(stack):
    result = stack.paygate_command("merchants", "create", "--name", "Dup", "--email", "test@example.com")

    assert result.returncode != 0
    assert "already exists" in result.stderr


def test_outbox_status_reports_each_service_backlog(stack):
    result = stack.paygate_command("outbox", "status")

    rows = {row["service"]: row for row in json.loads(result.stdout)}
    assert rows["payments"]["waiting"] >= 0
    assert "oldest_age_seconds" in rows["payments"]


def test_jobs_status_lists_live_workers(stack):
    result = stack.paygate_command("jobs", "status")

    assert result.returncode == 0
    status = json.loads(result.stdout)
    assert "payments" in {w["service"] for w in status["workers"]}
    assert status["worker_status"] == "running"


def test_every_subcommand_explains_itself_and_bad_input_is_refused(stack):
    for args in (["--help"], ["merchants", "--help"], ["parking", "replay", "--help"], ["outbox", "status", "--help"]):
        assert stack.paygate_command(*args).returncode == 0, args
    refused = stack.paygate_command("merchants", "create", "--name", "X", "--email", "not-an-email")
    assert refused.returncode != 0 and "email" in refused.stderr
    assert stack.paygate_command("parking", "replay").returncode != 0
