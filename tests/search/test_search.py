"""One search box, whatever the diacritics. The suite runs on SQLite (FTS5) and on PostgreSQL (tsvector):
each expected list below is exact and ordered, so both engines must give the same results."""

import pytest

from xaso.plans import trash
from xaso.plans.models import Commune, Plan, Task
from xaso.search import rank
from xaso.search.views import hits_for


@pytest.mark.parametrize("query, words", [
    ("Chuyển đổi số", ["chuyen", "doi", "so"]),
    ("ĐỊA CHỈ số!", ["dia", "chi", "so"]),
    ("  ", []),
    ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
])
def test_query_words_are_folded(query, words):
    assert rank.terms(query) == words


def titles(user, query):
    return [(hit["kind"], hit["title"]) for hit in hits_for(user, query).hits]


@pytest.mark.parametrize("query, expected", [
    ("chuyen doi so", [("task", "Tuyên truyền về chuyển đổi số"), ("plan", "Kế hoạch chuyển đổi số xã Yên Lập năm 2026")]),
    ("CHUYỂN ĐỔI SỐ", [("task", "Tuyên truyền về chuyển đổi số"), ("plan", "Kế hoạch chuyển đổi số xã Yên Lập năm 2026")]),
    # words match as prefixes (one may stop typing half-way), so "ho so" also finds "kế hoạch … số", last
    ("ho so", [("task", "Số hóa hồ sơ thủ tục hành chính"), ("indicator", "Tỷ lệ hồ sơ xử lý trực tuyến"),
               ("plan", "Kế hoạch chuyển đổi số xã Yên Lập năm 2026")]),
    ("truc tuyen", [("task", "Hỗ trợ hộ kinh doanh bán hàng trực tuyến"), ("indicator", "Tỷ lệ hồ sơ xử lý trực tuyến")]),
    ("kinh doa", [("task", "Hỗ trợ hộ kinh doanh bán hàng trực tuyến")]),
    ("dien thoai", []),
])
def test_found_whatever_the_diacritics_and_ranked(officer, plan, query, expected):
    assert titles(officer, query) == expected


def test_only_what_the_user_may_see_and_not_what_is_in_the_trash(officer, plan, django_user_model):
    other = Commune.objects.create(province=plan.commune.province, name="Phúc Điền")
    other_plan = Plan.objects.create(commune=other, year=2026, title="Kế hoạch chuyển đổi số xã Phúc Điền")
    assert ("plan", other_plan.title) not in titles(officer, "chuyen doi so")
    task = plan.tasks.get(name__startswith="Tuyên truyền")
    trash.soft_delete(task, officer)
    assert titles(officer, "tuyen truyen") == []
    trash.restore(Task.all_objects.get(pk=task.pk), officer)
    assert titles(officer, "tuyen truyen") == [("task", "Tuyên truyền về chuyển đổi số")]
    stranger = django_user_model.objects.create_user("khach", password="mat-khau-du-dai-123")
    assert titles(stranger, "chuyen doi so") == []


def test_report_texts_are_found(officer, plan, today):
    from xaso.tracking import services

    unit = plan.commune.units.get(short_name="TT PVHCC")
    task = plan.tasks.get(lead_unit=unit)
    services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q4", today=today,
                              data=services.TaskReportData(status="in_progress", percent=40,
                                                           difficulties="Thiếu máy quét tài liệu ở bộ phận một cửa"))
    hits = hits_for(officer, "may quet").hits
    assert [(h["kind"], h["title"]) for h in hits] == [("report", "Số hóa hồ sơ thủ tục hành chính — Quý IV/2026")]


def test_the_page_and_the_api(officer_client, plan, officer):
    page = officer_client.get("/search/", {"q": "chuyen doi so"}).content.decode()
    assert "Tuyên truyền về chuyển đổi số" in page and "2 kết quả" in page
    empty = officer_client.get("/search/", {"q": "khong co gi"}).content.decode()
    assert "Không tìm thấy kết quả nào" in empty
    api = officer_client.get("/api/search", {"q": "ho so"}).json()
    assert [h["title"] for h in api["items"]][:2] == ["Số hóa hồ sơ thủ tục hành chính", "Tỷ lệ hồ sơ xử lý trực tuyến"]
    assert api["count"] == 3


