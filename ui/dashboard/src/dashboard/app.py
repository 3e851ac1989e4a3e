"""The Flask application factory: settings, session cookie, CSRF, sign-in guard, pages, error pages."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from dashboard import bootstrap
from dashboard.api_client import GatewayClient, GatewayError, SignedOut
from dashboard.auth import blp as auth_blp
from dashboard.auth import current_merchant, from_script, local_path, require_sign_in, sign_out
from dashboard.config import Settings
from dashboard.formatting import register_filters
from dashboard.pages.docs import blp as docs_blp
from dashboard.pages.home import blp as home_blp
from dashboard.pages.refunds import blp as refunds_blp
from dashboard.pages.transactions import blp as transactions_blp
from dashboard.pages.webhooks import blp as webhooks_blp

SESSION_LIFETIME = timedelta(hours=12)

NAVIGATION = (
    ("home.show", "Home"),
    ("transactions.index", "Transactions"),
    ("refunds.index", "Refunds"),
    ("webhooks.index", "Webhooks"),
    ("docs.show", "API docs"),
)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def create_app(settings: Settings | None = None, gateway: GatewayClient | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # the checkout on another port of the same host has cookies of its own: never share a name
        SESSION_COOKIE_NAME="paygate_dashboard",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        WTF_CSRF_TIME_LIMIT=None,  # a form's token lives as long as the signed-in session
        WTF_CSRF_SSL_STRICT=settings.secure_cookies,
    )
    app.extensions["dashboard"] = bootstrap.build(settings, gateway)
    CSRFProtect(app)
    register_filters(app)
    app.before_request(require_sign_in)
    for blueprint in (auth_blp, home_blp, transactions_blp, refunds_blp, webhooks_blp, docs_blp):
        app.register_blueprint(blueprint)
    _register_error_pages(app)

    @app.context_processor
    def _layout():
        return {"merchant": current_merchant(), "navigation": NAVIGATION, "test_mode": settings.test_mode}

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if current_merchant() is not None:
            response.headers.setdefault("Cache-Control", "no-store")  # pages show secrets
        return response

    return app


def _register_error_pages(app: Flask) -> None:
    @app.errorhandler(SignedOut)
    def _signed_out(error: SignedOut):
        sign_out()
        if from_script():
            return jsonify(error=error.message, login=url_for("auth.login")), 401
        flash(error.message, "error")
        return redirect(url_for("auth.login"))

    @app.errorhandler(GatewayError)
    def _gateway_error(error: GatewayError):
        if from_script():
            return jsonify(error=error.message), error.page_status
        return render_template("problem.html", message=error.message), error.page_status

    @app.errorhandler(CSRFError)
    def _csrf_error(_error: CSRFError):
        message = "This form had expired, so nothing was done. Please try again."
        if from_script():
            return jsonify(error=message), 400
        flash(message, "error")
        return redirect(local_path(request.referrer, fallback=url_for("home.show")))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if from_script():
            return jsonify(error=error.description), error.code
        return render_template("problem.html", message=error.description, title=error.name), error.code
