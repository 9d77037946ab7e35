"""The checker on the real sample plans, scored against the gold "errors" lists (recall ≥ 0.9, precision ≥ 0.8)."""

import json
import re
import subprocess
import sys

import pytest

from tests.samples import GOLD, SCORER, require_shared, sample_params
from xaso.checks import check_document
from xaso.documents import read_path


@pytest.mark.samples
@pytest.mark.parametrize("path", sample_params(), ids=lambda p: p.name if p else "none")
def test_findings_score_on_the_real_samples(path, tmp_path):
    require_shared()
    found = tmp_path / "findings.json"
    found.write_text(json.dumps({"findings": [f.to_json() for f in check_document(read_path(path))]}, ensure_ascii=False))
    result = subprocess.run([sys.executable, str(SCORER), "--findings", str(GOLD / (path.stem + ".json")), str(found),
                             "--verbose"], capture_output=True, text=True, check=True)
    m = re.search(r"recall \d+/\d+ = ([\d.]+), precision \d+/\d+ = ([\d.]+)", result.stdout)
    assert float(m.group(1)) >= 0.9 and float(m.group(2)) >= 0.8, result.stdout
