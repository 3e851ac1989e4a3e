"""What the checkout tests share: the app as a real process, data-test-id hooks, pages on other origins."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.browser import AppProcess, running_app
from tests.support.stack import Stack, free_port

#: long enough for a payment to be created, processed in the background and seen by the page's 2 s poll
PAYMENT_OUTCOME_MS = 30_000


@contextmanager
def running_checkout(stack: Stack, log_dir: Path) -> Iterator[AppProcess]:
    """`python -m checkout serve` on a free port, pointed at the stack's gateway."""
    port = free_port()
    env = {
        **stack.env,
        "CHECKOUT_PORT": str(port),
        "CHECKOUT_WORKERS": "1",
        "CHECKOUT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PAYGATE_API_URL": stack.base_url,
    }
    with running_app("checkout", port, env, log_dir) as running:
        yield running


def hook(name: str) -> str:
    """The CSS selector of a `data-test-id` hook."""
    return f'[data-test-id="{name}"]'


class StaticSite:
    """Fixed HTML pages served on a port of their own, hence from an origin of their own."""

    def __init__(self, pages: dict[str, str]) -> None:
        self._pages = pages
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StaticSite:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        pages = self._pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                encoded = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(encoded)))
                self.end_headers()
                self.wfile.write(encoded)

            def log_message(self, *args) -> None:
                pass

        return Handler


_SHOP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test shop</title></head>
<body>
<h1>Test shop</h1>
<button id="elsewhere" type="button">Somewhere else on the shop's page</button>
<script src="CHECKOUT_URL/checkout.js"></script>
<script>
  window.calls = [];
  window.messageOrigins = [];
  window.addEventListener("message", (event) => window.messageOrigins.push(event.origin));
  window.openCheckout = (orderId) => {
    window.gateway = new PaymentGateway({
      key: "key_test_abc123",
      orderId,
      onSuccess: (data) => window.calls.push({callback: "onSuccess", data}),
      onFailure: (data) => window.calls.push({callback: "onFailure", data}),
      onClose: () => window.calls.push({callback: "onClose"}),
    });
    window.gateway.open();
  };
</script>
</body></html>"""


def shop_site(checkout_url: str) -> StaticSite:
    """A merchant's site at /shop.html: loads the SDK from the checkout, records every callback and message."""
    return StaticSite({"/shop.html": _SHOP_PAGE.replace("CHECKOUT_URL", checkout_url)})


FORGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Forger</title></head>
<body><script>
  parent.postMessage({type: "payment_success", data: {paymentId: "pay_forgedForgedForg"}}, "*");
  parent.postMessage({type: "close_modal", data: {}}, "*");
</script></body></html>"""
