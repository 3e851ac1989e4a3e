"""The checkout page and the SDK speak the same postMessage protocol."""

from __future__ import annotations

import re
from pathlib import Path

import checkout

STATIC = Path(checkout.__file__).parent / "static"


def message_types(source: str) -> dict[str, str]:
    block = re.search(r"MessageType = Object\.freeze\(\{(.*?)\}\)", source, re.DOTALL)
    assert block, "no MessageType declaration"
    return dict(re.findall(r'(\w+): "(\w+)"', block.group(1)))


def test_the_sdk_handles_exactly_the_message_types_the_checkout_page_posts():
    page_types = message_types((STATIC / "checkout" / "protocol.js").read_text())
    sdk_types = message_types((STATIC / "sdk" / "checkout.js").read_text())

    assert (
        page_types
        == sdk_types
        == {
            "PAYMENT_SUCCESS": "payment_success",
            "PAYMENT_FAILED": "payment_failed",
            "CLOSE_MODAL": "close_modal",
        }
    )


def test_nothing_posts_a_message_to_any_origin():
    for script in STATIC.rglob("*.js"):
        assert not re.search(r"postMessage\([^)]*[\"']\*[\"']", script.read_text()), script
