"""Merchant traffic for fault runs: orders, payments, captures and refunds sent concurrently by a careful client.

The client does what a merchant following the API's advice does: every POST that creates
something carries an Idempotency-Key, and a 503, a 409 (first request still running) or a
dropped connection is retried with the same key until a deadline. A tenth of the payments
go without a key; those are never retried, so they show what happens to a client that
cannot retry safely. Every answer is recorded, so the run can prove no request ever got a
500, a stack trace or an error outside the contract's shape.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.support.contract import contract_problem

CARDS = ("4111111111111111", "5555555555554444", "6011000990139424", "378282246310005", "6521123412341239")
CVVS = ("123", "456", "789", "1234", "321")
RETRIED = {409, 503}
FINAL = ("success", "failed")


@dataclass
class Journey:
    """One shopper's order and payment, and what the merchant then does with it."""

    index: int
    keyed: bool
    method: str
    amount: int
    refund_shares: tuple[int, ...]  # each refund is amount // share
    over_refund: bool  # then ask for more than what is left, which must be refused
    capture: bool
    order_id: str | None = None
    payment: dict[str, Any] | None = None
    unanswered_payment: bool = False  # a keyless create that got no 201: it may or may not exist
    final_status: str | None = None
    refunds: list[dict[str, Any]] = field(default_factory=list)
    refused_refunds: list[tuple[int, str]] = field(default_factory=list)
    captured: bool = False
    gave_up: list[str] = field(default_factory=list)


def plan(count: int, run_id: str) -> list[Journey]:
    journeys = []
    for index in range(count):
        method = "card" if index % 2 else "upi"
        shares = {1: (2,), 3: (3, 3)}.get(index % 4, ())
        journeys.append(
            Journey(
                index=index,
                keyed=index % 10 != 7,
                method=method,
                amount=10_000 + 7 * index,
                refund_shares=shares,
                over_refund=index % 8 == 3,
                capture=index % 5 == 2,
            )
        )
    return journeys


def payment_body(journey: Journey) -> dict[str, Any]:
    if journey.method == "upi":
        return {"order_id": journey.order_id, "method": "upi", "vpa": f"shopper.{journey.index}@okaxis"}
    card = journey.index // 2 % len(CARDS)
    return {
        "order_id": journey.order_id,
        "method": "card",
        "card": {
            "number": CARDS[card],
            "expiry_month": "12",
            "expiry_year": "2031",
            "cvv": CVVS[card],
            "holder_name": f"Shopper {journey.index}",
        },
    }


class Answers:
    """Every HTTP answer the client got, and the ones that broke the contract."""

    def __init__(self) -> None:
        self.by_status: Counter[int] = Counter()
        self.violations: list[str] = []
        self._lock = threading.Lock()

    def record(self, method: str, path: str, response: requests.Response) -> None:
        problem = contract_problem(response, outage=True)
        with self._lock:
            self.by_status[response.status_code] += 1
            if problem:
                self.violations.append(f"{method} {path} -> {response.status_code}: {problem}")

    def count(self, status: int) -> int:
        with self._lock:
            return self.by_status[status]


def error_description(response: requests.Response) -> str | None:
    try:
        return response.json()["error"]["description"]
    except (ValueError, KeyError, TypeError):
        return None


