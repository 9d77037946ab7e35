"""PDF with a text layer, read with pdfium (pypdfium2): text lines in reading order, and tables where the PDF has
ruling lines.

pdfium walks a page's content once, in C; this module reads what it built one text run (one text-showing operator)
and one path at a time, never one character at a time, which keeps a 300-page plan to a second or two. The layout
rules are pdfplumber's, the reader this module replaced, so a plan reads exactly as it did: a line is the runs whose
tops lie within 3 points of each other, words a gap of more than 3 points apart are separated by a space, a table is
what pdfplumber's table finder makes of the page's ruling lines, a character belongs to the cell holding its middle.
The page count is checked before any page is read, the extracted text as it grows.
"""

from __future__ import annotations

import bisect
import collections
import ctypes
import math
import re

from .errors import DocumentError
from .model import Document, Paragraph, Table
from .wrap import join_wrapped, split_bullet

TOLERANCE = 3.0  # points: pdfplumber's x/y tolerance for lines and words, and its snap/join/intersection tolerance
MAX_TEXT_CHARS = 5_000_000  # characters of text in one PDF (a 500-page plan holds about 1.5 million)


def _refused(name: str, exc: Exception | None = None, page: int | None = None) -> DocumentError:
    """pdfium (and pdfminer, which checks evidence uploads in uploads.py) report broken and locked files with few
    error types: one Vietnamese message for each case."""
    if exc is not None and (exc.__class__.__name__ == "PDFPasswordIncorrect" or "password" in repr(exc).lower()):
        return DocumentError(f"Tệp PDF “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại.", "encrypted")
    where = f" ở trang {page}" if page else ""
    return DocumentError(f"Tệp “{name}” bị hỏng{where}, không đọc được như tệp PDF.", "bad_pdf")


