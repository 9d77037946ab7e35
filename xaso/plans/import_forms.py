"""Forms of the import flow: the upload, and the review where the officer corrects what was read."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from xaso.core.numbers import format_number
from xaso.documents import SUPPORTED_EXTENSIONS, SUPPORTED_LABEL

from .forms import BudgetField, VietnameseMessages, YearField, clean_required_text


class UploadForm(VietnameseMessages, forms.Form):
    # An empty file is refused by the reader, with the file's name, as on every page that takes files.
    document = forms.FileField(label=f"Văn bản kế hoạch ({SUPPORTED_LABEL})", allow_empty_file=True)

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if Path(upload.name).suffix.lower() not in SUPPORTED_EXTENSIONS:
            raise ValidationError(f"Chỉ nhận tệp {SUPPORTED_LABEL}.", code="unsupported")
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES / 1024 / 1024
            raise ValidationError(f"Tệp quá lớn; giới hạn là {limit:.0f} MB.", code="too_large")
        return upload


class ReviewPlanForm(VietnameseMessages, forms.Form):
    title = forms.CharField(label="Trích yếu", max_length=500)
    year = YearField(label="Năm kế hoạch")
    number = forms.CharField(label="Số hiệu", max_length=60, required=False)
    signer = forms.CharField(label="Người ký", max_length=120, required=False)

    def clean_title(self):
        return clean_required_text(self.cleaned_data.get("title"), "Trích yếu")


class DroppableRow(VietnameseMessages, forms.Form):
    """A row of the review the officer may drop ("Giữ" unticked): a dropped row need not be valid."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("keep"):
            self.errors.clear()
        return cleaned


class ReviewIndicatorForm(DroppableRow):
    keep = forms.BooleanField(label="Giữ", required=False, initial=True)
    text = forms.CharField(label="Chỉ tiêu", widget=forms.Textarea(attrs={"rows": 2}))
    group = forms.CharField(label="Nhóm", required=False, max_length=300)
    baseline = forms.CharField(label="Giá trị nền", required=False, max_length=120)
    target = forms.CharField(label="Chỉ tiêu năm", required=False, max_length=200)
    unit = forms.CharField(label="Đơn vị tính", required=False, max_length=40)


class ReviewTaskForm(DroppableRow):
    keep = forms.BooleanField(label="Giữ", required=False, initial=True)
    name = forms.CharField(label="Tên nhiệm vụ", widget=forms.Textarea(attrs={"rows": 2}))
    group = forms.CharField(label="Nhóm", required=False, max_length=300)
    detail = forms.CharField(label="Chi tiết", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.CharField(label="Đơn vị chủ trì", required=False, max_length=300)
    partners = forms.CharField(label="Đơn vị phối hợp", required=False)
    timeline = forms.CharField(label="Thời gian", required=False, max_length=300)
    output = forms.CharField(label="Sản phẩm", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    budget_million_vnd = BudgetField(label="Kinh phí (triệu đồng)", required=False)
    budget_source = forms.CharField(label="Nguồn kinh phí", required=False, max_length=300)
    overseer = forms.CharField(label="Cơ quan hướng dẫn, kiểm tra", required=False, max_length=300)
    monitor = forms.CharField(label="Theo dõi", required=False, max_length=300)


IndicatorFormSet = forms.formset_factory(ReviewIndicatorForm, extra=0)
TaskFormSet = forms.formset_factory(ReviewTaskForm, extra=0)


def initial_tasks(rows: list[dict]) -> list[dict]:
    return [{**row, "keep": True, "partners": "; ".join(row.get("partners") or []),
             "budget_million_vnd": format_number(row.get("budget_million_vnd"))} for row in rows]


def initial_indicators(rows: list[dict]) -> list[dict]:
    return [{**row, "keep": True} for row in rows]
