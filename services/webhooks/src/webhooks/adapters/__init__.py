"""The webhooks service's I/O: its tables, the outbox, DNS and HTTP."""
