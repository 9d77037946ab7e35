"""The goals section: where it starts and where it ends, whatever the heading and list styles."""

from xaso.documents import read_bytes
from xaso.extract.plan import extract_plan

PLAN = """**KẾ HOẠCH**

**Chuyển đổi số xã Hòa An năm 2027**

**II. MỤC TIÊU**

**2. Một số chỉ tiêu cụ thể**

**a) Về chính quyền số**

1. Đạt ít nhất 98% văn bản đi của UBND xã được ký số, gửi nhận trên môi trường mạng.

2. Không dưới 95% người dân, doanh nghiệp hài lòng với việc giải quyết thủ tục hành chính.

**III. NHIỆM VỤ, GIẢI PHÁP**

1) Xây dựng trang thông tin điện tử của xã

• Đơn vị chủ trì: Văn phòng HĐND và UBND xã.

• Thời gian thực hiện: Tháng 9/2027.

• Sản phẩm: Trang thông tin điện tử hoạt động, tối thiểu 10 tin bài/tháng.

**IV. TỔ CHỨC THỰC HIỆN**

Văn phòng HĐND và UBND xã vận hành hệ thống quản lý văn bản, bảo đảm 100% văn bản được ký số đúng quy định.
"""


def test_plain_numbered_targets_under_bold_headings_stay_in_the_goals_section():
    """"1. Đạt ít nhất 98% …" in plain type under bold "a) Về chính quyền số" is an item, not the section's end: the
    goals are those two, not every target sentence of the tasks and the closing section."""
    plan = extract_plan(read_bytes(PLAN.encode(), "ke-hoach.md"))
    assert [(i.target_value, i.comparator) for i in plan.indicators] == [(98.0, ">="), (95.0, ">=")]
    assert not any(i.warnings for i in plan.indicators)
