"""Webhooks logic with hand-written fakes of the adapters: no database, broker or network."""
