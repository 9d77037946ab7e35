"""Every script in bench/ runs at a tiny size, so none can rot unnoticed (bench/dashboard_bench.py once stopped
running when roles landed, and nothing told). Each is started as a user starts it, in its own process on a fresh
database (a new SQLite file; in the PostgreSQL pass a new database on its server), and must exit 0 and print its
figures: the lines named below, each with its number and unit. A script with no entry here fails the test: a new
bench comes with its tiny run. Scripts that touch no database run in the SQLite pass only. The full-size figures
are the closing notes' (README, "Đo hiệu năng")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.samples import SCORER, require_shared

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NUMBER = r"\d+(?:[.,]\d+)?"


@dataclass
class Run:
    args: list[str]
    figures: list[str]  # patterns, each found in what the script prints
    needs_shared: bool = False  # reads ../shared (the samples, the scorer)
    skip: str = ""  # why it cannot run yet, naming what is missing
    slow: bool = False  # starts real servers (the `slow` marker's meaning)
    database: bool = True  # reads or writes one (else: run in the SQLite pass only)
    elsewhere: str = ""  # the test that already runs the script at CI size on both databases (a tiny run would repeat it)


HELPER = None  # a module the scripts import, not a script: imported, not run
PENDING: set[str] = set()  # entries ahead of their script (another branch's): absent until it is merged

SCRIPTS: dict[str, Run | None] = {
    "check_bench.py": Run(["--runs", "1", "--no-samples"], [rf"generated-60-tasks\.docx\s+\d+\s+{NUMBER}\s+\d+"],
                          database=False),
    "dashboard_bench.py": Run(["--communes", "3", "--runs", "2"], [
        rf"(sqlite|postgresql): 3 communes, \d+ tasks, \d+ reports", rf"median\s+{NUMBER} ms\s+\d+ queries"]),
    "fault_bench.py": Run(["--tasks", "20", "--rounds", "1", "--reporters", "2", "--kill-after", "2"], [
        rf"import of a 20-task plan: {NUMBER} s, 20 tasks stored",
        r"half-written plans: 0",
        r"submissions: \d+ sent before the kill, \d+ acknowledged, \d+ in the database; half-written: 0; "
        r"acknowledged but missing: 0",
        r"no half-written plan or report; retried operations succeeded"], slow=True,
        elsewhere="tests/test_faults_and_fuzz.py::test_kill_9_mid_import_and_mid_submission_leaves_nothing_half_written"),
    "fuzz_import.py": Run(["--count", "6", "--seed", "3"], [
        rf"6 mutated inputs \(.*\) in {NUMBER} s", rf"slowest input {NUMBER} ms .*escaped exceptions: 0"],
        database=False),
    "import_bench.py": Run(["--runs", "1", "--tasks", "3", "--pages", "4", "--bomb-pages", "2000", "--no-samples"], [
        rf"^generated\.pdf(\s+{NUMBER}){{4}}$",  # read ms, import ms, pypdfium2's own read ms, import / bare
        rf"^\d+-page PDF \(.*: {NUMBER} s .*peak memory {NUMBER} MB",  # about 4 pages: the generator's page breaks
        rf"^2000-page PDF bomb .*answered 'too_many_pages' in {NUMBER} ms"], database=False),
    "national_bench.py": Run(["--provinces", "2", "--communes", "6", "--runs", "2"], [
        rf"^{page}\s+{NUMBER} ms\s+\d+\s+{NUMBER} ms\s+{NUMBER}×" for page in ("national", "province", "commune")]),
    "load_bench.py": Run(["--reporters", "2", "--seconds", "1", "--communes", "1"], [
        rf"requests \d+, acknowledged \d+, errors 0 \({NUMBER} req/s, {NUMBER} saves/s\)",
        rf"latency p50 {NUMBER} ms, p95 {NUMBER} ms",
        r"lost 0; reports not holding their last acknowledged value: 0"], slow=True),
    "ocr_bench.py": Run(["--pages", "1"], [
        rf"^1-page scan \(.*\): {NUMBER} s in all, {NUMBER} s a page; between two pages' progress: median {NUMBER} s, "
        rf"longest {NUMBER} s$",
        rf"^CPU {NUMBER} s a page \(Tesseract {NUMBER} s, reader {NUMBER} s\); peak memory {NUMBER} MB"], database=False),
    "quality.py": Run(["--plans", "1", "--random-layouts", "1", "--per-kind", "1", "--clean", "1", "--samples", "1",
                       "--false-plans", "1"], [
        rf"^all\s+\d+\s+{NUMBER}\s+{NUMBER}\s+\d+$",  # the layout table's mean and minimum score
        rf"^all\s+\d+\s+\d+\s+{NUMBER}$",  # the planted mistakes' recall
        rf"3\. False findings: \d+ on \d+ clean generated documents \({NUMBER} per plan\)"], needs_shared=True,
        database=False),
    "report_bench.py": Run(["--communes", "2", "--runs", "1"], [
        rf"quarterly report \(\.docx\), \d+ tasks: median {NUMBER} ms",
        rf"province workbook \(\.xlsx\), 2 communes: median {NUMBER} s .*peak memory {NUMBER} MB"]),
    "request_bench.py": Run(["--tasks", "6", "--runs", "2"], [
        r"(sqlite|postgresql): 1 commune, \d+ tasks, \d+ reports; period \d{4}-\w+",
        *(rf"^{request}\s+median\s+{NUMBER} ms wall\s+{NUMBER} ms CPU\s+\d+ queries\s+first\s+{NUMBER} ms CPU$"
          for request in (r"commune dashboard \(GET\)", r"report form \(POST\)", r"unit's tasks \(GET\)",
                          r"API report \(POST\)"))]),
    "search_bench.py": Run(["--communes", "2", "--runs", "1"], [
        r"(sqlite|postgresql): 2 communes, \d+ indexed entries",
        rf"hits, \d+ ranked; province {NUMBER} ms, commune {NUMBER} ms, plain scan {NUMBER} ms \({NUMBER}× slower\)"]),
    "serving.py": HELPER,
    "timing.py": HELPER,
}


def test_every_bench_script_has_its_tiny_run():
    found = {path.name for path in BENCH.glob("*.py")}
    assert found - set(SCRIPTS) == set(), "bench/ scripts with no tiny run in tests/test_bench_scripts.py"
    assert set(SCRIPTS) - found - PENDING == set(), "entries for scripts bench/ no longer has"


def _environment(tmp_path, database: bool = True) -> dict:
    """A fresh database in a temporary data directory, this checkout first on the path, none of the test run's
    own settings: a new SQLite file, or under PostgreSQL (XASO_DATABASE_URL) a new database on the same server
    (the test pass's own database is not the scripts' to fill)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    env.update(XASO_DATA_DIR=str(tmp_path), PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    url = env.pop("XASO_DATABASE_URL", "")
    if database and url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"xaso_tiny_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["XASO_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    return env


@pytest.mark.parametrize("name", [pytest.param(name, marks=[pytest.mark.slow] if run.slow else [])
                                  for name, run in sorted(SCRIPTS.items()) if run is not HELPER])
def test_the_script_runs_at_a_tiny_size_and_prints_its_figures(name, tmp_path):
    run = SCRIPTS[name]
    if run.skip:
        pytest.skip(run.skip)
    if not run.database and os.environ.get("XASO_DATABASE_URL"):
        pytest.skip("no database involved: runs in the SQLite pass")
    if run.elsewhere:
        pytest.skip(f"run at CI size, printing these figures, by {run.elsewhere}")
    if not (BENCH / name).exists():
        pytest.fail(f"bench/{name} is listed as pending but has no skip reason")
    if run.needs_shared and not SCORER.exists():
        require_shared()
    done = subprocess.run([sys.executable, str(BENCH / name), *run.args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env=_environment(tmp_path, run.database))
    printed = f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
    assert done.returncode == 0, f"bench/{name} {' '.join(run.args)} exited {done.returncode}\n{printed}"
    missing = [p for p in run.figures if not re.search(p, done.stdout, re.MULTILINE)]
    assert not missing, f"bench/{name} did not print {missing}\n{printed}"


@pytest.mark.parametrize("name", sorted(name for name, run in SCRIPTS.items() if run is HELPER))
def test_the_helpers_import(name, tmp_path):
    done = subprocess.run([sys.executable, "-c", f"import {Path(name).stem}"], capture_output=True, text=True,
                          timeout=60, cwd=BENCH, env=_environment(tmp_path, database=False))
    assert done.returncode == 0, done.stderr[-3000:]
