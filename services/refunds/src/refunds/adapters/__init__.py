"""Refunds' I/O: its tables, the unit of work that commits a change with its messages, the payments lookup."""
