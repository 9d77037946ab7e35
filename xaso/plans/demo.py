"""xaso's own generator of realistic (invented) communes, units, plans, indicators and tasks.

Nothing here comes from a real commune's document: names are combined from common
Vietnamese place-name syllables and the indicators and tasks are the national programme's
usual themes, written anew.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from xaso.core import areas, communes as commune_kinds
from xaso.core.targets import parse_target
from xaso.core.timelines import parse_timeline

from .history import BATCH, record_created
from .models import Commune, Indicator, Plan, Province, Task, Unit, default_units, generic_short_name

GENERATED = "Dữ liệu mẫu"  # the reason shown on the history page of generated rows

_FIRST = ["Tân", "Hòa", "Yên", "Phúc", "Quảng", "Minh", "An", "Vĩnh", "Xuân", "Hưng", "Kim", "Bình",
          "Đại", "Nghĩa", "Cẩm", "Lạc", "Đông", "Tây", "Trung", "Phú", "Thịnh", "Gia", "Mỹ", "Long"]
_SECOND = ["Lập", "Bình", "Sơn", "Phú", "Thịnh", "Xuân", "Khai", "Trường", "Đạo", "Minh", "Đồng",
           "Hưng", "Thủy", "Tiến", "Phong", "Hải", "Điền", "Nghĩa", "Tường", "Quang"]
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Công"]
_GIVEN = ["Hùng", "Lan", "Dũng", "Hà", "Sơn", "Thảo", "Tuấn", "Hương", "Long", "Mai", "Trung", "Nam", "Bình"]


@dataclass(frozen=True)
class IndicatorTemplate:
    area: str
    text: str
    target: str
    baseline: tuple[int, int] | None  # range of a plausible previous-year value, in the target's unit


INDICATORS = [
    IndicatorTemplate(areas.GOVERNMENT, "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "≥ 95%", (70, 92)),
    IndicatorTemplate(areas.GOVERNMENT, "Tỷ lệ văn bản đi được ký số và gửi trên hệ thống quản lý văn bản", "100%", (85, 99)),
    IndicatorTemplate(areas.GOVERNMENT, "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình", "100%", (80, 98)),
    IndicatorTemplate(areas.GOVERNMENT, "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa", "≥ 90%", (60, 88)),
    IndicatorTemplate(areas.ECONOMY, "Tỷ lệ hộ kinh doanh chấp nhận thanh toán không dùng tiền mặt", "ít nhất 70%", (40, 65)),
    IndicatorTemplate(areas.ECONOMY, "Số sản phẩm OCOP, nông sản chủ lực được giới thiệu trên sàn thương mại điện tử", "≥ 5 sản phẩm", (1, 4)),
    IndicatorTemplate(areas.ECONOMY, "Tỷ lệ hộ gia đình mua sắm qua nền tảng thương mại điện tử", "trên 60%", (35, 58)),
    IndicatorTemplate(areas.SOCIETY, "Tỷ lệ người dân từ 14 tuổi trở lên được kích hoạt tài khoản định danh điện tử mức 2", "≥ 90%", (65, 88)),
    IndicatorTemplate(areas.SOCIETY, "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản thanh toán", "tối thiểu 80%", (55, 78)),
    IndicatorTemplate(areas.SOCIETY, "Tỷ lệ dân số có hồ sơ sức khỏe điện tử", "≥ 95%", (70, 93)),
    IndicatorTemplate(areas.SOCIETY, "Tỷ lệ trường học triển khai học bạ số", "100% (2026-2027)", (50, 90)),
    IndicatorTemplate(areas.INFRASTRUCTURE, "Tỷ lệ thôn được phủ sóng di động 4G/5G", "100%", (85, 99)),
    IndicatorTemplate(areas.INFRASTRUCTURE, "Tỷ lệ hộ gia đình có kết nối Internet cáp quang", "từ 85% trở lên", (60, 83)),
    IndicatorTemplate(areas.HUMAN_RESOURCES, "Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số", "100%", (70, 95)),
    IndicatorTemplate(areas.HUMAN_RESOURCES, "Số lớp phổ cập kỹ năng số cho người dân", "≥ 4 lớp", (1, 3)),
    IndicatorTemplate(areas.DATA, "Tỷ lệ dữ liệu hộ tịch, đất đai được cập nhật lên cơ sở dữ liệu dùng chung", "≥ 90%", (50, 85)),
    IndicatorTemplate(areas.SECURITY, "Tỷ lệ máy tính của cơ quan được cài phần mềm phòng, chống mã độc", "100%", (60, 95)),
    IndicatorTemplate(areas.SECURITY, "Hệ thống thông tin của xã được phê duyệt cấp độ an toàn", "Cấp độ 2 hoặc 3", None),
    IndicatorTemplate(areas.AWARENESS, "Số tin, bài tuyên truyền về chuyển đổi số trên trang thông tin điện tử của xã", "≥ 24 tin/năm", (8, 20)),
    IndicatorTemplate(areas.LEADERSHIP, "Tỷ lệ nhiệm vụ chuyển đổi số được kiểm tra, đánh giá định kỳ", "100%", (60, 90)),
    IndicatorTemplate(areas.INSTITUTIONS, "Tỷ lệ quy chế nội bộ về chuyển đổi số được ban hành, cập nhật", "100%", (50, 90)),
]


@dataclass(frozen=True)
class TaskTemplate:
    area: str
    name: str
    lead: str  # short name of a default unit
    partners: tuple[str, ...]
    timeline: str  # "{y}" is the plan year
    output: str
    budget: int | None
    source: str = ""


TASKS = [
    TaskTemplate(areas.LEADERSHIP, "Kiện toàn Ban Chỉ đạo chuyển đổi số và phân công thành viên phụ trách từng lĩnh vực",
                 "VP HĐND-UBND", ("Phòng VH-XH",), "Quý I/{y}", "Quyết định kiện toàn Ban Chỉ đạo", None),
    TaskTemplate(areas.LEADERSHIP, "Kiểm tra, đánh giá kết quả thực hiện kế hoạch chuyển đổi số tại các đơn vị",
                 "Phòng VH-XH", ("VP HĐND-UBND",), "Quý IV/{y}", "Báo cáo kết quả kiểm tra", 10, "Ngân sách xã"),
    TaskTemplate(areas.LEADERSHIP, "Tổng hợp, báo cáo định kỳ tiến độ chuyển đổi số gửi Sở Khoa học và Công nghệ",
                 "Phòng VH-XH", (), "Thường xuyên", "Báo cáo quý, năm", None),
    TaskTemplate(areas.INSTITUTIONS, "Ban hành quy chế quản lý, vận hành hệ thống quản lý văn bản và điều hành",
                 "VP HĐND-UBND", ("Phòng VH-XH",), "Quý II/{y}", "Quy chế được ban hành", None),
    TaskTemplate(areas.INFRASTRUCTURE, "Nâng cấp mạng nội bộ và đường truyền số liệu chuyên dùng tại trụ sở",
                 "VP HĐND-UBND", ("Phòng KT",), "Quý II–III/{y}", "Mạng nội bộ ổn định, có dự phòng", 150, "Ngân sách xã"),
    TaskTemplate(areas.INFRASTRUCTURE, "Lắp đặt điểm phát Wi-Fi miễn phí tại nhà văn hóa các thôn",
                 "TT DVC", ("Phòng KT",), "Quý II–IV/{y}", "Các điểm Wi-Fi công cộng hoạt động", 120, "Xã hội hóa"),
    TaskTemplate(areas.INFRASTRUCTURE, "Xây dựng hệ thống truyền thanh thông minh ứng dụng công nghệ thông tin - viễn thông",
                 "TT DVC", ("Phòng KT",), "Hoàn thành trước tháng 12 năm {y}", "Hệ thống truyền thanh IP phủ các thôn", 450, "Ngân sách tỉnh hỗ trợ"),
    TaskTemplate(areas.GOVERNMENT, "Tiếp nhận, giải quyết hồ sơ thủ tục hành chính trực tuyến toàn trình",
                 "TT PVHCC", ("CA xã",), "Thường xuyên", "Tỷ lệ hồ sơ trực tuyến đạt chỉ tiêu", None),
    TaskTemplate(areas.GOVERNMENT, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
                 "TT PVHCC", ("VP HĐND-UBND",), "Quý I–IV/{y}", "Kho dữ liệu kết quả TTHC được số hóa", 80, "Ngân sách xã"),
    TaskTemplate(areas.GOVERNMENT, "Tổ chức họp trực tuyến, không giấy tờ tại các cuộc họp của UBND xã",
                 "VP HĐND-UBND", (), "Thường xuyên trong năm", "Phòng họp không giấy", 60, "Ngân sách xã"),
    TaskTemplate(areas.GOVERNMENT, "Vận hành trang thông tin điện tử của xã theo quy định",
                 "TT DVC", ("Phòng VH-XH",), "Thường xuyên", "Trang thông tin cập nhật đầy đủ", 30, "Ngân sách xã"),
    TaskTemplate(areas.ECONOMY, "Hỗ trợ hộ sản xuất đưa sản phẩm OCOP lên sàn thương mại điện tử",
                 "Phòng KT", ("TT DVC",), "Quý II–IV/{y}", "Gian hàng trực tuyến của các chủ thể OCOP", 50, "Ngân sách xã"),
    TaskTemplate(areas.ECONOMY, "Vận động hộ kinh doanh, chợ truyền thống thanh toán không dùng tiền mặt",
                 "Phòng KT", ("CA xã",), "Quý II - III/{y}", "Mã QR thanh toán tại các điểm kinh doanh", None),
    TaskTemplate(areas.ECONOMY, "Tập huấn kỹ năng bán hàng trực tuyến cho hợp tác xã và hộ kinh doanh",
                 "Phòng KT", ("Phòng VH-XH",), "Quý III/{y}", "02 lớp tập huấn", 40, "Ngân sách xã"),
    TaskTemplate(areas.SOCIETY, "Hướng dẫn người dân kích hoạt và sử dụng tài khoản định danh điện tử",
                 "CA xã", ("TT PVHCC",), "Quý I–IV/{y}", "Tài khoản định danh mức 2 được kích hoạt", None),
    TaskTemplate(areas.SOCIETY, "Triển khai hồ sơ sức khỏe điện tử và khám chữa bệnh bằng căn cước",
                 "Trạm YT", ("CA xã",), "Quý II–IV/{y}", "Hồ sơ sức khỏe điện tử được lập", 25, "Nguồn sự nghiệp y tế"),
    TaskTemplate(areas.SOCIETY, "Chi trả an sinh xã hội qua tài khoản ngân hàng",
                 "Phòng VH-XH", ("Phòng KT",), "Thường xuyên", "Tỷ lệ chi trả không dùng tiền mặt", None),
    TaskTemplate(areas.HUMAN_RESOURCES, "Bồi dưỡng kỹ năng số cho cán bộ, công chức trên nền tảng học trực tuyến",
                 "Phòng VH-XH", ("VP HĐND-UBND",), "Quý I/{y}", "100% cán bộ hoàn thành khóa học", 20, "Ngân sách xã"),
    TaskTemplate(areas.HUMAN_RESOURCES, "Tổ chức lớp phổ cập kỹ năng số cho người dân tại các thôn",
                 "Phòng VH-XH", ("TT DVC",), "Quý II–IV/{y}", "Các lớp phổ cập kỹ năng số", 60, "Ngân sách xã"),
    TaskTemplate(areas.HUMAN_RESOURCES, "Kiện toàn và tập huấn Tổ công nghệ số cộng đồng ở các thôn",
                 "Phòng VH-XH", ("TT DVC",), "Quý I năm {y}", "Tổ công nghệ số cộng đồng hoạt động", 15, "Ngân sách xã"),
    TaskTemplate(areas.DATA, "Làm sạch, cập nhật dữ liệu hộ tịch lên cơ sở dữ liệu quốc gia",
                 "TT PVHCC", ("CA xã",), "trước ngày 30/6/{y}", "Dữ liệu hộ tịch đúng, đủ, sạch, sống", None),
    TaskTemplate(areas.DATA, "Xây dựng cơ sở dữ liệu đất đai, nhà ở của xã",
                 "Phòng KT", ("TT PVHCC",), "Quý III–IV/{y}", "Cơ sở dữ liệu đất đai được cập nhật", 200, "Ngân sách tỉnh hỗ trợ"),
    TaskTemplate(areas.SECURITY, "Cài đặt phần mềm phòng, chống mã độc cho máy tính của cơ quan",
                 "VP HĐND-UBND", ("CA xã",), "Quý II/{y}", "Máy tính được bảo vệ", 35, "Ngân sách xã"),
    TaskTemplate(areas.SECURITY, "Lập hồ sơ đề xuất cấp độ an toàn hệ thống thông tin",
                 "VP HĐND-UBND", ("Phòng VH-XH",), "Theo hướng dẫn của Sở Khoa học và Công nghệ", "Hồ sơ cấp độ được phê duyệt", None),
    TaskTemplate(areas.AWARENESS, "Tuyên truyền về chuyển đổi số trên hệ thống truyền thanh và mạng xã hội",
                 "TT DVC", ("Phòng VH-XH",), "1 tuần/lần", "Tin, bài, phóng sự", 20, "Ngân sách xã"),
    TaskTemplate(areas.AWARENESS, "Tổ chức hưởng ứng Ngày Chuyển đổi số quốc gia 10/10",
                 "Phòng VH-XH", ("TT DVC", "CA xã"), "Quý IV/{y}", "Chuỗi hoạt động hưởng ứng", 30, "Ngân sách xã"),
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def commune_names(count: int, rng: random.Random) -> list[str]:
    pairs = [f"{a} {b}" for a in _FIRST for b in _SECOND if a != b]
    rng.shuffle(pairs)
    if count > len(pairs):
        pairs += [f"{name} {i}" for i in range(2, count // len(pairs) + 2) for name in pairs]
    return pairs[:count]


def kinds_of(count: int, seed: int) -> list[str]:
    """The kinds of `count` generated communes in the country's proportion (2,621 xã, 687 phường, 13 đặc khu of
    3,321: largest remainders, so 3,321 gives exactly those), in an order fixed by `seed`. Two or more communes
    have at least one phường, so a small demo shows one; the first is always a xã. The order comes from a random
    source of its own: the names, plans and reports drawn for a seed stay what they were before communes had kinds."""
    national = commune_kinds.NATIONAL_COUNTS
    total = sum(national.values())
    shares = {kind: count * n / total for kind, n in national.items()}
    counts = {kind: int(share) for kind, share in shares.items()}
    for kind in sorted(shares, key=lambda k: counts[k] - shares[k])[:count - sum(counts.values())]:
        counts[kind] += 1
    if count >= 2 and not counts[commune_kinds.PHUONG]:
        counts[commune_kinds.XA] -= 1
        counts[commune_kinds.PHUONG] += 1
    kinds = [kind for kind, n in counts.items() for _ in range(n)]
    random.Random(f"commune-kinds-{seed}").shuffle(kinds)
    if kinds and kinds[0] != commune_kinds.XA:
        first_xa = kinds.index(commune_kinds.XA)
        kinds[0], kinds[first_xa] = kinds[first_xa], kinds[0]
    return kinds


def build_plan(commune: Commune, year: int, rng: random.Random, units: dict[str, Unit], cadence: str = "quarter",
               tasks: int = 0) -> Plan:
    """One plan with every indicator template most of the time and tasks in every area."""
    rows = plan_rows(commune, year, rng, units, cadence, tasks)
    rows.plan.save()
    save_plans([rows])
    return rows.plan


@dataclass
class PlanRows:
    """A generated plan and its rows, not yet saved: save_plans writes many of them in bulk."""

    plan: Plan
    indicators: list[Indicator]
    tasks: list[Task]
    partners: list[list[Unit]]


def plan_rows(commune: Commune, year: int, rng: random.Random, units: dict[str, Unit], cadence: str = "quarter",
              tasks: int = 0) -> PlanRows:
    def own(text: str) -> str:  # a template's "UBND xã", "Ngân sách xã" as this commune's kind writes them
        return commune_kinds.in_kind(text, commune.kind)

    plan = Plan(
        commune=commune,
        year=year,
        number=f"{rng.randint(10, 199)}/KH-UBND",
        title=f"Kế hoạch chuyển đổi số {commune.phrase} năm {year}",
        signer=_name(rng),
        status=Plan.ISSUED,
        report_cadence=cadence,
    )
    indicator_rows = [t for t in INDICATORS if rng.random() < 0.85 or t.area in (areas.SECURITY, areas.LEADERSHIP)]
    while len(indicator_rows) < 15:
        indicator_rows.append(rng.choice([t for t in INDICATORS if t not in indicator_rows]))
    indicators = []
    for position, template in enumerate(sorted(indicator_rows, key=INDICATORS.index), start=1):
        target = _target(template.target)
        baseline = rng.randint(*template.baseline) if template.baseline else None
        baseline_text = "" if baseline is None else (f"{baseline}%" if target.unit == "%" else str(baseline))
        indicators.append(Indicator(
            plan=plan, position=position, area=template.area, group_heading=areas.LABELS[template.area],
            text=own(template.text), unit=target.unit or "", baseline_text=baseline_text,
            baseline_value=None if baseline is None else Decimal(baseline), target_text=target.text,
            target_value=target.value, comparator=target.comparator or "",
            span_start=target.span[0] if target.span else None, span_end=target.span[1] if target.span else None,
        ))
    task_rows = [t for t in TASKS if rng.random() < 0.9]
    for code, _ in areas.AREAS:  # every area keeps at least one task
        if code != areas.OTHER and not any(t.area == code for t in task_rows):
            task_rows.append(next(t for t in TASKS if t.area == code))
    while len(task_rows) < 20:
        task_rows.append(rng.choice([t for t in TASKS if t not in task_rows]))
    task_rows = sorted(task_rows, key=TASKS.index)
    rounds = [(t, "") for t in task_rows]
    while len(rounds) < tasks:  # more tasks: the same work in further rounds ("đợt 2"…)
        rounds.append((task_rows[len(rounds) % len(task_rows)], f" (đợt {len(rounds) // len(task_rows) + 1})"))
    new_tasks, partners = [], []
    for position, (template, suffix) in enumerate(rounds, start=1):
        timeline = _timeline(template.timeline.format(y=year), year)
        lead = units[template.lead]
        new_tasks.append(Task(
            plan=plan, position=position, area=template.area, group_heading=areas.LABELS[template.area],
            name=own(template.name) + suffix, lead_unit=lead, lead_text=lead.name, timeline_text=timeline.text,
            start_date=timeline.start, due_date=timeline.due, recurring=timeline.recurring,
            output=own(template.output), budget_million_vnd=template.budget,
            budget_source=own(template.source),
            overseer=own("Ban Chỉ đạo chuyển đổi số xã"), monitor="Phòng Văn hóa - Xã hội",
            partners_text=", ".join(units[p].name for p in template.partners),
        ))
        partners.append([units[p] for p in template.partners])
    return PlanRows(plan, indicators, new_tasks, partners)


@functools.lru_cache(maxsize=None)
def _target(text: str):
    return parse_target(text)


@functools.lru_cache(maxsize=None)
def _timeline(text: str, year: int):
    return parse_timeline(text, year)


def save_plans(generated: list[PlanRows]) -> None:
    """The indicators, tasks and partner links of saved plans, in bulk, each with its first history record."""
    for rows in generated:
        for row in (*rows.indicators, *rows.tasks):
            row.plan_id = rows.plan.pk
    indicators = [i for rows in generated for i in rows.indicators]
    tasks = [t for rows in generated for t in rows.tasks]
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    record_created(Indicator, indicators, reason=GENERATED)
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    Through = Task.partner_units.through
    Through.objects.bulk_create([Through(task_id=task.pk, unit_id=unit.pk) for rows in generated
                                 for task, units in zip(rows.tasks, rows.partners) for unit in units], batch_size=BATCH)
    record_created(Task, tasks, reason=GENERATED)


def insert_rows(model, rows: list[dict]) -> None:
    """Rows (column values by field attname, all rows alike) written with executemany, without a model instance
    or Django's per-value preparation each: a country has 2.4 million reports. Dates, times and decimals are
    adapted by their fields as bulk_create would."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]]
    adapt = [f if f.get_internal_type() in ("DateTimeField", "DateField", "DecimalField") else None for f in fields]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [
                [value if field is None else field.get_db_prep_save(value, connection)
                 for field, value in zip(adapt, row.values())] for row in rows[start:start + BATCH]])


