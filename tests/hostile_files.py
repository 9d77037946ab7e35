"""Real files of each kind a user may upload, and the hostile ones a careless or malicious user may send instead.

Every real file is made by the library a user's software would use (reportlab, python-docx, openpyxl, Pillow),
so a check that refuses them would refuse the user's files too.
"""

import functools
import io
import zipfile

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


def pdf(text: str = "Bien ban nghiem thu phan mem mot cua", password: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=password)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def docx(text: str = "Biên bản nghiệm thu phần mềm một cửa điện tử.") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Thôn", "Số hộ có tài khoản"])
    workbook.active.append(["Thôn 1", 120])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def image(kind: str = "PNG", size=(64, 48)) -> bytes:
    """A photo-like image (noise compresses as badly as a photo, so a cut lands inside the pixels)."""
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(out, kind)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("anh/hop-thon.txt", "Danh sách hộ")
    return out.getvalue()


@functools.cache
def zip_bomb() -> bytes:
    """A .docx of 200 KB whose parts inflate to 210 MB, past the 200 MB limit."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                part.write(chunk)
    return out.getvalue()


def locked_office() -> bytes:
    """What Word saves when a password is set: an OLE container holding an "EncryptedPackage" stream."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504
    return header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024


def old_doc() -> bytes:
    """A Word 97–2003 .doc: the same OLE container, no encryption."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 1024


def cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


# (file name, its bytes, the error code, whether the import page takes the extension)
HOSTILE = [
    ("chuong-trinh.docx", lambda: EXE, "not_zip", True),
    ("chuong-trinh.pdf", lambda: EXE, "bad_pdf", True),
    ("chuong-trinh.xlsx", lambda: EXE, "not_zip", True),
    ("chuong-trinh.png", lambda: EXE, "bad_image", True),
    ("chuong-trinh.jpg", lambda: EXE, "bad_image", True),
    ("nen.docx", plain_zip, "bad_docx", True),
    ("bang-tinh.docx", xlsx, "bad_docx", True),
    ("hong.docx", lambda: b"PK\x03\x04 not really a zip", "bad_zip", True),
    ("cu.docx", old_doc, "not_zip", True),
    ("cat-do.pdf", lambda: cut(pdf()), "bad_pdf", True),
    ("mat-khau.pdf", lambda: pdf(password="mat-khau"), "encrypted", True),
    ("mat-khau.docx", locked_office, "encrypted", True),
    ("rong.pdf", lambda: b"", "empty", True),
    ("ghi-chu.jpg", lambda: "Ảnh chụp biên bản họp thôn".encode(), "bad_image", True),
    ("cat-do.png", lambda: cut(image("PNG", (400, 300))), "bad_image", True),
    ("cat-do.jpg", lambda: cut(image("JPEG", (400, 300))), "bad_image", True),
    ("anh.pdf", lambda: image("PNG"), "bad_pdf", True),
    ("bom.docx", zip_bomb, "zip_bomb", True),
]