def read_pdf(data: bytes, name: str, limits, progress=None) -> Document:
    """`progress(done, total)` after each page: a scan's pages take seconds each."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(f"Tệp “{name}” không phải tệp PDF hợp lệ.", "bad_pdf")
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise _refused(name, exc) from None
    try:
        total = len(pdf)
        if total > limits.max_pdf_pages:
            raise DocumentError(f"Tệp PDF “{name}” có {total} trang, vượt giới hạn {limits.max_pdf_pages} trang.",
                                "too_many_pages")
        doc = Document(name=name, format="pdf")
        lines: list[Paragraph] = []
        reader = _PageReader(data)
        scans = Scans(name, limits)
        # Pages in reading order; a scanned page's OCR runs beside the next ones' (ocr.WORKERS at a time), and
        # pages are laid out, and reported, in order as their reading ends.
        pending: collections.deque = collections.deque()

        def place(force: bool):
            while pending and (force or pending[0][3] is None or len(pending) > scans.workers):
                number, runs, edges, ocr_page = pending.popleft()
                if ocr_page is not None:
                    try:
                        runs, edges = scans.take(ocr_page.result())
                    except DocumentError:
                        raise
                    except Exception as exc:
                        raise _refused(name, exc, number) from None
                place_page(runs, edges, number, doc, lines)
                if progress:
                    progress(number, total)

        try:
            for number in range(1, total + 1):
                try:
                    pending.append(_read_page(pdf, number, reader, scans))
                except DocumentError:
                    raise
                except Exception as exc:
                    raise _refused(name, exc, number) from None
                if reader.chars > MAX_TEXT_CHARS:
                    limit = f"{MAX_TEXT_CHARS:,}".replace(",", ".")
                    raise DocumentError(f"Tệp PDF “{name}” có quá nhiều chữ (hơn {limit} ký tự) để đọc như một kế "
                                        "hoạch.", "too_much_text")
                place(force=False)
            place(force=True)
        finally:
            scans.close()
        _flush(lines, doc)
    finally:
        pdf.close()
    doc.unsure = scans.unsure
    if sum(len(p.text) for p in doc.paragraphs) + sum(len(" ".join(r)) for t in doc.tables for r in t.rows) < 40:
        if scans.pages:
            raise DocumentError(f"Tệp PDF “{name}” là bản quét nhưng không nhận dạng được chữ nào: ảnh quá mờ, quá "
                                "nhỏ hoặc không phải văn bản. Hãy quét lại rõ hơn (200 dpi trở lên), hoặc dùng tệp "
                                "Word gốc.", "no_text")
        raise DocumentError(f"Tệp PDF “{name}” không có chữ nào để đọc (các trang trống). Hãy dùng tệp Word gốc, hoặc "
                            "PDF xuất từ Word.", "no_text")
    return doc


class Scans:
    """The pages of one document read by OCR (ocr.py): the engine, found at the first scanned page (a text PDF
    reads without it), the pages being read, the characters recognised against the limit, the words it was unsure
    of."""

    def __init__(self, name: str, limits):
        from . import ocr
        from .limits import Tally

        self.name, self.limits = name, limits
        self.tally = Tally(name, limits)
        self.program: str | None = None
        self.pages = 0
        self.unsure: list[str] = []
        self.workers = ocr.WORKERS
        self.pool = None

    def start(self, image, scale: float, number: int):
        """One page image's OCR started beside the others: a future of its ocr.Page."""
        from concurrent.futures import ThreadPoolExecutor

        from . import ocr

        if self.program is None:
            self.program = ocr.engine(self.name)
        if self.pool is None:
            self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="ocr")
        return self.pool.submit(ocr.recognise, image, scale, self.program, self.name, number,
                                self.limits.max_ocr_seconds)

    def take(self, page) -> tuple[list[_Run], list[dict]]:
        """A page read: its words as the text runs of a text page, and its ruling lines."""
        self.pages += 1
        self.tally.chars(sum(len(w.text) + 1 for w in page.words))
        seen = set(self.unsure)
        self.unsure.extend(w for w in page.unsure() if not (w in seen or seen.add(w)))
        # A word's text ends in a space: runs closer than 3 points are joined without one in a text PDF, words are
        # always apart.
        runs = [_Run(w.text + " ", w.x0, w.x1, w.top, w.bottom, w.bold) for w in page.words]
        return runs, page.edges

    def read(self, image, scale: float, number: int) -> tuple[list[_Run], list[dict]]:
        """One page image read now, in this thread (a photo: one page)."""
        from . import ocr

        if self.program is None:
            self.program = ocr.engine(self.name)
        return self.take(ocr.recognise(image, scale, self.program, self.name, number, self.limits.max_ocr_seconds))

    def close(self):
        """Pages not started are dropped (a refusal came first); a page being read ends at its time limit."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _flush(lines: list[Paragraph], doc: Document):
    if lines:
        doc.blocks.extend(join_wrapped(lines, wrapped=True))
        lines.clear()


def _read_page(pdf, number: int, reader: _PageReader, scans: Scans):
    """One page's text runs and ruling lines, or the OCR of it started: (number, runs, edges, future or None). A
    page without a letter of text that draws something (an image, paths) with ink is a scan; an empty page is not
    even rendered."""
    page = pdf[number - 1]
    try:
        text_page = page.get_textpage()
        try:
            runs, edges = reader.read(page, text_page)
        finally:
            text_page.close()
        if not any(r.letters for r in runs) and reader.raw.FPDFPage_CountObjects(page.raw) > 0:
            image, scale = _render(page)
            if image is not None:
                return number, [], [], scans.start(image, scale, number)
    finally:
        page.close()
    return number, runs, edges, None


def _render(page):
    """The page as a grey image at ocr.DPI (less for a huge page), with its pixels per point; None for a page
    without ink (a blank page of a text PDF is no scan)."""
    from . import ocr

    width, height = page.get_size()
    scale = ocr.DPI / 72
    if max(width, height) * scale > ocr.MAX_SIDE:
        scale = ocr.MAX_SIDE / max(width, height, 1)
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    darkest, _ = image.getextrema()
    return (image, scale) if darkest < 128 else (None, scale)


def place_page(runs: list[_Run], edges: list[dict], number: int, doc: Document, lines: list[Paragraph]):
    """A page's runs and ruling lines as paragraphs (into `lines`, joined when a table or the end comes) and tables
    (into `doc`), in reading order."""
    tables = _find_tables(edges) if edges else []
    boxes = [t.bbox for t in tables]

    def outside(run: _Run) -> bool:
        x, y = (run.x0 + run.x1) / 2, (run.top + run.bottom) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items = []
    for line_no, (top, line_runs) in enumerate(_lines(r for r in runs if outside(r)) if boxes else _lines(runs), 1):
        text, bullet = split_bullet(_join(line_runs).strip())
        letters = sum(r.letters for r in line_runs)
        bold = letters > 0 and sum(r.letters for r in line_runs if r.bold) > letters / 2
        items.append((top, Paragraph(text, line_no, bold=bold, bullet=bullet, page=number)))
    for table in tables:
        rows = [[(cell or "").strip() for cell in row] for row in _cell_texts(table, runs)]
        if rows:
            items.append((table.bbox[1], Table(rows=rows, line=0, page=number)))
    items.sort(key=lambda item: item[0])
    for _, block in items:
        if isinstance(block, Table):
            _flush(lines, doc)
            doc.blocks.append(block)
        elif block.text:
            lines.append(block)


def _end_order(entry: tuple[float, int, "_Run"]) -> tuple[float, int]:
    return entry[0], entry[1]


# --- What a page holds: text runs and ruling lines, in pdfplumber's coordinates (top-down) -----------------------


class _Run:
    """One text-showing operator's text and box; `letters` counts its non-space characters (bold is by majority)."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "bold", "letters", "obj", "base", "size")

    def __init__(self, text, x0, x1, top, bottom, bold, obj=None, base=0.0, size=0.0):
        self.text, self.x0, self.x1, self.top, self.bottom, self.bold = text, x0, x1, top, bottom, bold
        self.letters = len("".join(text.split()))
        self.obj, self.base, self.size = obj, base, size  # pdfium's object, baseline (PDF space) and font size


