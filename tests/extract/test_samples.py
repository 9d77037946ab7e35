"""The importer on the real sample plans, in every format, scored by ../shared/tools/score_plan.py.

Thresholds from the import issue: score ≥ 0.95, indicator and task recall ≥ 0.95, precision ≥ 0.90.
"""

import json
import re
import subprocess
import sys

import pytest

from tests.samples import GOLD, SCORER, require_shared, sample_params
from xaso.documents import read_path
from xaso.extract.plan import extract_plan


@pytest.mark.samples
@pytest.mark.parametrize("path", sample_params(), ids=lambda p: p.name if p else "none")
def test_extraction_scores_on_the_real_samples(path, tmp_path):
    require_shared()
    predicted = tmp_path / "predicted.json"
    predicted.write_text(json.dumps(extract_plan(read_path(path)).to_json(), ensure_ascii=False))
    gold = GOLD / (path.stem + ".json")
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(predicted), "--verbose"],
                            capture_output=True, text=True, check=True)
    out = result.stdout
    score = float(re.search(r"^score: ([\d.]+)$", out, re.M).group(1))
    assert score >= 0.95, out
    for part in ("indicators", "tasks"):
        m = re.search(rf"^{part}: recall \d+/\d+ = ([\d.]+), precision \d+/\d+ = ([\d.]+)", out, re.M)
        if m:
            recall, precision = float(m.group(1)), float(m.group(2))
            assert recall >= 0.95 and precision >= 0.90, out
    assert "commune: ok" in out and "plan_year: ok" in out, out
