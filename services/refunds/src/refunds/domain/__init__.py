"""Refunds in pure Python: the refund, the payment's refundable balance, the timing rules, the events."""
