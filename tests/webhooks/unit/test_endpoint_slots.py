"""Per-endpoint delivery slots: a limit per merchant, never waiting, released when the delivery ends."""

from __future__ import annotations

import pytest

from webhooks.adapters.endpoint_slots import EndpointSlots


def test_a_merchant_gets_at_most_its_limit_while_others_are_unaffected():
    slots = EndpointSlots(2)

    with slots.hold("a") as first, slots.hold("a") as second, slots.hold("a") as third, slots.hold("b") as other:
        assert (first, second, third, other) == (True, True, False, True)
        assert slots.in_use("a") == 2

    assert slots.in_use("a") == 0


def test_a_slot_is_released_when_the_delivery_raises():
    slots = EndpointSlots(1)

    with pytest.raises(RuntimeError), slots.hold("a"):
        raise RuntimeError("the delivery broke")

    with slots.hold("a") as free:
        assert free


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        EndpointSlots(0)
