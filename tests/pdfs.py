"""PDFs drawn line by line, so a test knows the page and line of every sentence (reportlab, a dev dependency)."""

import io
from pathlib import Path

from xaso.demo_documents import FONT_CANDIDATES


def pdf_of_pages(pages: list[list[str]]) -> bytes:
    """One PDF page per list, one text line per string, far enough apart to stay separate paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "XasoSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("XasoSans", next(p for p in FONT_CANDIDATES if Path(p).exists())))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for lines in pages:
        pdf.setFont("XasoSans", 12)
        for number, line in enumerate(lines):
            pdf.drawString(72, 780 - 40 * number, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# An arithmetic mistake on page 2, line 3; page 1's line 3 holds a correct ratio, so a finding matched by
# line number alone lands on the wrong page.
TWO_PAGES = [
    ["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026", "Căn cứ tình hình thực tế của xã.", "Đã giải quyết 6000/6190 hồ sơ, đạt 96,93%.",
     "Tổ chức thực hiện."],
    ["Phần I. Kết quả năm 2025", "Các đơn vị đã triển khai đầy đủ.", "Đã giải quyết 6129/6190 hồ sơ, đạt 99,82%.", "Hết."],
]
