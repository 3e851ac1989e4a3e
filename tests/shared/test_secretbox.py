"""Secrets sealed at rest: opened back under the same key, each token decrypted once while it stays in use."""

from __future__ import annotations

import pytest
from cryptography.fernet import InvalidToken

from paygate_shared.secretbox import SecretBox


def test_a_sealed_secret_opens_to_itself_and_is_not_kept_in_the_clear():
    box = SecretBox("deployment key")
    token = box.seal("whsec_abc")

    assert "whsec_abc" not in token
    assert box.open(token) == "whsec_abc"
    assert SecretBox("deployment key").open(token) == "whsec_abc"


def test_another_key_cannot_open_it():
    token = SecretBox("deployment key").seal("whsec_abc")

    with pytest.raises(InvalidToken):
        SecretBox("another key").open(token)


def test_a_token_opened_again_is_not_decrypted_again_and_a_new_secret_opens_to_its_own_value():
    box = SecretBox("deployment key")
    decrypted = []
    decrypt = box._fernet.decrypt
    box._fernet.decrypt = lambda token: decrypted.append(token) or decrypt(token)
    first, second = box.seal("whsec_first"), box.seal("whsec_second")

    assert [box.open(first), box.open(first), box.open(second), box.open(first)] == [
        "whsec_first",
        "whsec_first",
        "whsec_second",
        "whsec_first",
    ]
    assert len(decrypted) == 2
