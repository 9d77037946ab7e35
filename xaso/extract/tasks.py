"""Tasks: rows of the appendix task table(s), recognised by what their columns mean; a table that a
PDF-to-text tool flattened into lines; or, where a plan has no table, tasks written in the body with
"Đơn vị chủ trì: … Thời gian hoàn thành: …" lines."""

from __future__ import annotations

import re
from itertools import combinations

from xaso.core.numbers import parse_number
from xaso.core.text import fold, squash
from xaso.documents import Document, Paragraph

from .model import Source, TaskRow
from .outline import heading_text
from .tables import Columns, clean_cell, find_header, is_total_label, same_header, section_title

ROLE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("note", ("ghi chu",)),
    ("overseer", ("huong dan", "kiem tra", "giam sat")),
    ("monitor", ("theo doi",)),
    ("partners", ("phoi hop",)),
    ("lead", ("chu tri", "don vi thuc hien", "co quan thuc hien", "trach nhiem", "don vi thuc hien")),
    ("timeline", ("thoi gian", "thoi han", "tien do", "moc hoan thanh")),
    ("budget", ("kinh phi", "du toan", "trieu dong")),
    ("budget_source", ("nguon",)),
    ("output", ("san pham", "ket qua", "dau ra")),
    ("detail", ("chi tiet", "muc tieu", "mo ta", "yeu cau", "noi dung cu the")),
    ("name", ("nhiem vu", "ten", "noi dung", "du an", "hoat dong", "cong viec")),
]
TEXT_FIELDS = ("name", "detail", "output", "lead", "timeline", "overseer", "monitor", "note", "budget_source")


def column_role(header: str) -> str | None:
    f = fold(header)
    if not f:
        return None
    if re.fullmatch(r"(so\s*)?s?tt\.?", f):
        return "index"
    for role, stems in ROLE_RULES:
        if any(stem in f for stem in stems):
            if role == "budget_source" and any(s in f for s in ("kinh phi", "trieu")):
                return "budget"
            return role
    if any(stem in f for stem in ("bat dau", "ket thuc", "hoan thanh")):
        return "timeline"  # "Bắt đầu | Hoàn thành" under a merged "Thời gian"
    if "linh vuc" in f:
        return "group"  # a column naming each row's area, often merged down its rows
    return None


# Roles a table may spread over several columns: budgets by source ("Tổng | Ngân sách xã | Nguồn khác"), a
# timeline by its start and its end.
REPEATED = ("budget", "budget_source", "timeline")


def header_roles(cells: list[str]) -> dict[int, str]:
    """Column index → role; each role once, except those a table may spread over several columns."""
    roles = {}
    for index, cell in enumerate(cells):
        role = column_role(cell)
        if role and (role not in roles.values() or role in REPEATED):
            roles[index] = role
    return roles


def is_task_header(cells: list[str]) -> bool:
    return _is_task_roles(header_roles(cells))


ITEM_ROLES = {"detail", "lead", "partners", "timeline", "output", "budget", "budget_source", "overseer", "monitor"}


def from_tables(doc: Document, tables=None) -> list[TaskRow]:
    tasks: list[TaskRow] = []
    columns: Columns | None = None
    group = None
    previous_was_group = False
    for table in doc.tables if tables is None else tables:
        rows = table.rows
        found = find_header(rows, header_roles, _is_task_roles)
        if found is not None:
            if columns is None or not same_header(found.header, columns.header):
                group = None  # a new table; the same header repeated on a new page keeps its group
            columns, start = found, found.start
        elif columns is not None and rows and len(rows[0]) == len(columns.header):
            start = 0  # no header: the same table continued on the next page keeps its columns
        else:
            continue
        roles, header = columns.roles, columns.header
        body = rows[start:]
        for k, row in enumerate(body):
            cells = [c or "" for c in row] + [""] * max(0, len(header) - len(row))
            if is_task_header(cells) or same_header(cells, header):
                continue
            title = section_title(cells, columns, ITEM_ROLES, body[k + 1] if k + 1 < len(body) else None)
            if title:
                # A section row cut by a page break ("III. XÃ HỘI" … "SỐ") is one heading.
                joined = previous_was_group and group and start == 0 and k == 0
                group = f"{group} {title}" if joined else title
                previous_was_group = True
                continue
            previous_was_group = False
            if not any(c.strip() for c in cells):
                continue
            values = {role: cells[i] for i, role in roles.items() if i < len(cells)}
            index = values.get("index", "").strip()
            name = clean_cell(values.get("name", ""))
            if tasks and not index and (not name or name[:1].islower()) and "index" in roles.values():
                if not _is_header_overflow(cells, header):
                    _continue_task(tasks[-1], roles, cells)
                continue
            if not name:
                continue
            if is_total_label(name):
                continue  # "Tổng cộng": the table's total, no task
            tasks.append(_task_from_cells(doc, table, group, columns, cells))
    return tasks


