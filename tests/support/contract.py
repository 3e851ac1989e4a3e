"""What every answer of the API promises: JSON, errors in one shape, and no server error but a 503 in an outage."""

from __future__ import annotations

import requests

ERROR_KEYS = {"code", "description"}


def contract_problem(response: requests.Response, *, outage: bool = False) -> str | None:
    """Why an answer breaks the contract, or None.

    A 5xx is a bug, except a 503 SERVICE_UNAVAILABLE while something the API depends on is
    down (`outage`); a body that is not JSON, or an error in another shape, always is.
    """
    status = response.status_code
    if status >= 500 and not (outage and status == 503):
        return f"server error {status}: {response.text[:300]}"
    try:
        body = response.json()
    except ValueError:
        return f"not JSON: {response.text[:300]}"
    if status >= 400:
        error = body.get("error") if isinstance(body, dict) else None
        if set(body) != {"error"} or not isinstance(error, dict) or set(error) != ERROR_KEYS:
            return f"error outside the contract's shape: {body}"
        if status == 503 and error["code"] != "SERVICE_UNAVAILABLE":
            return f"503 with code {error['code']}"
    return None