class _PageReader:
    """Walks a page's objects through pdfium's C interface: buffers and each font's boldness are kept between pages."""

    def __init__(self, data: bytes = b""):
        import pypdfium2.raw as raw

        self.raw = raw
        self._grow(1 << 14)
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.matrix = raw.FS_MATRIX()
        self.size = ctypes.c_float()
        self.fonts: dict[int, tuple[bool, float]] = {}  # font handle: bold, descent per unit of size
        self.descents = _declared_descents(data)
        self.chars = 0  # characters read so far, all pages together

    def read(self, page, text_page) -> tuple[list[_Run], list[dict]]:
        raw = self.raw
        height = page.get_mediabox()[3]
        runs: list[_Run] = []
        edges: list[dict] = []
        handle = page.raw
        stack = [(raw.FPDFPage_GetObject(handle, i), None) for i in range(raw.FPDFPage_CountObjects(handle))]
        stack.reverse()
        while stack:
            obj, outer = stack.pop()
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                run = self._run(obj, outer, text_page.raw, height)
                if run is not None:
                    runs.append(run)
                    self.chars += len(run.text)
                    if self.chars > MAX_TEXT_CHARS:  # the caller refuses the file: no need to read on
                        return [], []
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                edges.extend(self._edges(obj, outer, height))
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _compose(self._matrix(obj), outer)
                count = raw.FPDFFormObj_CountObjects(obj)
                stack.extend((raw.FPDFFormObj_GetObject(obj, i), inner) for i in reversed(range(count)))
        if _touching_after_space(runs):
            self._drop_generated_spaces(runs, text_page.raw, height)
        for run in _touching(runs):
            self._exact_end(run, text_page.raw)
        return runs, edges

    def _exact_end(self, run: _Run, text_page):
        """Where a run's last character's advance ends (pdfplumber's x1), for a run another one follows closely:
        pdfium's box of a text object is its glyphs' ink, and at times much wider (reportlab's table cells)."""
        raw = self.raw
        if run.obj is None or not run.text:
            return
        size = max(run.size, 1.0)
        first = raw.FPDFText_GetCharIndexAtPos(text_page, run.x0 + 0.05 * size, run.base + 0.3 * size,
                                               0.1 * size, 0.3 * size)
        if first < 0:
            return
        key = ctypes.cast(run.obj, ctypes.c_void_p).value

        def same(index: int) -> bool:
            return ctypes.cast(raw.FPDFText_GetTextObject(text_page, index), ctypes.c_void_p).value == key

        last = first + len(run.text.rstrip()) - 1
        if not (same(first) and same(last)):
            return
        box = raw.FS_RECTF()
        if raw.FPDFText_GetLooseCharBox(text_page, last, box):
            run.x1 = box.right

    def _drop_generated_spaces(self, runs: list[_Run], text_page, height: float):
        """pdfium adds a space after a run that ends short of the next one on its line, though the PDF draws none;
        pdfplumber puts a space there only when the gap is over 3 points. Such a space is taken off its run, whose
        right end becomes the point where its last character's advance ends, where pdfium placed the space."""
        raw = self.raw
        count = raw.FPDFText_CountChars(text_page)
        if count <= 0:
            return
        units = ctypes.create_string_buffer(2 * (count + 1))
        raw.FPDFText_GetText(text_page, 0, count, ctypes.cast(units, ctypes.POINTER(ctypes.c_ushort)))
        text = ctypes.string_at(units, 2 * count).decode("utf-16-le", "surrogatepass")
        if len(text) != count:  # characters outside the BMP take two units: index the units themselves
            text = "".join(chr(u) for u in memoryview(units).cast("B").cast("H")[:count])
        spaces = []
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for match in SPACE.finditer(text):
            index = match.start()
            if raw.FPDFText_IsGenerated(text_page, index) == 1:
                raw.FPDFText_GetCharBox(text_page, index, left, right, bottom, top)
                spaces.append((left.value, bottom.value))
        if not spaces:
            return
        # For each space: of the runs still ending in a space on its baseline (within half a point) and ending at
        # most half a point past it, the one ending furthest right, the earliest of equals. The runs are kept by
        # baseline in bands of a quarter point, each sorted by right end, so a space looks just left of it in five
        # bands instead of at every run of the page (thousands of runs on a line, or one form drawn thousands of
        # times, took minutes).
        bands: dict[int, list[tuple[float, int, _Run]]] = {}
        for order, run in enumerate(runs):
            if run.text.endswith(" "):
                bands.setdefault(math.floor(run.base * 4), []).append((run.x1, -order, run))
        for band in bands.values():
            band.sort(key=_end_order)
        for x, base in spaces:  # a generated space sits on the baseline, where the advance ends
            best = None
            for key in range(math.floor(base * 4) - 2, math.floor(base * 4) + 3):
                band = bands.get(key, ())
                i = bisect.bisect_right(band, (x + 0.5, math.inf), key=_end_order) - 1
                while i >= 0 and not abs(band[i][2].base - base) < 0.5:
                    i -= 1
                if i >= 0 and (best is None or _end_order(band[i]) > _end_order(best[0][i])):
                    best = (band, i)
            if best is not None:
                band, i = best
                run = band.pop(i)[2]
                run.text = run.text[:-1]
                run.x1 = x

    def _grow(self, size: int):
        self.buffer = ctypes.create_string_buffer(size)
        self.wide = ctypes.cast(self.buffer, ctypes.POINTER(self.raw.FPDF_WCHAR))

    def _matrix(self, obj) -> tuple[float, ...]:
        m = self.matrix
        self.raw.FPDFPageObj_GetMatrix(obj, m)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _run(self, obj, outer, text_page, height) -> _Run | None:
        raw = self.raw
        wanted = raw.FPDFTextObj_GetText(obj, text_page, self.wide, len(self.buffer))
        if wanted > len(self.buffer):
            self._grow(wanted)
            raw.FPDFTextObj_GetText(obj, text_page, self.wide, wanted)
        # pdfium marks a hyphen that ends a line with U+0002; pdfplumber reads the hyphen the PDF draws.
        text = ctypes.string_at(self.buffer, max(wanted - 2, 0)).decode("utf-16-le", "replace").replace("\x02", "-")
        if not text:
            return None
        a, b, c, d, e, f = _compose(self._matrix(obj), outer)
        raw.FPDFTextObj_GetFontSize(obj, self.size)
        size = self.size.value * math.hypot(c, d)  # the glyphs' height on the page
        left, bottom, right, top = self.floats
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        x0, x1 = left.value, right.value
        if outer is not None:
            x0, _, x1, _ = _box(outer, x0, bottom.value, x1, top.value)
        font = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        known = self.fonts.get(key)
        if known is None:
            length = raw.FPDFFont_GetBaseFontName(font, self.buffer, len(self.buffer)) if font else 0
            name = ctypes.string_at(self.buffer, max(length - 1, 0)).decode("latin-1")
            bold = "bold" in name.lower()
            descent = self.descents.get(name, STANDARD_DESCENTS.get(name))
            if descent is None:  # no descriptor in the file's plain text: pdfium's reading of it
                value = ctypes.c_float()
                if not (font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), value)):
                    value.value = 0.0
                descent = value.value / 1000
            known = self.fonts[key] = (bold, descent)
        bold, descent = known
        # pdfminer puts a character's box from its baseline plus the font's descent, one font size high, and from
        # its origin to its advance.
        low = f + descent * size
        # pdfplumber's x0 is the first character's origin; pdfium's box is ink, wider at times
        left_end = e if (b == 0 and c == 0 and a > 0) else min(e, x0)
        return _Run(text, left_end, x1, height - (low + size), height - low, bold, obj if outer is None else None, f,
                    size)

    def _edges(self, obj, outer, height) -> list[dict]:
        """pdfminer's reading of a path (a line, a rectangle, else a polyline through its segments' end points), as
        the edges pdfplumber's table finder starts from."""
        raw = self.raw
        matrix = _compose(self._matrix(obj), outer)
        x, y = self.floats[0], self.floats[1]
        out: list[dict] = []
        shape: list[str] = []
        points: list[tuple[float, float]] = []

        def finish():
            if len(shape) > 1:
                out.extend(_subpath_edges("".join(shape), points, height))
            shape.clear()
            points.clear()

        bezier = 0
        for i in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            kind = raw.FPDFPathSegment_GetType(segment)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            a, b, c, d, e, f = matrix
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                finish()
                shape.append("m")
                points.append(point)
                bezier = 0
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its control points
                    shape.append("c")
                    points.append(point)
            else:
                shape.append("l")
                points.append(point)
            if raw.FPDFPathSegment_GetClose(segment) and shape:
                if points[-1] != points[0]:
                    shape.append("h")
                    points.append(points[0])
        finish()
        return out