def _is_task_roles(roles: dict[int, str]) -> bool:
    found = set(roles.values())
    return "name" in found and len(found & {"lead", "timeline", "output", "budget", "detail", "partners"}) >= 2


def _is_header_overflow(cells: list[str], header: list[str]) -> bool:
    """The end of a header cut by a page break ("hiện" of "Thời gian thực hiện") is no task text."""
    pairs = [(fold(c), fold(h)) for c, h in zip(cells, header) if c.strip()]
    return bool(pairs) and all(h.replace(" ", "").endswith(c.replace(" ", "")) for c, h in pairs)


def _budget(columns: Columns, cells: list[str]) -> tuple[float | None, str | None]:
    """A budget spread over columns by source is their sum; a "Tổng" column among them is the budget itself."""
    value, source = None, None
    budget_columns = [i for i, role in columns.roles.items() if role == "budget" and i < len(cells)]
    total = [i for i in budget_columns if re.search(r"\btong\b|\bcong\b", fold(columns.header[i]))]
    for i in total or budget_columns:
        number = parse_number(clean_cell(cells[i]).replace(" ", ""))
        if number is not None:
            value = float(number) if value is None else value + float(number)
            if total:
                break
    for i, role in columns.roles.items():
        if role == "budget_source" and i < len(cells) and clean_cell(cells[i]):
            source = clean_cell(cells[i])
    return value, source


def _task_from_cells(doc, table, group, columns: Columns, cells) -> TaskRow:
    roles = columns.roles
    values = {role: clean_cell(cells[i]) for i, role in roles.items() if i < len(cells)}
    values["timeline"] = " - ".join(dict.fromkeys(clean_cell(cells[i]) for i, r in roles.items()
                                                  if r == "timeline" and i < len(cells) and clean_cell(cells[i])))
    budget, source = _budget(columns, cells)
    warnings = []
    raw_budget = " ".join(clean_cell(cells[i]) for i, r in roles.items() if r == "budget" and i < len(cells)).strip()
    if raw_budget and budget is None:
        warnings.append(f"Không đọc được kinh phí “{raw_budget}”; giữ nguyên để cán bộ sửa.")
    task = TaskRow(
        group=values.get("group") or group,
        name=values.get("name", ""),
        detail=values.get("detail") or None,
        lead=values.get("lead") or None,
        partners=_partners(next((cells[i] for i, r in roles.items() if r == "partners" and i < len(cells)), "")),
        timeline=values.get("timeline") or None,
        output=values.get("output") or None,
        budget_million_vnd=budget,
        budget_source=source,
        overseer=values.get("overseer") or None,
        monitor=values.get("monitor") or None,
        source=Source(doc.where(table), " | ".join(clean_cell(c) for c in cells if c.strip())),
        warnings=warnings,
    )
    if not task.lead:
        task.warnings.append("Thiếu đơn vị chủ trì.")
    if not task.timeline:
        task.warnings.append("Thiếu thời gian thực hiện.")
    return task


def _continue_task(task: TaskRow, roles: dict[int, str], cells: list[str]):
    """A row broken across lines or pages: its pieces are appended to the task above."""
    for i, role in roles.items():
        if i >= len(cells) or role in ("index", "budget", "partners") or not clean_cell(cells[i]):
            continue
        piece = clean_cell(cells[i])
        current = getattr(task, role, None) if role in TEXT_FIELDS else None
        if role in TEXT_FIELDS:
            setattr(task, role, f"{current} {piece}".strip() if current else piece)


def _partners(text: str) -> list[str]:
    """Units as the cell lists them: one per line, or separated by ";". A line that starts in lower case is the
    previous unit's name wrapped by a narrow column ("Chi nhánh Văn phòng đăng ký" / "đất đai"). Where a ";" stands
    inside a line, ";" is what separates the units and every line break is a wrap, whatever case follows it
    ("Bưu điện phường; Hội" / "Liên hiệp Phụ nữ phường")."""
    text = text or ""
    if any(";" in line.rstrip().rstrip(";") for line in text.split("\n")):
        text = " ".join(text.split("\n"))
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and line.strip()[:1].islower():
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    pieces = [piece for line in lines for piece in re.split(r"\s*;\s*", line)]
    return [clean_cell(p) for p in pieces if clean_cell(p)]


# Tables flattened into lines by a PDF-to-text tool ----------------------------------------------

_UNIT_HEAD = re.compile(
    r"^(UBND|Ủy ban|Uỷ ban|Phòng|Văn phòng|Trung tâm|Công an|Trạm|Ban|Tổ|Đoàn|Hội|Các\s|Trường|Bộ phận|Công chức)",
)


