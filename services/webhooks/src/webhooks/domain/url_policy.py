"""Which webhook URLs Paygate will call: http(s) only, and never into private networks (SSRF).

A URL is checked twice: when a merchant saves it and again before every attempt, after
DNS resolution, so a name that later resolves to an internal address is still refused.
The delivery then connects to the address that was checked, not to a fresh lookup.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: host name -> the addresses it resolves to (raises OSError when it does not)
Resolver = Callable[[str], Sequence[str]]

_METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class UrlRefused(ValueError):
    """The URL is not one Paygate delivers to; the message says why, for the merchant."""


@dataclass(frozen=True)
class WebhookUrl:
    url: str
    scheme: str
    host: str
    port: int
    target: str  # path and query, as sent in the request line


def parse_webhook_url(url: str) -> WebhookUrl:
    if len(url) > MAX_URL_LENGTH:
        raise UrlRefused(f"webhook_url must be at most {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UrlRefused(f"webhook_url is not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlRefused("webhook_url must be an http or https URL with a host")
    if parts.username or parts.password:
        raise UrlRefused("webhook_url must not contain credentials")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if parts.scheme == "https" else 80
    return WebhookUrl(url.strip(), parts.scheme, parts.hostname, port or default_port, target)


def refusal_reason(address: IPAddress) -> str | None:
    """Why an address must not be called, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if address.is_multicast or not address.is_global:
        return "a non-public address"
    return None


@dataclass(frozen=True)
class UrlGuard:
    """Resolves a webhook URL's host and refuses internal addresses unless `allow_private`."""

    resolve: Resolver
    allow_private: bool

    def addresses(self, url: WebhookUrl) -> list[str]:
        """The addresses to connect to, every one of them allowed; raises UrlRefused."""
        try:
            found = [ipaddress.ip_address(raw) for raw in self.resolve(url.host)]
        except (OSError, ValueError) as exc:
            raise UrlRefused(f"webhook_url host {url.host!r} could not be resolved") from exc
        if not found:
            raise UrlRefused(f"webhook_url host {url.host!r} could not be resolved")
        if not self.allow_private:
            for address in found:
                reason = refusal_reason(address)
                if reason:
                    raise UrlRefused(f"webhook_url must not point to {reason} ({address})")
        return [str(address) for address in found]

    def check(self, url: str) -> WebhookUrl:
        """Parse and, unless private URLs are allowed, resolve and check a URL a merchant saves."""
        parsed = parse_webhook_url(url)
        if not self.allow_private:
            self.addresses(parsed)
        return parsed
