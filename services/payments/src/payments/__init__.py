"""Paygate's payments service."""
