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


def classify(heading: str | None) -> str:
    """Map a heading onto an area code; OTHER when nothing fits."""
    folded = fold(heading)
    if not folded:
        return OTHER
    for code, stems in _KEYWORDS:
        if any(stem in folded for stem in stems):
            return code
    return OTHER
