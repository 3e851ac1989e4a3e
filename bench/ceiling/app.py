"""A bare Flask JSON endpoint: what the web server and Flask allow before Paygate does any work."""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.post("/ceiling")
def ceiling():
    """Read a JSON body and answer 201 with a small JSON document, as creating something would."""
    body = request.get_json()
    return {"id": "ceiling", "amount": body.get("amount"), "status": "created"}, 201
