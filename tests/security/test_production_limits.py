"""What the other tests relax, here as in production: the failed-authentication limit and private webhook URLs."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from tests.support.stack import TEST_MERCHANT
from tests.support.waiting import eventually

WINDOW_S = 5
#: the limit's production default (AUTH_FAILURE_LIMIT unset); the window is shortened to see it end
STACK_ENV = {"AUTH_FAILURE_LIMIT": "", "AUTH_FAILURE_WINDOW_S": str(WINDOW_S), "WEBHOOK_ALLOW_PRIVATE_URLS": "false"}
LIMIT = 20
WRONG = {"X-Api-Key": TEST_MERCHANT["X-Api-Key"], "X-Api-Secret": "secret_test_guess0000"}


class FromAddress(HTTPAdapter):
    """Connects from another loopback address, as a second client would."""

    def __init__(self, address: str) -> None:
        self._address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self._address, 0)
        super().init_poolmanager(*args, **kwargs)


def client(stack, headers: dict[str, str], address: str = "127.0.0.1") -> requests.Session:
    session = stack.session(headers=headers)
    session.mount("http://", FromAddress(address))
    return session


def test_a_client_that_keeps_failing_authentication_is_refused_with_429_until_the_window_ends(separate_stack):
    guesser = client(separate_stack, WRONG)
    eventually(lambda: guesser.get("/api/v1/orders").status_code == 401, what="a fresh window")

    failures = [guesser.get("/api/v1/orders").status_code for _ in range(LIMIT - 1)]
    refused = guesser.get("/api/v1/orders")
    right_secret_meanwhile = client(separate_stack, TEST_MERCHANT).get("/api/v1/orders")
    other_client_meanwhile = client(separate_stack, TEST_MERCHANT, "127.0.0.2").get("/api/v1/orders")

    assert failures == [401] * (LIMIT - 1)
    assert refused.status_code == 429
    assert refused.json() == {
        "error": {"code": "RATE_LIMITED", "description": "Too many failed authentication attempts; try again later"}
    }
    assert 1 <= int(refused.headers["Retry-After"]) <= WINDOW_S
    # while refused, even the right secret gets 429: a lucky guess must not stand out
    assert right_secret_meanwhile.status_code == 429
    assert other_client_meanwhile.status_code == 200
    eventually(
        lambda: client(separate_stack, TEST_MERCHANT).get("/api/v1/orders").status_code == 200,
        timeout=WINDOW_S + 5,
        what="the window to end",
    )


def test_successful_authentication_never_counts_against_the_limit(separate_stack):
    merchant = client(separate_stack, TEST_MERCHANT, "127.0.0.3")

    statuses = {merchant.get("/api/v1/orders").status_code for _ in range(LIMIT * 2)}

    assert statuses == {200}


REFUSED_URLS = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://10.0.0.8/hook",
    "http://172.16.5.4/hook",
    "http://192.168.1.20/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/hook",
    "http://2130706433/hook",
    "ftp://example.com/hook",
    "file:///etc/passwd",
]


def test_webhook_urls_that_reach_private_loopback_or_metadata_addresses_are_refused(separate_stack):
    merchant = separate_stack.session()
    before = merchant.get("/api/v1/webhooks/config").json()

    answers = {url: merchant.put("/api/v1/webhooks/config", json={"webhook_url": url}) for url in REFUSED_URLS}

    accepted = {url: r.status_code for url, r in answers.items() if r.status_code != 400}
    assert not accepted
    assert {r.json()["error"]["code"] for r in answers.values()} == {"BAD_REQUEST_ERROR"}
    assert merchant.get("/api/v1/webhooks/config").json() == before
