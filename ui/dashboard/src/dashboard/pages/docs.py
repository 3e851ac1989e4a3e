"""API docs: working snippets with the merchant's own key, and a link to the full reference."""

from __future__ import annotations

from flask import Blueprint, render_template

from dashboard.bootstrap import dashboard

blp = Blueprint("docs", __name__, url_prefix="/dashboard/docs")


@blp.get("")
def show():
    settings = dashboard().settings
    return render_template("docs.html", api_url=settings.public_api_url, checkout_url=settings.checkout_url)
