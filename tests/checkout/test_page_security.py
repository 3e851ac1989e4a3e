"""Which origins the checkout page will post results to, and the policy that fences the page in."""

from __future__ import annotations

import pytest

from checkout.page_security import content_security_policy, exact_origin


@pytest.mark.parametrize(
    "origin",
    [
        "http://localhost:3000",
        "https://shop.example",
        "https://shop.example:8443",
        "http://127.0.0.1:5000",
        "http://[::1]:8080",
    ],
)
def test_an_origin_written_as_a_browser_writes_it_is_accepted_as_is(origin):
    assert exact_origin(origin) == origin


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "*",
        "null",
        "https://shop.example/",
        "https://shop.example/checkout",
        "https://shop.example?x=1",
        "https://SHOP.example",
        "https://shop.example:443",
        "https://shop.example:99999",
        "ftp://shop.example",
        "https://user:pw@shop.example",
        "//shop.example",
    ],
)
def test_anything_but_an_exact_origin_is_refused_rather_than_guessed_at(value):
    assert exact_origin(value) is None


def test_the_policy_names_each_extra_origin_once_beside_self():
    policy = content_security_policy(connect=["http://api:8000", "http://api:8000"], framed_by="https://shop.example")

    assert "connect-src 'self' http://api:8000;" in policy
    assert policy.endswith("frame-ancestors https://shop.example")
    assert "script-src 'self';" in policy
