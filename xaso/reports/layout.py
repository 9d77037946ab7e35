"""The page of an official document (Nghị định 30/2020/NĐ-CP): A4; margins top and bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman (LibreOffice shows the metric-compatible Liberation Serif where it is absent),
body 14 pt; the two-column header, the place-and-date line, "Nơi nhận", the signature block, and data tables
whose header row repeats on each page and whose columns are as wide as their content needs."""

from __future__ import annotations

import functools
import math

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
PAGE_WIDTH_MM, LEFT_MM, RIGHT_MM = 210, 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM  # 165 mm between the margins
TABLE_PT = 12
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635
# A column is never wider than MAX_SHARE of the line, nor narrower than its longest word or than two lines for
# nine cells in ten of it (up to TWO_LINES_SHARE of the line); the rest is shared by the cells' mean length.
MAX_SHARE, TWO_LINES_SHARE = 0.55, 0.2
CELL_PADDING_MM = 4.6  # "Table Grid" pads 0.08 in (2 mm) left and right; a little more for the estimate's error


def setup_page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15


def paragraph(container, text="", *, bold=False, italic=False, size=None, align=None, indent=True):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = FONT
        if size:
            run.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align is None:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(3)
    return p


def _cell_paragraph(cell, text, *, bold=False, italic=False, size=13, first=False):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return p


def header(document, *, number_tag: str, kind: str):
    """ỦY BAN NHÂN DÂN / XÃ … (PHƯỜNG …, ĐẶC KHU …) / Số: … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    table.columns[0].width, table.columns[1].width = Mm(62), Mm(103)
    left.width, right.width = Mm(62), Mm(103)
    _cell_paragraph(left, "ỦY BAN NHÂN DÂN", size=13, first=True)
    _cell_paragraph(left, "{{ commune_title_upper }}", bold=True, size=13)
    _cell_paragraph(left, "———", size=10)
    _cell_paragraph(left, "Số: {{ number }}/" + kind + "-UBND", size=13)
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, first=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _cell_paragraph(right, "———————", size=10)
    _cell_paragraph(right, "{{ commune }}, ngày {{ day }} tháng {{ month }} năm {{ year_issued }}", italic=True, size=13)


def closing(document):
    """Nơi nhận on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    run = p.add_run("Nơi nhận:")
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    for line in ("{%p for r in recipients %}", "- {{ r }};", "{%p endfor %}", "- Lưu: VT, VHXH."):
        q = left.add_paragraph()
        q.paragraph_format.space_after = Pt(0)
        q.add_run(line).font.size = Pt(11)
    _cell_paragraph(right, "{{ sign_mode }}", bold=True, size=14, first=True)
    _cell_paragraph(right, "{{ sign_title }}", bold=True, size=14)
    for _ in range(3):
        _cell_paragraph(right, "", size=14)
    _cell_paragraph(right, "{{ signer }}", bold=True, size=14)