# The 14 fonts every PDF reader has need no descriptor; their descents from Adobe's metrics files, as pdfminer has them.
STANDARD_DESCENTS = {
    **dict.fromkeys(["Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"], -0.194),
    **dict.fromkeys(["Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"], -0.207),
    **dict.fromkeys(["Times-Bold", "Times-BoldItalic", "Times-Italic", "Times-Roman", "TimesNewRoman",
                     "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"], -0.217),
    "Symbol": 0.0, "ZapfDingbats": 0.0,
}
SPACE = re.compile(" ")
FONT_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor\b")
DESCRIPTOR_NAME = re.compile(rb"/FontName\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)")
DESCRIPTOR_DESCENT = re.compile(rb"/Descent\s+(-?[\d.]+)")


def _declared_descents(data: bytes) -> dict[str, float]:
    """The descent each font descriptor written in plain text declares, per unit of font size, as pdfminer read it:
    LibreOffice declares 0 where pdfium measures the font, and a line's layout follows the declared one."""
    out: dict[str, float] = {}
    for match in FONT_DESCRIPTOR.finditer(data):
        start = data.rfind(b"<<", max(0, match.start() - 2000), match.start())
        end = data.find(b">>", match.end(), match.end() + 2000)
        if start < 0 or end < 0:
            continue
        body = data[start:end]
        name, descent = DESCRIPTOR_NAME.search(body), DESCRIPTOR_DESCENT.search(body)
        if name and descent:
            try:
                out.setdefault(name.group(1).decode("latin-1"), -abs(float(descent.group(1))) / 1000)
            except ValueError:
                continue
    return out


