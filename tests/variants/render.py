"""Render one `PlanSpec` in a `Layout`: the same plan in other clothes, with the gold it must read back as.

The layout axes are the ones seen in communes' documents: how parts and headings are numbered (PHẦN I / Phần thứ
nhất / Phần 1 / A.; I-1-a / I-1-1.1 / 1-1.1-a), bold or not, goals as bullets, numbered items, running prose or an
indicator table (section rows, with or without a baseline column, bare numbers under a unit column), tasks as a table
(several header wordings and column orders, a two-row merged header) or as blocks in the body, and how a text format
flattens a table (tab rows, pipe rows, markdown, one cell per line between `|` lines) with the noise of a page break:
blank lines, page numbers, running headers, the header row repeated. Formats: .txt, .md, .html (a saved web page with
its menus), .docx, .xlsx (appendix sheets with title rows, merged titles and notes), .pdf.
"""

from __future__ import annotations

import html
import io
import random
import re
from dataclasses import dataclass, replace

from xaso.core.communes import in_kind

from .spec import IndicatorSpec, PlanSpec, TaskSpec, _vn

# --- Layout ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str
    fmt: str = "md"  # txt | md | html | docx | xlsx | pdf
    parts: str = "roman"  # roman | word | arabic | letter
    numbering: str = "roman"  # roman (I, 1, a) | decimal (I, 1, 1.1) | arabic (1, 1.1, a)
    bold: bool = True
    md_marks: bool = False
    goals: str = "bullets"  # bullets | numbered | items (1., 2. as headings are) | prose | prose_commas | table | table_appendix
    pairs: bool = False  # two statements in one bullet, joined by ";"
    goals_heading: int = 0
    bullet: str = "-"
    indicator_header: int = 0
    bare_numbers: bool = False  # table targets without "%" under a unit column
    tasks: str = "table"  # table | body
    task_header: int = 0
    table_text: str = "tab"  # text formats: tab | pipe | md | cells
    blank_rows: bool = False
    pages: bool = False
    repeat_header: bool = False
    notes_below: bool = False
    section_rows: bool = True
    web: bool = False  # a web page copy: site menus around the plan, no national header
    title: int = 0

    @property
    def suffix(self) -> str:
        return {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}[self.fmt]


# --- Blocks: what every format writes --------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # title | heading | para | bullet | table | signature
    text: str = ""
    level: int = 0
    rows: list[list[str]] | None = None
    header_rows: int = 1
    group_rows: tuple[int, ...] = ()
    marker: str = ""


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_ALPHA = "abcdđeghiklmnopq"
_PART_WORDS = ["thứ nhất", "thứ hai"]


def _label(numbering: str, level: int, path: tuple[int, ...]) -> str:
    n = path[-1]
    if level == 1:
        return f"{n}." if numbering == "arabic" else f"{_ROMAN[n - 1]}."
    if level == 2:
        return f"{path[-2]}.{n}." if numbering == "arabic" else f"{n}."
    return f"{path[-2]}.{n}." if numbering == "decimal" else f"{_ALPHA[n - 1]})"


