"""Where a plan lives: provinces, communes, units, plans, indicators and tasks (GLOSSARY names)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from xaso.core import areas, communes
from xaso.core.periods import FIRST_YEAR, LAST_YEAR, Period, parse_period
from xaso.core.targets import parse_target
from xaso.core.timelines import parse_timeline

from .history import record_created

AREA_CHOICES = areas.AREAS

# The units a new commune usually has (Nghị định 150/2025 two-tier communes); editable afterwards.
DEFAULT_UNITS = [
    ("Văn phòng HĐND và UBND", "VP HĐND-UBND", "office"),
    ("Phòng Văn hóa - Xã hội", "Phòng VH-XH", "office"),
    ("Phòng Kinh tế", "Phòng KT", "office"),
    ("Trung tâm Phục vụ hành chính công", "TT PVHCC", "centre"),
    ("Trung tâm Dịch vụ công", "TT DVC", "centre"),
    ("Công an xã", "CA xã", "police"),
    ("Trạm Y tế", "Trạm YT", "health"),
]


def default_units(kind: str) -> list[tuple[str, str, str]]:
    """DEFAULT_UNITS of a commune of `kind`: a phường's police is "Công an phường" ("CA phường")."""
    word = communes.label(kind)
    return [(name.replace(" xã", f" {word}"), short.replace(" xã", f" {word}"), unit_kind)
            for name, short, unit_kind in DEFAULT_UNITS]


def generic_short_name(short: str) -> str:
    """A default unit's short name as DEFAULT_UNITS writes it, whatever the commune's kind ("CA phường" → "CA xã")."""
    for word in (communes.LABELS[communes.PHUONG], communes.LABELS[communes.DAC_KHU]):
        if short.endswith(f" {word}"):
            return short.removesuffix(word) + communes.LABELS[communes.XA]
    return short


YEAR_VALIDATORS = [
    MinValueValidator(FIRST_YEAR, message=f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}."),
    MaxValueValidator(LAST_YEAR, message=f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}."),
]


LIVE = Q(deleted_at__isnull=True)


class LiveManager(models.Manager):
    """Rows not in the trash: the default everywhere, related managers included."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleted(models.Model):
    """Deleting puts a row in the trash (xaso.plans.trash) from which an officer can restore it."""

    deleted_at = models.DateTimeField("đã xóa lúc", null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   editable=False, related_name="+", verbose_name="người xóa")

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True


class Province(models.Model):
    name = models.CharField("tên tỉnh/thành phố", max_length=120, unique=True)
    code = models.CharField("mã", max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "tỉnh/thành phố"
        verbose_name_plural = "tỉnh/thành phố"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("province_detail", args=[self.pk])


class Commune(SoftDeleted):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes", verbose_name="tỉnh")
    name = models.CharField("tên xã/phường", max_length=120)
    kind = models.CharField("loại đơn vị", max_length=10, choices=communes.CHOICES, default=communes.XA,
                            help_text="Xã, phường hay đặc khu: văn bản xaso viết ghi “ỦY BAN NHÂN DÂN PHƯỜNG …” theo đây.")
    code = models.CharField("mã đơn vị hành chính", max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "xã/phường"
        verbose_name_plural = "xã/phường"
        constraints = [models.UniqueConstraint(fields=["province", "name"], condition=LIVE, name="commune_unique_name_in_province",
                                               violation_error_message="Tỉnh này đã có xã cùng tên.")]

    def __str__(self):
        return self.title

    # The wording of a commune's name by its kind, from xaso.core.communes: never "Xã {name}" by hand.
    @property
    def kind_label(self) -> str:
        return communes.label(self.kind)

    @property
    def title(self) -> str:
        """"Phường Bến Nghé": lists, headings, the start of a sentence."""
        return communes.title(self.kind, self.name)

    @property
    def phrase(self) -> str:
        """"phường Bến Nghé": mid-sentence."""
        return communes.phrase(self.kind, self.name)

    @property
    def title_upper(self) -> str:
        """"PHƯỜNG BẾN NGHÉ": a document's header under "ỦY BAN NHÂN DÂN"."""
        return communes.upper(self.kind, self.name)

    def get_absolute_url(self):
        return reverse("commune_detail", args=[self.pk])

    def add_default_units(self):
        units = Unit.objects.bulk_create([Unit(commune=self, name=n, short_name=s, kind=k)
                                          for n, s, k in default_units(self.kind)])
        record_created(Unit, units, reason="Đơn vị mặc định của xã")