def _touching_after_space(runs: list[_Run]) -> bool:
    """Whether a run ending in a space has another run on its baseline starting less than 3 points after it: the
    only place where a space pdfium made up changes the text (see _drop_generated_spaces)."""
    ending = [r for r in runs if r.text[-1:].isspace()]
    if not ending:
        return False
    starts = _starts_by_line(runs)
    for run in ending:
        for key in (round(run.base) - 1, round(run.base), round(run.base) + 1):
            xs = starts.get(key, ())
            i = bisect.bisect_left(xs, run.x1 - TOLERANCE)
            if i < len(xs) and xs[i] <= run.x1 + 2 * TOLERANCE:
                return True
    return False


def _starts_by_line(runs: list[_Run]) -> dict[int, list[float]]:
    """The runs' left ends by rounded baseline, sorted: a neighbour is found by bisection, not by a scan of the
    line (a line of thousands of runs, or a form drawn thousands of times, took minutes)."""
    starts: dict[int, list[float]] = {}
    for run in runs:
        starts.setdefault(round(run.base), []).append(run.x0)
    for xs in starts.values():
        xs.sort()
    return starts


def _touching(runs: list[_Run]) -> list[_Run]:
    """Runs not ending in a space that another run on their line starts inside of or within 6 points after: where
    the space between them depends on where the first one ends exactly."""
    starts = _starts_by_line(runs)
    out = []
    for run in runs:
        if run.text[-1:].isspace():
            continue
        key = round(run.base)
        for xs in (starts.get(k, ()) for k in (key - 1, key, key + 1)):
            i = bisect.bisect_right(xs, run.x0)  # the first start after this run's own (so never the run itself)
            if i < len(xs) and xs[i] <= run.x1 + 2 * TOLERANCE:
                out.append(run)
                break
    return out