def test_the_permission_filter_runs_before_the_candidate_limit(officer, plan, monkeypatch):
    """Other communes' many matches never push the caller's own hits out of the ranked candidates."""
    from xaso.search import index

    monkeypatch.setattr(index, "CANDIDATES", 3)
    for i in range(8):
        other = Commune.objects.create(province=plan.commune.province, name=f"Xã khác {i}")
        Plan.objects.create(commune=other, year=2026, title=f"Kế hoạch chuyển đổi số xã khác {i}")
    assert titles(officer, "chuyen doi so") == [("task", "Tuyên truyền về chuyển đổi số"),
                                                ("plan", "Kế hoạch chuyển đổi số xã Yên Lập năm 2026")]


def _hits(html: str) -> list[str]:
    """The text of each result's line naming its place."""
    import re

    return re.findall(r'<span class="small hit-place">([^<]*)</span>', html)


def test_results_name_their_commune_and_are_paged_beyond_fifty(province_client, officer_client, plan):
    for i in range(60):
        Task.objects.create(plan=plan, position=10 + i, name=f"Khảo sát hiện trạng hạ tầng thôn {i}")
    first = province_client.get("/search/", {"q": "khao sat"}).content.decode()
    assert "60 kết quả · trang 1/2" in first
    assert _hits(first) == ["Xã Yên Lập, Tỉnh Kiểm Thử"] * 50  # a province officer sees several communes
    assert 'href="?q=khao%20sat&amp;page=2"' in first
    second = province_client.get("/search/", {"q": "khao sat", "page": "2"}).content.decode()
    assert len(_hits(second)) == 10 and 'start="51"' in second and "trang 2/2" in second
    for junk in ("abc", "0", "-1", "999999999999999999999"):  # never a 500: the nearest page
        assert province_client.get("/search/", {"q": "khao sat", "page": junk}).status_code == 200
    own = officer_client.get("/search/", {"q": "khao sat"}).content.decode()
    assert _hits(own)[0] == "Xã Yên Lập"  # one commune's people: the commune alone

    api = officer_client.get("/api/search", {"q": "khao sat", "page": 2, "page_size": 50}).json()
    assert api["count"] == 60 and len(api["items"]) == 10
    assert {(h["commune"], h["province"]) for h in api["items"]} == {("Xã Yên Lập", "Tỉnh Kiểm Thử")}
    assert officer_client.get("/api/search", {"q": "khao sat", "page": 3}).json() == {"items": [], "count": 60}
    assert officer_client.get("/api/search", {"q": "khao sat", "page_size": 501}).status_code == 422


def test_more_matches_than_are_ranked_are_counted_and_said(officer_client, plan, monkeypatch):
    from xaso.search import index

    monkeypatch.setattr(index, "CANDIDATES", 20)
    for i in range(30):
        Task.objects.create(plan=plan, position=10 + i, name=f"Khảo sát hiện trạng hạ tầng thôn {i}")
    html = officer_client.get("/search/", {"q": "khao sat"}).content.decode()
    assert "30 kết quả" in html and "chỉ xem được 20 kết quả liên quan nhất" in html
    assert officer_client.get("/api/search", {"q": "khao sat"}).json()["count"] == 30



def test_reindexing_binds_as_many_parameters_for_300_reports_as_for_30(officer, plan):
    """`xaso reindex` (and the demo data) rebuilds 200 plans at a time, and a year of monthly reports from 200
    communes is over 100,000 reports: more than PostgreSQL binds in one statement (65,535). No statement of the
    rebuild may name the reports one by one: the old entries are named by a subquery, the new ones written in
    batches."""
    from django.db import connection

    from xaso.search.index import rebuild
    from xaso.search.models import Entry
    from xaso.tracking.models import ACCEPTED, TaskReport

    task = plan.tasks.select_related("lead_unit").get(name="Số hóa hồ sơ thủ tục hành chính")

    def widest_statement(reports: int) -> int:
        """The most parameters one statement of the rebuild binds, the new entries' inserts left out (500 a batch)."""
        TaskReport.objects.bulk_create(
            [TaskReport(task=task, unit=task.lead_unit, period="2026-Q1", version=v, state=ACCEPTED,
                        status="in_progress", percent=v % 100, achievements=f"Lần {v}")
             for v in range(TaskReport.objects.count() + 1, reports + 1)])
        bound = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (
                bound.append(0 if sql.lstrip().startswith("INSERT") else len(params or ())),
                execute(sql, params, many, context))[1]):
            assert rebuild([plan]) == 1
        assert Entry.objects.filter(kind="report").count() == reports  # replaced, not added
        return max(bound)

    few = widest_statement(30)
    assert widest_statement(300) == few
