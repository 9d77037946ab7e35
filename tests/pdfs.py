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


def page_bomb(pages: int) -> bytes:
    """A small PDF that declares `pages` empty pages, each its own object: what a reader that builds every page before
    counting them chokes on (issue 13: 100,000 pages cost 14 s and 350 MB)."""
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


# --- A family of PDFs in the shapes communes' plans take, for comparing PDF readers ------------------------------

_WORDS = ("chuyển đổi số xã phường thôn bản hồ sơ trực tuyến dịch vụ công nền tảng dữ liệu dùng chung chữ ký số "
          "cán bộ công chức người dân doanh nghiệp hạ tầng Internet cáp quang camera an ninh tỷ lệ đạt hoàn thành "
          "thanh toán không dùng tiền mặt tổ công nghệ số cộng đồng tập huấn kỹ năng văn bản điện tử").split()


def _sentence(rng, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return (text[:1].upper() + text[1:] + rng.choice([".", ".", ";", ":", ""])) if text else ""


def _font(name: str, path: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


def varied_pdf(seed: int) -> bytes:
    """One plan-like PDF drawn from `seed`: headings (bold or not), wrapped paragraphs with bold words inside lines,
    bullets, tables with full rules, with only some rules (a box, lines under rows, shaded rows) or none, merged
    cells, long tables broken across pages with the header repeated, one or two columns, portrait or landscape, a
    running header drawn as a reusable form, page numbers, TrueType and built-in fonts."""
    import html
    import random

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

    rng = random.Random(seed)
    regular = _font("XasoFamily", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    bold = _font("XasoFamily-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
    size = rng.choice([10, 11, 12, 13])
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.25, spaceAfter=rng.choice([0, 4]),
                          alignment=rng.choice([0, 4]))
    heading = ParagraphStyle("heading", parent=body, fontName=bold if rng.random() < 0.8 else regular)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=rng.choice([7, 8, 9]), leading=10)
    latin = ParagraphStyle("latin", fontName="Helvetica", fontSize=size, leading=size * 1.3)
    pagesize = landscape(A4) if rng.random() < 0.3 else A4
    columns = 2 if rng.random() < 0.3 else 1
    story = []
    for part in range(1, rng.randint(2, 4) + 1):
        story.append(Paragraph(f"Phần {['I', 'II', 'III', 'IV'][part - 1]}. {_sentence(rng, 5).upper()}", heading))
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(["para", "para", "bullet", "bold-words", "latin"])
            text = html.escape(_sentence(rng, rng.randint(6, 60)))
            if kind == "bullet":
                text = rng.choice(["- ", "• ", "+ "]) + text
            elif kind == "bold-words":
                words = text.split()
                at = rng.randrange(len(words))
                words[at] = f"<font name='{bold}'>{words[at]}</font>"
                text = " ".join(words)
            elif kind == "latin":
                number, day, month = rng.randint(1, 999), rng.randint(1, 28), rng.randint(1, 12)
                story.append(Paragraph(f"Ke hoach so {number}/KH-UBND ngay {day}/{month}/2025", latin))
                continue
            story.append(Paragraph(text, body))
        if rng.random() < 0.85:
            story.append(Spacer(1, rng.choice([4, 12])))
            # a half-page column holds a narrow table: wider ones overflow their cells, text drawn over text
            story.append(_table(rng, 4 if columns == 2 else 7, cell, colors, Paragraph, Table, TableStyle))
            story.append(Spacer(1, rng.choice([4, 12])))
    width, height = pagesize
    frame_width = (width - 144 - 18 * (columns - 1)) / columns
    frames = [Frame(72 + i * (frame_width + 18), 72, frame_width, height - 144, id=f"c{i}") for i in range(columns)]
    header = rng.random() < 0.5

    def decorate(canvas, doc):
        canvas.saveState()
        if header:
            if not canvas.hasForm("header"):
                canvas.beginForm("header")
                canvas.setFont(regular, 9)
                canvas.drawString(72, height - 50, "UBND XÃ TÂN THÀNH - KẾ HOẠCH CHUYỂN ĐỔI SỐ")
                canvas.line(72, height - 54, width - 72, height - 54)
                canvas.endForm()
            canvas.doForm("header")
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(width / 2, 40, str(doc.page))
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=pagesize)
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=decorate)])
    doc.build(story)
    return out.getvalue()


def _table(rng, most: int, cell, colors, Paragraph, Table, TableStyle):
    import html

    width = rng.randint(3, most)
    rows = [["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian", "Kết quả", "Kinh phí", "Ghi chú"][:width]]
    for number in range(1, rng.choice([3, 6, 12, 40]) + 1):
        row = [str(number)] + [_sentence(rng, rng.randint(0, 12)) for _ in range(width - 1)]
        if width > 5 and rng.random() < 0.3:
            row[5] = f"{rng.randint(1, 900)},{rng.randint(0, 9)}"
        rows.append(row)
    data = [[Paragraph(html.escape(value), cell) for value in row] for row in rows]
    table = Table(data, repeatRows=1 if rng.random() < 0.7 else 0)
    rules = rng.choice(["grid", "grid", "grid", "box", "under", "shaded", "none", "inner"])
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), rng.choice([0.25, 0.5, 1]), colors.black))
    elif rules == "box":
        style.append(("BOX", (0, 0), (-1, -1), 0.5, colors.black))
    elif rules == "under":
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
    elif rules == "shaded":
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.whitesmoke, colors.lightgrey]))
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif rules == "inner":
        style.append(("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black))
    if rules != "none" and len(rows) > 3 and rng.random() < 0.5:  # a group row spanning the task columns
        at = rng.randrange(1, len(rows))
        style.append(("SPAN", (1, at), (-1, at)))
    if rng.random() < 0.3 and len(rows) > 4:  # a cell merged down two rows
        style.append(("SPAN", (0, 2), (0, 3)))
    table.setStyle(TableStyle(style))
    return table


def crowded_line(runs: int) -> bytes:
    """One page whose single line is `runs` one-letter text objects a point apart: a 1 KB file (issue 13's attack
    on the check page) that made the reader compare every run with every other one."""
    import zlib

    content = zlib.compress(b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * runs + b"ET", 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