def history_in_sql(model, queryset, reason: str) -> None:
    """The first history record ("created") of each row of `queryset`, copied by the database in one statement
    (what xaso.plans.history.record_created writes row by row); for models without many-to-many history."""
    history = model.history.model
    columns = [f.column for f in history._meta.concrete_fields if not f.column.startswith("history_")]
    quote = connection.ops.quote_name
    listed = ", ".join(quote(c) for c in columns)
    chosen, params = queryset.values("pk").query.sql_with_params()
    now = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({listed}, history_date, history_change_reason, history_type, "
            f"history_user_id) SELECT {listed}, %s, %s, '+', NULL FROM {quote(model._meta.db_table)} WHERE "
            f"{quote(model._meta.pk.column)} IN ({chosen})", [now, reason, *params])


def province_sizes(provinces: int, communes: int, rng: random.Random, low: int = 38, high: int = 168) -> list[int]:
    """How many communes each province has, summing to `communes`: 38 to 168 as in the country since 2025
    (the first province the largest, so a benchmark finds one), or an even spread where those bounds cannot
    hold (2 provinces of 3 communes)."""
    if not provinces * low <= communes <= provinces * high:
        return [communes // provinces + (1 if i < communes % provinces else 0) for i in range(provinces)]
    first = high if (provinces - 1) * low <= communes - high <= (provinces - 1) * high else low
    sizes = [low] * (provinces - 1)
    left = communes - first - low * (provinces - 1)
    weights = [rng.lognormvariate(0, 0.6) for _ in sizes]
    for i, weight in enumerate(weights):
        sizes[i] += min(high - low, int(left * weight / sum(weights)))
    left = communes - first - sum(sizes)
    while left > 0:
        i = rng.randrange(len(sizes))
        if sizes[i] < high:
            sizes[i] += 1
            left -= 1
    return [first, *sizes]


def province_names(count: int, first: str, rng: random.Random) -> list[str]:
    names = [first]
    for pair in commune_names(count * 2, rng):
        name = f"Tỉnh {pair}"
        if name not in names:
            names.append(name)
    return names[:count]


def generate_country(provinces: int, communes: int, year: int, seed: int = 2026, cadence: str = "quarter",
                     tasks: int = 0, first: str = "Tỉnh Minh Sơn"):
    """`provinces` provinces sharing `communes` communes (province_sizes), each commune with its default units
    and one issued plan for `year`, written in bulk a province at a time (one transaction each). Yields each
    province and its new plans as it is written, so their reports can follow without holding the country
    in memory. A province whose communes already exist is left as it is."""
    rng = random.Random(seed)
    names = province_names(provinces, first, rng)
    kinds = iter(kinds_of(communes, seed))
    for name, size in zip(names, province_sizes(provinces, communes, rng)):
        province_kinds = [next(kinds) for _ in range(size)]
        with transaction.atomic():
            province, _ = Province.objects.get_or_create(name=name)
            if province.communes.exists():
                continue
            new = Commune.objects.bulk_create([Commune(province=province, name=n, kind=k) for n, k in
                                               zip(commune_names(size, rng), province_kinds)], batch_size=BATCH)
            record_created(Commune, new, reason=GENERATED)
            units = Unit.objects.bulk_create([Unit(commune=c, name=n, short_name=s, kind=k)
                                              for c in new for n, s, k in default_units(c.kind)], batch_size=BATCH)
            record_created(Unit, units, reason="Đơn vị mặc định của xã")
            by_commune: dict[int, dict[str, Unit]] = {}
            for unit in units:
                by_commune.setdefault(unit.commune_id, {})[generic_short_name(unit.short_name)] = unit
            generated = [plan_rows(c, year, rng, by_commune[c.pk], cadence, tasks) for c in new]
            plans = Plan.objects.bulk_create([rows.plan for rows in generated], batch_size=BATCH)
            record_created(Plan, plans, reason=GENERATED)
            save_plans(generated)
        yield province, plans


@transaction.atomic
def generate_province(name: str, communes: int, year: int, seed: int = 2026, cadence: str = "quarter",
                      tasks: int = 0) -> tuple[Province, list[Plan]]:
    """A province with `communes` communes, each with its default units and one issued plan for `year`;
    returns the province and the plans it made."""
    rng = random.Random(seed)
    plans = []
    province, _ = Province.objects.get_or_create(name=name)
    for commune_name, kind in zip(commune_names(communes, rng), kinds_of(communes, seed)):
        commune, created = Commune.objects.get_or_create(province=province, name=commune_name, defaults={"kind": kind})
        if not created and commune.plans.filter(year=year).exists():
            continue
        units = {generic_short_name(unit.short_name): unit for unit in commune.units.all()}  # "CA phường" as "CA xã"
        for unit_name, short, unit_kind in default_units(commune.kind):
            if generic_short_name(short) not in units:
                units[generic_short_name(short)], _ = Unit.objects.get_or_create(
                    commune=commune, name=unit_name, defaults={"short_name": short, "kind": unit_kind}
                )
        plans.append(build_plan(commune, year, rng, units, cadence, tasks))
    return province, plans


@transaction.atomic
def demo_users(password: str, reset: bool = False) -> list[tuple[str, str, bool]]:
    """One account per role on the first demo commune, so each role can be tried: (user name, role, whether it
    now has `password`). An account made by an earlier run keeps its password unless `reset`: running the
    demo again must not lock out someone who noted the first one."""
    from django.contrib.auth import get_user_model

    from xaso.accounts.models import Membership

    commune = Commune.objects.order_by("id").first()
    if commune is None:
        return []
    unit = commune.units.filter(led_tasks__isnull=False).order_by("id").first() or commune.units.first()
    made = []
    for username, role, place in [
        ("quocgia", "national_viewer", {}),
        ("canbo.tinh", "province_officer", {"province": commune.province}),
        ("lanhdao.tinh", "leader", {"province": commune.province}),
        ("canbo.xa", "commune_officer", {"commune": commune}),
        ("lanhdao.xa", "leader", {"commune": commune}),
        ("baocao.donvi", "unit_reporter", {"unit": unit}),
    ]:
        user, created = get_user_model().objects.get_or_create(username=username)
        if created or reset:
            user.set_password(password)
            user.save()
        Membership.objects.update_or_create(user=user, defaults={"role": role, "province": None, "commune": None,
                                                                 "unit": None, **place})
        made.append((username, dict(Membership._meta.get_field("role").choices)[role], created or reset))
    return made
