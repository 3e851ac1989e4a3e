"""The gunicorn command line every web process runs under."""

from __future__ import annotations

import json

from paygate_shared.webserver import gunicorn_argv


def test_the_command_serves_the_app_on_the_port_with_json_access_lines_naming_the_service():
    argv = gunicorn_argv("checkout", "checkout.wsgi:app", port=3001, workers=2, threads=8)

    assert argv[1:3] == ["-m", "gunicorn"]
    assert argv[-1] == "checkout.wsgi:app"
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:3001"
    assert (argv[argv.index("--workers") + 1], argv[argv.index("--threads") + 1]) == ("2", "8")
    atoms = {"t": "now", "m": "GET", "U": "/", "s": 200, "M": 3, "{x-request-id}o": "req-1"}
    access_line = argv[argv.index("--access-logformat") + 1] % atoms
    assert json.loads(access_line) == {
        "ts": "now",
        "service": "checkout",
        "access": "GET /",
        "status": 200,
        "ms": 3,
        "correlation_id": "req-1",
    }
    assert "--config" not in argv


def test_a_gunicorn_config_module_can_be_given():
    argv = gunicorn_argv("gateway", "gateway.wsgi:app", port=8000, workers=1, threads=1, config="python:gateway.conf")

    assert argv[argv.index("--config") + 1] == "python:gateway.conf"