class _Outline:
    """Numbers headings as the layout says, restarting under each parent."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.counters = [0, 0, 0, 0]

    def heading(self, level: int, text: str) -> Block:
        self.counters[level] += 1
        for deeper in range(level + 1, 4):
            self.counters[deeper] = 0
        label = _label(self.layout.numbering, level, tuple(self.counters[1: level + 1]))
        return Block("heading", f"{label} {text}", level=level)

    def restart(self):
        self.counters = [0, 0, 0, 0]


GOALS_HEADINGS = ["Mục tiêu cụ thể", "Chỉ tiêu cụ thể", "Mục tiêu, chỉ tiêu cụ thể năm {y}", "Các chỉ tiêu chủ yếu",
                  "Một số chỉ tiêu cụ thể", "Chỉ tiêu phấn đấu năm {y}"]
TITLES = ["Chuyển đổi số xã {c} năm {y}", "Chuyển đổi số trên địa bàn xã {c} năm {y}",
          "Thực hiện chuyển đổi số năm {y}",
          "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số xã {c} năm {y}"]
INDICATOR_HEADERS = [
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm {p}", "Kế hoạch năm {y}"],
    ["TT", "Tên chỉ tiêu", "Kết quả năm {p}", "Chỉ tiêu năm {y}", "Ghi chú"],
    ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu {y}"],
    ["STT", "Chỉ tiêu", "Hiện trạng", "Mục tiêu năm {y}", "Đơn vị chủ trì"],
    ["TT", "Chỉ tiêu", "ĐVT", "Năm {p}", "Năm {y}"],
]
TASK_HEADERS = [
    (["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm đầu ra",
      "Kinh phí (triệu đồng)", "Nguồn kinh phí"], None),
    (["TT", "Nội dung nhiệm vụ", "Mục tiêu, nội dung chi tiết", "Cơ quan chủ trì", "Cơ quan phối hợp",
      "Kết quả, sản phẩm", "Thời hạn hoàn thành", "Dự toán (triệu đồng)"], None),
    (["STT", "Nhiệm vụ", "Đơn vị thực hiện", "", "Thời gian", "Sản phẩm", "Kinh phí dự kiến (triệu đồng)"],
     ["", "", "Chủ trì", "Phối hợp", "", "", ""]),
    (["Số TT", "Tên nhiệm vụ/dự án", "Đơn vị chủ trì thực hiện", "Tiến độ thực hiện", "Kết quả dự kiến",
      "Cơ quan hướng dẫn, kiểm tra", "Ghi chú"], None),
    (["STT", "Nhiệm vụ", "Thời gian", "Chủ trì", "Phối hợp", "Sản phẩm", "Kinh phí (tr.đ)"], None),
]
_TASK_FIELDS = {  # header cell → the task field it holds
    "Tên nhiệm vụ": "name", "Nội dung nhiệm vụ": "name", "Nhiệm vụ": "name", "Tên nhiệm vụ/dự án": "name",
    "Mục tiêu, nội dung chi tiết": "detail", "Đơn vị chủ trì": "lead", "Cơ quan chủ trì": "lead", "Chủ trì": "lead",
    "Đơn vị chủ trì thực hiện": "lead", "Đơn vị thực hiện": "lead", "Đơn vị phối hợp": "partners",
    "Cơ quan phối hợp": "partners", "Phối hợp": "partners", "Thời gian thực hiện": "timeline",
    "Thời hạn hoàn thành": "timeline", "Thời gian": "timeline", "Tiến độ thực hiện": "timeline",
    "Sản phẩm đầu ra": "output", "Kết quả, sản phẩm": "output", "Sản phẩm": "output", "Kết quả dự kiến": "output",
    "Kinh phí (triệu đồng)": "budget", "Dự toán (triệu đồng)": "budget", "Kinh phí dự kiến (triệu đồng)": "budget",
    "Kinh phí (tr.đ)": "budget", "Nguồn kinh phí": "budget_source", "Cơ quan hướng dẫn, kiểm tra": "overseer",
}


def _task_columns(layout: Layout) -> tuple[list[list[str]], list[str | None]]:
    first, second = TASK_HEADERS[layout.task_header]
    header = [first] + ([second] if second else [])
    fields = []
    for i, cell in enumerate(first):
        name = second[i] if second and second[i] else cell
        fields.append("index" if i == 0 else _TASK_FIELDS.get(name))
    return header, fields


def _budget_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", ".") if value == int(value) else _vn(value)


def _task_cell(task: TaskSpec, field: str | None) -> str:
    if field == "partners":
        return "; ".join(task.partners)
    if field == "budget":
        return _budget_text(task.budget_million_vnd)
    return (getattr(task, field) or "") if field else ""


def _baseline_for(ind: IndicatorSpec) -> str:
    if ind.baseline:
        return ind.baseline
    if ind.target_value is None:
        return ""
    if ind.unit == "%":
        return f"{_vn(max(0.0, ind.target_value - 10))}%"
    return str(max(0, int(ind.target_value) - 2))


def _indicator_rows(spec: PlanSpec, layout: Layout) -> tuple[list[list[str]], tuple[int, ...]]:
    header = [h.format(p=spec.year - 1, y=spec.year) for h in INDICATOR_HEADERS[layout.indicator_header]]
    bare = layout.bare_numbers and any(h in ("Đơn vị tính", "ĐVT") for h in header)  # "%" moves to the unit column
    rows, groups = [header], []
    number = 0
    for g, (group, items) in enumerate(spec.indicator_groups(), start=1):
        if group and layout.section_rows:
            groups.append(len(rows))
            rows.append([_ROMAN[g - 1], group.upper()] + [""] * (len(header) - 2))
            number = 0 if layout.indicator_header != 2 else number
        for ind in items:
            number += 1
            row = []
            for h in INDICATOR_HEADERS[layout.indicator_header]:
                if h in ("STT", "TT"):
                    row.append(str(number))
                elif h in ("Chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu"):
                    row.append(ind.subject)
                elif h in ("Đơn vị tính", "ĐVT"):
                    row.append(ind.unit or "")
                elif h.startswith(("Thực hiện", "Kết quả", "Hiện trạng", "Năm {p}")):
                    row.append(_baseline_for(ind).rstrip("%") if bare else _baseline_for(ind))
                elif h.startswith(("Kế hoạch", "Chỉ tiêu ", "Mục tiêu", "Năm {y}")) or h == "Chỉ tiêu {y}":
                    target = ind.target
                    if bare and ind.unit == "%":
                        target = target.replace("%", "").strip()
                    row.append(target)
                else:
                    row.append("")
            rows.append(row)
    return rows, tuple(groups)


def _has_baseline_column(layout: Layout) -> bool:
    return any(h.startswith(("Thực hiện", "Kết quả", "Hiện trạng", "Năm {p}"))
               for h in INDICATOR_HEADERS[layout.indicator_header])


def _task_rows(spec: PlanSpec, layout: Layout) -> tuple[list[list[str]], tuple[int, ...]]:
    header, fields = _task_columns(layout)
    rows, groups = list(header), []
    number = 0
    for g, (group, items) in enumerate(spec.task_groups(), start=1):
        if group and layout.section_rows:
            groups.append(len(rows))
            rows.append([_ROMAN[g - 1], group] + [""] * (len(fields) - 2))
        for task in items:
            number += 1
            rows.append([str(number) if f == "index" else _task_cell(task, f) for f in fields])
    return rows, tuple(groups)


def blocks(spec: PlanSpec, layout: Layout) -> list[Block]:
    """The plan as a list of blocks every format writes."""
    y, p, c = spec.year, spec.year - 1, spec.commune
    out: list[Block] = []
    if not layout.web:
        out += [Block("title", "ỦY BAN NHÂN DÂN"), Block("title", f"XÃ {c.upper()}"),
                Block("para", f"Số: {spec.number}"), Block("title", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                Block("title", "Độc lập - Tự do - Hạnh phúc"),
                Block("para", f"{c}, ngày 18 tháng 11 năm {p}")]
    title = TITLES[layout.title].format(c=c, y=y)
    out += [Block("title", "KẾ HOẠCH"), Block("title", title)]
    if layout.web and "{c}" not in TITLES[layout.title]:
        out.insert(0, Block("para", f"UBND xã {c}, tỉnh {spec.province}"))
    out += [Block("para", f"Căn cứ {cite};") for cite in spec.citations[:-1]]
    out.append(Block("para", f"Căn cứ {spec.citations[-1]}. UBND xã {c} ban hành Kế hoạch chuyển đổi số năm {y} "
                             f"như sau:"))
    outline = _Outline(layout)
    if spec.assessed:
        out += _part_heading(layout, 1, f"ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {p}")
        out.append(outline.heading(1, f"KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU NĂM {p}"))
        out += [Block("bullet", prior.text + prior.marker, marker=layout.bullet) for prior in spec.prior]
        out.append(outline.heading(1, "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"))
        out += [Block("para", text) for text in spec.part1_paragraphs[:2]]
        out.append(outline.heading(1, "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"))
        out += [Block("para", text) for text in spec.part1_paragraphs[2:]]
        out += _part_heading(layout, 2, f"KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {y}")
        outline.restart()
    out.append(outline.heading(1, "MỤC ĐÍCH, YÊU CẦU"))
    out.append(Block("para", "Triển khai đồng bộ các nhiệm vụ chuyển đổi số; xác định rõ việc, rõ người, rõ thời gian, "
                             "rõ sản phẩm, rõ trách nhiệm."))
    out.append(outline.heading(1, "MỤC TIÊU"))
    out.append(outline.heading(2, "Mục tiêu chung"))
    out.append(Block("para", spec.general_goal))
    out.append(outline.heading(2, GOALS_HEADINGS[layout.goals_heading].format(y=y)))
    out += _goals(spec, layout, outline)
    out.append(outline.heading(1, "NHIỆM VỤ, GIẢI PHÁP"))
    for text in spec.task_paragraphs:
        out.append(Block("bullet", text, marker=layout.bullet))
    if layout.tasks == "body":
        out += _body_tasks(spec, layout, outline)
    else:
        out.append(Block("para", "Danh mục nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này."))
    out.append(outline.heading(1, "KINH PHÍ THỰC HIỆN"))
    out.append(Block("para", spec.budget_paragraph))
    out.append(outline.heading(1, "TỔ CHỨC THỰC HIỆN"))
    for unit, duties in spec.responsibilities:
        out.append(outline.heading(2, unit))
        out.append(Block("para", duties))
    out += [Block("para", "Nơi nhận:"), Block("para", "- UBND tỉnh (b/c);"), Block("para", "- Lưu: VT."),
            Block("signature", "TM. ỦY BAN NHÂN DÂN"), Block("signature", "CHỦ TỊCH"),
            Block("signature", spec.signer)]
    if layout.goals == "table_appendix":
        rows, groups = _indicator_rows(spec, layout)
        out += [Block("title", "PHỤ LỤC I"), Block("title", f"CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {y}"),
                Block("table", rows=rows, group_rows=groups)]
    if layout.tasks == "table":
        rows, groups = _task_rows(spec, layout)
        out += [Block("title", "PHỤ LỤC II" if layout.goals == "table_appendix" else "PHỤ LỤC"),
                Block("title", f"DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {y}"),
                Block("para", f"(Kèm theo Kế hoạch số {spec.number} của UBND xã {c})"),
                Block("table", rows=rows, header_rows=2 if TASK_HEADERS[layout.task_header][1] else 1,
                      group_rows=groups)]
        if layout.notes_below:
            out.append(Block("para", "Ghi chú: kinh phí là dự kiến, được điều chỉnh theo dự toán được giao."))
    return out


def _part_heading(layout: Layout, n: int, text: str) -> list[Block]:
    if layout.parts == "word":
        return [Block("heading", f"PHẦN {_PART_WORDS[n - 1].upper()}", level=0), Block("heading", text, level=0)]
    if layout.parts == "arabic":
        return [Block("heading", f"Phần {n}: {text}", level=0)]
    if layout.parts == "letter":
        return [Block("heading", f"{'AB'[n - 1]}. {text}", level=0)]
    return [Block("heading", f"PHẦN {_ROMAN[n - 1]}. {text}", level=0)]


def _goals(spec: PlanSpec, layout: Layout, outline: _Outline) -> list[Block]:
    out: list[Block] = []
    if layout.goals == "table":
        rows, groups = _indicator_rows(spec, layout)
        return [Block("table", rows=rows, group_rows=groups)]
    if layout.goals == "table_appendix":
        return [Block("para", "Các chỉ tiêu cụ thể tại Phụ lục I kèm theo Kế hoạch này.")]
    for group, items in spec.indicator_groups():
        texts = [ind.text for ind in items]
        if layout.goals in ("prose", "prose_commas"):
            joiner = "; " if layout.goals == "prose" else ", "
            body = joiner.join(t[:1].lower() + t[1:] if i else t for i, t in enumerate(texts))
            lead = f"{group}: " if group else f"Phấn đấu đến hết năm {spec.year}, "
            if not group:
                body = body[:1].lower() + body[1:]
            out.append(Block("para", lead + body + "."))
            continue
        if group:
            out.append(outline.heading(3, group))
        if layout.pairs:
            texts = [f"{a}; {b[:1].lower() + b[1:]}" for a, b in zip(texts[::2], texts[1::2])] + (
                texts[-1:] if len(texts) % 2 else [])
        if layout.goals == "numbered":
            out += [Block("para", f"({i}) {text}.") for i, text in enumerate(texts, start=1)]
        elif layout.goals == "items":
            out += [Block("para", f"{i}. {text}.") for i, text in enumerate(texts, start=1)]
        else:
            out += [Block("bullet", text + ";", marker=layout.bullet) for text in texts]
    out += [Block("bullet", note + ".", marker=layout.bullet) for note in spec.goal_notes
            if layout.goals not in ("prose", "prose_commas")]
    return out


def _body_tasks(spec: PlanSpec, layout: Layout, outline: _Outline) -> list[Block]:
    out = [outline.heading(2, "Nhiệm vụ cụ thể")]
    for i, task in enumerate(spec.tasks, start=1):
        out.append(Block("para", f"{i}) {task.name}" if layout.numbering != "arabic" else f"({i}) {task.name}"))
        lead = f"Đơn vị chủ trì: {task.lead or 'chưa xác định'}"
        if task.partners:
            lead += f"; đơn vị phối hợp: {', '.join(task.partners)}"
        out.append(Block("bullet", lead + ".", marker=layout.bullet))
        if task.timeline:
            out.append(Block("bullet", f"Thời gian thực hiện: {task.timeline}.", marker=layout.bullet))
        if task.output:
            out.append(Block("bullet", f"Sản phẩm: {task.output.rstrip('.')}.", marker=layout.bullet))
        if task.budget_million_vnd is not None:
            out.append(Block("bullet", f"Kinh phí: {_budget_text(task.budget_million_vnd)} triệu đồng.",
                             marker=layout.bullet))
    return out


# --- Gold ---------------------------------------------------------------------------------------------------------


def gold(spec: PlanSpec, layout: Layout) -> dict:
    """What a careful annotator records of this rendering (shared/gold/SCHEMA.md)."""
    table = layout.goals in ("table", "table_appendix")
    has_base = table and _has_baseline_column(layout)
    indicators = []
    for ind in spec.indicators:
        indicators.append({
            "group": ind.group, "text": ind.subject if table else ind.text,
            "baseline": (_baseline_for(ind) or None) if has_base else (None if table else ind.baseline),
            "target": ind.target, "target_value": ind.target_value, "unit": ind.unit, "comparator": ind.comparator,
        })
    if layout.fmt == "xlsx":
        return {"source": layout.name, "commune": spec.commune, "province": spec.province, "plan_year": spec.year,
                "assessed_year": None, "signer": None, "prior_results": None,
                "indicators": indicators if table else [],
                "tasks": _gold_tasks(spec, layout)}
    return {
        "source": layout.name, "commune": spec.commune, "province": spec.province, "plan_year": spec.year,
        "assessed_year": spec.year - 1 if spec.assessed else None, "signer": spec.signer,
        "prior_results": [{"text": p.text, "target": p.target, "result": p.result} for p in spec.prior]
        if spec.assessed else [],
        "indicators": indicators, "tasks": _gold_tasks(spec, layout),
    }


def _gold_tasks(spec: PlanSpec, layout: Layout) -> list[dict]:
    if layout.tasks == "body":
        return [{"group": None, "name": t.name, "detail": None, "lead": t.lead or "chưa xác định", "partners": t.partners,
                 "timeline": t.timeline, "output": t.output, "budget_million_vnd": t.budget_million_vnd,
                 "budget_source": None, "overseer": None, "monitor": None} for t in spec.tasks]
    _, fields = _task_columns(layout)
    out = []
    for t in spec.tasks:
        item = {"group": t.group if layout.section_rows else None, "name": t.name, "detail": None, "lead": None,
                "partners": [], "timeline": None, "output": None, "budget_million_vnd": None, "budget_source": None,
                "overseer": None, "monitor": None}
        for f in fields:
            if f in ("name", "detail", "lead", "timeline", "output", "budget_source", "overseer"):
                item[f] = getattr(t, f)
            elif f == "partners":
                item["partners"] = t.partners
            elif f == "budget":
                item["budget_million_vnd"] = t.budget_million_vnd
        out.append(item)
    return out


# --- Formats --------------------------------------------------------------------------------------------------


def render(spec: PlanSpec, layout: Layout) -> tuple[str, bytes]:
    """(file name, bytes) of the plan in this layout."""
    name = f"ke-hoach-{spec.seed}-{layout.name}{layout.suffix}"
    items = [_in_kind(block, spec.kind) for block in blocks(spec, layout)]
    writer = {"txt": _text, "md": _text, "html": _html, "docx": _docx, "xlsx": _xlsx, "pdf": _pdf}[layout.fmt]
    data = writer(items, layout, spec)
    return name, data if isinstance(data, bytes) else data.encode("utf-8")


def _in_kind(block: Block, kind: str) -> Block:
    """The block as the plan's issuer writes it: "UBND phường …", "PHƯỜNG …" where the issuer is a phường."""
    rows = [[in_kind(cell, kind) for cell in row] for row in block.rows] if block.rows else block.rows
    return replace(block, text=in_kind(block.text, kind), rows=rows)


