"""Search speed at province scale, on the configured database (SQLite FTS5, or PostgreSQL tsvector).

Builds (once) a province of N communes with a year of reports (`xaso demo-data`, which indexes them), then
prints for a few queries the median time of the search a province officer runs (every commune) and a
commune officer runs (one commune), the number of hits, and the ratio to a plain scan (every entry read and
matched in Python), which is what the index saves.

    XASO_DATA_DIR=/tmp/xaso-search .venv/bin/python bench/search_bench.py [--communes 200] [--runs 7]
    scripts/with-postgres .venv/bin/python bench/search_bench.py
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from timing import median_seconds  # noqa: E402

from xaso.plans.models import Commune, Province  # noqa: E402
from xaso.search import index, rank  # noqa: E402
from xaso.search.models import Entry  # noqa: E402

QUERIES = ["chuyen doi so", "dịch vụ công trực tuyến", "ho so suc khoe", "wi-fi", "kinh doa"]
PROVINCE = "Tỉnh Tìm Kiếm"


def scan(query, visible):
    words = rank.terms(query)
    rows = Entry.objects.filter(visible).values_list("folded", flat=True)
    return [f for f in rows if all(any(w.startswith(word) for w in rank.WORD.findall(f)) for word in words)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Province.objects.filter(name=PROVINCE).exists():
        call_command("demo_data", communes=args.communes, year=2026, province=PROVINCE, periods=4, stdout=open(os.devnull, "w"))
    province = Province.objects.get(name=PROVINCE)
    commune = Commune.objects.filter(province=province).order_by("id").first()
    wide = Q(commune_id__in=Commune.objects.filter(province=province).values("id"))  # as xaso.search.views
    narrow = Q(commune_id__in=Commune.objects.filter(pk=commune.pk).values("id"))
    print(f"{connection.vendor}: {Commune.objects.filter(province=province).count()} communes, "
          f"{Entry.objects.filter(wide).count()} indexed entries")
    for query in QUERIES:
        found = index.search(query, wide)
        province_s = median_seconds(lambda: index.search(query, wide), args.runs)
        commune_s = median_seconds(lambda: index.search(query, narrow), args.runs)
        scan_s = median_seconds(lambda: scan(query, wide), max(3, args.runs // 2))
        print(f"“{query}”: {found.total} hits, {len(found.hits)} ranked; province {province_s * 1000:.0f} ms, commune {commune_s * 1000:.0f} ms, "
              f"plain scan {scan_s * 1000:.0f} ms ({scan_s / province_s:.1f}× slower)")


if __name__ == "__main__":
    main()
