"""Who is signed in: the session cookie, sign-in and sign-out, and the guard in front of every page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, jsonify, redirect, render_template, request, session, url_for

from dashboard.api_client import SESSION_ENDED, ApiCredentials, GatewayClient, GatewayError
from dashboard.bootstrap import dashboard

blp = Blueprint("auth", __name__)

#: endpoints a signed-out visitor may reach
PUBLIC_ENDPOINTS = {"auth.login", "static"}
#: sent by the pages' scripts; what goes wrong for them is answered as JSON, not as a page
FETCH_HEADER = "X-Dashboard-Fetch"


@dataclass(frozen=True)
class SignedInMerchant:
    id: str
    name: str
    email: str
    api_key: str
    api_secret: str


def current_merchant() -> SignedInMerchant | None:
    if "merchant" not in g:
        g.merchant = _merchant_from_session()
    return g.merchant


def merchant_api() -> GatewayClient:
    """The gateway client, calling as the signed-in merchant."""
    merchant = current_merchant()
    if merchant is None:
        raise RuntimeError("merchant_api() needs a signed-in merchant; the sign-in guard should have run")
    return dashboard().gateway.acting_as(ApiCredentials(merchant.api_key, merchant.api_secret))


def _merchant_from_session() -> SignedInMerchant | None:
    stored = session.get("merchant")
    if not stored:
        return None
    try:
        secret = dashboard().box.open(stored["sealed_secret"])
        return SignedInMerchant(stored["id"], stored["name"], stored["email"], stored["api_key"], secret)
    except (KeyError, TypeError, ValueError):
        # a cookie signed by us but of an older shape, or sealed under another key
        session.clear()
        return None


def sign_in(signed_in: dict) -> None:
    session.clear()  # a fresh session on sign-in, never one chosen before it
    session.permanent = True
    session["merchant"] = {
        "id": signed_in["merchant_id"],
        "name": signed_in["name"],
        "email": signed_in["email"],
        "api_key": signed_in["api_key"],
        # the cookie is signed, not encrypted: seal the secret so it cannot be read out of it
        "sealed_secret": dashboard().box.seal(signed_in["api_secret"]),
    }
    g.pop("merchant", None)


def sign_out() -> None:
    session.clear()
    g.pop("merchant", None)


def from_script() -> bool:
    return request.headers.get(FETCH_HEADER) == "1"


def require_sign_in():
    """before_request: send a signed-out visitor to the sign-in page, remembering where they were going."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_merchant() is not None:
        return None
    if from_script():
        return jsonify(error=SESSION_ENDED, login=url_for("auth.login")), 401
    if request.method == "GET":
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return redirect(url_for("auth.login"))


def local_path(target: str | None, fallback: str) -> str:
    """`target` as a path on this site, else `fallback`: redirects never lead visitors elsewhere."""
    parts = urlsplit(target or "")
    if parts.netloc and parts.netloc != request.host:
        return fallback
    path = parts.path
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return fallback
    return f"{path}?{parts.query}" if parts.query else path


@blp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if current_merchant() is not None:
            return redirect(url_for("home.show"))
        return render_template("login.html", email="", next=request.args.get("next", ""))
    email = request.form.get("email", "").strip()
    password = request.form.get("password", "")
    next_page = request.form.get("next", "")
    if not email or not password:
        flash("Enter your email and password.", "error")
        return render_template("login.html", email=email, next=next_page), 400
    try:
        signed_in = dashboard().gateway.sign_in(email, password)
    except GatewayError as exc:
        flash(exc.message, "error")
        return render_template("login.html", email=email, next=next_page), exc.page_status
    sign_in(signed_in)
    return redirect(local_path(next_page, fallback=url_for("home.show")))


@blp.post("/logout")
def logout():
    sign_out()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
