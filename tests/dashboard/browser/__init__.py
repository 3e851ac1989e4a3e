"""The dashboard in Chromium against the running stack."""
