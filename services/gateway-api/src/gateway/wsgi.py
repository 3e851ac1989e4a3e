"""The WSGI entry point gunicorn serves."""

from gateway.app import create_app

app = create_app()
