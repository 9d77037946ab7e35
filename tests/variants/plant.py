"""Plant one known mistake into a clean plan text, in one of many surface forms, at a random place.

The rule the checker is held to: planting one mistake adds exactly one finding of its kind, whose quote locates it
(the quote holds the planted words, or they hold the quote), and changes no other finding. Each kind has many forms,
written as communes write them, none copied from a sample plan.

Works on the text of a .md/.txt plan: a planted sentence goes in as a bullet of its own (blank lines around it), so
it does not change how the paragraphs around it are read; edits inside a line change only that line.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from xaso.core import communes
from xaso.core.text import fold

OTHER_COMMUNES = ["Hòa Bình", "Tân Phú", "Yên Sơn", "Đông Hưng", "Quang Trung", "Phước Long", "Thạch Hà",
                  "Minh Khai", "Cẩm Xuyên", "Sơn Thủy", "Bình Lục", "Ea Súp"]


@dataclass
class Planted:
    kind: str  # the checker kind expected
    form: str  # which surface form was used
    text: str  # the document with the mistake
    marker: str  # words of the planted mistake a finding's quote must share


@dataclass
class Meta:
    plan_year: int
    commune: str
    avoid: tuple[str, ...] = ()  # folded quotes of the mistakes the text already has: no planting beside them
    kind: str = communes.XA  # the issuer's kind: a phường's plan names a neighbour "phường …" as often as "xã …"


# --- Where things are -------------------------------------------------------------------------------------------

_TABLE = re.compile(r"\t|^\s*\|")
_HEADING_NUMBER = re.compile(r"^(\s*(?:#+\s*)?\**\s*)((?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?[IVX\d]+|[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*"
                             r"|[a-zđ])(\s*[.):]\s*)(?=[^\d\s%])")


_CITING = re.compile(r"^\W*(?:Căn cứ|Thực hiện|Kế hoạch|Quyết định|Nghị quyết|Công văn|Hướng dẫn|Chỉ thị)\b")
_ATTRIBUTE = re.compile(r"^\W*(?:Đơn vị|Cơ quan|Thời gian|Thời hạn|Sản phẩm|Kinh phí|Nguồn|Kết quả)[^:]{0,30}:")


def _is_prose(line: str) -> bool:
    """A paragraph of running text: not a heading, a table row, a citation or a task's attribute line."""
    text = line.strip().strip("*").strip()
    return (len(text) > 60 and not _TABLE.search(line) and text[-1:] in ".;:" and not _CITING.match(text)
            and not _ATTRIBUTE.match(text) and not re.search(r"\d", text[:4]))


def _paragraph_ends(lines: list[str], start: int, stop: int) -> list[int]:
    """Indexes of lines that end a prose paragraph (the next line is blank or the end), and are not followed by a
    task's attribute lines (a sentence put there would become the task's name)."""
    ends = []
    for i in range(start, min(stop, len(lines))):
        if not _is_prose(lines[i]) or (i + 1 < len(lines) and lines[i + 1].strip()):
            continue
        following = next((line for line in lines[i + 1:] if line.strip()), "")
        if not _ATTRIBUTE.match(following.strip()):
            ends.append(i)
    return ends


def _part2_start(lines: list[str], year: int) -> int:
    """The first line of the plan for `year` (its Part II), or 0 when the text has no parts."""
    for i, line in enumerate(lines):
        f = fold(line).strip("#* ")
        if _looks_heading(line) and (re.match(r"phan\s+(?:ii|2|thu hai)\b", f) or re.match(r"b\.\s", f)):
            return i
    return 0


