"""The one error shape of the API, for every error: {"error": {"code", "description"}}."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable

log = logging.getLogger(__name__)

INFRASTRUCTURE_ERRORS = (OperationalError, PoolTimeout, RedisConnectionError, RedisTimeoutError)

CODES_BY_STATUS = {
    400: "BAD_REQUEST_ERROR",
    401: "AUTHENTICATION_ERROR",
    404: "NOT_FOUND_ERROR",
    405: "METHOD_NOT_ALLOWED",
    409: "IDEMPOTENCY_CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "BAD_REQUEST_ERROR",
    422: "IDEMPOTENCY_KEY_REUSED",
    429: "RATE_LIMITED",
    503: "SERVICE_UNAVAILABLE",
}

DESCRIPTIONS_BY_STATUS = {
    404: "The requested resource does not exist",
    405: "The method is not allowed for the requested URL",
    413: "Request body is larger than 1 MiB",
    500: "Internal server error",
    503: "A service is unavailable; try again shortly",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, description: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description
        self.headers = headers or {}


def bad_request(description: str, code: str = "BAD_REQUEST_ERROR") -> ApiError:
    return ApiError(400, code, description)


def not_found(description: str = "Resource not found") -> ApiError:
    return ApiError(404, "NOT_FOUND_ERROR", description)


def error_response(status: int, code: str, description: str, headers: dict[str, str] | None = None):
    response = jsonify({"error": {"code": code, "description": description}})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def describe_validation(messages) -> str:
    """Turn webargs/marshmallow messages into one sentence: an unknown field first (often a typo), else the first problem."""
    if isinstance(messages, dict):
        for location in ("json", "query", "path", "headers"):
            if location in messages:
                return describe_validation(messages[location])
        unknown = [field for field, problem in messages.items() if _is_unknown_field(problem)]
        if unknown:
            return f"Unknown field: {unknown[0]}"
        for field, problem in messages.items():
            text = describe_validation(problem)
            if field == "_schema":
                return text
            if text.startswith(f"{field} ") or text.startswith(f"{field}."):
                return text
            return f"{field}: {text}" if not text.startswith(field) else text
        return "Invalid request"
    if isinstance(messages, list | tuple):
        return describe_validation(messages[0]) if messages else "Invalid request"
    return str(messages)


def _is_unknown_field(problem) -> bool:
    return isinstance(problem, list | tuple) and any(str(text).startswith("Unknown field") for text in problem)


def http_error(error: HTTPException):
    status = error.code or 500
    if status in (400, 422) and getattr(error, "data", None) and "messages" in error.data:
        return error_response(400, "BAD_REQUEST_ERROR", describe_validation(error.data["messages"]))
    if status == 400:
        return error_response(400, "BAD_REQUEST_ERROR", "Malformed request body: expected valid JSON")
    code = CODES_BY_STATUS.get(status, "SERVER_ERROR")
    description = DESCRIPTIONS_BY_STATUS.get(status) or error.description or "Request failed"
    return error_response(status, code, description)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return error_response(error.status, error.code, error.description, error.headers)

    @app.errorhandler(CommandRejected)
    def _rejected(error: CommandRejected):
        return error_response(error.status, error.code, error.description)

    @app.errorhandler(ServiceUnavailable)
    def _unavailable(error: ServiceUnavailable):
        log.warning("service unavailable: %s", error)
        return error_response(503, "SERVICE_UNAVAILABLE", "A service is unavailable; try again shortly")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        if _is_infrastructure_error(error):
            log.warning("infrastructure unavailable: %r", error)
            return error_response(503, "SERVICE_UNAVAILABLE", "A service is unavailable; try again shortly")
        log.exception("unexpected error")
        return error_response(500, "SERVER_ERROR", "Internal server error")


def _is_infrastructure_error(error: Exception) -> bool:
    """PostgreSQL or Redis being away is an outage to report as 503, not a bug."""
    return isinstance(error, INFRASTRUCTURE_ERRORS)
