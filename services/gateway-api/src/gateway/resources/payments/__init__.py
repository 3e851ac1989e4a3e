"""Payments: forwarded to the payments service over request/reply."""