def _heading_text(block: Block, layout: Layout) -> str:
    text = block.text
    if layout.fmt == "md":
        if layout.md_marks and block.kind == "heading":
            return "#" * (block.level + 1) + " " + (f"**{text}**" if layout.bold else text)
        return f"**{text}**" if layout.bold else text
    return text


def _text(items: list[Block], layout: Layout, spec: PlanSpec) -> str:
    lines: list[str] = []
    if layout.web:
        lines += ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản - Chỉ đạo", "Thủ tục hành chính",
                  "Trang chủ > Văn bản > Kế hoạch", "",
                  f"Ngày đăng: 20/11/{spec.year - 1} | Lượt xem: 1.245", ""]
    for block in items:
        if block.kind == "table":
            lines += _text_table(block, layout)
        elif block.kind in ("title", "heading", "signature"):
            lines.append(_heading_text(block, layout) if block.kind != "signature" else block.text)
        elif block.kind == "bullet":
            lines.append(f"{block.marker} {block.text}")
        else:
            lines.append(block.text)
        if layout.fmt == "md" or layout.web:
            lines.append("")
    if layout.web:
        lines += ["", "Các tin khác:", f"Kế hoạch tuyên truyền cải cách hành chính năm {spec.year} (12/11/{spec.year - 1})",
                  in_kind(f"Bản quyền thuộc Ủy ban nhân dân xã {spec.commune}", spec.kind)]
    if layout.pages:
        lines = _paginate(lines, spec, layout)
    return "\n".join(lines) + "\n"


