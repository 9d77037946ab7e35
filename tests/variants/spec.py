"""A plan as data, and a generator of plans written the many ways communes write them.

The phrase banks below are invented (no sample plan's text): indicator subjects per area with the phrasings a
target takes ("đạt ít nhất 65%", "phấn đấu trên 50%", "hướng đến 100%", "từ 60 - 70%", "không dưới 80%",
"100% … được …", counts, at-most targets, a baseline "từ 62% lên 80%"), tasks with their "6 rõ", prior results
with their result markers, and the paragraphs around them (Part I narrative with correct ratios, solutions and
responsibilities that state percentages which are not indicators).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field

from xaso.core import communes

AT_LEAST, AT_MOST = ">=", "<="


@dataclass
class IndicatorSpec:
    group: str | None
    subject: str  # the indicator without its target: a table's text column
    text: str  # the statement as a plan writes it in prose (subject and target)
    target: str  # the target as a table cell holds it
    target_value: float | None
    unit: str | None
    comparator: str | None
    baseline: str | None = None


@dataclass
class TaskSpec:
    group: str | None
    name: str
    detail: str | None
    lead: str | None
    partners: list[str]
    timeline: str | None
    output: str | None
    budget_million_vnd: float | None = None
    budget_source: str | None = None
    overseer: str | None = None
    monitor: str | None = None


@dataclass
class PriorSpec:
    text: str
    target: str | None
    result: str
    marker: str  # how the result is written after the statement: "(đạt)", ". Kết quả: Đạt 90%" …


@dataclass
class PlanSpec:
    commune: str
    province: str
    year: int
    signer: str
    number: str
    citations: list[str]
    prior: list[PriorSpec]
    part1_paragraphs: list[str]
    general_goal: str
    indicators: list[IndicatorSpec]
    tasks: list[TaskSpec]
    task_paragraphs: list[str]  # the plan's "Nhiệm vụ, giải pháp" prose: not indicators, not tasks
    responsibilities: list[tuple[str, str]]  # (unit, duties) in "Tổ chức thực hiện"
    budget_paragraph: str
    assessed: bool = True  # whether the plan has a Part I
    seed: int = 0
    goal_notes: list[str] = field(default_factory=list)  # goal bullets that state no target: not indicators
    kind: str = communes.XA  # xã, phường or đặc khu: every "UBND xã", "Công an xã", "của xã" of the plan follows it

    def as_kind(self, kind: str) -> PlanSpec:
        """The same plan issued by a phường or a đặc khu: every administrative "xã" of its text says the kind."""
        return dataclasses.replace(everywhere_in_kind(self, kind), kind=kind)

    def indicator_groups(self) -> list[tuple[str | None, list[IndicatorSpec]]]:
        return _grouped(self.indicators)

    def task_groups(self) -> list[tuple[str | None, list[TaskSpec]]]:
        return _grouped(self.tasks)


def everywhere_in_kind(value, kind: str):
    """communes.in_kind on every text of a plan: its dataclasses, lists and dicts (a reading's JSON)."""
    if isinstance(value, str):
        return communes.in_kind(value, kind)
    if isinstance(value, dict):
        return {key: everywhere_in_kind(v, kind) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(everywhere_in_kind(v, kind) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: everywhere_in_kind(getattr(value, f.name), kind)
                                             for f in dataclasses.fields(value) if f.name != "kind"})
    return value


def _grouped(items):
    groups: list[tuple[str | None, list]] = []
    for item in items:
        if groups and groups[-1][0] == item.group:
            groups[-1][1].append(item)
        else:
            groups.append((item.group, [item]))
    return groups


# --- Banks ----------------------------------------------------------------------------------------------------

COMMUNES = ["Phú Lương", "Đông Thành", "Yên Hòa", "Tân Lập", "Hòa An", "Quảng Phú", "Thạch Bàn", "Nghĩa Trung",
            "Hưng Đạo", "Kim Sơn", "Thanh Xuân", "Bình Minh", "Đại Đồng", "Cẩm Bình", "Xuân Lâm", "Phước Hòa",
            "Ea Tu", "Mường Khoa", "Nà Hang", "Lạc Thủy", "Vĩnh Tường", "Triệu Sơn", "Đức Phổ", "An Nhơn Tây"]
PROVINCES = ["Nghệ An", "Lào Cai", "Đắk Lắk", "Quảng Ngãi", "Ninh Bình", "Phú Thọ", "Gia Lai", "Đồng Tháp",
             "Bắc Ninh", "Hưng Yên", "Lâm Đồng", "Khánh Hòa", "Cà Mau", "Thái Nguyên", "Lai Châu", "Sơn La"]
SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Vinh", "Phạm Thị Thu Hà", "Võ Đức Thắng", "Đặng Minh Khoa",
           "Bùi Thị Lan", "Hoàng Văn Sơn", "Lò Văn Piêng", "Y Bhim Niê"]

