"""The WSGI entry point gunicorn serves: JSON logs, then the app."""

from checkout.app import create_app
from checkout.config import Settings
from paygate_shared.logging import configure_logging

settings = Settings.from_env()
configure_logging("checkout", settings.log_level)
app = create_app(settings)