class Unit(SoftDeleted):
    KINDS = [
        ("office", "Phòng, văn phòng"),
        ("centre", "Trung tâm"),
        ("police", "Công an"),
        ("health", "Y tế"),
        ("school", "Trường học"),
        ("organisation", "Mặt trận, đoàn thể"),
        ("village", "Thôn, tổ"),
        ("other", "Khác"),
    ]
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="units", verbose_name="xã")
    name = models.CharField("tên đơn vị", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    kind = models.CharField("loại", max_length=20, choices=KINDS, default="office")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [models.UniqueConstraint(fields=["commune", "name"], condition=LIVE, name="unit_unique_name_in_commune",
                                               violation_error_message="Xã này đã có đơn vị cùng tên.")]

    def __str__(self):
        return self.short_name or self.name


class Plan(SoftDeleted):
    DRAFT, ISSUED = "draft", "issued"
    STATUSES = [(DRAFT, "Dự thảo"), (ISSUED, "Đã ban hành")]

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="plans", verbose_name="xã")
    year = models.PositiveSmallIntegerField("năm kế hoạch", validators=YEAR_VALIDATORS)
    number = models.CharField("số hiệu", max_length=60, blank=True, help_text="Ví dụ: 61/KH-UBND")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    signer = models.CharField("người ký", max_length=120, blank=True)
    title = models.CharField("trích yếu", max_length=500)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=DRAFT)
    report_cadence = models.CharField("kỳ báo cáo", max_length=10, default="quarter", choices=[
        ("month", "Hằng tháng"), ("quarter", "Hằng quý"), ("half", "6 tháng"), ("year", "Hằng năm")])
    source_file = models.FileField("văn bản gốc", upload_to="plans/%Y/", blank=True)
    source_name = models.CharField("tên tệp văn bản gốc", max_length=255, blank=True)
    # What the checker found in the source document when it was imported: the plan page keeps showing it.
    source_findings = models.JSONField("phát hiện trong văn bản gốc", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["source_findings"])

    class Meta:
        ordering = ["-year", "commune__name"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                condition=Q(status="issued") & LIVE,
                name="one_issued_plan_per_commune_year",
                violation_error_message="Xã này đã có một kế hoạch đã ban hành cho năm này.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="plan_year_in_range"
            ),
        ]

    def __str__(self):
        return self.title or f"Kế hoạch chuyển đổi số năm {self.year}"

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.pk])

    def period(self, code: str) -> Period | None:
        """The reporting period with this code ("2026-Q3") if the plan has it: of the plan's year and cadence."""
        period = parse_period(code)
        return period if period and period.year == self.year and period.kind == self.report_cadence else None