class CarefulClient:
    """One merchant's API client, a session per thread, retrying what is safe to retry."""

    def __init__(self, base_url: str, headers: dict[str, str], answers: Answers, patience_s: float) -> None:
        self._base_url = base_url
        self._headers = headers
        self._answers = answers
        self.patience_s = patience_s
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers.update(self._headers)
        return session

    def once(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        """One request; None when the connection failed or timed out."""
        try:
            response = self._session().request(method, self._base_url + path, timeout=20, **kwargs)
        except requests.RequestException:
            return None
        self._answers.record(method, path, response)
        return response

    def patiently(self, method: str, path: str, *, key: str | None = None, **kwargs: Any) -> requests.Response | None:
        """Repeat while the answer is worth repeating (same key each time); None when patience ran out."""
        headers = {"Idempotency-Key": key} if key else {}
        deadline = time.monotonic() + self.patience_s
        pause = 0.2
        while True:
            response = self.once(method, path, headers=headers, **kwargs)
            if response is not None and response.status_code not in RETRIED:
                return response
            if time.monotonic() + pause > deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


class Traffic:
    """Runs every journey on a pool of threads; the test injects its fault while they run."""

    def __init__(self, client: CarefulClient, journeys: list[Journey], run_id: str, threads: int = 8) -> None:
        self.client = client
        self.journeys = journeys
        self._run_id = run_id
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="shopper")
        self._futures: list[Future] = []
        self._created = 0
        self._lock = threading.Lock()

    @property
    def payments_created(self) -> int:
        with self._lock:
            return self._created

    def start(self) -> Traffic:
        self._futures = [self._pool.submit(self._travel, journey) for journey in self.journeys]
        return self

    def join(self) -> None:
        for future in self._futures:
            future.result()
        self._pool.shutdown()

    def _travel(self, journey: Journey) -> None:
        key = f"{self._run_id}-{journey.index}"
        order = self.client.patiently("POST", "/api/v1/orders", key=f"{key}-order", json={"amount": journey.amount})
        if order is None or order.status_code != 201:
            journey.gave_up.append(f"order: {order.text if order is not None else 'no answer'}")
            return
        journey.order_id = order.json()["id"]
        self._pay(journey, key)
        if journey.payment is None or not (journey.refund_shares or journey.capture or journey.over_refund):
            return
        journey.final_status = self._await_final(journey)
        if journey.final_status != "success":
            return
        if journey.capture:
            self._capture(journey)
        for number, share in enumerate(journey.refund_shares):
            self._refund(journey, journey.amount // share, f"{key}-refund-{number}")
        if journey.over_refund:
            self._refund(journey, journey.amount - sum(r["amount"] for r in journey.refunds) + 1, f"{key}-over")

    def _pay(self, journey: Journey, key: str) -> None:
        body = payment_body(journey)
        if journey.keyed:
            response = self.client.patiently("POST", "/api/v1/payments", key=f"{key}-pay", json=body)
        else:
            response = self.client.once("POST", "/api/v1/payments", json=body)
        if response is not None and response.status_code == 201:
            journey.payment = response.json()
            with self._lock:
                self._created += 1
        elif journey.keyed:
            journey.gave_up.append(f"payment: {response.text if response is not None else 'no answer'}")
        else:
            journey.unanswered_payment = True

    def _await_final(self, journey: Journey) -> str | None:
        deadline = time.monotonic() + self.client.patience_s
        while time.monotonic() < deadline:
            response = self.client.once("GET", f"/api/v1/payments/{journey.payment['id']}")
            if response is not None and response.status_code == 200 and response.json()["status"] in FINAL:
                return response.json()["status"]
            time.sleep(0.5)
        journey.gave_up.append("payment never reached a final state while the client waited")
        return None

    def _capture(self, journey: Journey) -> None:
        path = f"/api/v1/payments/{journey.payment['id']}/capture"
        response = self.client.patiently("POST", path, json={"amount": journey.amount})
        if response is not None and response.status_code == 200:
            journey.captured = True
        elif response is not None and error_description(response) == "Payment already captured":
            journey.captured = True  # an earlier try that got no answer did it
        else:
            journey.gave_up.append(f"capture: {response.text if response is not None else 'no answer'}")

    def _refund(self, journey: Journey, amount: int, key: str) -> None:
        path = f"/api/v1/payments/{journey.payment['id']}/refunds"
        response = self.client.patiently("POST", path, key=key, json={"amount": amount, "reason": "fault run"})
        if response is not None and response.status_code == 201:
            journey.refunds.append(response.json())
        elif response is not None and response.status_code == 400:
            journey.refused_refunds.append((amount, error_description(response)))
        else:
            journey.gave_up.append(f"refund: {response.text if response is not None else 'no answer'}")
