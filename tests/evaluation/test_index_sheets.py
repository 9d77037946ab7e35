"""An evaluation index from and to .xlsx: every bad row named with its row number, nothing half-stored; the
download read back gives the same index; the project's example index has the 8-group shape."""

import io
import subprocess
import sys
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from xaso.evaluation import services, sheets
from xaso.evaluation.models import Component, EvaluationIndex

HEAD = ["Nhóm", "Mã", "Tiêu chí", "Cách tính điểm", "Điểm tối đa", "Cần minh chứng", "Từ khóa chỉ tiêu", "Lĩnh vực"]
GOOD = ["Chính quyền số", "6.1", "Tỷ lệ hồ sơ trực tuyến", "tỷ lệ: ≥80→6; ≥60→4; khác→0", 6, "không", "trực tuyến", "Chính quyền số"]


def xlsx(rows, title="Bộ chỉ số thử năm 2026") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(**changes):
    row = dict(zip(["group", "code", "name", "rule", "max", "evidence", "keywords", "area"], GOOD))
    row.update(changes)
    return list(row.values())


# (the rows under the header, as typed; the line reported, in order). The title is row 1, the header row 2.
BAD_SHEETS = [
    ([_row(code="")], ["Dòng 3: chưa ghi mã tiêu chí."]),
    ([_row(), _row(name="Khác")], ["Dòng 4: mã “6.1” trùng với dòng 3."]),
    ([_row(name="")], ["Dòng 3: chưa ghi tên tiêu chí."]),
    ([_row(group="")], ["Dòng 3: chưa ghi nhóm."]),
    ([_row(rule="tùy tình hình")], ["Dòng 3: không hiểu cách tính điểm “tùy tình hình”"]),
    ([_row(rule="tỷ lệ: ≥70→4; ≥80→6")], ["Dòng 3: các bậc phải ghi từ mức cao xuống mức thấp"]),
    ([_row(rule="tỷ lệ: ≥80→8; khác→0")], ["Dòng 3: bậc 8 điểm vượt điểm tối đa 6."]),
    ([_row(max="sáu")], ["Dòng 3: điểm tối đa “sáu” phải là số lớn hơn 0"]),
    ([_row(max=0)], ["Dòng 3: điểm tối đa “0” phải là số lớn hơn 0"]),
    ([_row(evidence="tùy")], ["Dòng 3: cột “Cần minh chứng” ghi “tùy”: hãy ghi “có” hoặc “không”."]),
    ([_row(area="Vũ trụ số")], ["Dòng 3: lĩnh vực “Vũ trụ số” không có trong danh sách lĩnh vực của xaso."]),
    ([_row(code="", name="")], ["Dòng 3: chưa ghi mã tiêu chí; chưa ghi tên tiêu chí."]),
    ([_row(code="1.1", group="Nhận thức số"), _row(code="6.1"), _row(code="1.2", group="Nhận thức số")],
     ["Dòng 5: nhóm “Nhận thức số” đã có ở trên; các tiêu chí của một nhóm phải liền nhau."]),
    ([_row(code="a", max="x"), _row(code="b"), _row(code="c", rule="")],
     ["Dòng 3: điểm tối đa “x”", "Dòng 5: chưa ghi cách tính điểm"]),
    ([], ["Bảng chưa có tiêu chí nào dưới dòng tiêu đề cột."]),
]


@pytest.mark.parametrize("rows, expected", BAD_SHEETS)
def test_every_bad_row_is_reported_with_its_number(rows, expected):
    with pytest.raises(sheets.SheetError) as caught:
        sheets.read_xlsx(xlsx([HEAD, *rows]))
    assert len(caught.value.problems) == len(expected), caught.value.problems
    for problem, words in zip(caught.value.problems, expected):
        assert problem.startswith(words), problem


def test_a_sheet_without_the_header_row_says_which_columns_it_needs():
    with pytest.raises(sheets.SheetError) as caught:
        sheets.read_xlsx(xlsx([["STT", "Nội dung"], ["1", "Một việc"]]))
    assert "“Cách tính điểm”" in caught.value.problems[0]
    with pytest.raises(sheets.SheetError) as caught:
        sheets.read_xlsx(xlsx([HEAD[1:4], GOOD[1:4]]))
    assert caught.value.problems == ["Dòng 2: thiếu cột “Nhóm”, “Điểm tối đa”."]


