"""Schemas of the system endpoints."""

from marshmallow import Schema, fields


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"description": "healthy or degraded"})
    database = fields.String(required=True)
    redis = fields.String(required=True)
    broker = fields.String(required=True)
    worker = fields.String(required=True)
    timestamp = fields.String(required=True)


class TestMerchantSchema(Schema):
    id = fields.String(required=True)
    email = fields.String(required=True)
    api_key = fields.String(required=True)
    seeded = fields.Boolean(required=True)


class JobCountsSchema(Schema):
    pending = fields.Integer(required=True)
    processing = fields.Integer(required=True)
    completed = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class JobStatusSchema(JobCountsSchema):
    worker_status = fields.String(required=True)
    by_type = fields.Dict(keys=fields.String(), values=fields.Nested(JobCountsSchema))


class ReadySchema(Schema):
    ready = fields.Boolean(required=True)
