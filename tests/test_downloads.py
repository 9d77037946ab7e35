"""The Content-Disposition of every download (xaso.downloads.content_disposition), read back by the standard
library's RFC 2231 parser: a Vietnamese name travels as `filename*=utf-8''…` with an ASCII `filename` before it,
an ASCII name as itself, and nothing a name holds can split the header or name a path."""

from email.message import Message
from email.utils import collapse_rfc2231_value

import pytest

from xaso.downloads import attachment, content_disposition


def _params(header: str) -> dict:
    message = Message()
    message["Content-Disposition"] = header
    params = message.get_params(header="content-disposition")
    assert params[0][0] == "attachment"
    return {key + ("*" if isinstance(value, tuple) else ""): collapse_rfc2231_value(value) for key, value in params[1:]}


@pytest.mark.parametrize("name, plain, exact", [
    ("Xếp hạng xã Tỉnh Minh Sơn Quý III-2026.xlsx", "xep-hang-xa-tinh-minh-son-quy-III-2026.xlsx",
     "Xếp hạng xã Tỉnh Minh Sơn Quý III-2026.xlsx"),
    ("Biên bản “nghiệm thu”.pdf", "bien-ban-nghiem-thu.pdf", "Biên bản “nghiệm thu”.pdf"),
    ("ranking.csv", "ranking.csv", None),
    ('a\r\nSet-Cookie: x=1;"b.pdf', "a-Set-Cookie- x=1-b.pdf", None),
    ("../../etc/passwd", "etc-passwd", None),
    ("Đơn vị\\..\\x.docx", "don-vi-x.docx", "Đơn vị-..-x.docx"),
])
def test_the_name_survives_the_header(name, plain, exact):
    header = content_disposition(name)
    assert header.isascii() and "\r" not in header and "\n" not in header
    params = _params(header)
    if exact is None:  # an ASCII name as itself (cleaned of what a file system or the header refuses)
        assert params == {"filename": plain} or params["filename*"] == plain
    else:
        assert params == {"filename": plain, "filename*": exact}


def test_a_response_keeps_the_header_ascii_and_unencoded():
    """A raw non-ASCII value would be MIME-encoded (=?utf-8?b?…?=) by Django and saved as "download"."""
    response = attachment(b"x", "Xã chưa gửi báo cáo.csv", "text/csv")
    assert "=?utf-8?" not in response["Content-Disposition"]
    assert _params(response["Content-Disposition"])["filename*"] == "Xã chưa gửi báo cáo.csv"
