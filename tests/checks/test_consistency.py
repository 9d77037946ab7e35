"""Contradictions between two places of one plan: each case is a small plan and the findings it must give."""

import pytest

GOALS_70 = ("I. MỤC TIÊU\n"
            "- Tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính đạt 70%;\n"
            "- Tỷ lệ hồ sơ giải quyết trễ hạn không quá 1%.\n"
            "II. GIẢI PHÁP\n")

CASES = [
    ("same target, another value in the tasks",
     GOALS_70 + "- Đẩy mạnh thanh toán trực tuyến tại Trung tâm Phục vụ hành chính công, phấn đấu tỷ lệ thanh toán "
                "trực tuyến phí, lệ phí thủ tục hành chính đạt 60%.\n",
     [("lỗi", "phấn đấu tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính đạt 60%")]),
    ("same target, same value",
     GOALS_70 + "- Đẩy mạnh thanh toán trực tuyến, phấn đấu tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành "
                "chính đạt 70%.\n",
     []),
    ("subject after the target",
     "I. MỤC TIÊU\n- 100% hồ sơ công việc được xử lý trên môi trường mạng;\nII. NHIỆM VỤ\n"
     "- Triển khai hệ thống quản lý văn bản, phấn đấu đạt 90% hồ sơ công việc được xử lý trên môi trường mạng.\n",
     [("lỗi", "phấn đấu đạt 90% hồ sơ công việc được xử lý trên môi trường mạng")]),
    ("an indicator written twice",
     "I. MỤC TIÊU\n- Tỷ lệ người dân có tài khoản định danh điện tử mức 2 đạt 80%;\n"
     "- Tỷ lệ người dân có tài khoản định danh điện tử mức 2 đạt 80%;\n",
     [("cảnh báo", "Tỷ lệ người dân có tài khoản định danh điện tử mức 2 đạt 80%")]),
    ("different subjects with the same words around them",
     "I. MỤC TIÊU\n- Tỷ lệ người dân có tài khoản định danh điện tử mức 2 đạt 80%;\n"
     "- Tỷ lệ hộ gia đình có tài khoản thanh toán điện tử đạt 80%;\nII. NHIỆM VỤ\n"
     "- Tỷ lệ doanh nghiệp có tài khoản thanh toán điện tử đạt 50%.\n",
     []),
    ("two kinds of one measure",
     "I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến toàn trình đạt 50%;\n- Tỷ lệ hồ sơ trực tuyến một phần đạt 30%;\n",
     []),
    ("last year's result beside this year's target",
     "I. KẾT QUẢ NĂM 2026\n- Tỷ lệ hồ sơ trực tuyến đạt 60%;\nII. MỤC TIÊU NĂM 2027\n- Tỷ lệ hồ sơ trực tuyến đạt 80%;\n",
     []),
    ("the target stated again with a word dropped",
     "I. MỤC TIÊU\n- Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến ≥ 90%.\nIII. TỔ CHỨC THỰC HIỆN\n"
     "- Văn phòng HĐND và UBND xã chủ trì, bảo đảm tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80% "
     "trong năm 2027.\n",
     [("lỗi", "tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%")]),
    ("a long sentence is quoted around its target",
     "I. MỤC TIÊU\n- Tỷ lệ người dân từ 15 tuổi trở lên có điện thoại thông minh đạt 88%.\nII. NHIỆM VỤ\n"
     "- Phối hợp với các doanh nghiệp viễn thông triển khai chương trình hỗ trợ thiết bị đầu cuối cho hộ nghèo, hộ cận "
     "nghèo và người cao tuổi trên địa bàn xã, phấn đấu đến cuối năm 2027 tỷ lệ người dân từ 15 tuổi trở lên có điện "
     "thoại thông minh đạt 90%.\n",
     [("lỗi", "có điện thoại thông minh đạt 90%")]),
    ("one task given two deadlines",
     "II. NHIỆM VỤ\n1. Số hóa hồ sơ hộ tịch, hoàn thành trong Quý II/2027.\n"
     "2. Lắp camera an ninh, hoàn thành trong Quý III/2027.\nIII. TỔ CHỨC THỰC HIỆN\n"
     "- Số hóa hồ sơ hộ tịch hoàn thành trong Quý IV/2027.\n",
     [("cảnh báo", "Số hóa hồ sơ hộ tịch hoàn thành trong Quý IV/2027")]),
    ("one task, the same deadline twice",
     "II. NHIỆM VỤ\n1. Số hóa hồ sơ hộ tịch, hoàn thành trong Quý II/2027.\nIII. TỔ CHỨC THỰC HIỆN\n"
     "- Số hóa hồ sơ hộ tịch hoàn thành trong Quý II/2027.\n",
     []),
]


@pytest.mark.parametrize("body,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_contradictions(findings_of, body, expected):
    found = findings_of(body, "contradiction")
    assert len(found) == len(expected), [f.quote for f in found]
    for finding, (severity, quote) in zip(found, expected):
        assert finding.severity == severity
        assert quote in finding.quote


def test_the_explanation_names_both_places(findings_of):
    (finding,) = findings_of(CASES[0][1], "contradiction")
    assert "70%" in finding.explanation and "60%" in finding.explanation
