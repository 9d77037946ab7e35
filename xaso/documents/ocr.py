"""Scans read with Tesseract's Vietnamese model: a page image becomes the same text runs and ruling lines a text PDF
gives, so pdf.py lays it out into paragraphs and tables exactly as it lays out a text page.

The steps, each kept because it measurably helps on the scans tests/variants/scan.py makes:
- uneven light (a phone photo) is evened out by subtracting the paper's own brightness, estimated on a reduced copy
  (a scanner's white page is left as it is);
- the page is straightened: the angle whose rows of ink are sharpest (a projection profile over ±3°, in 0.25° then
  0.05° steps) — Tesseract copes with 1° of skew, but a table's ruling lines 1° off are no longer lines;
- ruling lines are found as long horizontal and vertical runs of dark pixels (an erosion, in Pillow's C code), given
  to pdfplumber's table finder as a text PDF's lines are, and erased before Tesseract reads the page (it reads a
  table's borders as "|" and "_" otherwise); a page with a table is read in Tesseract's sparse-text mode, which keeps
  narrow columns apart; a table printed without lines gets lines drawn along its columns of words (unruled_edges);
- Tesseract reads the page (`tesseract stdin stdout -l vie tsv`): each word's box and confidence. A word keeps its
  line's top and bottom (letters with and without diacritics have different tops), in points (1/72 inch), so the
  PDF reader's tolerances hold. What a text layer tells and OCR does not is measured in the image: bold type (stroke
  width), a bullet (a small mark left of the line, which Tesseract reads as "»", "5" or not at all).

Tesseract runs as a child process (Debian's `tesseract-ocr` and `tesseract-ocr-vie`), one thread (its OpenMP
threads only fight each other on a busy two-core machine: 14 s a page against 5 s), under a time limit per page.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from .errors import DocumentError

DPI = 200  # a PDF page is rendered at this resolution: Tesseract reads 10-pt text at 200 dpi as well as at 300
MAX_SIDE = 3500  # pixels on a page's longer side: a huge page (or photo) is scaled down to this
BOLD_SHARE = 0.3  # see bold_words
UNSURE_CONFIDENCE = 60  # a word read with less (Tesseract's 0-100) is marked for the officer to check
INK = 150  # a grey level darker than this is ink, when looking for ruling lines
HORIZONTAL, VERTICAL = 40, 11  # points: the shortest ruling lines (a one-line row of 9-pt type is 14 pt high)
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
LANGUAGE = "vie"
WORKERS = max(1, min(2, os.cpu_count() or 1))  # pages read at once: one Tesseract per core, two at most


@dataclass
class Word:
    text: str
    x0: float  # points from the page's left edge
    x1: float
    top: float  # the top and bottom of the word's line, in points from the page's top
    bottom: float
    confidence: float
    bold: bool = False


@dataclass
class Page:
    """What the OCR made of one page image, in points: its words and its ruling lines (pdfplumber's edges)."""

    words: list[Word] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    angle: float = 0.0  # degrees the page was turned to straighten it

    def unsure(self) -> list[str]:
        return [w.text for w in self.words if w.confidence < UNSURE_CONFIDENCE and any(c.isalnum() for c in w.text)]


# --- The engine ------------------------------------------------------------------------------------------------


def missing_engine(name: str, what: str) -> DocumentError:
    return DocumentError(
        f"Tệp “{name}” là bản quét (ảnh chụp trang giấy), cần phần mềm nhận dạng chữ Tesseract với dữ liệu tiếng Việt "
        f"để đọc, nhưng máy chủ {what}. Người quản trị hãy cài bằng lệnh: {INSTALL} — hoặc dùng tệp Word gốc, "
        "PDF xuất từ Word.", "no_ocr")


def engine(name: str) -> str:
    """The tesseract program, once it is known to read Vietnamese; else the refusal saying what to install."""
    path = shutil.which("tesseract")
    if path is None:
        raise missing_engine(name, "chưa cài Tesseract")
    try:
        listed = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env())
    except (OSError, subprocess.SubprocessError):
        raise missing_engine(name, "không chạy được Tesseract") from None
    if LANGUAGE not in listed.stdout.split():
        raise missing_engine(name, "chưa có dữ liệu tiếng Việt của Tesseract (gói tesseract-ocr-vie)")
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def recognise(image, scale: float, program: str, name: str, page: int, seconds: float) -> Page:
    """Read one page image (any Pillow mode); `scale`: pixels per point of the page."""
    from PIL import Image

    gray = image.convert("L")
    if max(gray.size) > MAX_SIDE:
        factor = MAX_SIDE / max(gray.size)
        gray = gray.resize((max(1, round(gray.width * factor)), max(1, round(gray.height * factor))),
                           Image.Resampling.LANCZOS)
        scale *= factor
    gray = even_light(gray)
    angle = skew_angle(gray)
    if angle:
        gray = gray.rotate(angle, Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    horizontal, vertical = ruling_lines(gray, scale)
    edges = _edges(horizontal, vertical, scale)
    if edges:
        gray = _erase(gray, horizontal, vertical)
    # A table's narrow columns are read across by Tesseract's page layout (psm 3: "Sản Cơ quan phẩm/K hướng"); its
    # sparse-text mode (psm 11) reads each cell's lines apart, and the words are placed by their boxes anyway.
    words = _tesseract(gray, scale, program, name, page, seconds, "11" if edges else "3")
    if edges:
        words += _empty_cells(gray, scale, edges, words, program, name, page, seconds)
    return Page(words, edges + unruled_edges(words, edges), angle)


def _empty_cells(gray, scale: float, edges: list[dict], words: list[Word], program: str, name: str, page: int,
                 seconds: float) -> list[Word]:
    """The sparse-text mode drops a lone short mark (a row's number "1", a section's "I"): the table cells left
    without a word but holding ink are cut out, stacked in one image and read again as a block (psm 6)."""
    from PIL import Image, ImageOps

    from .pdf import _find_tables

    filled = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words]
    pieces = []
    for table in _find_tables(edges):
        for row in table.rows:
            for cell in row.cells:
                if cell is None or any(cell[0] <= x < cell[2] and cell[1] <= y < cell[3] for x, y in filled):
                    continue
                box = (round(cell[0] * scale) + 4, round(cell[1] * scale) + 4, round(cell[2] * scale) - 4,
                       round(cell[3] * scale) - 4)
                if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                    continue
                inside = ImageOps.invert(gray.crop(box)).point(lambda v: 255 if v > 255 - INK else 0).getbbox()
                if inside and (inside[2] - inside[0]) * (inside[3] - inside[1]) >= 30:
                    left, top = box[0] + inside[0], box[1] + inside[1]
                    pieces.append((left, top, gray.crop((left, top, box[0] + inside[2], box[1] + inside[3]))))
    if not pieces:
        return []
    gap = 40
    stack = Image.new("L", (max(p.width for _, _, p in pieces) + 2 * gap, sum(p.height + gap for _, _, p in pieces)
                            + gap), 255)
    slots = []
    y = gap
    for left, top, piece in pieces:
        stack.paste(piece, (gap, y))
        slots.append((y, y + piece.height, left - gap, top - y))
        y += piece.height + gap
    out = []
    for word in _tesseract(stack, scale, program, name, page, seconds, "6"):
        middle = (word.top + word.bottom) / 2 * scale
        slot = next((s for s in slots if s[0] - gap / 2 <= middle < s[1] + gap / 2), None)
        if slot is None:
            continue
        dx, dy = slot[2] / scale, slot[3] / scale
        out.append(Word(word.text, word.x0 + dx, word.x1 + dx, word.top + dy, word.bottom + dy, word.confidence,
                        word.bold))
    return out


