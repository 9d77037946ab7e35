"""A finding: one mistake, where it is, and the proof, in Vietnamese."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "lỗi"
WARNING = "cảnh báo"

KINDS = {
    "arithmetic": "Sai số học",
    "inconsistent_reference": "Trích dẫn văn bản không thống nhất",
    "wrong_year": "Sai năm",
    "wrong_name": "Sai tên xã",
    "numbering": "Đánh số mục sai",
    "missing_field": "Thiếu thông tin “6 rõ”",
    "target": "Chỉ tiêu bất hợp lý",
    "contradiction": "Nội dung mâu thuẫn, lặp lại",
}


@dataclass
class Finding:
    kind: str
    severity: str
    quote: str
    line: int | None
    explanation: str
    where: str = ""
    page: int | None = None  # with `line`, the paragraph it points to: a PDF's lines restart on each page

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("where")
        data.pop("page")
        return data
