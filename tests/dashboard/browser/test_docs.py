"""The docs page in the browser: three sections, a create-order snippet that works as printed, Swagger UI."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.dashboard.browser.support import sign_in

pytestmark = pytest.mark.browser


def test_the_docs_page_has_the_three_sections_with_their_snippets(page, shop_owner):
    sign_in(page, shop_owner.email, shop_owner.password)
    page.goto("/dashboard/docs")

    docs = page.get_by_test_id("api-docs")
    for section, snippet in (
        ("section-create-order", "code-snippet-create-order"),
        ("section-sdk-integration", "code-snippet-sdk"),
        ("section-webhook-verification", "code-snippet-webhook"),
    ):
        assert docs.get_by_test_id(section).get_by_test_id(snippet).is_visible()
    assert shop_owner.api_key in page.get_by_test_id("code-snippet-sdk").inner_text()
    assert "X-Webhook-Signature" in page.get_by_test_id("code-snippet-webhook").inner_text()


def test_the_create_order_snippet_creates_an_order_for_the_signed_in_merchant(stack, page, shop_owner):
    if shutil.which("curl") is None:
        pytest.fail("this test runs the snippet with curl: apt-get install -y curl")
    sign_in(page, shop_owner.email, shop_owner.password)
    page.goto("/dashboard/docs")

    snippet = page.get_by_test_id("code-snippet-create-order").inner_text()
    result = subprocess.run(["bash", "-c", snippet + " --silent"], capture_output=True, text=True, timeout=30)

    order = json.loads(result.stdout)
    assert order["status"] == "created" and order["amount"] == 50000
    assert shop_owner.api.get(f"/api/v1/orders/{order['id']}").status_code == 200


def test_the_docs_page_links_to_the_swagger_ui_of_the_api(stack, page, shop_owner):
    sign_in(page, shop_owner.email, shop_owner.password)
    page.goto("/dashboard/docs")

    assert page.get_by_test_id("swagger-link").get_attribute("href") == f"{stack.base_url}/docs"
