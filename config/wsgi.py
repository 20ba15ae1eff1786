import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from core.db import limit_statement_time  # noqa: E402 (needs the settings configured above)

limit_statement_time()  # web requests only: not Celery, not migrations (see core/db.py)
