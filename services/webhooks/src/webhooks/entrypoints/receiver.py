"""A small webhook receiver for trying Paygate out: verifies both signatures and prints every event.

    python -m webhooks receiver --secret whsec_test_abc123 --port 4000

then point the merchant's webhook URL at http://127.0.0.1:4000/ (PUT /api/v1/webhooks/config).
Verified events answer 200 and are printed as one JSON line each; a bad signature or a stale
timestamp answers 401 and says why.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from webhooks.domain.signing import verify_paygate_signature, verify_standard_signature

DEFAULT_TOLERANCE_S = 300


def problems(secret: str, headers, body: bytes, tolerance_s: int, now: float) -> list[str]:
    """Everything wrong with one delivery; empty when both signatures and the timestamp check out."""
    found = []
    if not verify_paygate_signature(secret, body, headers.get("X-Webhook-Signature", "")):
        found.append("X-Webhook-Signature does not match")
    webhook_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not verify_standard_signature(secret, webhook_id, timestamp, body, headers.get("webhook-signature", "")):
        found.append("webhook-signature does not match")
    elif abs(now - int(timestamp)) > tolerance_s:
        found.append(f"webhook-timestamp is more than {tolerance_s}s away (a replay?)")
    return found


def make_handler(secret: str, tolerance_s: int) -> type[BaseHTTPRequestHandler]:
    seen: set[str] = set()
    lock = threading.Lock()

    class WebhookHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            wrong = problems(secret, self.headers, body, tolerance_s, time.time())
            if wrong:
                _print({"verified": False, "problems": wrong})
                self._answer(401, {"error": "; ".join(wrong)})
                return
            webhook_id = self.headers["webhook-id"]
            with lock:
                repeat = webhook_id in seen
                seen.add(webhook_id)
            event = json.loads(body)
            _print({"verified": True, "webhook_id": webhook_id, "repeat": repeat, **event})
            self._answer(200, {"received": True})

        def _answer(self, status: int, body: dict) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args) -> None:
            pass  # one JSON line per event is the output; no access log

    return WebhookHandler


def _print(line: dict) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webhooks receiver", description=__doc__.splitlines()[0])
    parser.add_argument("--secret", required=True, help="the merchant's webhook secret (whsec_...)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4000)
    parser.add_argument("--tolerance", type=int, default=DEFAULT_TOLERANCE_S, help="max timestamp skew, seconds")
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.secret, args.tolerance))
    print(f"listening on http://{args.host}:{server.server_port}/", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
