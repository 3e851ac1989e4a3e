"""The messages that cross a service boundary, one module per owning service."""
