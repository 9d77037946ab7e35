import pytest

from xaso.checks import check_document
from xaso.documents import Document, Paragraph, Table

# (section lines, quotes flagged)
CASES = [
    ("I. A\n\nII. B\n\nIII. C", []),
    ("I. A\n\nI. B\n\nII. C", ["I. B"]),
    ("I. A\n\nII. B\n\nIV. D", ["IV. D"]),
    ("I. A\n\nII. B\n\nV. E\n\nIII. C", ["V. E"]),  # a skip, then the missing one late: one mistake
    ("1. A\n\n2. B\n\n2. C\n\n3. D", ["2. C"]),
    ("1. A\n\n2. B\n\n3. C\n\n5. E", ["5. E"]),
    ("I. A\n\n1. x\n\n2. y\n\nII. B\n\n1. z\n\n2. w", []),  # numbers restart under each higher heading
    ("1. A\n\n1.1. x\n\n1.2. y\n\n2. B\n\n2.1. z\n\n2.3. w", ["2.3. w"]),
    ("1. A\n\na) x\n\nb) y\n\n2. B\n\na) z\n\na) w", ["a) w"]),
    ("1. A\n\nb) x\n\nb) y\n\n2. B", ["b) x"]),  # missing a), then b) again: one mistake
    ("Phần I\n\nI. A\n\nII. B\n\nPhần II\n\nI. C\n\nII. D", []),
    ("1. A\n\n2. B\n\n81.3% người dân có tài khoản", []),  # a percentage is no section number
    ("1. A\n\n1.000 hồ sơ được số hóa\n\n2. B", []),
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_numbering(findings_of, body, flagged):
    assert [f.quote for f in findings_of(body, "numbering")] == flagged


TASKS = "I. NHIỆM VỤ\n\nTT\tNhiệm vụ\tChủ trì\tThời gian\n{rows}"
TABLE_CASES = [
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\n2\tLắp camera\tCông an xã\tQuý II\n3\tTập huấn\tVăn phòng\tQuý III\n", []),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\n2\tLắp camera\tCông an xã\tQuý II\n4\tTập huấn\tVăn phòng\tQuý III\n",
     ["Tập huấn"]),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\n2\tLắp camera\tCông an xã\tQuý II\n2\tTập huấn\tVăn phòng\tQuý III\n",
     ["Tập huấn"]),
    # a group row between, a count that starts again under the next group, a row continued without its number
    ("I\tHẠ TẦNG SỐ\t\t\n1\tSố hóa hộ tịch\tCông an xã\tQuý I\n\tvà hồ sơ đất đai\t\t\n2\tLắp camera\tCông an xã\tQuý II\n"
     "II\tXÃ HỘI SỐ\t\t\n1\tTập huấn\tVăn phòng\tQuý III\n", []),
]


@pytest.mark.parametrize("rows,flagged", TABLE_CASES)
def test_the_number_column_of_a_table(findings_of, rows, flagged):
    assert [f.quote for f in findings_of(TASKS.format(rows=rows), "numbering")] == flagged


def test_a_repeated_number_in_a_table_is_one_mistake(findings_of):
    rows = "".join(f"{n}\tNhiệm vụ thứ {k}\tCông an xã\tQuý I\n" for k, n in enumerate([1, 2, 3, 3, 5], start=1))
    assert [f.quote for f in findings_of(TASKS.format(rows=rows), "numbering")] == ["Nhiệm vụ thứ 4"]


def test_a_number_column_headed_as_a_narrow_pdf_column_broke_it(findings_of):
    table = Table(rows=[["ST\nT", "Nhiệm vụ", "Chủ trì"], ["1", "Số hóa", "Công an xã"], ["2", "Lắp camera", "Công an xã"],
                        ["2", "Tập huấn", "Văn phòng"]], line=3)
    doc = Document("ke-hoach.pdf", "pdf", [Paragraph("KẾ HOẠCH chuyển đổi số năm 2027", 1), table])
    assert [(f.kind, f.quote) for f in check_document(doc) if f.kind == "numbering"] == [("numbering", "Tập huấn")]
