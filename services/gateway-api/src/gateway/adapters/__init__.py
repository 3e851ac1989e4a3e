"""The gateway's I/O: its tables, Redis, and the broker."""
