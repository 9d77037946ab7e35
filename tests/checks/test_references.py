import pytest

CASES = [
    ("Căn cứ Kế hoạch số 2048/KH-VP ngày 17/7/2025 của UBND tỉnh.\n\nThực hiện Kế hoạch số 2048/KH-VP ngày 17/7/2025.\n\n"
     "Theo Kế hoạch số 2048/KH-VP ngày 17/5/2025, các đơn vị báo cáo.", ["Kế hoạch số 2048/KH-VP ngày 17/5/2025"]),
    ("Căn cứ Kế hoạch số 2048/KH-VP ngày 17/7/2025.\n\nKế hoạch số 2048/KH-VP ngày 17 tháng 7 năm 2025.", []),
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2025.\n\nKế hoạch số 12/KH-UBND ngày 5/6/2025.", []),  # other documents
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024.\n\nNghị quyết số 57-NQ/TW ngày 22/12/2025.", ["Nghị quyết số 57-NQ/TW ngày 22/12/2025"]),
    ("Kế hoạch số 20/KH-UBND ngày 29/7/2025 về phát triển khoa học, công nghệ và chuyển đổi số xã.\n\n"
     "Thực hiện Kế hoạch số 21/KH-UBND ngày 29/7/2025 về phát triển khoa học, công nghệ và chuyển đổi số xã.",
     ["Kế hoạch số 21/KH-UBND ngày 29/7/2025"]),
    ("Kế hoạch số 20/KH-UBND ngày 29/7/2025 về phát triển khoa học, công nghệ.\n\n"
     "Kế hoạch số 21/KH-UBND ngày 29/7/2025 về tổ chức Ngày hội văn hóa thể thao.", []),  # two plans of one day
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_references(findings_of, body, flagged):
    assert [f.quote for f in findings_of(body, "inconsistent_reference")] == flagged


def test_the_explanation_names_both_dates(findings_of):
    (finding,) = findings_of("Kế hoạch số 9/KH-UBND ngày 1/2/2027.\n\nKế hoạch số 9/KH-UBND ngày 3/4/2027.", "inconsistent_reference")
    assert "1/2/2027" in finding.explanation and "3/4/2027" in finding.explanation
