"""Who issued the plan and for when: commune, province, plan year, assessed year, signer."""

from __future__ import annotations

import re
from collections import Counter

from xaso.core import communes
from xaso.core.text import fold
from xaso.documents import Paragraph

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_WORD = rf"[{_UPPER}][^\s,.;:()\"“”/]*"
NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_STOP = {"năm", "giai", "về", "tỉnh", "thành", "huyện", "ngày", "số", "kế", "đến", "trong", "và", "theo"}
_COMMUNE = re.compile(rf"\b({communes.WORD})\s+({NAME})")  # "xã Hà Long", "PHƯỜNG BẾN NGHÉ", "Đặc khu Phú Quốc"
_PROVINCE = re.compile(rf"\b(?:tỉnh|TỈNH|Tỉnh)\s+({NAME})")
_CITY = re.compile(rf"\b(?:thành phố|THÀNH PHỐ|Thành phố|TP\.?)\s+({NAME})")
_YEAR = re.compile(r"\b(?:năm|NĂM|Năm)\s+(20\d{2})\b")
_SIGN_TITLE = re.compile(r"^(?:TM\.|KT\.|Q\.|TL\.)?\s*(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\b", re.IGNORECASE)
_PERSON = re.compile(rf"^{_WORD}(?:\s+{_WORD}){{1,4}}$")


def tidy_name(name: str) -> str:
    """A place name as captured ("HÀ LONG NĂM", "Yên Lạc về"): cut at the first non-name word, all-caps title-cased."""
    words = []
    for word in name.split():
        if word.lower() in _STOP:
            break
        words.append(word)
    name = " ".join(words)
    return name.title() if name.isupper() else name