def _compose(inner: tuple[float, ...], outer: tuple[float, ...] | None) -> tuple[float, ...]:
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _box(matrix, x0, y0, x1, y1) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = matrix
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _subpath_edges(shape: str, points: list[tuple[float, float]], height: float) -> list[dict]:
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
        edge = _edge("line", min(x0, x1), max(x0, x1), height - max(y0, y1), height - min(y0, y1))
        edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
        return [edge]
    if shape in ("mllll", "mlllh") and len(points) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), end = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == end and square:
            left, right = min(x0, x1, x2, x3), max(x0, x1, x2, x3)
            top, bottom = height - max(y0, y1, y2, y3), height - min(y0, y1, y2, y3)
            return [dict(_edge("rect_edge", left, right, top, top), orientation="h"),
                    dict(_edge("rect_edge", left, right, bottom, bottom), orientation="h"),
                    dict(_edge("rect_edge", left, left, top, bottom), orientation="v"),
                    dict(_edge("rect_edge", right, right, top, bottom), orientation="v")]
    edges = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        orientation = "v" if x0 == x1 else ("h" if y0 == y1 else None)
        if orientation:
            edges.append(dict(_edge("curve_edge", min(x0, x1), max(x0, x1), height - max(y0, y1),
                                    height - min(y0, y1)), orientation=orientation))
    return edges


def _edge(kind: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top}


# --- Lines, words and tables, as pdfplumber makes them -------------------------------------------------------------


def _lines(runs) -> list[tuple[float, list[_Run]]]:
    """Runs whose tops lie within 3 points of the previous one (sorted by top) form a line; each line's runs sorted
    left to right, with the line's top. A run of spaces only separates the words around it: it joins the line it
    sits on and starts none."""
    runs = list(runs)
    ordered = sorted((r for r in runs if r.letters), key=lambda r: r.top)
    out: list[tuple[float, list[_Run]]] = []
    last = None
    for run in ordered:
        if last is not None and run.top <= last + TOLERANCE:
            out[-1][1].append(run)
        else:
            out.append((run.top, [run]))
        last = run.top
    blanks = [r for r in runs if not r.letters]
    if blanks and out:
        tops = [top for top, _ in out]
        for blank in blanks:
            i = bisect.bisect_left(tops, blank.top)
            near = min((j for j in (i - 1, i) if 0 <= j < len(out)), key=lambda j: abs(tops[j] - blank.top))
            if abs(out[near][1][-1].top - blank.top) <= TOLERANCE or abs(tops[near] - blank.top) <= TOLERANCE:
                out[near][1].append(blank)
    return [(top, sorted(line, key=lambda r: r.x0)) for top, line in out]


def _join(line: list[_Run]) -> str:
    """Words separated by one space; two runs touch (no space) when less than 3 points apart."""
    parts: list[str] = []
    prev = None
    for run in line:
        if prev is not None and run.x0 > prev.x1 + TOLERANCE:
            parts.append(" ")
        parts.append(run.text)
        prev = run
    return " ".join("".join(parts).split())


def _find_tables(edges: list[dict]):
    """pdfplumber's table finder (lines strategy, default tolerances) run on the ruling lines read from pdfium."""
    from pdfplumber.table import TableFinder

    class RulingLines:  # what TableFinder reads from a page in the "lines" strategy
        def __init__(self, edges):
            self.edges = edges
            self.bbox = (0, 0, 0, 0)

    return TableFinder(RulingLines(edges)).tables


def _cell_texts(table, runs: list[_Run]) -> list[list[str | None]]:
    """Each cell's lines joined by newlines; a run belongs to the cell holding its middle (pdfplumber: a character)."""
    x0, top, x1, bottom = table.bbox
    middles = [((r.x0 + r.x1) / 2, (r.top + r.bottom) / 2, r) for r in runs]
    middles = [m for m in middles if x0 <= m[0] <= x1 and top <= m[1] <= bottom]
    out = []
    for row in table.rows:
        r0, rt, r1, rb = row.bbox
        row_runs = [m for m in middles if r0 <= m[0] < r1 and rt <= m[1] < rb]
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c0, ct, c1, cb = cell
            inside = [r for x, y, r in row_runs if c0 <= x < c1 and ct <= y < cb]
            cells.append("\n".join(_join(line) for _, line in _lines(inside)))
        out.append(cells)
    return out
