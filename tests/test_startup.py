"""A server process loads every view and freezes what it loaded before its first request (xaso.startup)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wsgi_application_is_loaded_out_of_the_collectors_sight(tmp_path):
    probe = ("import gc, sys, xaso.wsgi; "
             "print(gc.get_freeze_count(), 'xaso.tracking.views' in sys.modules, 'xaso.api.routes' in sys.modules)")
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "xaso.settings"}
    env.pop("XASO_DATABASE_URL", None)  # the embedded database: nothing is read from it at load
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    frozen, views, api = out.stdout.split()
    assert int(frozen) > 50_000 and views == api == "True"