def title_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The title: the lines from "KẾ HOẠCH" up to the first body paragraph, near the top."""
    for i, p in enumerate(paragraphs[:40]):
        if fold(p.text).startswith("ke hoach") and len(p.text) < 200:
            return paragraphs[i: i + 3]
    return paragraphs[:5]


def commune(paragraphs: list[Paragraph]) -> str | None:
    return commune_and_kind(paragraphs)[0]


def commune_and_kind(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """The issuing commune's name and its kind (xaso.core.communes: "PHƯỜNG BẾN NGHÉ" → ("Bến Nghé", "phuong")):
    from the title, else the header ("ỦY BAN NHÂN DÂN PHƯỜNG …", or the place line "Bến Nghé, ngày …", which names
    no kind: the header's kind, where the header names one), else the name the document repeats most."""
    for p in title_paragraphs(paragraphs):
        if m := _COMMUNE.search(p.text):
            if name := tidy_name(m.group(2)):
                return name, communes.kind_of(m.group(1))
    for p in paragraphs[:15]:
        if m := re.match(rf"^({NAME}),\s*ngày", p.text.strip()):
            name = tidy_name(m.group(1))
            return name, _kind_named(paragraphs[:15], name)
        if m := re.search(rf"(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+({communes.WORD})\s+({NAME})", p.text):
            return tidy_name(m.group(2)), communes.kind_of(m.group(1))
    counts = Counter(tidy_name(m.group(2)) for p in paragraphs for m in _COMMUNE.finditer(p.text))
    counts.pop("", None)
    if not counts:
        return None, None
    name = counts.most_common(1)[0][0]
    return name, _kind_named(paragraphs, name)


def _kind_named(paragraphs: list[Paragraph], name: str) -> str | None:
    """The kind the paragraphs first give `name` ("phường Bến Nghé" → phuong), None where they never do."""
    for p in paragraphs:
        for m in _COMMUNE.finditer(p.text):
            if fold(tidy_name(m.group(2))) == fold(name):
                return communes.kind_of(m.group(1))
    return None


def province(paragraphs: list[Paragraph]) -> str | None:
    counts: Counter[str] = Counter()
    for p in paragraphs:
        for pattern in (_PROVINCE, _CITY):
            for m in pattern.finditer(p.text):
                name = tidy_name(m.group(1))
                if name and fold(name) not in ("uy", "doan", "ủy"):
                    counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


_DEADLINE_YEAR = re.compile(r"\b(?:quý\s+[IVX1-4]+(?:\s*[-–]\s*[IVX1-4]+)?|tháng\s+\d{1,2})\s*(?:/|năm)\s*(20\d{2})\b",
                            re.IGNORECASE)


def plan_year(paragraphs: list[Paragraph], tables=()) -> int | None:
    """The year the plan is for. Its title says so; but where the rest of the document — the Part II heading, the
    year Part I assesses, the deadlines it sets — names another year more strongly, the title is the slip (and the
    checker says so)."""
    from .outline import split_parts

    votes: Counter[int] = Counter()
    title = next((int(m.group(1)) for p in title_paragraphs(paragraphs) if (m := _YEAR.search(p.text))), None)
    if title:
        votes[title] += 3
    outline = split_parts(paragraphs)
    if outline.part1 is not None:
        start = outline.part2[0]
        if year := _first_year(paragraphs[start: start + 2]):
            votes[year] += 2
        if year := _first_year(paragraphs[outline.part1[0]: outline.part1[0] + 2]):
            votes[year + 1] += 1
    start = outline.part2[0] if outline.part1 is not None else 0
    titled = {id(p) for p in title_paragraphs(paragraphs)}
    headed = Counter(int(m.group(1)) for p in paragraphs[start:] if id(p) not in titled and _is_heading_like(p)
                     for m in _YEAR.finditer(p.text) if not _SPAN_WORDS.search(p.text))
    for year, count in headed.items():
        votes[year] += min(count, 2)  # other headings: "MỤC TIÊU … NĂM 2026", "DANH MỤC NHIỆM VỤ … NĂM 2026"
    announced = Counter(int(m.group(1)) for p in paragraphs[:80] if id(p) not in titled
                        for m in _PLAN_OF_YEAR.finditer(p.text))
    if announced:
        votes[announced.most_common(1)[0][0]] += 1  # "… ban hành Kế hoạch chuyển đổi số năm 2026 như sau"
    deadlines = Counter(int(m.group(1)) for p in paragraphs[start:] for m in _DEADLINE_YEAR.finditer(p.text))
    deadlines.update(int(m.group(1)) for t in tables for row in t.rows for cell in row
                     for m in _DEADLINE_YEAR.finditer(cell))
    if deadlines:
        year, count = deadlines.most_common(1)[0]
        if count >= 2:
            votes[year] += 3 if count >= 5 and count >= 0.8 * sum(deadlines.values()) else 2
    if not votes:
        counts = Counter(int(m.group(1)) for p in paragraphs[:60] for m in _YEAR.finditer(p.text))
        return counts.most_common(1)[0][0] if counts else None
    best = max(votes.values())
    winners = [y for y, v in votes.items() if v == best]
    return title if title in winners else winners[0]


_PLAN_OF_YEAR = re.compile(r"\bkế hoạch\s+(?:chuyển đổi số|thực hiện chuyển đổi số)?[^.;]{0,40}?năm\s+(20\d{2})\b",
                           re.IGNORECASE)
_SPAN_WORDS = re.compile(r"20\d{2}\s*[-–—]\s*20\d{2}|giai đoạn|đến năm|tới năm|đánh giá|kết quả", re.IGNORECASE)


def _is_heading_like(p: Paragraph) -> bool:
    from .outline import is_heading

    return is_heading(p) and len(p.text) <= 160


def title_year(paragraphs: list[Paragraph]) -> tuple[Paragraph, int] | None:
    """The title paragraph that names a year, and the year."""
    for p in title_paragraphs(paragraphs):
        if m := _YEAR.search(p.text):
            return p, int(m.group(1))
    return None


def _first_year(paragraphs: list[Paragraph]) -> int | None:
    for p in paragraphs:
        if m := _YEAR.search(p.text):
            return int(m.group(1))
    return None


def assessed_year(paragraphs: list[Paragraph], part1: tuple[int, int] | None, year: int | None) -> int | None:
    if part1 is None:
        return None
    for p in paragraphs[part1[0]: part1[0] + 3]:
        if m := _YEAR.search(p.text):
            return int(m.group(1))
    return year - 1 if year else None


_NOT_A_NAME = {"ke hoach", "bao cao", "quyet dinh", "cong van", "chu tich", "pho chu tich", "noi nhan"}


def signer(paragraphs: list[Paragraph]) -> str | None:
    """The name under the last signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / <name>")."""
    found = None
    for i, p in enumerate(paragraphs):
        if not _SIGN_TITLE.match(p.text.strip()) or not re.search(r"CHỦ TỊCH|TM\.|KT\.", p.text.strip(), re.IGNORECASE):
            continue
        for q in paragraphs[i + 1: i + 8]:
            text = q.text.strip(" *")
            if _SIGN_TITLE.match(text) or fold(text) in ("da ky", "(da ky)", "ky ten, dong dau"):
                continue
            if _PERSON.match(text) and not re.search(r"\d", text) and fold(text) not in _NOT_A_NAME:
                found = text.title() if text.isupper() else text
            break
    return found
