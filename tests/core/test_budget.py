"""A plan's words for a task's source of funds read onto the four sources a report states, and the table of planned
against spent that pages and reports show."""

import json
from decimal import Decimal

import pytest

from xaso.core.budget import (COMMUNE, HIGHER, OTHER, SOCIAL, UNKNOWN, BudgetTable, Planned, Spent, budget_table, merge,
                              source_of)

D = Decimal


@pytest.mark.parametrize("written,source", [
    # as the seed plans and the demo write them
    ("Ngân sách xã", COMMUNE),
    ("Ngân sách tỉnh hỗ trợ", HIGHER),
    ("Nguồn NS tỉnh bố trí trong dự toán chi năm 2026 (Đề xuất)", HIGHER),
    ("Nguồn hợp pháp của đơn vị", OTHER),
    ("Nguồn hợp pháp của đơn vị (Lồng ghép các chương khác)", OTHER),
    ("…", UNKNOWN),
    # other ways of writing the same
    ("NS xã", COMMUNE),
    ("ngân sách cấp xã", COMMUNE),
    ("Kinh phí xã tự cân đối", COMMUNE),
    ("NGÂN SÁCH XÃ", COMMUNE),
    ("Ngan sach xa", COMMUNE),
    ("Ngân sách trung ương", HIGHER),
    ("NSTW", HIGHER),
    ("Chương trình mục tiêu quốc gia xây dựng nông thôn mới", HIGHER),
    ("Ngân sách cấp trên", HIGHER),
    ("Xã hội hóa", SOCIAL),
    ("Nguồn xã hội hóa, doanh nghiệp tài trợ", SOCIAL),
    ("XHH", SOCIAL),
    ("Viettel tài trợ", SOCIAL),
    ("Nguồn khác", OTHER),
    ("Vốn vay", OTHER),
    # a named source with the usual catch-all beside it: the named one
    ("Ngân sách xã và các nguồn hợp pháp khác", COMMUNE),
    ("Xã hội hóa và nguồn khác", SOCIAL),
    # two sources, or none that can be placed: not guessed
    ("Ngân sách xã và xã hội hóa", UNKNOWN),
    ("Ngân sách tỉnh, ngân sách xã", UNKNOWN),
    ("Ngân sách nhà nước", UNKNOWN),
    ("Theo dự toán được giao", UNKNOWN),
    ("", UNKNOWN),
    (None, UNKNOWN),
])
def test_a_plans_source_of_funds_is_read_onto_the_four_sources(written, source):
    assert source_of(written) == source


def _rows(lines):
    return [(line.label, line.planned, line.spent_period, line.spent_to_date) for line in lines]


def test_planned_and_spent_by_area_and_by_source():
    planned = [Planned("government", D(100), "Ngân sách xã"), Planned("government", D(50), "Ngân sách tỉnh hỗ trợ"),
               Planned("economy", D("20.5"), ""), Planned("society", None, "Ngân sách xã")]
    spent = [Spent("government", COMMUNE, D("1234.5"), in_period=True), Spent("government", COMMUNE, D(10), in_period=False),
             Spent("economy", SOCIAL, D(5), in_period=True), Spent("data", "", D(1), in_period=False)]
    table = budget_table(planned, spent)
    assert _rows(table.by_area) == [  # in the order of xaso.core.areas: the three pillars first
        ("Chính quyền số", 150, D("1234.5"), D("1244.5")),
        ("Kinh tế số", D("20.5"), 5, 5),
        ("Dữ liệu số", 0, 0, 1),
    ]
    assert _rows(table.by_source) == [
        ("Ngân sách xã", 100, D("1234.5"), D("1244.5")),
        ("Ngân sách cấp trên", 50, 0, 0),
        ("Xã hội hóa", 0, 5, 5),
        ("Không xác định", D("20.5"), 0, 1),
    ]
    assert (table.total.planned, table.total.spent_period, table.total.spent_to_date) == (D("170.5"), D("1239.5"), D("1250.5"))
    assert table.by_source[0].share == D("1244.5") and table.by_source[2].share is None


def test_nothing_planned_nor_spent_is_an_empty_table():
    table = budget_table([Planned("government", None, "Ngân sách xã")], [])
    assert table.empty and table.by_area == [] and table.by_source == []


def test_communes_tables_are_summed_for_the_province():
    one = budget_table([Planned("government", D(100), "Ngân sách xã")], [Spent("government", COMMUNE, D(40), True)])
    two = budget_table([Planned("economy", D(10), "Xã hội hóa")], [Spent("government", COMMUNE, D(2), False)])
    both = merge([one, two])
    assert _rows(both.by_area) == [("Chính quyền số", 100, 40, 42), ("Kinh tế số", 10, 0, 0)]
    assert _rows(both.by_source) == [("Ngân sách xã", 100, 40, 42), ("Xã hội hóa", 10, 0, 0)]
    assert both.total.spent_to_date == 42


@pytest.mark.parametrize("planned, spent", [
    ([], []),
    ([Planned("government", D("100.5"), "Ngân sách xã")], [Spent("government", COMMUNE, D("40.25"), True)]),
    ([Planned("economy", D(10), "Xã hội hóa"), Planned("zzz", D(3), "")],
     [Spent("data", "", D(1), False), Spent("economy", SOCIAL, D("0.1"), True)]),
])
def test_a_table_kept_as_json_reads_back_the_same(planned, spent):
    table = budget_table(planned, spent)
    assert BudgetTable.from_json(json.loads(json.dumps(table.to_json()))) == table
