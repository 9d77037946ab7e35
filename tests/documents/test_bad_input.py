"""Every file a user can get wrong: a clear Vietnamese message (DocumentError), never a traceback."""

import io
import zipfile

import pytest

from xaso import demo_documents as dd
from xaso.documents import DocumentError, Limits, read_bytes, read_path
from xaso.extract.plan import read_plan


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt="mat-khau")
    page.drawString(72, 720, "Ke hoach chuyen doi so")
    page.save()
    return out.getvalue()


def _scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for y in range(100, 700, 20):
        page.rect(72, y, 400, 8, fill=1)  # ink, but no text layer
    page.save()
    return out.getvalue()


def _not_a_plan() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Thực đơn tuần này: cơm, canh, rau.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _future_zip_version():
    """A damaged central directory claiming zip version 22.0 (found by bench/fuzz_import.py)."""
    data = bytearray(_not_a_plan())
    at = data.index(b"PK\x01\x02") + 6
    data[at:at + 2] = (220).to_bytes(2, "little")
    return bytes(data)


BAD_FILES = [
    ("empty.docx", lambda: b"", "empty"),
    ("blank.txt", lambda: b"   \n\n", "empty"),
    ("corrupt.docx", lambda: b"PK\x03\x04 this is not really a zip", "bad_zip"),
    ("bomb.docx", _zip_bomb, "zip_bomb"),
    ("future.docx", _future_zip_version, "bad_zip"),
    ("program.docx", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "not_zip"),
    ("program.xlsx", lambda: b"MZ\x90\x00" + b"\x00" * 200, "not_zip"),
    ("locked.pdf", _encrypted_pdf, "encrypted"),
    ("scan.pdf", _scanned_pdf, "no_text"),
    ("fake.pdf", lambda: b"%PDF-1.4\n garbage garbage", "bad_pdf"),
    ("notpdf.pdf", lambda: b"hello world, not a pdf", "bad_pdf"),
    ("binary.txt", lambda: bytes(range(256)) * 40, "binary"),
    ("plan.exe", lambda: b"MZ", "unsupported"),
    ("menu.docx", _not_a_plan, "not_a_plan"),
]


@pytest.mark.parametrize("name,make,code", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_gives_a_vietnamese_message(name, make, code):
    with pytest.raises(DocumentError) as caught:
        read_plan(read_bytes(make(), name, Limits(max_unzipped_bytes=10 * 1024 * 1024)))
    assert caught.value.code == code
    assert name in caught.value.message or code in ("zip_bomb",)
    assert "Traceback" not in caught.value.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "ke-hoach.pdf"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    with pytest.raises(DocumentError) as caught:
        read_path(big, Limits(max_bytes=20 * 1024 * 1024))
    assert caught.value.code == "too_large" and "50 MB" in caught.value.message


def test_the_limits_are_configurable():
    data = dd.to_docx(dd.make_plan())
    with pytest.raises(DocumentError):
        read_bytes(data, "a.docx", Limits(max_bytes=1000))
    assert read_bytes(data, "a.docx", Limits(max_bytes=len(data))).paragraphs
