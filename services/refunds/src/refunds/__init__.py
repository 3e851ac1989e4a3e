"""Paygate's refunds service."""