AREAS = {
    "government": ["Chính quyền số", "Về chính quyền số", "Phát triển chính quyền số", "Chỉ tiêu về chính quyền số"],
    "economy": ["Kinh tế số", "Về kinh tế số", "Phát triển kinh tế số", "Chỉ tiêu về kinh tế số"],
    "society": ["Xã hội số", "Về xã hội số", "Phát triển xã hội số", "Chỉ tiêu về xã hội số"],
    "infrastructure": ["Hạ tầng số", "Về hạ tầng số", "Phát triển hạ tầng số", "Hạ tầng số, nền tảng số"],
    "people": ["Nhân lực số", "Về nhân lực số", "Phát triển nhân lực số", "Đào tạo, phát triển nhân lực số"],
    "security": ["An toàn thông tin mạng", "Về an toàn thông tin", "Bảo đảm an toàn thông tin mạng"],
}

# (area, kind, subject): "rate" subjects start with "Tỷ lệ" and take "đạt X%"; "share" subjects follow "X%";
# "low" subjects are rates whose target is an upper bound; "count" subjects follow a number and start with their unit.
SUBJECTS = [
    ("government", "rate", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, xử lý trực tuyến"),
    ("government", "share", "hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa"),
    ("government", "share", "văn bản đi của UBND xã được ký số, gửi nhận trên môi trường mạng (trừ văn bản mật)"),
    ("government", "rate", "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình"),
    ("government", "share", "người dân, doanh nghiệp hài lòng với việc giải quyết thủ tục hành chính"),
    ("government", "rate", "Tỷ lệ cuộc họp của UBND xã được tổ chức theo hình thức trực tuyến"),
    ("government", "low", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết quá hạn"),
    ("government", "share", "cán bộ, công chức được cấp chữ ký số cá nhân và sử dụng thường xuyên"),
    ("economy", "share", "hộ sản xuất, kinh doanh trên địa bàn có tài khoản thanh toán điện tử"),
    ("economy", "rate", "Tỷ lệ sản phẩm OCOP của xã được đưa lên sàn thương mại điện tử"),
    ("economy", "share", "hộ kinh doanh cá thể sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền"),
    ("economy", "count", "hợp tác xã có gian hàng trên sàn thương mại điện tử"),
    ("economy", "rate", "Tỷ lệ giao dịch thanh toán không dùng tiền mặt tại chợ và cửa hàng trên địa bàn"),
    ("society", "rate", "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử mức độ 2"),
    ("society", "share", "người dân có hồ sơ sức khỏe điện tử được cập nhật trên ứng dụng VNeID"),
    ("society", "share", "trường học trên địa bàn thu học phí không dùng tiền mặt"),
    ("society", "rate", "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng"),
    ("society", "share", "người dân được phổ cập kỹ năng số cơ bản qua phong trào Bình dân học vụ số"),
    ("infrastructure", "share", "thôn, tổ dân phố có sóng di động 4G/5G"),
    ("infrastructure", "rate", "Tỷ lệ hộ gia đình có đường Internet cáp quang băng thông rộng"),
    ("infrastructure", "share", "nhà văn hóa thôn có điểm Wi-Fi công cộng miễn phí"),
    ("infrastructure", "count", "camera giám sát an ninh trật tự được kết nối về UBND xã"),
    ("people", "share", "cán bộ, công chức, viên chức được bồi dưỡng kiến thức, kỹ năng số"),
    ("people", "count", "lớp tập huấn kỹ năng số cho thành viên Tổ công nghệ số cộng đồng"),
    ("people", "share", "thành viên Tổ công nghệ số cộng đồng được tập huấn nghiệp vụ"),
    ("security", "share", "máy tính của cơ quan, đơn vị được cài đặt phần mềm phòng, chống mã độc"),
    ("security", "rate", "Tỷ lệ hệ thống thông tin của xã được phê duyệt cấp độ an toàn thông tin"),
    ("security", "low", "Tỷ lệ máy tính bị nhiễm mã độc được phát hiện trong năm"),
]

RATE_PHRASES = [  # (template, comparator, cell): {S} subject, {v} value, {v2} upper end of a range
    ("{S} đạt {v}%", AT_LEAST, "{v}%"),
    ("{S} đạt ít nhất {v}%", AT_LEAST, "Ít nhất {v}%"),
    ("{S} đạt từ {v}% trở lên", AT_LEAST, "Từ {v}% trở lên"),
    ("{S} đạt {v}% trở lên", AT_LEAST, "≥ {v}%"),
    ("{S} đạt trên {v}%", AT_LEAST, "Trên {v}%"),
    ("{S} tối thiểu đạt {v}%", AT_LEAST, "Tối thiểu {v}%"),
    ("{S} không dưới {v}%", AT_LEAST, "Không dưới {v}%"),
    ("{S} đạt ≥ {v}%", AT_LEAST, "≥ {v}%"),
    ("{S} phấn đấu đạt {v}%", AT_LEAST, "{v}%"),
    ("{S} hướng đến {v}%", AT_LEAST, "{v}%"),
    ("{S} đạt từ {v} - {v2}%", AT_LEAST, "{v} - {v2}%"),
    ("Phấn đấu {s} đạt trên {v}%", AT_LEAST, "> {v}%"),
]
BASELINE_PHRASES = [
    ("{S} từ {b}% năm {p} lên {v}%", AT_LEAST),
    ("{S} tăng từ {b}% lên {v}%", AT_LEAST),
    ("{S} đạt {v}% (năm {p} đạt {b}%)", AT_LEAST),
]
SHARE_PHRASES = [
    ("{v}% {S}", AT_LEAST, "{v}%"),
    ("Phấn đấu {v}% {S}", AT_LEAST, "{v}%"),
    ("Phấn đấu trên {v}% {S}", AT_LEAST, "Trên {v}%"),
    ("Có ít nhất {v}% {S}", AT_LEAST, "Ít nhất {v}%"),
    ("Trên {v}% {S}", AT_LEAST, "> {v}%"),
    ("Tối thiểu {v}% {S}", AT_LEAST, "Tối thiểu {v}%"),
    ("Không dưới {v}% {S}", AT_LEAST, "Không dưới {v}%"),
    ("Hướng đến {v}% {S}", AT_LEAST, "{v}%"),
    ("Bảo đảm {v}% {S}", AT_LEAST, "{v}%"),
    ("Từ {v} - {v2}% {S}", AT_LEAST, "{v} - {v2}%"),
    ("Đạt ít nhất {v}% {S}", AT_LEAST, "≥ {v}%"),
]
LOW_PHRASES = [
    ("{S} không quá {v}%", AT_MOST, "Không quá {v}%"),
    ("{S} dưới {v}%", AT_MOST, "Dưới {v}%"),
    ("{S} tối đa {v}%", AT_MOST, "Tối đa {v}%"),
    ("{S} không vượt quá {v}%", AT_MOST, "≤ {v}%"),
    ("{S} giảm xuống dưới {v}%", AT_MOST, "< {v}%"),
]
COUNT_PHRASES = [
    ("Tổ chức ít nhất {n} {S}", AT_LEAST, "Ít nhất {n}"),
    ("Có tối thiểu {n} {S}", AT_LEAST, "Tối thiểu {n}"),
    ("Phấn đấu có ít nhất {n} {S}", AT_LEAST, "≥ {n}"),
    ("≥ {n} {S}", AT_LEAST, "≥ {n}"),
]
COUNT_UNITS = {"hợp tác xã": "hợp tác xã", "camera": "camera", "lớp": "lớp"}

LEADS = ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Trung tâm Phục vụ hành chính công",
         "Công an xã", "Trạm Y tế xã", "Trung tâm Dịch vụ tổng hợp", "Đoàn Thanh niên xã", "Phòng VH-XH",
         "Trung tâm PVHCC", "Ban Chỉ huy Quân sự xã", "UBND xã"]
PARTNERS = ["Các thôn", "Bưu điện xã", "VNPT, Viettel", "Các trường học", "Hội Liên hiệp Phụ nữ xã",
            "Tổ công nghệ số cộng đồng", "Các phòng, ban, đơn vị liên quan", "Ngân hàng Chính sách xã hội"]
TIMELINES = ["Quý I/{y}", "Quý II năm {y}", "Quý II–IV/{y}", "Quý III - IV/{y}", "Thường xuyên",
             "Thường xuyên trong năm", "Trước 30/6/{y}", "Tháng 9/{y}", "Năm {y}", "6 tháng đầu năm {y}",
             "Hoàn thành trước tháng 12 năm {y}", "Quý IV/{y}", "Trong năm {y}"]
SOURCES = ["Ngân sách xã", "Ngân sách tỉnh bổ sung có mục tiêu", "Lồng ghép chương trình mục tiêu quốc gia",
           "Xã hội hóa", "Nguồn kinh phí chi thường xuyên của đơn vị"]
OVERSEERS = ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Công an tỉnh", "Sở Nội vụ"]

TASKS = [  # (area, name, detail, output, budget)
    ("government", "Rà soát, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
     "Số hóa hồ sơ hộ tịch, chứng thực, đất đai đang lưu trữ tại xã", "Kho hồ sơ số được cập nhật đầy đủ", 150),
    ("government", "Vận hành Hệ thống quản lý văn bản và điều hành", "Ký số, gửi nhận văn bản trên hệ thống",
     "Văn bản điện tử được ký số, gửi nhận trên hệ thống", None),
    ("government", "Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận một cửa", None,
     "Số hồ sơ trực tuyến tăng so với năm trước", 20),
    ("government", "Triển khai phòng họp trực tuyến của UBND xã", "Mua sắm thiết bị, kết nối mạng truyền số liệu",
     "Phòng họp trực tuyến vận hành ổn định", 250),
    ("government", "Duy trì, cập nhật Trang thông tin điện tử của xã", "Đăng tin bài, công khai thông tin theo quy định",
     "Trang thông tin điện tử hoạt động, tối thiểu 10 tin bài/tháng", 30),
    ("economy", "Hỗ trợ hộ kinh doanh, hợp tác xã mở gian hàng trên sàn thương mại điện tử", None,
     "Gian hàng trực tuyến của các hợp tác xã", 40),
    ("economy", "Tuyên truyền thanh toán không dùng tiền mặt tại chợ trung tâm", "Phối hợp ngân hàng lắp mã QR",
     "Các tiểu thương có mã QR thanh toán", 10),
    ("economy", "Quảng bá sản phẩm OCOP trên nền tảng số", None, "Sản phẩm OCOP có trang giới thiệu trực tuyến", 25),
    ("society", "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2", None,
     "Tài khoản định danh điện tử được kích hoạt", None),
    ("society", "Triển khai hồ sơ sức khỏe điện tử cho người dân", "Cập nhật hồ sơ trên phần mềm của ngành y tế",
     "Hồ sơ sức khỏe điện tử được lập", 35),
    ("society", "Tổ chức lớp Bình dân học vụ số tại các thôn", None, "Các lớp phổ cập kỹ năng số cơ bản", 60),
    ("society", "Thu học phí, các khoản thu không dùng tiền mặt tại trường học", None,
     "Các trường thu học phí qua ngân hàng", None),
    ("infrastructure", "Lắp đặt điểm Wi-Fi công cộng tại nhà văn hóa thôn", None, "Điểm Wi-Fi hoạt động tại các thôn", 120),
    ("infrastructure", "Nâng cấp mạng nội bộ (LAN) và thiết bị tại trụ sở UBND xã", "Thay thế thiết bị chuyển mạch cũ",
     "Mạng nội bộ ổn định, an toàn", 200),
    ("infrastructure", "Phối hợp doanh nghiệp viễn thông phủ sóng 4G tại thôn vùng sâu", None,
     "Các thôn được phủ sóng 4G", None),
    ("people", "Tập huấn kỹ năng số cho cán bộ, công chức", "Kỹ năng khai thác dữ liệu, ký số, an toàn thông tin",
     "02 lớp tập huấn", 30),
    ("people", "Bồi dưỡng nghiệp vụ cho Tổ công nghệ số cộng đồng", None, "Thành viên các tổ được tập huấn", 45),
    ("people", "Cử công chức tham gia các khóa học trực tuyến mở (MOOCs)", None,
     "Chứng nhận hoàn thành khóa học", None),
    ("security", "Cài đặt phần mềm phòng, chống mã độc cho máy tính của cơ quan", None,
     "Máy tính được cài đặt phần mềm có bản quyền", 15),
    ("security", "Xây dựng hồ sơ đề xuất cấp độ an toàn hệ thống thông tin", None,
     "Hồ sơ cấp độ được phê duyệt", 20),
    ("security", "Sao lưu dữ liệu định kỳ, kiểm tra an toàn thông tin", "Sao lưu dữ liệu hằng tuần",
     "Nhật ký sao lưu, biên bản kiểm tra", None),
]

GOAL_NOTES = [
    "Triển khai mạng viễn thông 5G theo kế hoạch của cấp trên",
    "Phối hợp với doanh nghiệp viễn thông cấp chứng thư số công cộng miễn phí cho người dân",
    "Thực hiện có hiệu quả các nhiệm vụ của Đề án 06 trên địa bàn xã",
    "Duy trì hoạt động của các Tổ công nghệ số cộng đồng tại các thôn",
]
PART1_PARAGRAPHS = [
    "Năm {p}, UBND xã đã tiếp nhận {t} hồ sơ thủ tục hành chính, trong đó {o} hồ sơ nộp trực tuyến, đạt {r}%.",
    "Toàn xã có {w}/{n} thôn có điểm Wi-Fi công cộng (đạt {r2}%), các thôn còn lại đang khảo sát.",
    "Công tác chỉ đạo, điều hành được quan tâm; các đơn vị đã cơ bản hoàn thành nhiệm vụ được giao.",
    "Hạ tầng số tiếp tục được đầu tư; mạng nội bộ tại trụ sở hoạt động ổn định, bảo đảm kết nối thông suốt.",
    "Một số nhiệm vụ còn chậm do thiếu kinh phí và nhân lực chuyên trách về công nghệ thông tin còn mỏng.",
]
TASK_PARAGRAPHS = [
    "Tiếp tục quán triệt, tuyên truyền các chủ trương của Đảng, chính sách của Nhà nước về chuyển đổi số.",
    "Duy trì 100% văn bản điện tử được gửi, nhận qua hệ thống quản lý văn bản và điều hành.",
    "Tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ chuyển đổi số tại các đơn vị.",
    "Đẩy mạnh phát triển kinh tế số, hỗ trợ doanh nghiệp, hợp tác xã, hộ kinh doanh chuyển đổi số.",
    "Bố trí kinh phí hợp lý cho các nhiệm vụ chuyển đổi số, ưu tiên nguồn ngân sách xã và xã hội hóa.",
]
DUTIES = [
    ("Phòng Văn hóa - Xã hội", "Là cơ quan thường trực, tham mưu UBND xã triển khai, theo dõi, tổng hợp kết quả thực "
                               "hiện kế hoạch; báo cáo định kỳ hằng quý."),
    ("Văn phòng HĐND và UBND xã", "Vận hành hệ thống quản lý văn bản, bảo đảm 100% văn bản được ký số đúng quy định."),
    ("Phòng Kinh tế", "Tham mưu bố trí kinh phí thực hiện kế hoạch; hướng dẫn thanh quyết toán theo quy định."),
    ("Công an xã", "Đẩy mạnh triển khai Đề án 06, hướng dẫn người dân kích hoạt tài khoản định danh điện tử."),
    ("Các thôn", "Tuyên truyền, vận động người dân tham gia các nền tảng số, sử dụng dịch vụ công trực tuyến."),
]
CITATIONS = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng "
    "tạo và chuyển đổi số quốc gia",
    "Kế hoạch số {k}/KH-UBND ngày {d}/{m}/{p} của UBND tỉnh {province} về chuyển đổi số năm {y}",
    "Kế hoạch hành động số {k2}-KH/ĐU ngày {d2}/{m2}/{p} của Đảng ủy xã về thực hiện Nghị quyết số 57-NQ/TW",
    "Công văn số {k3}/SKHCN-CĐS ngày {d3}/{m3}/{p} của Sở Khoa học và Công nghệ về hướng dẫn xây dựng kế hoạch "
    "chuyển đổi số năm {y}",
]
PRIOR = [  # (statement, target, result value)
    ("{v}% hồ sơ thủ tục hành chính được xử lý trực tuyến", "{v}%"),
    ("Tỷ lệ văn bản đi được ký số đạt {v}%", "{v}%"),
    ("Trên {v}% người dân trưởng thành có tài khoản định danh điện tử", "trên {v}%"),
    ("Tối thiểu {v}% cán bộ, công chức được bồi dưỡng kỹ năng số", "Tối thiểu {v}%"),
    ("{v}% thôn có Tổ công nghệ số cộng đồng hoạt động", "{v}%"),
]
PRIOR_MARKERS = [  # (how written after the statement, the gold result)
    (" (đạt).", "đạt"),
    (". Kết quả: Đạt {r}%.", "Đạt {r}%"),
    (" (vượt chỉ tiêu).", "vượt chỉ tiêu"),
    (" (chưa đạt).", "chưa đạt"),
    ("; kết quả: đạt {r}%.", "đạt {r}%"),
]


