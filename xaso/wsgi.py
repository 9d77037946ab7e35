import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

from xaso.startup import settle  # noqa: E402 - after Django is set up

settle()
