"""Per-endpoint delivery slots: a limit per merchant, a short wait only while the endpoint answers quickly."""

from __future__ import annotations

import threading

import pytest

from tests.support.waiting import eventually
from webhooks.adapters.endpoint_slots import EndpointSlots


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_merchant_gets_at_most_its_limit_while_others_are_unaffected():
    slots = EndpointSlots(2, wait_s=0.05)

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


def test_a_delivery_waits_for_the_slot_a_quick_endpoint_frees():
    slots = EndpointSlots(1, wait_s=30)
    held, got = threading.Event(), []

    def first_delivery() -> None:
        with slots.hold("a"):
            held.set()
            threading.Event().wait(0.05)

    first = threading.Thread(target=first_delivery)
    first.start()
    held.wait(5)
    with slots.hold("a") as free:
        got.append(free)
    first.join(5)

    assert got == [True]


def test_an_endpoint_whose_delivery_hangs_is_refused_at_once():
    ticks = Ticks()
    slots = EndpointSlots(1, quick_s=1.0, wait_s=30, clock=ticks)

    with slots.hold("a"):
        ticks.now += 2
        with slots.hold("a") as free:
            assert not free
        assert slots.is_slow("a")


def test_an_endpoint_stays_slow_after_a_slow_delivery_until_a_quick_one():
    ticks = Ticks()
    slots = EndpointSlots(1, quick_s=1.0, clock=ticks)

    with slots.hold("a"):
        ticks.now += 5
    assert slots.is_slow("a")

    with slots.hold("a"):
        ticks.now += 0.1
    assert not slots.is_slow("a")


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        EndpointSlots(0)


def test_an_endpoint_refuses_at_once_only_while_it_is_slow_and_at_its_limit():
    ticks = Ticks()
    slots = EndpointSlots(1, quick_s=1.0, clock=ticks)

    with slots.hold("a"):
        assert not slots.refuses("a")
        ticks.now += 2
        assert slots.refuses("a")

    assert not slots.refuses("a")


def test_no_more_deliveries_wait_for_an_endpoint_than_half_its_limit():
    slots = EndpointSlots(2, wait_s=5)
    release, waiter_got, fourth_got = threading.Event(), [], []

    def holder() -> None:
        with slots.hold("a"):
            release.wait(5)

    def waiter(got: list[bool]) -> None:
        with slots.hold("a") as free:
            got.append(free)

    threads = [threading.Thread(target=holder) for _ in range(2)]
    threads += [
        threading.Thread(target=waiter, args=(waiter_got,)),
        threading.Thread(target=waiter, args=(fourth_got,)),
    ]
    for thread in threads[:2]:
        thread.start()
    eventually(lambda: slots.in_use("a") == 2, what="two deliveries holding both slots")
    threads[2].start()
    eventually(lambda: slots.waiting("a") == 1, what="the third delivery waiting")
    threads[3].start()
    eventually(lambda: fourth_got or slots.waiting("a") == 2, what="the fourth delivery told no, or waiting")

    release.set()
    for thread in threads:
        thread.join(5)
    assert fourth_got == [False]
    assert waiter_got == [True]
