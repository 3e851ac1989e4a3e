"""Health, Swagger UI, the OpenAPI document and the seeded test merchant."""

from __future__ import annotations


def test_health_reports_every_dependency_probed_for_real(anonymous):
    response = anonymous.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["database"] == body["redis"] == body["broker"] == "connected"
    assert body["worker"] == "running"
    assert body["timestamp"].endswith("Z")


def test_the_test_merchant_is_seeded(anonymous):
    response = anonymous.get("/api/v1/test/merchant")

    assert response.status_code == 200
    assert response.json() == {
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "email": "test@example.com",
        "api_key": "key_test_abc123",
        "seeded": True,
    }


def test_swagger_ui_and_the_openapi_document_cover_the_endpoints(anonymous):
    assert anonymous.get("/docs").status_code == 200
    assert "swagger" in anonymous.get("/docs").text.lower()
    spec = anonymous.get("/openapi.json").json()

    paths = spec["paths"]
    for path in (
        "/health",
        "/api/v1/test/merchant",
        "/api/v1/orders",
        "/api/v1/orders/{order_id}",
        "/api/v1/orders/{order_id}/public",
    ):
        assert path in paths, path
    assert paths["/api/v1/orders"]["post"]["summary"] == "Create an order"


def test_swagger_ui_assets_are_served_locally(anonymous):
    assert anonymous.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
