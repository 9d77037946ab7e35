"""Report speed and memory at province scale (reuses the database of bench/dashboard_bench.py).

A commune's quarterly report (.docx) — target ≤ 1 s; the province workbook of 200 communes (.xlsx) —
target ≤ 10 s and ≤ 500 MB peak memory.

    XASO_DATA_DIR=/tmp/xaso-bench .venv/bin/python bench/report_bench.py [--communes 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from timing import median_seconds  # noqa: E402

from xaso.plans.models import Commune, Plan, Province  # noqa: E402
from xaso.reports.documents import progress_report  # noqa: E402
from xaso.reports.workbooks import province_workbook  # noqa: E402

TODAY = date(2026, 11, 22)




def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5, help="of the quarterly report (the workbook: about half)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if Commune.objects.count() < args.communes:
        call_command("demo_data", communes=args.communes, periods=12, tasks=60, year=2026)
    commune = Commune.objects.first()
    seconds = median_seconds(lambda: progress_report(commune, "2026-Q3", "docx", TODAY), args.runs)
    print(f"quarterly report (.docx), {commune.plans.get(year=2026).tasks.count()} tasks: median {seconds * 1000:.0f} ms (target ≤ 1000 ms)")
    province = Province.objects.get(name="Tỉnh Minh Sơn")
    plans = list(Plan.objects.filter(commune__province=province, year=2026).select_related("commune"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = median_seconds(lambda: province_workbook(province, plans, TODAY), max(1, args.runs // 2))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"province workbook (.xlsx), {len(plans)} communes: median {seconds:.2f} s (target ≤ 10 s), "
          f"peak memory {peak / 1024:.0f} MB (process; {before / 1024:.0f} MB before) (target ≤ 500 MB)")


if __name__ == "__main__":
    main()
