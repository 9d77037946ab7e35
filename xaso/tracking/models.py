"""Progress through the year: units' period reports on tasks and indicator values, each version kept.

A report is written as a draft, submitted, then accepted or returned by the commune's DX officer.
A returned report is fixed in a new version; nothing is overwritten, and the dashboards read the
latest accepted version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from xaso.core import budget, status
from xaso.core.periods import label_of
from xaso.plans.models import Indicator, Task, Unit

DRAFT, SUBMITTED, ACCEPTED, RETURNED = "draft", "submitted", "accepted", "returned"
STATES = [(DRAFT, "Bản nháp"), (SUBMITTED, "Đã gửi, chờ duyệt"), (ACCEPTED, "Đã chấp nhận"), (RETURNED, "Bị trả lại")]


# The history of reports and indicator values, written by their write path itself (xaso.tracking.services._write,
# xaso.statements.record) rather than by the save signal.
REPORT_HISTORY, VALUE_HISTORY = HistoricalRecords(), HistoricalRecords()


class Reviewed(models.Model):
    """What task reports and indicator values share: period, unit, version and the approval trail."""

    period = models.CharField("kỳ báo cáo", max_length=10, help_text="Ví dụ 2026-Q3")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name="đơn vị báo cáo")
    version = models.PositiveIntegerField("lần báo cáo", default=1)
    state = models.CharField("trạng thái", max_length=10, choices=STATES, default=DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="người gửi")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField("ý kiến của cán bộ duyệt", blank=True)

    class Meta:
        abstract = True


class TaskReport(Reviewed):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name="nhiệm vụ")
    status = models.CharField("tình trạng", max_length=12, choices=list(status.REPORTED.items()))
    percent = models.DecimalField(
        "tỷ lệ hoàn thành (%)", max_digits=5, decimal_places=2, default=0,
        validators=[MinValueValidator(0, "Tỷ lệ phải từ 0 đến 100."), MaxValueValidator(100, "Tỷ lệ phải từ 0 đến 100.")])
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    delay_reason = models.TextField("lý do chậm", blank=True)
    achievements = models.TextField("kết quả đã làm", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    # What was spent in this period alone (not since the start): a task's spending to date is the sum over its
    # periods (xaso.tracking.budget).
    spent_million_vnd = models.DecimalField(
        "kinh phí đã chi trong kỳ (triệu đồng)", max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0, "Kinh phí đã chi không được âm."),
                    MaxValueValidator(budget.MAX_SPENT, "Kinh phí đã chi quá lớn (tối đa 1.000.000 triệu đồng).")])
    spent_source = models.CharField("nguồn kinh phí đã chi", max_length=10, blank=True, choices=budget.SOURCES)

    history = REPORT_HISTORY

    class Meta:
        ordering = ["task", "period", "-version"]
        verbose_name = "báo cáo nhiệm vụ"
        verbose_name_plural = "báo cáo nhiệm vụ"
        constraints = [
            models.UniqueConstraint(fields=["task", "period", "unit", "version"], name="task_report_version_unique"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="task_report_percent_0_100"),
            models.CheckConstraint(condition=Q(spent_million_vnd__isnull=True) | Q(spent_million_vnd__gte=0,
                                                                                 spent_million_vnd__lte=budget.MAX_SPENT),
                                   name="task_report_spent_in_range"),
        ]
        indexes = [models.Index(fields=["state", "period"]),
                   models.Index(fields=["task", "state", "period", "version"], name="task_report_latest")]

    def __str__(self):
        return f"{self.task.name[:80]} — {label_of(self.period)}, lần {self.version}"


class IndicatorValue(Reviewed):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values", verbose_name="chỉ tiêu")
    numerator = models.DecimalField("tử số", max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField("mẫu số", max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField("giá trị", max_digits=14, decimal_places=2)
    source = models.CharField("nguồn số liệu", max_length=300, blank=True)
    measured_on = models.DateField("ngày số liệu")

    history = VALUE_HISTORY

    class Meta:
        ordering = ["indicator", "period", "-version"]
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "unit", "version"], name="indicator_value_version_unique"),
        ]
        indexes = [models.Index(fields=["indicator", "state", "period", "version"], name="indicator_value_latest")]

    def __str__(self):
        return f"{self.indicator.text[:80]} — {label_of(self.period)}, lần {self.version}"


class Evidence(models.Model):
    """A file or a link backing a task report."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp minh chứng", upload_to="evidence/%Y/", blank=True)
    link = models.URLField("đường dẫn minh chứng", blank=True)
    name = models.CharField("tên", max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"


class Notification(models.Model):
    """What a user is told: an event of a report (xaso.tracking.notify) or a reminder (`xaso remind`), in
    the app and by e-mail. `key` names the event, so a user is told of it once; `subject` (a task or an
    indicator) finds those a change may settle. Settled ones are kept but no longer count as unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=40, blank=True, db_index=True)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField("đã xử lý lúc", null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_event")]
        indexes = [models.Index(fields=["user", "read_at", "settled_at"], name="notification_unread")]

    @property
    def unread(self) -> bool:
        return self.read_at is None and self.settled_at is None


UNREAD = Q(read_at__isnull=True, settled_at__isnull=True)


class CommuneReport(models.Model):
    """The commune's periodic report to the province (approval up the hierarchy): the period's .docx as it stood
    when the commune's DX officer sent it, with the figures it was written from, frozen. A returned report is sent
    again as a new version; every version is kept, so what the province received never changes."""

    commune = models.ForeignKey("plans.Commune", on_delete=models.CASCADE, related_name="commune_reports",
                                verbose_name="xã")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+", verbose_name="kế hoạch")
    period = models.CharField("kỳ báo cáo", max_length=10)
    version = models.PositiveIntegerField("lần gửi", default=1)
    state = models.CharField("trạng thái", max_length=10, choices=STATES, default=DRAFT)
    document = models.BinaryField("văn bản đã gửi (.docx)")
    file_name = models.CharField("tên tệp", max_length=255)
    figures = models.JSONField("số liệu tại lúc gửi", default=dict)
    pending_reviews = models.PositiveIntegerField("báo cáo đơn vị còn chờ duyệt lúc gửi", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="người gửi")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="người duyệt")
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    review_comment = models.TextField("ý kiến của tỉnh", blank=True)

    history = HistoricalRecords(excluded_fields=["document", "figures"])  # frozen: never changed, not copied per event

    class Meta:
        ordering = ["commune", "period", "-version"]
        verbose_name = "báo cáo của xã gửi tỉnh"
        verbose_name_plural = "báo cáo của xã gửi tỉnh"
        constraints = [models.UniqueConstraint(fields=["commune", "period", "version"],
                                               name="commune_report_version_unique")]
        indexes = [models.Index(fields=["period", "commune", "version"], name="commune_report_latest")]

    def __str__(self):
        return f"Báo cáo {label_of(self.period)} của xã, lần {self.version}"

    @property
    def download_name(self) -> str:
        """The file's name as sent; a version after a return says which (“… Quý III-2026 (lần 2).docx”)."""
        if self.version == 1:
            return self.file_name
        stem, dot, extension = self.file_name.rpartition(".")
        return f"{stem} (lần {self.version}){dot}{extension}"


class ReportCalendar(models.Model):
    """A province's reporting calendar (xaso.core.calendar.Calendar): the cut-off day, the sending deadline per period
    kind, when entry opens and how long after the deadline it locks. A province without one follows the system's
    default (xaso.tracking.calendars.DEFAULT). Reports keep the period code they were filed under: changing the
    calendar moves days, never a report from one period to another."""

    province = models.OneToOneField("plans.Province", on_delete=models.CASCADE, related_name="report_calendar",
                                    verbose_name="tỉnh")
    cutoff_day = models.PositiveSmallIntegerField(
        "ngày chốt số liệu", default=15, validators=[MinValueValidator(1, "Ngày chốt từ 1 đến 28."),
                                                     MaxValueValidator(28, "Ngày chốt từ 1 đến 28.")],
        help_text="Kỳ báo cáo tính từ ngày này của tháng trước kỳ đến ngày liền trước của tháng cuối kỳ; 1: theo tháng dương lịch.")
    month_deadline_days = models.PositiveSmallIntegerField("hạn gửi báo cáo tháng (số ngày sau ngày chốt)", default=0,
                                                           validators=[MaxValueValidator(60, "Tối đa 60 ngày.")])
    quarter_deadline_days = models.PositiveSmallIntegerField("hạn gửi báo cáo quý (số ngày sau ngày chốt)", default=0,
                                                             validators=[MaxValueValidator(60, "Tối đa 60 ngày.")])
    half_deadline_days = models.PositiveSmallIntegerField("hạn gửi báo cáo 6 tháng (số ngày sau ngày chốt)", default=0,
                                                          validators=[MaxValueValidator(60, "Tối đa 60 ngày.")])
    year_deadline_days = models.PositiveSmallIntegerField("hạn gửi báo cáo năm (số ngày sau ngày chốt)", default=0,
                                                          validators=[MaxValueValidator(60, "Tối đa 60 ngày.")])
    open_days = models.PositiveSmallIntegerField(
        "mở nhập trước ngày chốt (số ngày)", null=True, blank=True, validators=[MaxValueValidator(180, "Tối đa 180 ngày.")],
        help_text="Để trống: mở nhập từ ngày đầu kỳ.")
    lock_days = models.PositiveSmallIntegerField("khóa nhập sau hạn gửi (số ngày)", default=30,
                                                 validators=[MaxValueValidator(365, "Tối đa 365 ngày.")])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lịch báo cáo"
        verbose_name_plural = "lịch báo cáo"

    def __str__(self):
        return f"Lịch báo cáo — {self.province}"

    def calendar(self):
        from xaso.core.calendar import Calendar

        return Calendar.of(cutoff_day=self.cutoff_day, open_days=self.open_days, lock_days=self.lock_days,
                           deadlines={"month": self.month_deadline_days, "quarter": self.quarter_deadline_days,
                                      "half": self.half_deadline_days, "year": self.year_deadline_days})


COMMUNE_REPORT_TARGET = "Báo cáo của xã gửi tỉnh"


class Reopening(models.Model):
    """A locked period opened again until a day, with the reason; each change is kept in its history. Either for one
    unit (by the commune's DX officer, or the province's officer) or, with `commune` set instead, for the commune's
    own report to the province (by the province's officer)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reopenings", verbose_name="đơn vị",
                             null=True, blank=True)
    commune = models.ForeignKey("plans.Commune", on_delete=models.CASCADE, related_name="report_reopenings",
                                verbose_name="xã (báo cáo gửi tỉnh)", null=True, blank=True)
    period = models.CharField("kỳ báo cáo", max_length=10)
    reason = models.TextField("lý do mở lại")
    until = models.DateField("mở đến hết ngày")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name="người mở lại")
    created_at = models.DateTimeField("lúc mở lại", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "mở lại kỳ báo cáo"
        verbose_name_plural = "mở lại kỳ báo cáo"
        indexes = [models.Index(fields=["unit", "period", "until"], name="reopening_open")]
        constraints = [models.CheckConstraint(condition=Q(unit__isnull=True) ^ Q(commune__isnull=True),
                                              name="reopening_unit_or_commune")]

    def __str__(self):
        return f"{self.target_label} — {label_of(self.period)} đến {self.until:%d/%m/%Y}"

    @property
    def target_label(self) -> str:
        return self.unit.name if self.unit_id else COMMUNE_REPORT_TARGET

    @property
    def period_label(self) -> str:
        return label_of(self.period)


class PlanSnapshot(models.Model):
    """A plan's figures of one day as the province and national dashboards sum them (xaso.tracking.snapshots): per
    area the sums of xaso.tracking.summary, and the reporting timeliness of the running period and of the year. Kept
    so that 3,321 communes cost a read, not a computation; a row is used only for its day and only while no change
    to the plan has been recorded since it was computed (the history tables say which plans changed)."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="snapshot")
    day = models.DateField()
    computed_at = models.DateTimeField()
    areas = models.JSONField(default=dict)  # area code → [items, score, tasks, done, late]
    expected = models.PositiveIntegerField(default=0)  # the running period's unit reports
    sent = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    year_expected = models.PositiveIntegerField(default=0)  # over the year's due periods
    year_sent = models.PositiveIntegerField(default=0)
    year_on_time = models.PositiveIntegerField(default=0)
    reported = models.BooleanField(default=False)  # some unit sent a report for the running period
    budget = models.JSONField(default=dict)  # planned against spent in the running quarter (xaso.core.budget)
    active = models.BooleanField(default=False)  # some unit sent a report or a value for the running quarter
