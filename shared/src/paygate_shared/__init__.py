"""Plumbing shared by every Paygate service: config, database, messaging, ids, money."""