def _tesseract(gray, scale: float, program: str, name: str, page: int, seconds: float, psm: str) -> list[Word]:
    png = io.BytesIO()
    gray.save(png, "PNG", compress_level=1)
    dpi = str(max(70, round(scale * 72)))
    try:
        done = subprocess.run([program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", dpi, "--psm", psm, "tsv"],
                              input=png.getvalue(), capture_output=True, timeout=seconds, env=_env())
    except subprocess.TimeoutExpired:
        raise DocumentError(f"Trang {page} của “{name}” mất quá {seconds:g} giây để nhận dạng chữ (ảnh quá nhiễu "
                            "hoặc quá lớn); hãy quét lại trang đó rõ hơn rồi tải lại.", "ocr_timeout") from None
    except OSError:
        raise missing_engine(name, "không chạy được Tesseract") from None
    if done.returncode != 0:
        raise DocumentError(f"Không nhận dạng được chữ ở trang {page} của “{name}”; hãy quét lại trang đó rồi tải "
                            "lại.", "ocr_failed")
    return words_from_tsv(done.stdout.decode("utf-8", "replace"), scale, gray)


@dataclass
class _Box:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    bold: bool = False


def words_from_tsv(tsv: str, scale: float, gray=None) -> list[Word]:
    """Tesseract's TSV rows of level 5 (words), each with its line's top and bottom; a bullet (a dot Tesseract reads
    as "»", "°" or "5") becomes "•", the specks around it go; bold is measured on `gray` (bold_words)."""
    lines: dict[tuple[str, str, str, str], list[_Box]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        box = _Box(text, left, top, left + int(row["width"]), top + int(row["height"]), float(row["conf"]))
        lines.setdefault((row["page_num"], row["block_num"], row["par_num"], row["line_num"]), []).append(box)
    ink = gray.point(lambda v: 255 if v < INK else 0) if gray is not None else None
    words = []
    for boxes in lines.values():
        if ink is not None:
            _ink_boxes(ink, boxes)
        boxes = _bullet(boxes, ink)
        boxes = [b for b in boxes if b.text == "•" or not _speck(b)]
        if not boxes:
            continue
        _roman(boxes)
        if gray is not None:
            bold_words(gray, boxes)
        top = min(b.top for b in boxes) / scale
        bottom = max(b.bottom for b in boxes) / scale
        words.extend(Word(b.text, b.left / scale, b.right / scale, top, bottom, b.confidence, b.bold) for b in boxes)
    return words


def _ink_boxes(ink, boxes: list[_Box]) -> None:
    """Each box shrunk to the ink inside it; a box with no ink at all (Tesseract reads "._" in the blank after a
    bullet) is emptied."""
    for b in boxes:
        inside = ink.crop((b.left, b.top, b.right, b.bottom)).getbbox()
        if inside is None:
            b.text = ""
        else:
            x, y = b.left, b.top
            b.left, b.top, b.right, b.bottom = x + inside[0], y + inside[1], x + inside[2], y + inside[3]


def _bullet(boxes: list[_Box], ink=None) -> list[_Box]:
    """A line starting with a mark much smaller than its letters (a bullet's dot, a dash) starts with "•": Tesseract
    reads a round bullet as "»", "°", "..." or even "5", which would number the line, or leaves it out; then the mark is
    looked for in the ink just left of the line."""
    boxes = [b for b in boxes if b.text]
    if not boxes:
        return boxes
    heights = sorted(b.bottom - b.top for b in boxes)
    letters = heights[len(heights) // 2]
    first = boxes[0]

    def small(height: int, width: int) -> bool:
        return height <= 0.5 * letters and width <= 0.8 * letters

    if len(boxes) > 1 and len(first.text) <= 3 and not first.text.isalpha() and small(
            first.bottom - first.top, first.right - first.left):
        return [_Box("•", first.left, first.top, first.right, first.bottom, 100.0)] + boxes[1:]
    if ink is not None and letters >= 8:
        top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
        left = max(0, first.left - 3 * letters)
        mark = ink.crop((left, top, max(left, first.left - letters // 4), bottom)).getbbox()
        if mark and small(mark[3] - mark[1], mark[2] - mark[0]) and mark[3] - mark[1] >= 2:
            x0, y0, x1, y1 = left + mark[0], top + mark[1], left + mark[2], top + mark[3]
            return [_Box("•", x0, y0, x1, y1, 100.0)] + boxes
    return boxes


ROMAN_HEADING = re.compile(r"^[IHl1|]{1,4}[.)]$")


def _roman(boxes: list[_Box]) -> None:
    """A heading numbered in roman numerals, as OCR misreads it ("HI." for "III.", "Il." for "II."), when the rest
    of its line is in capitals."""
    first = boxes[0]
    if len(boxes) < 2 or not ROMAN_HEADING.match(first.text) or first.text[:-1] in ("I", "II", "III"):
        return
    letters = [c for b in boxes[1:] for c in b.text if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
        numeral = first.text[:-1].replace("H", "II").replace("l", "I").replace("1", "I").replace("|", "I")
        if numeral in ("I", "II", "III", "IIII"):
            first.text = numeral.replace("IIII", "IV") + first.text[-1]


def _speck(box: _Box) -> bool:
    """What is left of a ruling line, a stain or a bullet: no letter or digit, and read unsure or as line debris."""
    text = box.text
    if any(c.isalnum() for c in text):
        return False
    return box.confidence < 50 or (len(text) <= 3 and all(c in "|_—~'`‘’¦[]{}\\." for c in text))


def bold_words(gray, boxes: list[_Box]) -> None:
    """Bold words have strokes about twice as thick: of a word's ink (darker than halfway between its darkest pixel
    and white: a heading printed in a colour is paler), the share that survives an erosion by one pixel is 0.4-0.5 in
    bold type and 0.1-0.2 in regular type at 200 dpi, blurred or not."""
    from PIL import ImageFilter

    for b in boxes:
        word = gray.crop((b.left - 1, b.top - 1, b.right + 1, b.bottom + 1))
        darkest = word.getextrema()[0]
        if darkest > 200:
            continue
        middle = (darkest + 255) // 2
        ink = word.point(lambda v: 255 if v < middle else 0)
        area = ink.histogram()[255]
        kept = ink.filter(ImageFilter.MinFilter(3)).histogram()[255]
        b.bold = area >= 20 and kept >= BOLD_SHARE * area


# --- Clean-up --------------------------------------------------------------------------------------------------


def even_light(gray):
    """Subtract the paper's brightness (the brightest pixels around each place, on a copy reduced 8 times), so a
    photo lit from one side has white paper everywhere: Tesseract's single threshold then finds every letter."""
    from PIL import Image, ImageChops, ImageFilter

    small = gray.reduce(8) if min(gray.size) >= 64 else gray
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(4))
    lo, hi = paper.getextrema()
    if lo >= 235:  # evenly white paper (a scanner): nothing to do
        return gray
    paper = paper.resize(gray.size, Image.Resampling.BILINEAR)
    return ImageChops.invert(ImageChops.subtract(paper, gray))


def skew_angle(gray, limit: float = 3.0) -> float:
    """The turn (degrees, counter-clockwise) that makes the text lines horizontal: the angle whose row profile of ink
    has the largest variance, searched on a reduced copy in 0.25° steps, then 0.05° around the best."""
    from PIL import Image, ImageOps

    small = gray.reduce(max(1, gray.width // 800)) if gray.width > 800 else gray
    ink = ImageOps.invert(small).point(lambda v: 255 if v > 255 - INK else 0)
    if not ink.getbbox():
        return 0.0

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, Image.Resampling.NEAREST, expand=False, fillcolor=0)
        profile = list(turned.resize((1, turned.height), Image.Resampling.BOX).get_flattened_data())
        mean = sum(profile) / len(profile)
        return sum((v - mean) ** 2 for v in profile)

    steps = [i * 0.25 for i in range(-int(limit * 4), int(limit * 4) + 1)]
    best = max(steps, key=lambda a: (sharpness(a), -abs(a)))
    fine = [best + i * 0.05 for i in range(-5, 6)]
    best = max(fine, key=lambda a: (sharpness(a), -abs(a)))
    return round(best, 2) if abs(best) >= 0.1 else 0.0


# --- Ruling lines ----------------------------------------------------------------------------------------------


def ruling_lines(gray, scale: float):
    """Two masks (mode L, 255 where a line is): the page's horizontal runs of ink at least HORIZONTAL points long and
    its vertical runs at least VERTICAL points long (a one-line table row's height, taller than a body text's letters),
    small gaps (noise, a faint scan) closed first."""
    from PIL import Image

    ink = gray.point(lambda v: 255 if v < INK else 0)
    horizontal = _runs(ink, round(HORIZONTAL * scale))
    turned = ink.transpose(Image.Transpose.TRANSPOSE)
    vertical = _runs(turned, round(VERTICAL * scale)).transpose(Image.Transpose.TRANSPOSE)
    return horizontal, vertical


def _runs(ink, length: int):
    """Pixels on horizontal runs of ink of at least `length` pixels (gaps of up to 4 pixels bridged)."""
    from PIL import ImageChops

    closed = _stretch(ink, 2, ImageChops.lighter, both=True)
    closed = _stretch(closed, 2, ImageChops.darker, both=True)
    core = _stretch(closed, length, ImageChops.darker)
    return ImageChops.darker(_stretch(core, length, ImageChops.lighter, backwards=True), closed)


def _stretch(image, length: int, combine, backwards: bool = False, both: bool = False):
    """min (darker) or max (lighter) over a horizontal window of `length` pixels, by doubling: log2(length) passes.
    The window starts at each pixel (ends there when `backwards`; centred when `both`)."""
    from PIL import ImageChops

    if both:
        return combine(_stretch(image, length, combine), _stretch(image, length, combine, backwards=True))
    sign = 1 if backwards else -1
    out, width = image, 1
    while width < length:
        step = min(width, length - width)
        out = combine(out, _shift(out, sign * step))
        width += step
    return out


def _shift(image, dx: int):
    """The image moved `dx` pixels right (left when negative), the uncovered edge left black (no ink)."""
    from PIL import Image

    out = Image.new(image.mode, image.size, 0)
    out.paste(image.crop((max(0, -dx), 0, image.width - max(0, dx), image.height)), (max(0, dx), 0))
    return out


def _segments(mask, min_length: int) -> list[tuple[float, float, float]]:
    """Each horizontal line in a mask: (y, x0, x1) in pixels, from the bands of rows holding ink."""
    from PIL import Image

    rows = list(mask.resize((1, mask.height), Image.Resampling.BOX).get_flattened_data())
    out = []
    y = 0
    while y < len(rows):
        if not rows[y]:
            y += 1
            continue
        start = y
        while y < len(rows) and rows[y]:
            y += 1
        band = mask.crop((0, start, mask.width, y)).resize((mask.width, 1), Image.Resampling.BOX)
        columns = list(band.get_flattened_data())
        x = 0
        while x < len(columns):
            if not columns[x]:
                x += 1
                continue
            x0 = x
            while x < len(columns) and (columns[x] or any(columns[x:x + 4])):
                x += 1
            if x - x0 >= min_length:
                out.append(((start + y - 1) / 2, x0, x))
    return out


def _edges(horizontal, vertical, scale: float) -> list[dict]:
    """The lines as pdfplumber's edges (points, top-down), for its table finder; none when the page has no vertical
    line (no table: an underline or a separator alone)."""
    from PIL import Image

    from .pdf import _edge

    verticals = _segments(vertical.transpose(Image.Transpose.TRANSPOSE), round(VERTICAL * scale))
    if not verticals:
        return []
    out = []
    for y, x0, x1 in _segments(horizontal, round(HORIZONTAL * scale)):
        out.append(dict(_edge("line", x0 / scale, x1 / scale, y / scale, y / scale), orientation="h"))
    for x, y0, y1 in verticals:
        out.append(dict(_edge("line", x / scale, x / scale, y0 / scale, y1 / scale), orientation="v"))
    return out


def _erase(gray, horizontal, vertical):
    """The page with its ruling lines (and a pixel around them) painted white."""
    from PIL import ImageChops, ImageFilter

    lines = ImageChops.lighter(horizontal, vertical).filter(ImageFilter.MaxFilter(5))
    return ImageChops.lighter(gray, lines)


# --- Tables without lines --------------------------------------------------------------------------------------

GUTTER = 6.0  # points: the least width of a white column between a table's columns
MIN_ROWS = 3


def unruled_edges(words: list[Word], edges: list[dict]) -> list[dict]:
    """Ruling lines drawn where a table has none: runs of at least three lines, outside the ruled tables, split by
    the same two or more white columns (wider than a word space: 1.5 line heights between words) become a table,
    one row per line, so pdfplumber's finder makes its cells as it does for a ruled one. Two columns are not enough:
    a plan's heading block (the commune's name beside the national motto) is not a table."""
    from .pdf import _edge, _find_tables

    ruled = [t.bbox for t in _find_tables(edges)] if edges else []

    def free(w: Word) -> bool:
        x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in ruled)

    lines: list[list[Word]] = []
    for word in sorted((w for w in words if free(w)), key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[dict] = []
    run: list[list[Word]] = []
    gutters: list[tuple[float, float]] = []
    for line in lines + [[]]:
        line.sort(key=lambda w: w.x0)
        spaces = _spaces(line)
        joined = _common(gutters, spaces) if run else spaces
        near = run and line and line[0].top - run[-1][0].bottom < 2.5 * (line[0].bottom - line[0].top)
        if line and len(joined) >= 2 and (not run or near):
            run.append(line)
            gutters = joined
            continue
        if len(run) >= MIN_ROWS:
            out.extend(_grid(run, gutters, _edge))
        run, gutters = ([line], spaces) if len(spaces) >= 2 else ([], [])
    return out


def _spaces(line: list[Word]) -> list[tuple[float, float]]:
    """The gaps of a line wider than 1.5 of its height: where a column may end."""
    if len(line) < 2:
        return []
    height = line[0].bottom - line[0].top
    return [(a.x1, b.x0) for a, b in zip(line, line[1:]) if b.x0 - a.x1 >= max(1.5 * height, GUTTER)]


def _common(gutters: list[tuple[float, float]], spaces: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The white columns both lists leave, at least GUTTER wide. A line has no word inside any of its own gaps, so
    two gaps overlap where neither line has a word."""
    out = []
    for a0, a1 in gutters:
        for b0, b1 in spaces:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= GUTTER:
                out.append((lo, hi))
    return out


def _grid(run: list[list[Word]], gutters: list[tuple[float, float]], edge) -> list[dict]:
    left = min(w.x0 for line in run for w in line) - 2
    right = max(w.x1 for line in run for w in line) + 2
    top, bottom = run[0][0].top - 2, run[-1][0].bottom + 2
    xs = [left] + [(a + b) / 2 for a, b in gutters] + [right]
    ys = [top] + [(a[0].bottom + b[0].top) / 2 for a, b in zip(run, run[1:])] + [bottom]
    return ([dict(edge("line", left, right, y, y), orientation="h") for y in ys]
            + [dict(edge("line", x, x, top, bottom), orientation="v") for x in xs])
