"""Tests of the merchant dashboard."""
