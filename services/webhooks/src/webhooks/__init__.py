"""Paygate's webhooks service: merchants' endpoints, signed deliveries with retries, the delivery log."""
