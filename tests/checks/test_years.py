import pytest

PARTS = "Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {a}\n\nI. Kết quả\n\nPhần II. KẾ HOẠCH NĂM {b}\n\nI. Mục tiêu\n\n{body}"

CASES = [
    (PARTS.format(a=2026, b=2027, body="Nội dung."), []),
    (PARTS.format(a=2026, b=2026, body="Nội dung."), ["Phần II. KẾ HOẠCH NĂM 2026"]),
    (PARTS.format(a=2025, b=2027, body="Nội dung."), ["Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025"]),
    (PARTS.format(a=2026, b=2027, body="Tổ chức tập huấn, thực hiện trong quý III năm 2026."), ["thực hiện trong quý III năm 2026"]),
    (PARTS.format(a=2026, b=2027, body="Hoàn thành trong quý II/2027."), []),
    (PARTS.format(a=2026, b=2027, body="Hoàn thành trong quý II/2028."), ["Hoàn thành trong quý II/2028"]),
    (PARTS.format(a=2026, b=2027, body="Căn cứ Kế hoạch số 5/KH-UBND ngày 3/9/2026 về chuyển đổi số."), []),
    (PARTS.format(a=2026, b=2027, body="Thực hiện giai đoạn 2026-2030, trong quý IV năm 2026 - 2030."), []),
]


@pytest.mark.parametrize("text,flagged", CASES)
def test_years(findings_of, text, flagged):
    assert [f.quote for f in findings_of(text, "wrong_year")] == flagged
