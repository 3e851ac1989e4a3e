"""Payments in pure Python: the payment, its legal transitions, the processor's rules, the events."""
