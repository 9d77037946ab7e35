"""A deadline before the plan year, wherever the plan's own part sets it (a numbered task, a bullet, an indicator, a
sentence), is one wrong-year error quoting it; the same deadline in the plan year is none; last year's dates in a
Part I (or a section) reporting last year's results are none.

Plans are generated in three shapes (short, with no part assessing last year, as communes write a small plan; two
parts; sections with no parts, the first reporting last year) and written as .txt, .md and .docx by the variants'
renderers (tests/variants/render.py)."""

from __future__ import annotations

import itertools

import pytest

from xaso.checks import ERROR, check_document
from xaso.documents import read_bytes
from tests.variants.render import Block, Layout, _docx, _text

YEAR = 2026
COMMUNE = "Kim Bình"

PHRASINGS = [
    "hoàn thành trong Quý II/{y}",
    "hoàn thành trước 31/12/{y}",
    "trước ngày 30/6/{y}",
    "chậm nhất ngày 15/9/{y}",
    "chậm nhất trong tháng 10/{y}",
    "hoàn thành trong tháng 3/{y}",
    "hoàn thành trước ngày 5 tháng 7 năm {y}",
    "triển khai xong trong quý IV năm {y}",
    "hoàn thành trong năm {y}",
]
PLACES = ["task", "bullet", "goal", "prose"]
SHAPES = ["short", "parts", "assessed"]
LAYOUTS = [Layout("txt", fmt="txt", bold=False), Layout("md", fmt="md", md_marks=True),
           Layout("docx", fmt="docx")]

# Last year's results, dated as Part I reports them: never a finding.
PAST = [f"1. Triển khai hệ thống một cửa điện tử, hoàn thành trong quý III/{YEAR - 1}.",
        f"2. Rà soát dữ liệu dân cư, hoàn thành trước 31/12/{YEAR - 1}.",
        f"- Tập huấn kỹ năng số cho cán bộ, thực hiện trong tháng 6/{YEAR - 1}.",
        f"Đến ngày 30/11/{YEAR - 1}, 75% hồ sơ được xử lý trực tuyến, hoàn thành trước ngày 15/12/{YEAR - 1} "
        f"việc số hóa sổ hộ tịch."]


def _blocks(shape: str, place: str, deadline: str) -> list[Block]:
    planted = {
        "task": Block("para", f"3. Rà soát dữ liệu dân cư, {deadline}."),
        "bullet": Block("bullet", f"Lắp đặt camera giám sát tại trung tâm xã, {deadline}.", marker="-"),
        "goal": Block("para", f"Tỷ lệ hồ sơ được số hóa đạt 100%, {deadline}."),
        "prose": Block("para", f"Ủy ban nhân dân xã giao Văn phòng tổng hợp kết quả, {deadline}."),
    }[place]
    head = [Block("title", f"ỦY BAN NHÂN DÂN XÃ {COMMUNE.upper()}"),
            Block("title", f"KẾ HOẠCH Chuyển đổi số năm {YEAR} của xã {COMMUNE}")]
    goals = [Block("para", f"Đến hết năm {YEAR}, 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.")]
    tasks = [Block("para", f"1. Triển khai hệ thống một cửa điện tử, hoàn thành trong Quý II/{YEAR}."),
             Block("para", f"2. Tập huấn kỹ năng số cho cán bộ, thời gian thực hiện: tháng 6/{YEAR}.")]
    if place == "goal":
        goals.append(planted)
    elif place == "prose":
        tasks.append(Block("para", "III. TỔ CHỨC THỰC HIỆN" if shape == "short" else "IV. TỔ CHỨC THỰC HIỆN"))
        tasks.append(planted)
    else:
        tasks.append(planted)
    past = [Block("bullet" if line.startswith("- ") else "para", line.removeprefix("- "), marker="-") for line in PAST]
    if shape == "short":
        return head + [Block("heading", "I. MỤC TIÊU", 1), *goals, Block("heading", "II. NHIỆM VỤ", 1), *tasks]
    if shape == "parts":
        return head + [Block("heading", f"PHẦN I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {YEAR - 1}", 1), *past,
                       Block("heading", f"PHẦN II. KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {YEAR}", 1),
                       Block("heading", "I. MỤC TIÊU", 1), *goals, Block("heading", "II. NHIỆM VỤ", 1), *tasks]
    return head + [Block("heading", f"I. KẾT QUẢ THỰC HIỆN NĂM {YEAR - 1}", 1), *past,
                   Block("heading", f"II. MỤC TIÊU NĂM {YEAR}", 1), *goals,
                   Block("heading", "III. NHIỆM VỤ", 1), *tasks]


