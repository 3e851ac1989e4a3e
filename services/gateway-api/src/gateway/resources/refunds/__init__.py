"""Refunds: forwarded to the refunds service over request/reply."""
