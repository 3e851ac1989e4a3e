"""Tests of the webhooks service and its gateway routes."""
