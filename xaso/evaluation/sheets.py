"""An evaluation index as a sheet of rows: read from an officer's .xlsx (or the project's example, a tab-separated
text file), checked row by row, and written back as an .xlsx the same reader takes again.

One sheet; a header row naming the columns (Nhóm, Mã, Tiêu chí, Cách tính điểm, Điểm tối đa, Cần minh chứng,
Từ khóa chỉ tiêu, Lĩnh vực), in any order; a title above it may name the index. An empty "Nhóm" cell continues the
group above (a merged cell reads so). Every bad row is reported with its row number, and nothing is kept unless
every row is good. No Django here: the app stores what `read_rows` returns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from xaso.core import areas
from xaso.core.cells import append_row, sheet_title
from xaso.core.numbers import parse_number
from xaso.core.scoring import RuleError, parse_for
from xaso.core.text import fold

# Column → the header words it is known by (folded), first the one written on export.
COLUMNS = {
    "group": ("Nhóm", "nhom", "nhom chi so", "linh vuc danh gia"),
    "code": ("Mã", "ma", "ma tieu chi", "stt", "ma so"),
    "name": ("Tiêu chí", "tieu chi", "chi so", "noi dung", "ten tieu chi", "chi so thanh phan"),
    "rule": ("Cách tính điểm", "cach tinh diem", "cach tinh", "quy tac", "quy tac cham diem", "thang diem"),
    "max": ("Điểm tối đa", "diem toi da", "diem", "diem chuan", "so diem toi da"),
    "evidence": ("Cần minh chứng", "can minh chung", "minh chung", "yeu cau minh chung"),
    "keywords": ("Từ khóa chỉ tiêu", "tu khoa chi tieu", "tu khoa", "lay so lieu tu chi tieu"),
    "area": ("Lĩnh vực", "linh vuc", "linh vuc chi tieu"),
}
REQUIRED = ("group", "code", "name", "rule", "max")
YES_WORDS, NO_WORDS = {"co", "x", "yes", "1", "can", "bat buoc"}, {"", "khong", "no", "0", "-"}
AREA_OF = {fold(label): code for code, label in areas.AREAS} | {code: code for code, _ in areas.AREAS}
MAX_ROWS = 500


@dataclass
class ComponentRow:
    row: int
    code: str
    name: str
    rule: str  # canonical text (xaso.core.scoring.Rule.text)
    max_points: Decimal
    evidence_required: bool = False
    keywords: str = ""
    area: str = ""


@dataclass
class SheetIndex:
    name: str = ""
    groups: list[tuple[str, list[ComponentRow]]] = field(default_factory=list)

    @property
    def components(self) -> list[ComponentRow]:
        return [c for _, rows in self.groups for c in rows]


class SheetError(ValueError):
    """Every bad row of a sheet, each a Vietnamese line starting with its row number."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _number(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return parse_number(_text(value))


def _header(rows: list[tuple[int, list]]) -> tuple[int, dict[str, int]] | None:
    """The header row's position in `rows` and each column's place, found by the headers' words."""
    for at, (_, cells) in enumerate(rows[:30]):
        places: dict[str, int] = {}
        for i, cell in enumerate(cells):
            words = fold(_text(cell)).strip(" :*")
            for column, names in COLUMNS.items():
                if column not in places and words in [fold(n) for n in names]:
                    places[column] = i
        if all(c in places for c in ("code", "name", "rule")):
            return at, places
    return None


