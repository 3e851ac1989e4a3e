"""The dashboard pages, one module per section of the navigation."""
