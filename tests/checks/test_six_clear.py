import pytest

TABLE = ("STT\tTên nhiệm vụ\tĐơn vị chủ trì\tThời gian thực hiện\tSản phẩm\n"
         "1\tTập huấn kỹ năng số\tPhòng VH-XH\tQuý I/2027\t02 lớp\n"
         "2\tLắp Wi-Fi công cộng\t–\tQuý II/2027\tĐiểm Wi-Fi\n"
         "3\tSố hóa hồ sơ\tTrung tâm PVHCC\t\t\n")


def test_tasks_missing_a_lead_timeline_or_output(findings_of):
    found = findings_of(TABLE, "missing_field")
    assert [(f.quote, f.severity) for f in found] == [
        ("Lắp Wi-Fi công cộng", "lỗi"), ("Số hóa hồ sơ", "lỗi"), ("Số hóa hồ sơ", "cảnh báo")]
    assert "không ghi đơn vị chủ trì" in found[0].explanation


def test_a_table_without_a_timeline_column_is_not_flagged_per_task(findings_of):
    table = "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tSản phẩm\n1\tTập huấn\tPhòng VH-XH\t02 lớp\n2\tSố hóa\tUBND xã\tKho số\n"
    assert findings_of(table, "missing_field") == []


@pytest.mark.parametrize("body,flagged", [
    ("Văn bản ban hành ngày 31/2/2027.", ["Văn bản ban hành ngày 31/2/2027"]),
    ("Văn bản ban hành ngày 28/2/2027.", []),
    ("Văn bản ban hành ngày 29/2/2028.", []),
])
def test_dates_that_do_not_exist(findings_of, body, flagged):
    assert [f.quote for f in findings_of(body, "target")] == flagged


def test_target_sanity_on_an_indicator_table(findings_of):
    table = ("STT\tChỉ tiêu\tĐơn vị tính\tKết quả năm 2026\tMục tiêu năm 2027\n"
             "1\tTỷ lệ hồ sơ trực tuyến\t%\t90%\t120%\n"
             "2\tTỷ lệ số hóa\t%\t90%\t≥ 80%\n"
             "3\tCấp độ an toàn\t\t\tCấp độ 2 hoặc 3\n"
             "4\tBản đồ số các điểm du lịch\t\t\tHoàn thành, đưa vào sử dụng\n"
             "5\tTỷ lệ hộ có cáp quang\t%\t70%\t–\n")
    assert [f.explanation for f in findings_of(table, "target")] == [
        "Chỉ tiêu phần trăm 120% vượt quá 100%.", "Chỉ tiêu ≥ 80% thấp hơn chính giá trị nền 90%."]
    assert [f.quote for f in findings_of(table, "missing_field")] == ["Tỷ lệ hộ có cáp quang"]  # targets in words stand
