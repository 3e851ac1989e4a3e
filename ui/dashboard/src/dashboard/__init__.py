"""Paygate's merchant dashboard: server-rendered pages over the gateway API."""
