"""The exceptions the messaging layer raises and the ones handlers raise to steer it."""

from __future__ import annotations


class ServiceUnavailable(Exception):
    """A service did not answer within its deadline, or the broker is unreachable (HTTP 503)."""


class PublishFailed(ServiceUnavailable):
    """The broker did not confirm a message in time; it may or may not have been stored.

    Of a batch, the first `confirmed` messages were confirmed; the rest may or may not have been stored.
    """

    def __init__(self, description: str, *, confirmed: int = 0) -> None:
        super().__init__(description)
        self.confirmed = confirmed


class PermanentError(Exception):
    """The message can never succeed (malformed, impossible): park it, do not retry."""


class TransientError(Exception):
    """The message may succeed later (a dependency is down): retry it after a delay."""


class CommandRejected(Exception):
    """A command broke a business rule; travels back to the caller as an API error."""

    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description

    def as_reply(self) -> dict:
        return {"status": self.status, "code": self.code, "description": self.description}
