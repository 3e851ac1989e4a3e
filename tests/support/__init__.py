"""Test support: isolated infrastructure per run, the running stack, bounded waiting."""
