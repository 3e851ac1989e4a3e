"""The SSRF guard: http(s) URLs only, and never to loopback, private, link-local or metadata addresses."""

from __future__ import annotations

import ipaddress

import pytest

from webhooks.domain.url_policy import UrlGuard, UrlRefused, parse_webhook_url, refusal_reason


def guard(*addresses: str, allow_private: bool = False) -> UrlGuard:
    return UrlGuard(resolve=lambda host: list(addresses), allow_private=allow_private)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("169.254.10.1", "link-local"),
        ("fe80::1", "link-local"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.10", "private"),
        ("fc00::1", "private"),
        ("100.64.0.1", "non-public"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "non-public"),
    ],
)
def test_internal_addresses_are_refused_with_the_reason(address, reason):
    assert reason in refusal_reason(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_are_allowed(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


def test_the_metadata_address_is_refused_outside_test_mode():
    with pytest.raises(UrlRefused, match="metadata"):
        guard("169.254.169.254").check("http://169.254.169.254/latest/meta-data/")


def test_a_name_resolving_to_a_private_address_is_refused():
    with pytest.raises(UrlRefused, match="private address"):
        guard("10.1.2.3").check("https://hooks.internal.example.com/")


def test_a_name_resolving_to_public_and_private_addresses_is_refused():
    with pytest.raises(UrlRefused, match="loopback"):
        guard("93.184.216.34", "127.0.0.1").addresses(parse_webhook_url("https://shop.example.com/"))


def test_a_name_that_does_not_resolve_is_refused():
    def nowhere(host: str) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(UrlRefused, match="could not be resolved"):
        UrlGuard(resolve=nowhere, allow_private=False).check("https://nowhere.invalid/")


def test_a_public_url_passes_and_keeps_its_port_path_and_query():
    checked = guard("93.184.216.34").check("https://shop.example.com:8443/hooks/paygate?shop=1")

    assert (checked.scheme, checked.host, checked.port, checked.target) == (
        "https",
        "shop.example.com",
        8443,
        "/hooks/paygate?shop=1",
    )


def test_private_urls_pass_when_allowed_as_in_test_mode_and_make_run():
    allowed = guard("127.0.0.1", allow_private=True)

    assert allowed.check("http://localhost:4000/").port == 4000
    assert allowed.addresses(parse_webhook_url("http://localhost:4000/")) == ["127.0.0.1"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://shop.example.com/",
        "javascript:alert(1)",
        "shop.example.com/hooks",
        "http://",
        "https://user:secret@shop.example.com/",
        "http://shop.example.com:99999/",
        "https://shop.example.com/" + "a" * 2100,
    ],
)
def test_urls_that_are_not_plain_http_or_https_are_refused(url):
    with pytest.raises(UrlRefused):
        guard("93.184.216.34", allow_private=True).check(url)