def from_flat_lines(doc: Document) -> list[TaskRow]:
    """Rebuild a task table from a text file where each cell's lines follow one another."""
    lines = doc.raw_lines
    for start, line in enumerate(lines):
        if re.match(r"^\s*(STT|TT)\s+\S", line):
            header_lines, j = [], start
            while j < len(lines) and not re.fullmatch(r"\s*1\s*", lines[j]):
                header_lines.append(lines[j])
                j += 1
            header = squash(" ".join(header_lines))
            order = _roles_in_order(header)
            if "name" in order and ("lead" in order or "output" in order):
                return _flat_rows(doc, lines, j, order)
    return []


def _roles_in_order(header: str) -> list[str]:
    f = fold(header)
    found = []
    for role, stems in ROLE_RULES + [("index", ("stt",))]:
        for stem in stems:
            for m in re.finditer(re.escape(stem), f):
                found.append((m.start(), role))
    found.sort()
    order: list[str] = []
    last_pos = -10
    for pos, role in found:
        if order and order[-1] == role:
            continue
        if role == "budget_source" and order and order[-1] == "budget":
            order.append(role)
            continue
        if pos - last_pos < 3:
            continue
        if role in order and role not in ("budget", "budget_source"):
            continue
        order.append(role)
        last_pos = pos
    return [r for r in order if r != "index"]


def _flat_rows(doc: Document, lines: list[str], start: int, order: list[str]) -> list[TaskRow]:
    rows: list[tuple[int, list[tuple[str, bool]]]] = []
    expected = 1
    current: list[tuple[str, bool]] | None = None
    gap = False
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip():
            gap = gap or (line != "" and line.isspace())
            continue
        if re.fullmatch(rf"\s*{expected}\s*", line):
            current = []
            rows.append((number + 1, current))
            expected += 1
            gap = False
            continue
        if current is not None:
            current.append((line, gap))
        gap = False
    text_roles = [r for r in order[: order.index("lead")] if r in ("name", "detail", "output")] if "lead" in order else ["name"]
    tasks = []
    for line_no, cells in rows:
        task = _flat_task(cells, text_roles)
        if task:
            task.source = Source(f"dòng {line_no}", squash(" ".join(t for t, _ in cells))[:300])
            tasks.append(task)
    return tasks


def _flat_task(cells: list[tuple[str, bool]], text_roles: list[str]) -> TaskRow | None:
    lead_at = next((i for i, (t, _) in enumerate(cells) if i >= 1 and _UNIT_HEAD.match(t.strip()) and len(t.strip()) <= 25), None)
    body = cells if lead_at is None else cells[:lead_at]
    tail = [] if lead_at is None else cells[lead_at:]
    texts = _split_cells(body, len(text_roles))
    values = dict(zip(text_roles, texts))
    lead_parts, numbers, notes = [], [], []
    for text, _ in tail:
        for piece in re.split(r"\s{2,}", text.strip()):
            if not piece:
                continue
            number = parse_number(piece)
            if number is not None:
                numbers.append(float(number))
            elif not numbers and len(piece) <= 25 and (not lead_parts or len(lead_parts) < 3):
                lead_parts.append(piece)
            else:
                notes.append(piece)
    name = values.get("name")
    if not name:
        return None
    return TaskRow(
        group=None, name=name, detail=values.get("detail") or None, lead=squash(" ".join(lead_parts)) or None,
        output=values.get("output") or None, budget_million_vnd=numbers[0] if numbers else None,
    )


def _split_cells(lines: list[tuple[str, bool]], count: int) -> list[str]:
    """Cut a run of lines into `count` cells at the likeliest cell boundaries."""
    texts = [t.strip() for t, _ in lines]
    if count <= 1 or len(texts) <= 1:
        return [_join(texts)] + [""] * (count - 1)
    scores = [_boundary_score(lines, i) for i in range(len(texts))]
    best, best_cut = -1.0, ()
    for cut in combinations(range(1, len(texts)), min(count - 1, len(texts) - 1)):
        total = sum(scores[i] for i in cut)
        if total > best:
            best, best_cut = total, cut
    # A cut inside a sentence (next line in lower case) is no cell boundary: that cell was empty.
    cut = [i for i in best_cut if scores[i] > 0]
    bounds = [0, *cut, len(texts)]
    cells = [_join(texts[a:b]) for a, b in zip(bounds, bounds[1:])]
    if len(cells) < count:
        # Which middle cell is empty cannot be told from flattened text: the last one (the output,
        # which the "6 rõ" asks for) is kept filled.
        cells = cells[:-1] + [""] * (count - len(cells)) + cells[-1:]
    return cells


