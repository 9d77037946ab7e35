"""Schemathesis reads /api/openapi.json from a live server and sends every endpoint generated requests,
valid and invalid (coverage, fuzzing and stateful phases), as a commune officer with a key. No answer may
be a server error. XASO_SCHEMATHESIS_EXAMPLES raises the number of examples for a longer run."""

import os
import subprocess
import sys
from pathlib import Path

from xaso.accounts.models import ApiToken

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_no_request_makes_a_server_error(live_server, transactional_db, plan, officer, tmp_path):
    key = ApiToken.issue(officer)
    result = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{live_server.url}/api/openapi.json", "--checks", "not_a_server_error",
         "-H", f"Authorization: Bearer {key}", "--max-examples", os.environ.get("XASO_SCHEMATHESIS_EXAMPLES", "10"),
         "--seed", "7", "--no-color", "--report-dir", str(tmp_path), "--request-timeout", "30"],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    summary = result.stdout.split("Test cases:")[-1]
    assert "passed" in summary and "failed" not in summary
    print("schemathesis:", " ".join(summary.split()[:6]))
