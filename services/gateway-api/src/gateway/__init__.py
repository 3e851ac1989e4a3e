"""Paygate's API gateway."""