def _row_lines(row: list[str], layout: Layout, first: bool) -> list[str]:
    if layout.table_text == "cells":
        out = []
        for k, cell in enumerate(row):
            if k:
                out.append("|")
            if cell:
                out.append(cell)
        return out
    if layout.table_text == "tab":
        return ["\t".join(row)]
    line = "| " + " | ".join(row) + " |"
    return [line, "|" + "---|" * len(row)] if layout.table_text == "md" and first else [line]


def _text_table(block: Block, layout: Layout) -> list[str]:
    """A table as a text format flattens it; a page break inside it leaves a blank line and, at times, the header
    written again."""
    rows = [[re.sub(r"\s+", " ", cell) for cell in row] for row in block.rows]
    if block.header_rows == 2 and layout.table_text == "cells":  # a copied page keeps one line per header cell
        rows = [[b or a for a, b in zip(rows[0], rows[1])]] + rows[2:]
        block = replace(block, header_rows=1)
    rng = random.Random(len(rows) * 7 + len(layout.name))
    out: list[str] = []
    for i, row in enumerate(rows):
        out += _row_lines(row, layout, i == 0)
        if layout.blank_rows and block.header_rows <= i < len(rows) - 1 and rng.random() < 0.35:
            out.append("")
            if layout.repeat_header:
                for k, head in enumerate(rows[: block.header_rows]):
                    out += _row_lines(head, replace(layout, table_text="pipe" if layout.table_text == "md"
                                                    else layout.table_text), False)
    return out