def _vn(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _indicator(rng: random.Random, area_heading: str | None, kind: str, subject: str, year: int) -> IndicatorSpec:
    if kind == "count":
        n = rng.choice([2, 3, 4, 5, 10, 20])
        written = f"{n:02d}" if rng.random() < 0.5 and n < 10 else str(n)
        template, comparator, cell = rng.choice(COUNT_PHRASES)
        unit = next(u for u in COUNT_UNITS if subject.startswith(u))
        text = template.format(n=written, S=subject)
        return IndicatorSpec(area_heading, subject, text, cell.format(n=written) + f" {unit}", float(n), unit, comparator)
    if kind == "low":
        v = rng.choice([1, 2, 3, 5])
        template, comparator, cell = rng.choice(LOW_PHRASES)
        return IndicatorSpec(area_heading, subject, template.format(S=subject, v=v), cell.format(v=v), float(v), "%",
                             comparator)
    value = rng.choice([50, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 98, 100])
    v = _vn(value)
    v2 = _vn(min(100, value + 10))
    if kind == "rate" and rng.random() < 0.2 and value >= 60:
        template, comparator = rng.choice(BASELINE_PHRASES)
        base = _vn(value - rng.choice([5, 10, 12.5, 20]))
        text = template.format(S=subject, b=base, v=v, p=year - 1)
        return IndicatorSpec(area_heading, subject, text, f"{v}%", value, "%", comparator, f"{base}%")
    if kind == "rate":
        template, comparator, cell = rng.choice(RATE_PHRASES)
        if "{v2}" in template and value >= 100:
            template, comparator, cell = RATE_PHRASES[0]
        text = template.format(S=subject, s=subject[:1].lower() + subject[1:], v=v, v2=v2)
    else:
        template, comparator, cell = rng.choice(SHARE_PHRASES)
        if "{v2}" in template and value >= 100:
            template, comparator, cell = SHARE_PHRASES[0]
        text = template.format(S=subject, v=v, v2=v2)
    baseline = None
    return IndicatorSpec(area_heading, subject, text, cell.format(v=v, v2=v2), value, "%", comparator, baseline)


def random_plan(seed: int, *, assessed: bool | None = None, indicators: int | None = None,
                tasks: int | None = None) -> PlanSpec:
    """A plausible plan of an invented commune: every field chosen by `seed`, every statement true to itself."""
    rng = random.Random(seed)
    year = rng.choice([2026, 2027])
    commune, province = rng.choice(COMMUNES), rng.choice(PROVINCES)
    area_codes = rng.sample(list(AREAS), k=rng.randint(3, len(AREAS)))
    grouped = rng.random() < 0.7
    chosen: list[IndicatorSpec] = []
    wanted = indicators or rng.randint(6, 14)
    pool = [s for s in SUBJECTS if s[0] in area_codes]
    rng.shuffle(pool)
    pool.sort(key=lambda s: area_codes.index(s[0]))
    headings: dict[str, str | None] = {}
    for area, kind, subject in pool[:wanted]:
        if area not in headings:  # indicators of one area share the heading chosen for the first of them
            headings[area] = rng.choice(AREAS[area]) if grouped else None
        chosen.append(_indicator(rng, headings[area], kind, subject, year))
    task_pool = [t for t in TASKS if t[0] in area_codes]
    rng.shuffle(task_pool)
    task_pool.sort(key=lambda t: area_codes.index(t[0]))
    task_groups = rng.random() < 0.6
    task_specs = []
    for area, name, detail, output, budget in task_pool[: tasks or rng.randint(5, 12)]:
        partners = rng.sample(PARTNERS, k=rng.choice([0, 1, 1, 2]))
        with_budget = budget is not None and rng.random() < 0.8
        task_specs.append(TaskSpec(
            group=AREAS[area][0].upper() if task_groups else None, name=name,
            detail=detail, lead=rng.choice(LEADS), partners=partners,
            timeline=rng.choice(TIMELINES).format(y=year), output=output,
            budget_million_vnd=float(budget) if with_budget else None,
            budget_source=rng.choice(SOURCES) if with_budget else None,
            overseer=rng.choice(OVERSEERS) if rng.random() < 0.3 else None,
        ))
    prior = []
    for template, target in rng.sample(PRIOR, k=rng.randint(2, 4)):
        v = rng.choice([60, 70, 80, 90])
        marker, result = rng.choice(PRIOR_MARKERS)
        r = v + rng.choice([0, 2, 5, 10]) if "chưa" not in marker else v - 5
        prior.append(PriorSpec(template.format(v=v), target.format(v=v), result.format(r=min(r, 100)),
                               marker.format(r=min(r, 100))))
    total = rng.randint(900, 4000)
    online = rng.randint(total // 2, total)
    villages = rng.randint(6, 18)
    wifi = rng.randint(2, villages)
    part1 = [p.format(p=year - 1, t=_thousands(total), o=_thousands(online), r=_ratio(online, total), w=wifi,
                      n=villages, r2=_ratio(wifi, villages)) for p in PART1_PARAGRAPHS]
    k, k2, k3 = rng.randint(10, 400), rng.randint(1, 30), rng.randint(100, 3000)
    citations = [c.format(k=k, k2=k2, k3=k3, d=rng.randint(1, 28), m=rng.randint(1, 10), d2=rng.randint(1, 28),
                          m2=rng.randint(1, 10), d3=rng.randint(1, 28), m3=rng.randint(1, 10), p=year - 1, y=year,
                          province=province) for c in CITATIONS]
    spec = PlanSpec(
        commune=commune, province=province, year=year, signer=rng.choice(SIGNERS),
        number=f"{rng.randint(12, 260)}/KH-UBND", citations=citations, prior=prior, part1_paragraphs=part1,
        general_goal=("Phát triển chính quyền số, kinh tế số, xã hội số trên địa bàn xã; nâng cao chất lượng phục vụ "
                      "người dân, doanh nghiệp; bảo đảm an toàn, an ninh mạng."),
        indicators=chosen, tasks=task_specs, task_paragraphs=rng.sample(TASK_PARAGRAPHS, k=3),
        responsibilities=rng.sample(DUTIES, k=4),
        budget_paragraph=("Kinh phí thực hiện kế hoạch được bố trí từ ngân sách xã, lồng ghép các chương trình mục "
                          "tiêu và các nguồn huy động hợp pháp khác."),
        assessed=rng.random() < 0.8 if assessed is None else assessed, seed=seed,
        goal_notes=rng.sample(GOAL_NOTES, k=rng.choice([0, 1, 2])),
    )
    return spec.as_kind(kind_of_seed(seed))


def kind_of_seed(seed: int) -> str:
    """The issuer's kind in the country's proportion (2,621 xã, 687 phường, 13 đặc khu), drawn apart from the plan's
    own draws so that a seed's plan stays the plan it was before plans had kinds."""
    kinds = list(communes.NATIONAL_COUNTS)
    return random.Random(f"kind {seed}").choices(kinds, weights=[communes.NATIONAL_COUNTS[k] for k in kinds])[0]


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _ratio(a: int, b: int) -> str:
    return _vn(round(a * 100 / b, 1))
