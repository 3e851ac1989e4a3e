"""The NUL check's look at raw bytes: it may send a request on to the full check, but never lets a NUL through."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from gateway.request_text import ESCAPED_IN_JSON, ESCAPED_IN_QUERY, contains_nul, may_hold_nul

VALUES = [
    {"amount": 500, "receipt": "rcpt\u0000"},
    {"notes": {"\u0000": "key"}},
    {"list": ["a", ["b\u0000"]]},
    {"receipt": "a\\u0000 is not a NUL"},
    {"receipt": "plain", "notes": {"gift": "wrap"}},
    {"receipt": "ünïcödé \u2028"},
]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_json_whose_bytes_hold_no_nul_decodes_to_no_nul(value, ensure_ascii):
    raw = json.dumps(value, ensure_ascii=ensure_ascii).encode()
    if contains_nul(json.loads(raw)):
        assert may_hold_nul(raw, ESCAPED_IN_JSON)
    if not may_hold_nul(raw, ESCAPED_IN_JSON):
        assert not contains_nul(json.loads(raw))


def test_plain_json_needs_no_full_check():
    assert not may_hold_nul(b'{"amount": 500, "receipt": "r1"}', ESCAPED_IN_JSON)


@pytest.mark.parametrize("query", [{"order_id": "order_\u0000"}, {"\u0000": "x"}, {"status": "captured"}])
def test_a_query_whose_bytes_hold_no_nul_decodes_to_no_nul(query):
    raw = urlencode(query).encode()
    assert may_hold_nul(raw, ESCAPED_IN_QUERY) == contains_nul(list(query.items()))
