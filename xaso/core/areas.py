"""The fixed list of areas (lĩnh vực) a plan is organised by, and how headings map onto it.

Headings vary by commune ("CHÍNH QUYỀN SỐ", "Về chính quyền số", "Phát triển hạ tầng số"…):
the original heading is always kept beside the area it maps to.
"""

from __future__ import annotations

from .text import fold

LEADERSHIP = "leadership"
INSTITUTIONS = "institutions"
INFRASTRUCTURE = "infrastructure"
HUMAN_RESOURCES = "human_resources"
DATA = "data"
SECURITY = "security"
AWARENESS = "awareness"
GOVERNMENT = "government"
ECONOMY = "economy"
SOCIETY = "society"
OTHER = "other"

# (code, label shown to users); the three pillars first.
AREAS: list[tuple[str, str]] = [
    (GOVERNMENT, "Chính quyền số"),
    (ECONOMY, "Kinh tế số"),
    (SOCIETY, "Xã hội số"),
    (LEADERSHIP, "Lãnh đạo, chỉ đạo, kiểm tra, giám sát"),
    (INSTITUTIONS, "Thể chế số, chính sách số"),
    (INFRASTRUCTURE, "Hạ tầng số"),
    (HUMAN_RESOURCES, "Nhân lực số"),
    (DATA, "Dữ liệu số"),
    (SECURITY, "An toàn thông tin mạng"),
    (AWARENESS, "Tuyên truyền, nâng cao nhận thức số"),
    (OTHER, "Khác"),
]
LABELS = dict(AREAS)

# Keyword stems (folded) checked in order: the first that occurs decides.
_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    (GOVERNMENT, ("chinh quyen so", "chinh phu so", "chinh quyen dien tu")),
    (ECONOMY, ("kinh te so",)),
    (SOCIETY, ("xa hoi so",)),
    (LEADERSHIP, ("lanh dao", "chi dao", "kiem tra, giam sat", "giam sat", "dieu hanh")),
    (SECURITY, ("an toan thong tin", "an ninh mang", "attt", "an toan, an ninh")),
    (INSTITUTIONS, ("the che", "chinh sach", "co che")),
    (INFRASTRUCTURE, ("ha tang",)),
    (DATA, ("du lieu", "csdl", "co so du lieu")),
    (HUMAN_RESOURCES, ("nhan luc", "dao tao", "boi duong", "ky nang so", "nguon nhan")),
    (AWARENESS, ("tuyen truyen", "nhan thuc", "truyen thong")),
    (GOVERNMENT, ("dich vu cong", "hanh chinh")),
    (ECONOMY, ("thuong mai dien tu", "doanh nghiep", "kinh te")),
    (SOCIETY, ("cong dan so", "xa hoi", "giao duc", "y te")),
]
# What an indicator or a task is about, when no heading of the document says it: the words of its own text.
_SUBJECTS: list[tuple[str, tuple[str, ...]]] = [
    (SECURITY, ("ma doc", "an toan thong tin", "an ninh mang", "sao luu", "cap do an toan", "virus")),
    (INFRASTRUCTURE, ("internet", "cap quang", "song di dong", "4g", "5g", "wi-fi", "wifi", "mang lan", "mang noi bo",
                      "truyen so lieu", "camera", "may tinh", "thiet bi", "ha tang", "tram phat song", "bang thong")),
    (DATA, ("co so du lieu", "du lieu", "so hoa ho so", "lam sach", "csdl")),
    (HUMAN_RESOURCES, ("tap huan", "boi duong", "dao tao", "ky nang so", "binh dan hoc vu", "lop hoc")),
    (AWARENESS, ("tuyen truyen", "truyen thong", "nang cao nhan thuc", "truyen thanh", "ngay chuyen doi so")),
    (ECONOMY, ("thuong mai dien tu", "ocop", "hop tac xa", "ho kinh doanh", "doanh nghiep", "thanh toan khong dung tien",
               "tai khoan thanh toan", "hoa don dien tu", "san giao dich", "mua sam truc tuyen", "gian hang")),
    (SOCIETY, ("dinh danh", "vneid", "suc khoe", "hoc ba", "hoc phi", "truong hoc", "nguoi dan", "ho gia dinh",
               "dien thoai thong minh", "tai khoan giao dich", "ngan hang", "chi tra", "an sinh", "giao duc", "y te")),
    (GOVERNMENT, ("thu tuc hanh chinh", "dich vu cong", "van ban", "chu ky so", "chung thu so", "ho so cong viec",
                  "mot cua", "phan mem", "hop truc tuyen", "trang thong tin", "cong thong tin", "can bo", "cong chuc",
                  "ioffice", "dieu hanh", "hanh chinh")),
    (LEADERSHIP, ("ke hoach", "chi dao", "kiem tra", "giam sat", "ban chi dao")),
]


def classify(heading: str | None, text: str | None = None) -> str:
    """Map a heading onto an area code — the document's own heading decides; where it names none, the words of
    the item's own `text` ("Tỷ lệ hộ gia đình có Internet cáp quang" → hạ tầng số); OTHER when nothing fits."""
    folded = fold(heading)
    for code, stems in _KEYWORDS:
        if folded and any(stem in folded for stem in stems):
            return code
    words = fold(text)
    for code, stems in _SUBJECTS:
        if words and any(stem in words for stem in stems):
            return code
    return OTHER