def table(document, columns: list[tuple[str, str, int]], loop: str, *, size=TABLE_PT):
    """A data table whose body repeats one row per item (docxtpl's {%tr %}): (heading, cell expression, width mm).

    The widths are a first guess for whoever edits the template in Word; fit_columns sets the real ones from
    the content when the document is filled. The header row repeats on every page (w:tblHeader)."""
    t = document.add_table(rows=4, cols=len(columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (heading, expression, _) in enumerate(columns):
        for r, text in enumerate((heading, f"{{%tr for {loop} %}}" if i == 0 else "", expression, "{%tr endfor %}" if i == 0 else "")):
            run = t.rows[r].cells[i].paragraphs[0].add_run(text)
            run.font.size = Pt(size)
            run.bold = r == 0
    _row_flag(t.rows[0]._tr, "w:tblHeader")
    _row_flag(t.rows[2]._tr, "w:cantSplit")
    total = sum(width for _, _, width in columns)
    _set_widths(t._tbl, [round(width * TEXT_WIDTH_MM / total * TWIPS_PER_MM) for _, _, width in columns])
    return t


def is_data_table(tbl) -> bool:
    """A table whose first row is marked to repeat as a header: a list of items, not the page's layout grid."""
    first = tbl.tr_lst[0] if tbl.tr_lst else None
    return first is not None and first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None


def text_width_twips(section) -> int:
    return round((section.page_width - section.left_margin - section.right_margin) / EMU_PER_TWIP)


def fit_columns(tbl, width_twips: int, size_pt: float = TABLE_PT) -> list[int]:
    """Give each column a width from its content, the widths summing to the text width: in proportion to the
    mean length of its cells (a task's name wide, a status narrow), at least its longest word and two lines for
    most of its cells, at most MAX_SHARE of the line. Rows that fit on half a page are kept whole.
    Returns the widths in twips."""
    rows = [[_cell_text(tc) for tc in tr.tc_lst] for tr in tbl.tr_lst]
    columns = len(tbl.tblGrid.gridCol_lst)
    if not rows or any(len(row) != columns for row in rows):
        return [col.w.twips for col in tbl.tblGrid.gridCol_lst]  # merged cells: the template's own widths stand
    padding = CELL_PADDING_MM * TWIPS_PER_MM
    em = size_pt * 20
    measured = [[_Measure(text) for text in row] for row in rows]
    body = measured[1:] or measured
    weights, minimums = [], []
    for i in range(columns):
        cells = [row[i] for row in body]
        weights.append(max(1.0, sum(cell.chars for cell in cells) / len(cells)))
        two_lines = sorted(cell.two_lines for cell in cells if cell.chars) or [0.0]
        typical = two_lines[math.ceil(0.9 * len(two_lines)) - 1]
        longest_word = max(max(row[i].longest_word for row in measured), _Measure("M").longest_word)
        minimums.append(max(longest_word, min(typical, TWO_LINES_SHARE * width_twips / em)) * em + padding)
    widths = _share(width_twips, weights, minimums, MAX_SHARE * width_twips)
    _set_widths(tbl, widths)
    line = size_pt * 1.15 * 20
    for tr, cells in zip(tbl.tr_lst[1:], measured[1:]):
        lines = max(math.ceil(cell.one_line * em / max(1.0, w - padding)) or 1 for cell, w in zip(cells, widths))
        if lines * line < 120 * TWIPS_PER_MM:
            _row_flag(tr, "w:cantSplit")
    return widths


@functools.lru_cache(maxsize=4096)
def _word_ems(word: str) -> float:
    """About how wide a word is set in Times New Roman, in em (bold headers a little wider, which the padding
    covers): capitals 0.7, digits 0.5, other letters 0.47, punctuation 0.3."""
    return sum(0.7 if ch.isupper() else 0.5 if ch.isdigit() else 0.47 if ch.isalpha() else 0.3 for ch in word)


class _Measure:
    """A cell's text measured once, in em: on one line, on two lines broken between words, its longest word."""

    SPACE = 0.3
    __slots__ = ("chars", "one_line", "two_lines", "longest_word")

    def __init__(self, text: str):
        words = [_word_ems(word) for word in text.split()]
        self.chars = len(text)
        self.one_line = sum(words) + self.SPACE * max(0, len(words) - 1)
        self.longest_word = max(words, default=0.0)
        self.two_lines, head = self.one_line, 0.0
        for k, width in enumerate(words[:-1], start=1):
            head += width + (self.SPACE if k > 1 else 0.0)
            self.two_lines = min(self.two_lines, max(head, self.one_line - head - self.SPACE))


def _share(total: int, weights: list[float], minimums: list[float], maximum: float) -> list[int]:
    """Split `total` in proportion to `weights`, each part clamped to [its minimum, maximum], summing to `total`."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        left = total - sum(fixed.values())
        if not free:
            break
        share = {i: left * weights[i] / sum(weights[j] for j in free) for i in free}
        low = [i for i in free if share[i] < minimums[i]]
        high = [i for i in free if share[i] > max(maximum, minimums[i])]
        if not low and not high:
            fixed.update(share)
            break
        for i in low:
            fixed[i] = minimums[i]
        for i in high:
            fixed[i] = max(maximum, minimums[i])
    if sum(fixed.values()) > total:  # the longest words alone overflow the line: shrink everything alike
        scale = total / sum(fixed.values())
        fixed = {i: w * scale for i, w in fixed.items()}
    widths = [math.floor(fixed[i]) for i in range(len(weights))]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _cell_text(tc) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()


def _set_widths(tbl, widths: list[int]) -> None:
    """Fixed layout, grid columns and every cell set alike, so Word and LibreOffice draw the same table."""
    tblPr = tbl.tblPr
    for tag, attrs in (("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}), ("w:tblLayout", {"w:type": "fixed"})):
        element = tblPr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            tblPr.append(element)
        for key, value in attrs.items():
            element.set(qn(key), value)
    _order_tblPr(tblPr)
    for col, width in zip(tbl.tblGrid.gridCol_lst, widths):
        col.w = width * EMU_PER_TWIP
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths):
            tc.width = width * EMU_PER_TWIP


_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
                "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription"]


def _order_tblPr(tblPr) -> None:
    """Keep w:tblPr's children in the schema's order (Word refuses a file otherwise)."""
    children = sorted(tblPr, key=lambda e: _TBLPR_ORDER.index(e.tag.split("}")[1]) if e.tag.split("}")[1] in _TBLPR_ORDER else 99)
    for child in children:
        tblPr.append(child)


def _row_flag(tr, tag: str) -> None:
    """w:tblHeader (repeat on each page) or w:cantSplit (keep the row on one page); trPr's children take any order."""
    trPr = tr.get_or_add_trPr()
    if trPr.find(qn(tag)) is None:
        trPr.append(OxmlElement(tag))
