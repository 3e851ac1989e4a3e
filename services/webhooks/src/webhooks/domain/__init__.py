"""The webhooks service's rules in pure Python: bodies, signatures, retries, endpoints, URL safety."""