def _wrong_years(shape: str, place: str, deadline: str, layout: Layout):
    items = _blocks(shape, place, deadline)
    data = _docx(items, layout, None) if layout.fmt == "docx" else _text(items, layout, None).encode()
    doc = read_bytes(data, f"ke-hoach{layout.suffix}")
    return [f for f in check_document(doc) if f.kind == "wrong_year"]


# Every shape, place and phrasing; each phrasing in each format (the format turns with the place); the wrong year one
# or two years before the plan's.
CASES = [pytest.param(shape, place, phrasing, LAYOUTS[(p + f) % len(LAYOUTS)], YEAR - 1 - (s + f) % 2,
                      id=f"{shape}-{place}-{LAYOUTS[(p + f) % len(LAYOUTS)].name}-{phrasing.format(y='Y')}")
         for (s, shape), (p, place), (f, phrasing) in itertools.product(
             enumerate(SHAPES), enumerate(PLACES), enumerate(PHRASINGS))]


@pytest.mark.parametrize("shape,place,phrasing,layout,wrong", CASES)
def test_a_deadline_before_the_plan_year_is_one_error(shape, place, phrasing, layout, wrong):
    deadline = phrasing.format(y=wrong)
    found = _wrong_years(shape, place, deadline, layout)
    assert [(f.severity, deadline.lower() in f.quote.lower()) for f in found] == [(ERROR, True)], \
        [(f.severity, f.quote) for f in found]


@pytest.mark.parametrize("shape,place,phrasing,layout,wrong", CASES)
def test_the_same_deadline_in_the_plan_year_is_none(shape, place, phrasing, layout, wrong):
    assert [f.quote for f in _wrong_years(shape, place, phrasing.format(y=YEAR), layout)] == []


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_the_reported_user_plan_gives_its_two_wrong_deadlines(layout):
    """The plan a user checked: items 1 and 3 set deadlines in 2025 and 2024, item 2 in the plan year."""
    items = [Block("title", f"ỦY BAN NHÂN DÂN XÃ {COMMUNE.upper()}"),
             Block("title", f"KẾ HOẠCH Chuyển đổi số năm {YEAR} của xã {COMMUNE}"), Block("heading", "I. MỤC TIÊU", 1),
             Block("para", f"Đến hết năm {YEAR}, 80% hồ sơ thủ tục hành chính được xử lý trực tuyến."),
             Block("heading", "II. NHIỆM VỤ", 1),
             Block("para", "1. Triển khai hệ thống một cửa điện tử, hoàn thành trong Quý II/2025."),
             Block("para", f"2. Tập huấn kỹ năng số cho cán bộ, thời gian thực hiện: tháng 6/{YEAR}."),
             Block("para", "3. Rà soát dữ liệu dân cư, hoàn thành trước 31/12/2024.")]
    data = _docx(items, layout, None) if layout.fmt == "docx" else _text(items, layout, None).encode()
    found = [f for f in check_document(read_bytes(data, f"ke-hoach{layout.suffix}")) if f.kind == "wrong_year"]
    assert [(f.severity, f.quote) for f in found] == [
        (ERROR, "Triển khai hệ thống một cửa điện tử, hoàn thành trong Quý II/2025"),
        (ERROR, "Rà soát dữ liệu dân cư, hoàn thành trước 31/12/2024")]