def _signature(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if fold(line).strip(" *:").startswith("noi nhan"):
            return i
    return len(lines)


def _insert(lines: list[str], after: int, sentence: str) -> str:
    return "\n".join(lines[: after + 1] + ["", f"- {sentence}", ""] + lines[after + 1:]) + "\n"


def _vn(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- Arithmetic -------------------------------------------------------------------------------------------------

_NOUNS = [("hộ gia đình", "có tài khoản thanh toán điện tử"), ("hồ sơ", "được giải quyết trực tuyến"),
          ("thôn", "có điểm Wi-Fi công cộng"), ("cán bộ, công chức", "được cấp chữ ký số"),
          ("học sinh", "có học bạ số"), ("người dân", "đã kích hoạt tài khoản định danh điện tử mức 2"),
          ("thửa đất", "được số hóa"), ("trường học", "thu học phí không dùng tiền mặt")]
_ARITHMETIC_FORMS = {
    "ratio_words_dat": "{a}/{b} {noun} {what}, đạt {x}%.",
    "ratio_dat_ty_le": "Có {a}/{b} {noun} {what}, đạt tỷ lệ {x}%.",
    "ratio_paren": "{a}/{b} {noun} {what} (đạt {x}%).",
    "percent_paren_ratio": "Tỷ lệ {noun} {what} đạt {x}% ({a}/{b} {noun}).",
    "tren_tong_so": "Đã có {a} trên tổng số {b} {noun} {what}, đạt {x}%.",
    "trong_do_chiem": "Tổng số {noun} là {b}, trong đó {a} {noun} {what}, chiếm {x}%.",
    "ratio_equals": "Kết quả: {a}/{b} = {x}% {noun} {what}.",
    "ty_le_paren": "{Noun} {what} đạt tỷ lệ {x}% ({a}/{b}).",
    "long_gap": "{a}/{b} {noun} trên địa bàn xã sau khi được tuyên truyền, hướng dẫn tại nhà văn hóa {what}, đạt {x}%.",
}


def _ratio(rng: random.Random) -> tuple[str, str, float]:
    b = rng.choice([rng.randint(5, 40), rng.randint(100, 900), rng.randint(1000, 9000)])
    a = rng.randint(max(1, b // 3), b - 1)
    return _thousands(a) if a >= 1000 else str(a), _thousands(b) if b >= 1000 else str(b), a * 100 / b


def arithmetic_sentence(rng: random.Random, wrong: bool, form: str | None = None) -> tuple[str, str, str]:
    """(form, sentence, marker) of a ratio stated with its percentage: right, or off by 2–15 points."""
    form = form or rng.choice(list(_ARITHMETIC_FORMS))
    a, b, actual = _ratio(rng)
    decimals = rng.choice([0, 1, 2])
    shown = actual + rng.choice([-1, 1]) * rng.uniform(2, 15) if wrong else actual
    shown = min(max(shown, 0.5), 99.5) if wrong else shown
    if wrong and abs(shown - actual) < 2:
        shown = actual - 3 if actual > 10 else actual + 3
    x = _vn(round(shown, decimals), decimals) if decimals else str(int(round(shown)))
    noun, what = rng.choice(_NOUNS)
    sentence = _ARITHMETIC_FORMS[form].format(a=a, b=b, x=x, noun=noun, Noun=noun[:1].upper() + noun[1:], what=what)
    return form, sentence, f"{a}"


def plant_arithmetic(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    lines = text.split("\n")
    places = _paragraph_ends(lines, 0, _signature(lines))
    if not places:
        return None
    form, sentence, marker = arithmetic_sentence(rng, wrong=True)
    return Planted("arithmetic", form, _insert(lines, rng.choice(places), sentence), marker)


# --- Citations --------------------------------------------------------------------------------------------------

_CITE_KINDS = ["Kế hoạch", "Kế hoạch hành động", "Nghị quyết chuyên đề", "Quyết định", "Công văn", "Chương trình hành động",
               "Nghị quyết", "Hướng dẫn", "Thông báo kết luận"]
_CITE_NUMBERS = ["{n}/KH-UBND", "{n}-KH/ĐU", "{n}-NQ/ĐU", "{n}-KH/TU", "{n}/QĐ-UBND", "{n}/UBND-VHXH", "{n}-CTr/ĐU",
                 "{n}/HD-SKHCN", "{n}-TB/HU"]
_DATE_FORMS = ["ngày {d}/{m}/{y}", "ngày {d:02d}/{m}/{y}", "ngày {d} tháng {m} năm {y}", "ngày {d:02d}/{m:02d}/{y}"]


def plant_reference(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    """The same document cited twice: right the first time, with another date the second."""
    lines = text.split("\n")
    places = _paragraph_ends(lines, 0, _signature(lines))
    if len(places) < 2:
        return None
    first, second = sorted(rng.sample(places, 2))
    kind = rng.choice(_CITE_KINDS)
    number = rng.choice(_CITE_NUMBERS).format(n=rng.randint(3, 480))
    while re.search(rf"\b{re.escape(number)}", text):  # a number of its own: not another citation of a cited one
        number = rng.choice(_CITE_NUMBERS).format(n=rng.randint(500, 999))
    year = meta.plan_year - 1
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    d2, m2 = (m, d) if d != m and d <= 12 else (d, m % 12 + 1)  # day and month swapped, or the next month
    form = rng.randrange(len(_DATE_FORMS))
    date1 = _DATE_FORMS[form].format(d=d, m=m, y=year)
    date2 = _DATE_FORMS[rng.randrange(len(_DATE_FORMS))].format(d=d2, m=m2, y=year)
    issuer = rng.choice(["của Đảng ủy xã", "của UBND tỉnh", "của Ban Thường vụ Tỉnh ủy", "của Ban Chấp hành Đảng bộ xã"])
    subject = rng.choice(["về chuyển đổi số", "về thực hiện Nghị quyết số 57-NQ/TW", "về phát triển chính quyền số"])
    lines = _insert(lines, second, f"Triển khai thực hiện {kind} số {number}, {date2} {issuer} {subject}.").split("\n")
    text = _insert(lines, first, f"Căn cứ {kind} số {number} {date1} {issuer} {subject}.")
    return Planted("inconsistent_reference", f"{fold(kind).replace(' ', '_')}|{number.split('/')[-1]}", text,
                   date2.split(" ", 1)[1])


# --- Years ------------------------------------------------------------------------------------------------------

def plant_heading_year(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    """A heading that names the plan's year (or its Part I's) written with another year."""
    lines = text.split("\n")
    year, stop = meta.plan_year, _signature(lines)
    start = _part2_start(lines, year)
    candidates = [i for i in range(start, stop) if _looks_heading(lines[i]) and re.search(rf"\b{year}\b", lines[i])
                  and not re.search(r"20\d\d\s*[-–]\s*20\d\d", lines[i])]
    if candidates:
        i = rng.choice(candidates)
        wrong = rng.choice([year - 1, year + 1, year - 2])
        lines[i] = re.sub(rf"\b{year}\b", str(wrong), lines[i], count=1)
        return Planted("wrong_year", "heading_changed", "\n".join(lines), str(wrong))
    candidates = [i for i in range(start, stop) if _looks_heading(lines[i]) and re.search(r"MỤC TIÊU|NHIỆM VỤ", lines[i])
                  and not re.search(r"20\d\d", lines[i])]
    if not candidates:
        return None
    i = rng.choice(candidates)
    wrong = year - 1
    lines[i] = re.sub(r"(MỤC TIÊU|NHIỆM VỤ)", rf"\1 NĂM {wrong}", lines[i], count=1)
    return Planted("wrong_year", "heading_added", "\n".join(lines), str(wrong))


def _looks_heading(line: str) -> bool:
    text = line.strip().strip("#* ")
    return 0 < len(text) <= 120 and not _TABLE.search(line) and (
        line.strip().startswith(("#", "**")) or bool(_HEADING_NUMBER.match(line)) or text.isupper())


_DEADLINES = ["hoàn thành trong quý {q} năm {y}", "hoàn thành trước ngày 30/6/{y}", "thực hiện trong tháng 10/{y}",
              "hoàn thành trước tháng {mo}/{y}", "triển khai xong trong quý {q}/{y}", "trước ngày {d}/{mo}/{y}",
              "hoàn thành trước ngày {d} tháng {mo} năm {y}", "xong trước quý {q} năm {y}"]


def plant_deadline(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    """A deadline in the plan's own part that falls before the plan year."""
    lines = text.split("\n")
    year, stop = meta.plan_year, _signature(lines)
    start = _part2_start(lines, year)
    places = _paragraph_ends(lines, start, stop)
    if not places:
        return None
    wrong = year - rng.choice([1, 1, 2])
    deadline = rng.choice(_DEADLINES).format(q=rng.choice(["I", "II", "III", "IV"]), y=wrong, mo=rng.randint(3, 11),
                                             d=rng.randint(1, 28))
    subject = rng.choice(["Rà soát, cập nhật danh mục thủ tục hành chính trên Cổng dịch vụ công",
                          "Tỷ lệ hồ sơ được số hóa đạt 100%", "Lắp đặt hệ thống camera giám sát tại trung tâm xã",
                          "Tổ chức 02 lớp tập huấn kỹ năng số cho cán bộ"])
    sentence = f"{subject}, {deadline}."
    return Planted("wrong_year", "deadline", _insert(lines, rng.choice(places), sentence), str(wrong))


# --- Targets ----------------------------------------------------------------------------------------------------

_OVER = ["Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt {v}%", "{v}% hộ gia đình có kết nối Internet cáp quang",
         "Phấn đấu {v}% cán bộ, công chức sử dụng chữ ký số", "Có ít nhất {v}% người dân có tài khoản định danh điện tử",
         "Tỷ lệ thôn có Tổ công nghệ số cộng đồng hoạt động hiệu quả đạt trên {v}%"]


def plant_over_hundred(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    lines = text.split("\n")
    start = _part2_start(lines, meta.plan_year)
    places = _paragraph_ends(lines, start, _signature(lines))
    if not places:
        return None
    value = rng.choice(["105", "110", "120", "150", "101", "102,5"])
    template = rng.choice(_OVER)
    sentence = template.format(v=value) + "."
    return Planted("target", f"over_100|{_OVER.index(template)}", _insert(lines, rng.choice(places), sentence),
                   f"{value}%")


# --- Numbering --------------------------------------------------------------------------------------------------

def plant_numbering(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    """One numbered heading or item given the number after its own (a skip) or before it (a repeat)."""
    lines = text.split("\n")
    numbered = [(i, m) for i, line in enumerate(lines[: _signature(lines)]) if (m := _HEADING_NUMBER.match(line))
                and not _TABLE.search(line)]
    styles = [_style(m.group(2)) for _, m in numbered]
    flagged = {k for k, (i, _) in enumerate(numbered)
               if any(quote[:30] and quote[:30] in fold(lines[i].strip("#* ")) for quote in meta.avoid)}

    def near_flagged(k: int) -> bool:  # within two items of the same style of a mistake already there
        same = [j for j in range(len(numbered)) if styles[j] == styles[k]]
        at = same.index(k)
        return any(j in flagged for j in same[max(0, at - 2): at + 3])

    numbered = [item for k, item in enumerate(numbered) if not near_flagged(k)]
    if not numbered:
        return None
    i, m = rng.choice(numbered)
    label = m.group(2)
    new = _shift(label, rng.choice([1, -1]))
    if new is None or new == label:
        new = _shift(label, 1)
    if new is None:
        return None
    lines[i] = m.group(1) + new + m.group(3) + lines[i][m.end():]
    return Planted("numbering", _style(label), "\n".join(lines), re.sub(r"\*+", "", lines[i]).strip("#* ")[:40])


def _style(label: str) -> str:
    if fold(label).startswith("phan"):
        return "part"
    if re.fullmatch(r"[IVX]+", label):
        return "roman"
    if "." in label:
        return "decimal"
    return "arabic" if label.isdigit() else "alpha"


_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_LETTERS = "abcdđeghiklmnopq"


def _shift(label: str, step: int) -> str | None:
    if m := re.fullmatch(r"((?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?)([IVX\d]+)", label):
        value = int(m.group(2)) if m.group(2).isdigit() else _ROMANS.index(m.group(2)) + 1 if m.group(2) in _ROMANS else 0
        value += step
        if value < 1 or "thứ" in fold(m.group(1)):
            return None
        return m.group(1) + (str(value) if m.group(2).isdigit() else _ROMANS[value - 1])
    if label in _ROMANS:
        value = _ROMANS.index(label) + 1 + step
        return _ROMANS[value - 1] if 1 <= value <= len(_ROMANS) else None
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", label):
        parts = label.split(".")
        last = int(parts[-1]) + step
        return ".".join(parts[:-1] + [str(last)]) if last >= 1 else None
    if label in _LETTERS:
        value = _LETTERS.index(label) + step
        return _LETTERS[value] if 0 <= value < len(_LETTERS) else None
    return None


# --- Another commune's name --------------------------------------------------------------------------------------

_NAME_FORMS = ["trên địa bàn {k} {c}", "UBND {k} {c}", "Nhân dân {k} {c}", "các thôn của {k} {c}", "Đảng ủy {k} {c}",
               "người dân {k} {c}", "cán bộ, công chức {k} {c}"]


def plant_name(text: str, meta: Meta, rng: random.Random) -> Planted | None:
    lines = text.split("\n")
    places = [i for i in range(len(lines[: _signature(lines)])) if _is_prose(lines[i])
              and not re.search(r"sáp nhập|hợp nhất|(?:xã|phường|đặc khu) cũ|giáp|liền kề", lines[i], re.IGNORECASE)
              and not any(quote[:30] in fold(lines[i]) for quote in meta.avoid)]
    if not places:
        return None
    other = rng.choice([c for c in OTHER_COMMUNES if fold(c) != fold(meta.commune)])
    word = communes.label(rng.choice([meta.kind, meta.kind, communes.XA, communes.PHUONG]))
    phrase = rng.choice(_NAME_FORMS).format(k=word, c=other)
    i = rng.choice(places)
    line = lines[i]
    own = re.search(rf"{communes.WORD}\s+{re.escape(meta.commune)}", line)
    if own and rng.random() < 0.5:
        lines[i] = line[: own.start()] + f"{word} {other}" + line[own.end():]
        form = "replaced"
    else:
        cut = line.rstrip().rstrip(".;:")
        lines[i] = f"{cut} {phrase}{line.rstrip()[len(cut):]}"
        form = phrase.split(f" {word} ")[0].split()[0].lower()
    return Planted("wrong_name", form, "\n".join(lines), other)


# --- Contradictions inside one plan -----------------------------------------------------------------------------

def plant_contradiction(text: str, meta: Meta, rng: random.Random, statements: list[tuple[str, float]]) -> Planted | None:
    """An indicator stated again elsewhere in the plan with another target: ("Tỷ lệ … đạt 95%", 95) → "… đạt 90%"."""
    lines = text.split("\n")
    usable = [(s, v) for s, v in statements if re.search(r"\d+(?:,\d+)?\s*%", s) and v and v >= 20
              and not re.search(r"\d\s*%?\s*(?:-|–|đến)\s*\d", s)]  # a range: its lower end is the target
    if not usable:
        return None
    statement, value = rng.choice(usable)
    stated_at = next((i for i, line in enumerate(lines) if statement[:40] in line), None)
    if stated_at is None:
        return None
    places = _paragraph_ends(lines, stated_at + 1, _signature(lines))  # later in the plan: its tasks, its solutions
    if not places:
        return None
    other = value - rng.choice([5, 10, 15, 20]) if value > 30 else value + 10
    written = str(int(other)) if other == int(other) else _vn(other, 1)
    restated = re.sub(r"\d+(?:,\d+)?(\s*%)", lambda m: written + m.group(1), statement, count=1)
    lead = rng.choice(["Phấn đấu đến cuối năm, ", "Trong năm, ", "", "Mục tiêu năm nay: "])
    sentence = lead + (restated[:1].lower() + restated[1:] if lead else restated) + "."
    return Planted("contradiction", "target_restated", _insert(lines, rng.choice(places), sentence), f"{written}%")


PLANTERS = {
    "arithmetic": plant_arithmetic,
    "inconsistent_reference": plant_reference,
    "wrong_year": plant_heading_year,
    "deadline": plant_deadline,
    "target": plant_over_hundred,
    "numbering": plant_numbering,
    "wrong_name": plant_name,
}
