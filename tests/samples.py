"""Where the real sample plans live (../shared, beside the checkout): present in CI, absent in a user's clone."""

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("XASO_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
SAMPLES = SHARED / "samples"
GOLD = SHARED / "gold"
SCORER = SHARED / "tools" / "score_plan.py"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.*")) if SAMPLES.is_dir() else []


def require_shared():
    if not SCORER.exists():
        message = f"Không có dữ liệu mẫu tại {SHARED} (chỉ có trong CI của dự án); bỏ qua kiểm thử trên văn bản thật."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def sample_params():
    files = sample_files()
    return files if files else [pytest.param(None, id="không-có-mẫu")]