class Indicator(SoftDeleted):
    AT_LEAST, AT_MOST = ">=", "<="
    COMPARATORS = [(AT_LEAST, "≥ (tối thiểu)"), (AT_MOST, "≤ (tối đa)")]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators", verbose_name="kế hoạch")
    position = models.PositiveIntegerField("thứ tự", default=0)
    area = models.CharField("lĩnh vực", max_length=20, choices=AREA_CHOICES, default=areas.OTHER)
    group_heading = models.CharField("nhóm (như văn bản ghi)", max_length=300, blank=True)
    text = models.TextField("chỉ tiêu")
    unit = models.CharField("đơn vị tính", max_length=40, blank=True)
    baseline_text = models.CharField("giá trị nền (như văn bản ghi)", max_length=120, blank=True)
    baseline_value = models.DecimalField("giá trị nền", max_digits=14, decimal_places=2, null=True, blank=True)
    target_text = models.CharField("chỉ tiêu (như văn bản ghi)", max_length=200, blank=True)
    target_value = models.DecimalField("giá trị chỉ tiêu", max_digits=14, decimal_places=2, null=True, blank=True)
    comparator = models.CharField("so sánh", max_length=2, choices=COMPARATORS, blank=True)
    span_start = models.PositiveSmallIntegerField("từ năm", null=True, blank=True)
    span_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    latest_value = models.DecimalField("số liệu mới nhất đã duyệt", max_digits=14, decimal_places=2, null=True, blank=True)
    latest_period = models.CharField("kỳ của số liệu mới nhất", max_length=10, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return self.text[:80]

    @property
    def qualitative(self) -> bool:
        return self.target_value is None

    @property
    def span_note(self) -> str:
        """"(2026–2027)" after a target that runs over years, unless its own words already name both years."""
        if not self.span_start or not self.span_end:
            return ""
        if str(self.span_start) in self.target_text and str(self.span_end) in self.target_text:
            return ""
        return f"({self.span_start}–{self.span_end})"

    def apply_target(self, text: str):
        """Set the target as written and the figures read from it (the one target rule)."""
        target = parse_target(text)
        self.target_text = target.text
        self.target_value = target.value
        self.comparator = target.comparator or ""
        if target.unit and not self.unit:
            self.unit = target.unit
        self.span_start, self.span_end = target.span or (None, None)


class Task(SoftDeleted):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name="kế hoạch")
    position = models.PositiveIntegerField("thứ tự", default=0)
    area = models.CharField("lĩnh vực", max_length=20, choices=AREA_CHOICES, default=areas.OTHER)
    group_heading = models.CharField("nhóm (như văn bản ghi)", max_length=300, blank=True)
    name = models.TextField("tên nhiệm vụ")
    detail = models.TextField("nội dung chi tiết", blank=True)
    lead_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_tasks", verbose_name="đơn vị chủ trì"
    )
    lead_text = models.CharField("đơn vị chủ trì (như văn bản ghi)", max_length=300, blank=True)
    partner_units = models.ManyToManyField(Unit, blank=True, related_name="partner_tasks", verbose_name="đơn vị phối hợp")
    partners_text = models.TextField("đơn vị phối hợp (như văn bản ghi)", blank=True)
    timeline_text = models.CharField("thời gian (như văn bản ghi)", max_length=300, blank=True)
    start_date = models.DateField("bắt đầu", null=True, blank=True)
    due_date = models.DateField("hạn hoàn thành", null=True, blank=True)
    recurring = models.BooleanField("thường xuyên", default=False)
    output = models.TextField("sản phẩm đầu ra", blank=True)
    budget_million_vnd = models.DecimalField(
        "kinh phí (triệu đồng)", max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0, message="Kinh phí không được âm.")],
    )
    budget_source = models.CharField("nguồn kinh phí", max_length=300, blank=True)
    overseer = models.CharField("cơ quan hướng dẫn, kiểm tra", max_length=300, blank=True)
    monitor = models.CharField("đơn vị theo dõi", max_length=300, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # The latest accepted report, kept here by the review write path (xaso.tracking.progress) so that a
    # province's dashboard reads plain columns instead of searching every report.
    reported_status = models.CharField("tình trạng đã duyệt", max_length=12, blank=True)
    reported_percent = models.DecimalField("tỷ lệ đã duyệt", max_digits=5, decimal_places=2, default=0)
    reported_done_on = models.DateField("ngày hoàn thành đã duyệt", null=True, blank=True)
    reported_periods = models.PositiveSmallIntegerField("số kỳ đã có báo cáo", default=0)

    history = HistoricalRecords(m2m_fields=[partner_units])

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(start_date__isnull=True) | Q(due_date__gte=models.F("start_date")),
                name="task_due_after_start",
                violation_error_message="Hạn hoàn thành phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(budget_million_vnd__isnull=True) | Q(budget_million_vnd__gte=0),
                name="task_budget_not_negative",
                violation_error_message="Kinh phí không được âm.",
            ),
        ]

    def __str__(self):
        return self.name[:80]

    @property
    def lead_label(self) -> str:
        return str(self.lead_unit) if self.lead_unit_id else self.lead_text

    def apply_timeline(self, text: str):
        """Set the timeline as written and the dates read from it (the one timeline rule)."""
        timeline = parse_timeline(text, self.plan.year if self.plan_id else None)
        self.timeline_text = timeline.text
        self.start_date, self.due_date, self.recurring = timeline.start, timeline.due, timeline.recurring


class ImportDraft(models.Model):
    """A document read but not yet confirmed: what the review page shows and the officer corrects."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="import_drafts", verbose_name="xã")
    created_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    source_name = models.CharField("tên tệp", max_length=255)
    source_file = models.FileField("văn bản gốc", upload_to="imports/%Y/")
    data = models.JSONField("nội dung đọc được")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "văn bản chờ duyệt nhập"
        verbose_name_plural = "văn bản chờ duyệt nhập"

    def __str__(self):
        return self.source_name
