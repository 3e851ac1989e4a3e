"""Paygate's hosted checkout: the page shoppers pay on, the checkout.js SDK merchants embed, and a demo."""
