"""Payments' I/O: its tables and the unit of work that commits a change with its messages."""