def read_rows(rows: list[tuple[int, list]]) -> SheetIndex:
    """`rows`: (row number as the spreadsheet shows it, cells). Raises SheetError listing every bad row."""
    found = _header(rows)
    if found is None:
        raise SheetError(["Không tìm thấy dòng tiêu đề cột: bảng cần các cột “Nhóm”, “Mã”, “Tiêu chí”, "
                          "“Cách tính điểm”, “Điểm tối đa” (và nếu có: “Cần minh chứng”, “Từ khóa chỉ tiêu”, “Lĩnh vực”)."])
    at, places = found
    missing = [COLUMNS[c][0] for c in REQUIRED if c not in places]
    if missing:
        raise SheetError([f"Dòng {rows[at][0]}: thiếu cột " + ", ".join(f"“{m}”" for m in missing) + "."])
    sheet = SheetIndex(name=next((_text(c) for _, cells in rows[:at] for c in cells if _text(c)), ""))
    problems: list[str] = []
    seen: dict[str, int] = {}
    group = ""
    for number, cells in rows[at + 1:]:
        cell = lambda column: cells[places[column]] if column in places and places[column] < len(cells) else None  # noqa: E731
        if not any(_text(c) for c in cells):
            continue
        if len(sheet.components) + len(problems) >= MAX_ROWS:
            problems.append(f"Bảng quá dài: bộ chỉ số có tối đa {MAX_ROWS} tiêu chí.")
            break
        wrong: list[str] = []
        group = _text(cell("group")) or group
        code, name, rule_text = _text(cell("code")), _text(cell("name")), _text(cell("rule"))
        if not group:
            wrong.append("chưa ghi nhóm")
        if not code:
            wrong.append("chưa ghi mã tiêu chí")
        elif len(code) > 20:
            wrong.append("mã tiêu chí dài quá 20 ký tự")
        elif code in seen:
            wrong.append(f"mã “{code}” trùng với dòng {seen[code]}")
        if not name:
            wrong.append("chưa ghi tên tiêu chí")
        maximum = _number(cell("max"))
        if maximum is None or maximum <= 0 or maximum > Decimal("1000") or maximum != round(maximum, 2):
            wrong.append(f"điểm tối đa “{_text(cell('max'))}” phải là số lớn hơn 0, tối đa 1.000, "
                         "không quá 2 chữ số sau dấu phẩy")
            maximum = None
        rule = None
        try:
            rule = parse_for(rule_text, maximum) if maximum is not None else None
        except RuleError as error:
            wrong.append(error.message[0].lower() + error.message[1:].rstrip("."))
        evidence = fold(_text(cell("evidence")))
        if evidence not in YES_WORDS | NO_WORDS:
            wrong.append(f"cột “Cần minh chứng” ghi “{_text(cell('evidence'))}”: hãy ghi “có” hoặc “không”")
        area_text = fold(_text(cell("area")))
        if area_text and area_text not in AREA_OF:
            wrong.append(f"lĩnh vực “{_text(cell('area'))}” không có trong danh sách lĩnh vực của xaso")
        if len(_text(cell("keywords"))) > 300:
            wrong.append("từ khóa chỉ tiêu dài quá 300 ký tự")
        if code and code not in seen:
            seen[code] = number
        if wrong:
            problems.append(f"Dòng {number}: " + "; ".join(wrong) + ".")
            continue
        component = ComponentRow(number, code, name, rule.text, maximum, evidence in YES_WORDS,
                                 _text(cell("keywords")), AREA_OF.get(area_text, ""))
        if sheet.groups and sheet.groups[-1][0] == group:
            sheet.groups[-1][1].append(component)
        elif any(name == group for name, _ in sheet.groups):
            problems.append(f"Dòng {number}: nhóm “{group}” đã có ở trên; các tiêu chí của một nhóm phải liền nhau.")
        else:
            sheet.groups.append((group, [component]))
    if not problems and not sheet.components:
        problems.append("Bảng chưa có tiêu chí nào dưới dòng tiêu đề cột.")
    if problems:
        raise SheetError(problems)
    return sheet


def read_xlsx(data: bytes) -> SheetIndex:
    """The first sheet of an .xlsx checked already by xaso.documents.uploads.check_upload."""
    from xaso.documents.xlsx import open_read_only

    workbook = open_read_only(data)
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 40:
                break
            rows.append((number, list(cells)[:20]))
    finally:
        workbook.close()
    return read_rows(rows)


def read_text(text: str) -> SheetIndex:
    """A tab-separated sheet (the project's example index), lines numbered from 1; lines starting with # are notes."""
    rows = [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    return read_rows(rows)


def write_xlsx(name: str, groups: list[tuple[str, list[ComponentRow]]]) -> bytes:
    """The index as the officer imports it: a title row, the header, one row per component; read_xlsx reads it back."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    labels = dict(areas.AREAS)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title("Bộ chỉ số")
    append_row(sheet, [name])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [names[0] for names in COLUMNS.values()])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for group, rows in groups:
        for c in rows:
            append_row(sheet, [group, c.code, c.name, c.rule, c.max_points, "có" if c.evidence_required else "không",
                               c.keywords, labels.get(c.area, "")])
            sheet.cell(sheet.max_row, 5).number_format = "0.##"
    for letter, width in zip("ABCDEFGH", (26, 8, 60, 36, 11, 14, 28, 22)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