def _boundary_score(lines: list[tuple[str, bool]], i: int) -> float:
    if i == 0:
        return 0.0
    text, gap = lines[i]
    prev = lines[i - 1][0].strip()
    stripped = text.strip()
    score = 3.0 if gap else 0.0
    if text.startswith(" ") and not lines[i - 1][0].startswith(" "):
        score += 1.0
    bullet = stripped.startswith(("- ", "+ ", "• "))
    prev_bullet_run = any(lines[k][0].strip().startswith(("- ", "+ ", "• ")) for k in range(max(0, i - 6), i))
    if bullet:
        score += 0.8 if prev_bullet_run else 2.0
    elif stripped[:1].isupper():
        score += 1.5 if re.search(r"[.:;]$", prev) else 1.0
    elif stripped[:1].islower():
        score -= 2.0
    return score


def _join(texts: list[str]) -> str:
    parts = [re.sub(r"^[-+•]\s*", "", t).strip() for t in texts if t.strip()]
    return squash(" ".join(parts))


# Tasks written in the body -------------------------------------------------------------------

_ATTRIBUTES = [
    ("lead", r"(?:(?:đơn vị|cơ quan)\s+)?chủ\s+trì"),
    ("partners", r"(?:(?:đơn vị|cơ quan)\s+)?phối\s+hợp"),
    ("detail", r"nội\s+dung(?:\s+(?:chi tiết|thực hiện|cụ thể))?"),
    ("timeline", r"thời\s+(?:gian|hạn)(?:\s+(?:hoàn\s+thành|thực\s+hiện))?|tiến\s+độ"),
    ("output", r"sản\s+phẩm(?:\s+đầu\s+ra)?|kết\s+quả(?:\s+đầu\s+ra)?"),
    ("budget", r"kinh\s+phí(?:\s+dự\s+kiến)?"),
    ("budget_source", r"nguồn(?:\s+kinh\s+phí)?"),
]
_ATTRIBUTE = re.compile(
    r"(?:^|[+\-•;]\s*|\s)(" + "|".join(f"(?P<{role}>{pattern})" for role, pattern in _ATTRIBUTES) + r")\s*:\s*",
    re.IGNORECASE,
)


def from_body(doc: Document, paragraphs: list[Paragraph]) -> list[TaskRow]:
    """Tasks given as a paragraph followed by "+ Đơn vị chủ trì: …", "+ Thời gian hoàn thành: …"."""
    tasks: list[TaskRow] = []
    previous: Paragraph | None = None
    current: TaskRow | None = None
    for p in paragraphs:
        matches = list(_ATTRIBUTE.finditer(p.text))
        if not matches:
            previous, current = p, None
            continue
        head = p.text[: matches[0].start()].strip(" +-•:;.")
        if current is not None and head and _wrapped(previous, head):
            _set_attribute(current, last_role, f"{last_value} {head}")
            head = ""
        if current is None or head:
            name_source = head or (previous.text if previous else "")
            if not name_source:
                continue
            current = TaskRow(group=None, name=heading_text(name_source) or name_source,
                              source=Source(doc.where(p), p.text))
            tasks.append(current)
        for k, m in enumerate(matches):
            last_role = next(r for r, _ in _ATTRIBUTES if m.group(r))
            end = matches[k + 1].start() if k + 1 < len(matches) else len(p.text)
            last_value = p.text[m.end():end].strip(" +;.")
            _set_attribute(current, last_role, last_value)
        previous = p
    return [t for t in tasks if t.lead or t.timeline]


def _wrapped(previous: Paragraph | None, head: str) -> bool:
    """"Thời gian: Quý" then "II/2025. Sản phẩm: …": a value the line break cut, not a new task's name.

    The line before stops mid-sentence; the words before the next label are few, carry no numbering, and hold a
    number or start in lower case (a short task name, "Tập huấn kỹ năng số. Chủ trì: …", does neither)."""
    return bool(
        previous is not None
        and not re.search(r"[.;:!?)]\s*$", previous.text)
        and len(head.split()) <= 4
        and (re.search(r"\d", head) or head[:1].islower())
        and not re.match(r"(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|nhiệm\s+vụ\b)", head, re.IGNORECASE)
    )


def _set_attribute(task: TaskRow, role: str, value: str) -> None:
    if role == "budget":
        # "60 triệu đồng (ngân sách phường 20 triệu đồng, xã hội hóa 40 triệu đồng)": the first amount is the total
        amount = re.match(r"\s*(\d[\d.,]*)\s*(?:triệu\s*đồng|triệu|tr\.?đ)?\.?(?:\s*\(.*\))?\s*$", value,
                          re.IGNORECASE)
        number = parse_number(amount.group(1)) if amount else None
        task.budget_million_vnd = float(number) if number is not None else None
    elif role == "partners":
        task.partners = _partners(value)
    else:
        setattr(task, role, value or None)
