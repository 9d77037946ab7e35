import pytest

from xaso.checks import check_document
from xaso.documents import read_bytes

PLAN_HEAD = "KẾ HOẠCH\nChuyển đổi số xã Phúc Điền năm 2027\n\n"


@pytest.fixture
def findings_of():
    """The findings of one rule family on a small plan written as text."""
    def run(body: str, kind: str, head: str = PLAN_HEAD):
        doc = read_bytes((head + body).encode(), "van-ban.md")
        return [f for f in check_document(doc) if f.kind == kind]
    return run
