"""A province's yearly commune evaluation: an index (groups → components, each with a scoring rule, a maximum and
whether evidence is required), each commune's self-assessment of it, and the province's review.

The rules themselves live in xaso.core.scoring; a component keeps its rule as the text a person typed (canonical
form), read again wherever points are computed.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from xaso.core import scoring
from xaso.core.numbers import format_number
from xaso.plans.models import YEAR_VALIDATORS, Commune, Province

POINTS = {"max_digits": 7, "decimal_places": 2}


class EvaluationIndex(models.Model):
    DRAFT, PUBLISHED = "draft", "published"
    STATES = [(DRAFT, "Dự thảo"), (PUBLISHED, "Đã công bố")]

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="evaluation_indexes",
                                 verbose_name="tỉnh")
    year = models.PositiveSmallIntegerField("năm đánh giá", validators=YEAR_VALIDATORS)
    name = models.CharField("tên bộ chỉ số", max_length=300)
    state = models.CharField("trạng thái", max_length=10, choices=STATES, default=DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "province__name"]
        verbose_name = "bộ chỉ số đánh giá xã"
        verbose_name_plural = "bộ chỉ số đánh giá xã"
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="one_evaluation_index_per_year",
                                               violation_error_message="Tỉnh đã có bộ chỉ số cho năm này.")]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("evaluation_index", args=[self.pk])

    @property
    def published(self) -> bool:
        return self.state == self.PUBLISHED


class Group(models.Model):
    index = models.ForeignKey(EvaluationIndex, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên nhóm", max_length=200)

    class Meta:
        ordering = ["index", "position", "id"]
        verbose_name = "nhóm chỉ số"
        verbose_name_plural = "nhóm chỉ số"

    def __str__(self):
        return self.name


class Component(models.Model):
    index = models.ForeignKey(EvaluationIndex, on_delete=models.CASCADE, related_name="components")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="components", verbose_name="nhóm")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    code = models.CharField("mã", max_length=20)
    name = models.TextField("tiêu chí")
    rule = models.CharField("cách tính điểm", max_length=300)
    max_points = models.DecimalField("điểm tối đa", validators=[MinValueValidator(Decimal("0.01"))], **POINTS)
    evidence_required = models.BooleanField("cần minh chứng", default=False)
    # Words of a plan's indicator whose latest accepted value fills the figure in ("hồ sơ trực tuyến"; several
    # separated by ";"), and optionally the indicator's area.
    keywords = models.CharField("từ khóa chỉ tiêu để lấy số liệu", max_length=300, blank=True)
    area = models.CharField("lĩnh vực của chỉ tiêu", max_length=20, blank=True)

    class Meta:
        ordering = ["index", "group__position", "position", "id"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        constraints = [models.UniqueConstraint(fields=["index", "code"], name="component_code_unique_in_index",
                                               violation_error_message="Mã tiêu chí bị trùng trong bộ chỉ số.")]

    def __str__(self):
        return f"{self.code}. {self.name[:80]}"

    @property
    def scoring(self) -> scoring.Rule:
        return scoring.parse(self.rule)


class Assessment(models.Model):
    DRAFT, SUBMITTED, REVIEWED = "draft", "submitted", "reviewed"
    STATES = [(DRAFT, "Xã đang tự đánh giá"), (SUBMITTED, "Đã gửi tỉnh, chờ thẩm định"), (REVIEWED, "Tỉnh đã thẩm định")]

    index = models.ForeignKey(EvaluationIndex, on_delete=models.CASCADE, related_name="assessments")
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="assessments", verbose_name="xã")
    state = models.CharField("trạng thái", max_length=10, choices=STATES, default=DRAFT)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="người gửi")
    reviewed_at = models.DateTimeField("thẩm định xong lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="người thẩm định")

    history = HistoricalRecords()

    class Meta:
        ordering = ["index", "commune__name"]
        verbose_name = "bản đánh giá của xã"
        verbose_name_plural = "bản đánh giá của xã"
        constraints = [models.UniqueConstraint(fields=["index", "commune"], name="one_assessment_per_commune")]

    def __str__(self):
        return f"{self.commune} — {self.index}"

    def get_absolute_url(self):
        return reverse("evaluation_assessment", args=[self.index_id, self.commune_id])


class Answer(models.Model):
    ACCEPTED, ADJUSTED = "accept", "adjust"
    REVIEW = [(ACCEPTED, "Chấp nhận"), (ADJUSTED, "Điều chỉnh")]

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="answers")
    yes = models.BooleanField("có/không", null=True, blank=True)
    numerator = models.DecimalField("tử số", max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField("mẫu số", max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField("giá trị", max_digits=14, decimal_places=2, null=True, blank=True)
    source_note = models.CharField("nguồn số liệu", max_length=400, blank=True)
    evidence_file = models.FileField("tệp minh chứng", upload_to="evaluation/%Y/", blank=True)
    evidence_name = models.CharField("tên tệp minh chứng", max_length=255, blank=True)
    evidence_link = models.URLField("đường dẫn minh chứng", blank=True)
    self_score = models.DecimalField("điểm tự chấm", null=True, blank=True, **POINTS)
    review_status = models.CharField("thẩm định", max_length=10, choices=REVIEW, blank=True)
    reviewed_score = models.DecimalField("điểm thẩm định", null=True, blank=True, **POINTS)
    review_comment = models.TextField("ý kiến thẩm định", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "component__group__position", "component__position", "component_id"]
        verbose_name = "kết quả tiêu chí"
        verbose_name_plural = "kết quả tiêu chí"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "component"], name="one_answer_per_component"),
            models.CheckConstraint(condition=~Q(review_status="adjust") | ~Q(review_comment=""),
                                   name="adjusted_answer_has_comment",
                                   violation_error_message="Điều chỉnh điểm phải ghi ý kiến."),
        ]

    def __str__(self):
        return f"{self.component.code} — {self.assessment.commune}"

    @property
    def commune(self) -> Commune:
        """Whose viewers read the answer's history (xaso.plans.access.commune_of)."""
        return self.assessment.commune

    @property
    def figures(self) -> scoring.Figures:
        return scoring.Figures(self.yes, self.numerator, self.denominator, self.value)

    @property
    def final_score(self) -> Decimal | None:
        """What counts in the ranking: the province's score once reviewed, else the commune's own."""
        return self.reviewed_score if self.review_status else self.self_score

    @property
    def figures_text(self) -> str:
        """The figures as the commune gave them: "Có", "1.710/1.900 (90%)", "85,5%", "12"."""
        rule = self.component.scoring
        if rule.kind == scoring.YES_NO:
            return "—" if self.yes is None else ("Có" if self.yes else "Không")
        if rule.kind == scoring.RATIO and self.numerator is not None and self.denominator:
            percent = rule.figure(self.figures)
            return f"{format_number(self.numerator)}/{format_number(self.denominator)} ({format_number(round(percent, 1))}%)"
        if self.value is None:
            return "—"
        return format_number(self.value) + ("%" if rule.kind == scoring.RATIO else "")

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_link)
