"""GET /healthz, for the monitoring and the load balancer: "ok" (200) when this process can serve, else 503 and the
names of the failed checks, one a line. No login, and nothing an outsider could use: the detail goes to the log."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    """Every migration of this version is in the database (an upgrade that forgot `xaso migrate` fails here)."""
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def media_writable() -> bool:
    """Uploads can be stored: a file is written in the media folder and removed."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=media, prefix=".healthz-") as probe:
        probe.write(b"ok")
        probe.flush()
    return True


def static_collected() -> bool:
    """collectstatic has run: without its manifest every page would fail."""
    return bool(staticfiles_storage.url("xaso/app.css"))


CHECKS = {"database": database_answers, "migrations": migrations_applied, "media": media_writable,
          "static": static_collected}


def failed_checks() -> list[str]:
    failed = []
    for name, check in CHECKS.items():
        try:
            passed = check()
        except Exception:
            logger.exception("healthz: the %s check failed", name)
            passed = False
        else:
            if not passed:
                logger.error("healthz: the %s check failed", name)
        if not passed:
            failed.append(name)
    return failed


@never_cache
@require_safe
def healthz(request):
    failed = failed_checks()
    if failed:
        return HttpResponse("".join(f"failed: {name}\n" for name in failed), status=503,
                            content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
