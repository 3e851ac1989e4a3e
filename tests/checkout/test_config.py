"""Checkout settings from the environment."""

from __future__ import annotations

import pytest

from checkout.config import Settings


def test_defaults_serve_port_3001_against_the_local_api_with_the_test_merchant():
    settings = Settings.from_env({})

    assert settings.port == 3001
    assert settings.api_url == settings.server_api_url == "http://localhost:8000"
    assert settings.public_url == "http://localhost:3001"
    assert (settings.demo_key, settings.demo_secret) == ("key_test_abc123", "secret_test_xyz789")


def test_the_server_may_reach_the_api_elsewhere_than_browsers_do():
    settings = Settings.from_env(
        {"PAYGATE_API_URL": "https://api.paygate.example/", "PAYGATE_INTERNAL_API_URL": "http://gateway-api:8000"}
    )

    assert settings.api_url == "https://api.paygate.example"
    assert settings.api_origin == "https://api.paygate.example"
    assert settings.server_api_url == "http://gateway-api:8000"


def test_a_url_that_is_not_http_is_refused_with_what_was_expected():
    with pytest.raises(ValueError, match=r"PAYGATE_API_URL must be an http\(s\) URL .* got 'localhost:8000'"):
        Settings.from_env({"PAYGATE_API_URL": "localhost:8000"})
