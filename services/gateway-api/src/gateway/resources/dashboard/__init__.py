"""Sign-in for the merchant dashboard."""