def _paginate(lines: list[str], spec: PlanSpec, layout: Layout) -> list[str]:
    """A page break every 45 lines: the page number, then the running header of the next page."""
    out, page = [], 1
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % 45 == 0:
            page += 1
            out += ["", f"- {page - 1} -" if page % 2 else f"Trang {page - 1}", "",
                    in_kind(f"Kế hoạch chuyển đổi số xã {spec.commune} năm {spec.year}", spec.kind), ""]
    return out


def _html(items: list[Block], layout: Layout, spec: PlanSpec) -> str:
    parts = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
             in_kind(f"<title>Kế hoạch chuyển đổi số năm {spec.year} - UBND xã {html.escape(spec.commune)}</title>",
                     spec.kind),
             "<style>.menu{float:left}</style><script>var _gaq=[];</script></head><body>"]
    if layout.web:
        parts.append("<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/gioi-thieu'>Giới thiệu</a></li>"
                     "<li><a href='/van-ban'>Kế hoạch - Báo cáo</a></li></ul></nav>")
        parts.append("<div class='menu'><ul><li><a href='/tin'>Tin tức</a></li><li><a href='/tthc'>Thủ tục hành "
                     "chính</a></li></ul></div>")
        parts.append(f"<div class='meta'>Ngày đăng: 20/11/{spec.year - 1} | Lượt xem: 1.245</div>")
    parts.append("<article>")
    in_list = False
    for block in items:
        if block.kind == "bullet" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif block.kind != "bullet" and in_list:
            parts.append("</ul>")
            in_list = False
        text = html.escape(block.text)
        if block.kind == "table":
            parts.append(_html_table(block))
        elif block.kind == "bullet":
            parts.append(f"<li>{text}</li>")
        elif block.kind == "heading" and layout.md_marks:
            parts.append(f"<h{min(block.level + 2, 6)}>{text}</h{min(block.level + 2, 6)}>")
        elif block.kind in ("title", "heading") and layout.bold:
            parts.append(f"<p><strong>{text}</strong></p>")
        else:
            parts.append(f"<p>{text}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append("</article>")
    if layout.web:
        parts.append(in_kind(f"<footer><p>Bản quyền thuộc UBND xã {html.escape(spec.commune)}</p></footer>", spec.kind))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_table(block: Block) -> str:
    rows = block.rows
    width = len(rows[0])
    out = ["<table border='1'>"]
    for i, row in enumerate(rows):
        tag = "th" if i < block.header_rows else "td"
        if i in block.group_rows:
            out.append(f"<tr><td>{html.escape(row[0])}</td><td colspan='{width - 1}'><b>{html.escape(row[1])}</b></td></tr>")
            continue
        if i == 0 and block.header_rows == 2:
            cells, k = [], 0
            while k < width:
                if row[k] and k + 1 < width and not row[k + 1] and rows[1][k]:
                    cells.append(f"<th colspan='2'>{html.escape(row[k])}</th>")
                    k += 2
                    continue
                span = " rowspan='2'" if not rows[1][k] else ""
                cells.append(f"<th{span}>{html.escape(row[k])}</th>")
                k += 1
            out.append("<tr>" + "".join(cells) + "</tr>")
            continue
        if i == 1 and block.header_rows == 2:
            out.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in row if c) + "</tr>")
            continue
        out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _docx(items: list[Block], layout: Layout, spec: PlanSpec) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    for block in items:
        if block.kind == "table":
            _docx_table(document, block)
        elif block.kind == "heading" and layout.md_marks:
            document.add_heading(block.text, level=min(block.level + 1, 4))
        elif block.kind == "bullet":
            if layout.bullet == "-" and layout.md_marks:
                document.add_paragraph(block.text, style="List Bullet")
            else:
                document.add_paragraph(f"{block.marker} {block.text}")
        else:
            run = document.add_paragraph().add_run(block.text)
            run.bold = layout.bold and block.kind in ("title", "heading", "signature")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, block: Block):
    rows = block.rows
    width = len(rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
        if r in block.group_rows:
            table.cell(r, 1).merge(table.cell(r, width - 1))
    if block.header_rows == 2:
        for c in range(width):
            if rows[0][c] and c + 1 < width and not rows[0][c + 1] and rows[1][c]:
                table.cell(0, c).merge(table.cell(0, c + 1))
            elif not rows[1][c]:
                table.cell(0, c).merge(table.cell(1, c))


def _xlsx(items: list[Block], layout: Layout, spec: PlanSpec) -> bytes:
    """An appendix workbook: a sheet per table with the title rows every real appendix has above its header."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    tables = [b for b in items if b.kind == "table"]
    titles = [("PHỤ LỤC I", f"DANH MỤC CHỈ TIÊU CHUYỂN ĐỔI SỐ XÃ {spec.commune.upper()} NĂM {spec.year}"),
              ("PHỤ LỤC II", f"DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ {spec.commune.upper()} NĂM {spec.year}")]
    if len(tables) == 1:
        titles = titles[1:]
    for block, (number, title) in zip(tables, titles):
        sheet = workbook.create_sheet(number.title().replace(" ", "_"))
        width = len(block.rows[0])
        annex = f"(Kèm theo Kế hoạch số {spec.number} của UBND xã {spec.commune}, tỉnh {spec.province})"
        for line in (number, in_kind(title, spec.kind), in_kind(annex, spec.kind), ""):
            sheet.append([line] + [None] * (width - 1))
            if line:
                sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
        first = sheet.max_row + 1
        for r, row in enumerate(block.rows):
            sheet.append([_xlsx_value(c) for c in row])
            if r in block.group_rows:
                sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=width)
        if block.header_rows == 2:
            for c in range(width):
                if block.rows[0][c] and c + 1 < width and not block.rows[0][c + 1] and block.rows[1][c]:
                    sheet.merge_cells(start_row=first, start_column=c + 1, end_row=first, end_column=c + 2)
                elif not block.rows[1][c]:
                    sheet.merge_cells(start_row=first, start_column=c + 1, end_row=first + 1, end_column=c + 1)
        sheet.append([None] * width)
        sheet.append(["Ghi chú: Các đơn vị báo cáo kết quả thực hiện hằng quý."] + [None] * (width - 1))
        sheet.append([None, None, "NGƯỜI LẬP BIỂU"] + [None] * (width - 3))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(cell: str):
    if re.fullmatch(r"\d+", cell or ""):
        return int(cell)
    return cell or None


def _pdf(items: list[Block], layout: Layout, spec: PlanSpec) -> bytes:
    from pathlib import Path

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    fonts = {"XasoVariant": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
             "XasoVariantBold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
    for name, path in fonts.items():
        if name not in pdfmetrics.getRegisteredFontNames() and Path(path).exists():
            pdfmetrics.registerFont(TTFont(name, path))
    bold_font = "XasoVariantBold" if "XasoVariantBold" in pdfmetrics.getRegisteredFontNames() else "XasoVariant"
    body = ParagraphStyle("body", fontName="XasoVariant", fontSize=11, leading=14, spaceAfter=4)
    strong = ParagraphStyle("strong", parent=body, fontName=bold_font if layout.bold else "XasoVariant")
    cell = ParagraphStyle("cell", fontName="XasoVariant", fontSize=7, leading=8.5)
    story = []
    for block in items:
        if block.kind == "table":
            width = len(block.rows[0])
            data = [[Paragraph(html.escape(c), cell) for c in row] for row in block.rows]
            table = Table(data, repeatRows=block.header_rows, colWidths=[740 / width] * width)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            style += [("SPAN", (1, r), (-1, r)) for r in block.group_rows]
            table.setStyle(TableStyle(style))
            story.append(table)
            continue
        text = html.escape(block.text)
        if block.kind == "bullet":
            text = f"{block.marker} {text}"
        story.append(Paragraph(text, strong if block.kind in ("title", "heading", "signature") else body))

    def page_number(canvas, doc):
        canvas.setFont("XasoVariant", 9)
        canvas.drawCentredString(landscape(A4)[0] / 2, 20, str(doc.page))

    out = io.BytesIO()  # landscape, as appendix tables are printed: no row is taller than a page
    SimpleDocTemplate(out, pagesize=landscape(A4)).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


# --- The catalogue of layouts every plan is rendered in ------------------------------------------------------------

LAYOUTS = [
    Layout("md-bullets"),
    Layout("txt-plain-pages", fmt="txt", bold=False, numbering="arabic", goals="numbered", blank_rows=True,
           pages=True, repeat_header=True, parts="arabic"),
    Layout("txt-pipe-blank", fmt="txt", table_text="pipe", blank_rows=True, goals="table", indicator_header=1,
           bullet="+", parts="word"),
    Layout("md-goal-table", goals="table", table_text="md", md_marks=True, goals_heading=2),
    Layout("md-goal-table-nobase", goals="table", indicator_header=2, parts="word", bullet="•", goals_heading=3),
    Layout("web-cells-prose", fmt="txt", web=True, table_text="cells", goals="prose_commas", bold=False,
           parts="arabic", title=2, goals_heading=4),
    Layout("txt-cells-blank", fmt="txt", table_text="cells", blank_rows=True, goals="table_appendix",
           indicator_header=1, bold=False, pages=True),
    Layout("web-html-prose", fmt="html", web=True, goals="prose", task_header=2, parts="letter", goals_heading=5),
    Layout("html-headings-table", fmt="html", md_marks=True, goals="table", indicator_header=3, task_header=1),
    Layout("docx-plain", fmt="docx", bold=False, numbering="decimal", bullet="+", task_header=1, goals_heading=1),
    Layout("docx-styles", fmt="docx", md_marks=True, goals="table", indicator_header=4, bare_numbers=True,
           task_header=2),
    Layout("docx-prose", fmt="docx", goals="prose", task_header=3, parts="word", title=3),
    Layout("xlsx-appendix", fmt="xlsx", goals="table_appendix", notes_below=True),
    Layout("xlsx-two-row", fmt="xlsx", goals="table_appendix", indicator_header=4, bare_numbers=True, task_header=2),
    Layout("pdf-bullets", fmt="pdf", task_header=0, bullet="–"),
    Layout("pdf-goal-table", fmt="pdf", goals="table", indicator_header=1, task_header=3, parts="word"),
    Layout("md-body-tasks", tasks="body", goals="prose", numbering="arabic", goals_heading=1),
    Layout("txt-body-tasks", fmt="txt", tasks="body", goals="numbered", bold=False, bullet="+", title=1),
    Layout("md-permuted-tasks", task_header=4, goals="bullets", bullet="*", parts="letter", numbering="decimal"),
    Layout("txt-tab-repeat", fmt="txt", blank_rows=True, repeat_header=True, goals="table", indicator_header=0,
           task_header=4, bold=False, notes_below=True),
    Layout("docx-items-pairs", fmt="docx", goals="items", pairs=True, numbering="decimal", task_header=4),
    Layout("md-pairs-plain", goals="bullets", pairs=True, bold=False, parts="word", bullet="+"),
]


def random_layout(seed: int) -> Layout:
    """Any combination of the axes: what the catalogue's hand-picked layouts may have missed."""
    rng = random.Random(seed)
    fmt = rng.choice(["txt", "md", "html", "docx", "xlsx", "txt", "md"])
    goals = rng.choice(["bullets", "numbered", "items", "prose", "prose_commas", "table", "table_appendix"])
    if fmt == "xlsx":
        goals = "table_appendix"
    return Layout(
        name=f"rand{seed}", fmt=fmt, parts=rng.choice(["roman", "word", "arabic", "letter"]),
        numbering=rng.choice(["roman", "decimal", "arabic"]), bold=rng.random() < 0.6,
        md_marks=rng.random() < 0.3, goals=goals, goals_heading=rng.randrange(len(GOALS_HEADINGS)),
        pairs=rng.random() < 0.3,
        bullet=rng.choice(["-", "+", "•", "–", "*"]), indicator_header=rng.randrange(len(INDICATOR_HEADERS)),
        bare_numbers=rng.random() < 0.3, tasks="table" if fmt == "xlsx" or rng.random() < 0.8 else "body",
        task_header=rng.randrange(len(TASK_HEADERS)), table_text=rng.choice(["tab", "pipe", "md", "cells"]),
        blank_rows=rng.random() < 0.4, pages=fmt == "txt" and rng.random() < 0.4, repeat_header=rng.random() < 0.5,
        notes_below=rng.random() < 0.3, section_rows=rng.random() < 0.8, web=fmt in ("txt", "html") and rng.random() < 0.4,
        title=rng.randrange(len(TITLES)),
    )
