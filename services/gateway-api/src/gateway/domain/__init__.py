"""The gateway's own business objects: merchants and orders."""