def test_an_empty_group_cell_continues_the_group_above_and_columns_go_in_any_order():
    header = ["Điểm tối đa", "Mã", "Tiêu chí", "Nhóm", "Cách tính điểm"]
    sheet = sheets.read_xlsx(xlsx([header, [2, "1.1", "Có kế hoạch", "Nhận thức số", "có/không"],
                                   [1.5, "1.2", "Có quy chế", None, "Có/Không"]]))
    assert [(g, [c.code for c in rows]) for g, rows in sheet.groups] == [("Nhận thức số", ["1.1", "1.2"])]
    assert sheet.components[1].max_points == Decimal("1.5") and sheet.components[1].rule == "có/không"
    assert sheet.name == "Bộ chỉ số thử năm 2026"


@pytest.mark.django_db
def test_a_bad_sheet_stores_nothing(commune):
    index = services.store_index(commune.province, 2026, sheets.read_xlsx(xlsx([HEAD, GOOD])))
    with pytest.raises(sheets.SheetError):
        services.store_index(commune.province, 2026, sheets.read_xlsx(xlsx([HEAD, GOOD, _row(code="6.2", max="")])))
    assert list(Component.objects.filter(index=index).values_list("code", flat=True)) == ["6.1"]


@pytest.mark.django_db
def test_export_then_import_gives_the_same_index(commune):
    first = services.load_example(commune.province, 2026)
    data = sheets.write_xlsx(first.name, services.sheet_of(first).groups)
    second = services.store_index(commune.province, 2027, sheets.read_xlsx(data))

    def shape(index):
        return (index.name, [(g.position, g.name) for g in index.groups.all()],
                [(c.group.name, c.position, c.code, c.name, c.rule, c.max_points, c.evidence_required, c.keywords, c.area)
                 for c in index.components.select_related("group")])

    assert shape(second) == shape(first)
    assert sheets.write_xlsx(second.name, services.sheet_of(second).groups) is not None


def test_the_example_index_has_eight_groups_of_the_expected_shape():
    sheet = services.example_sheet()
    assert [g for g, _ in sheet.groups] == ["Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số",
                                            "An toàn thông tin mạng", "Chính quyền số", "Kinh tế số", "Xã hội số"]
    assert 30 <= len(sheet.components) <= 47
    assert sum(c.max_points for c in sheet.components) == 100


def test_a_formula_typed_as_a_component_stays_text_in_the_download():
    data = sheets.write_xlsx("Thử", [("Nhóm", [sheets.ComponentRow(0, "1", "=HYPERLINK(\"http://x\")", "có/không",
                                                                    Decimal(1))])])
    cell = openpyxl.load_workbook(io.BytesIO(data))["Bộ chỉ số"]["C3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@pytest.mark.django_db
def test_the_command_loads_the_example_and_refuses_a_bad_file(commune, tmp_path, capsys):
    call_command("evaluation_index", province=commune.province.name, year=2026)
    index = EvaluationIndex.objects.get(province=commune.province, year=2026)
    assert index.published and index.components.count() == len(services.example_sheet().components)
    assert "8 nhóm" in capsys.readouterr().out
    bad = tmp_path / "bo-chi-so.xlsx"
    bad.write_bytes(xlsx([HEAD, _row(code="")]))
    with pytest.raises(SystemExit) as stop:
        call_command("evaluation_index", province=commune.province.name, year=2027, file=str(bad))
    assert stop.value.code == 2
    assert "Dòng 3: chưa ghi mã tiêu chí." in capsys.readouterr().err
    assert not EvaluationIndex.objects.filter(year=2027).exists()


def test_the_command_is_listed_in_xaso_help():
    out = subprocess.run([sys.executable, "-m", "xaso"], capture_output=True, text=True).stdout
    assert "xaso evaluation-index" in out
