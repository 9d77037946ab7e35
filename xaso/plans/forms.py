"""Forms for communes, units, plans, indicators and tasks; every message in Vietnamese."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from xaso.core import communes
from xaso.core.numbers import format_number, parse_number
from xaso.core.text import squash
from xaso.documents import DocumentError
from xaso.documents.uploads import check_size, check_upload

from .fields import VietnameseNumberField, ids_only
from .models import Commune, Indicator, Plan, Task, Unit


class VietnameseMessages:
    """Required-field messages that name the field: "Tên nhiệm vụ không được để trống."."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"{str(field.label).capitalize()} không được để trống."


def checked_file(upload, allowed, limits):
    """An uploaded file whose bytes are what its name says (or a ValidationError in Vietnamese), rewound: the content
    check of xaso.documents.uploads, for every form that takes a file."""
    if upload:
        try:
            check_size(upload.size, upload.name, limits)
            upload.seek(0)
            check_upload(upload.read(), upload.name, allowed, limits)
        except DocumentError as error:
            raise ValidationError(error.message, code=error.code) from None
        upload.seek(0)
    return upload


def clean_required_text(value: str, label: str) -> str:
    value = squash(value)
    if not value:
        raise ValidationError(f"{label} không được để trống.", code="required")
    return value


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, **kwargs)


class BudgetField(VietnameseNumberField):
    """A budget in million VND written the Vietnamese way ("1.250,5"); never negative."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, noun="Kinh phí", example="150 hoặc 1.250,5", **kwargs)


class YearField(VietnameseNumberField):
    """A plan's year, 2000–2100, written without a thousands dot."""

    def __init__(self, **kwargs):
        super().__init__(min_value=2000, max_value=2100, decimal_places=0, grouping=False, noun="Năm",
                         example="2026", **kwargs)


STALE_MESSAGE = ("Người khác đã lưu thay đổi cho mục này sau khi bạn mở trang, nên phần bạn sửa chưa được lưu. "
                 "Bảng dưới đây so sánh giá trị bạn vừa nhập với giá trị đã lưu mới hơn; các ô vẫn giữ giá trị bạn "
                 "nhập: hãy xem lại rồi bấm “Lưu” lần nữa.")


@dataclass(frozen=True)
class Difference:
    label: str
    yours: str
    saved: str


class StaleEditCheck(forms.Form):
    """A save refused when someone else saved the same object after this form was opened (the version check of
    the report form, for plans, indicators, tasks, units and communes). The form carries, hidden, a fingerprint of
    the object's fields as stored when it was shown; on save the stored object is read again (locked for the
    transaction) and a different fingerprint refuses the save, listing the user's values beside the newer saved
    ones. The refused form keeps the user's values and the new fingerprint: a second "Lưu" is a choice made with
    both in view. Nothing is lost silently. (A post without the field, as a script may send, is not checked: every
    page the app renders carries it.)"""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.differences: list[Difference] = []
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                ids_only(field)
        if self.instance.pk:
            self.fields["seen"].initial = self._fingerprint(self.instance)
        else:
            del self.fields["seen"]

    def _stored_values(self, obj) -> dict:
        values = {}
        for name in self._meta.fields:
            value = getattr(obj, name)
            values[name] = sorted(u.pk for u in value.all()) if hasattr(value, "all") else getattr(value, "pk", value)
        return values

    def _fingerprint(self, obj) -> str:
        text = json.dumps(self._stored_values(obj), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _shown(self, name: str, value) -> str:
        field = self.fields[name]
        if hasattr(value, "all"):
            value = list(value.all())
        if isinstance(value, (list, tuple)):
            return ", ".join(str(getattr(v, "name", v)) for v in value) or "—"
        if value in (None, ""):
            return "—"
        if isinstance(field, forms.ModelChoiceField):
            return str(getattr(value, "name", value))
        if isinstance(field, forms.ChoiceField):
            return str(dict(field.choices).get(value, value))
        if isinstance(value, bool):
            return "Có" if value else "Không"
        if isinstance(value, date):
            return f"{value:%d/%m/%Y}"
        if isinstance(value, (int, Decimal, float)):
            return format_number(value)
        return str(value)

    def clean(self):
        cleaned = super().clean()
        if "seen" not in self.fields or not cleaned.get("seen"):  # a new object, or a script not sending the field
            return cleaned
        stored = type(self.instance)._base_manager
        if transaction.get_connection().in_atomic_block:  # locked until the save that follows (xaso.plans.views._edit)
            stored = stored.select_for_update()
        current = stored.get(pk=self.instance.pk)
        now = self._fingerprint(current)
        if cleaned.get("seen") == now:
            return cleaned
        for name in self._meta.fields:
            if name in self.fields:
                yours = self._shown(name, cleaned.get(name, self.data.get(self.add_prefix(name))))
                saved = self._shown(name, getattr(current, name))
                if yours != saved:
                    self.differences.append(Difference(str(self.fields[name].label), yours, saved))
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = now
        raise ValidationError(STALE_MESSAGE, code="stale_edit")


class CommuneForm(StaleEditCheck, VietnameseMessages, forms.ModelForm):
    class Meta:
        model = Commune
        fields = ["name", "kind", "code"]

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province or self.instance.province
        self.named_kind = None
        self.fields["kind"].required = False  # not sent: the kind the name gives ("Phường Bến Nghé"), else a xã

    def clean_name(self):
        """The name without its kind word ("Phường Bến Nghé" → "Bến Nghé"): the kind is its own field."""
        self.named_kind, name = communes.split_name(clean_required_text(self.cleaned_data.get("name"), "Tên xã/phường"))
        name = clean_required_text(name, "Tên xã/phường")
        duplicate = Commune.objects.filter(province=self.province, name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError("Tỉnh này đã có một xã cùng tên.", code="duplicate")
        return name

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if self.named_kind and kind and self.named_kind != kind:
            self.add_error("kind", ValidationError(
                f"Tên ghi “{communes.label(self.named_kind)}” nhưng loại đơn vị chọn là “{communes.label(kind)}”: "
                f"hãy chọn lại loại đơn vị cho đúng.", code="kind_mismatch"))
        elif not kind and "kind" not in self.errors:
            cleaned["kind"] = self.instance.kind = self.named_kind or self.instance.kind or communes.XA
        return cleaned


class UnitForm(StaleEditCheck, VietnameseMessages, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind"]

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune or self.instance.commune

    def clean_name(self):
        name = clean_required_text(self.cleaned_data.get("name"), "Tên đơn vị")
        duplicate = Unit.objects.filter(commune=self.commune, name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError("Xã này đã có một đơn vị cùng tên.", code="duplicate")
        return name


class PlanForm(StaleEditCheck, VietnameseMessages, forms.ModelForm):
    year = YearField(label="Năm kế hoạch")

    class Meta:
        model = Plan
        fields = ["title", "year", "number", "issued_on", "signer", "status", "report_cadence"]
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune or self.instance.commune
        self.fields["report_cadence"].required = False

    def clean_report_cadence(self):
        return self.cleaned_data.get("report_cadence") or "quarter"

    def clean_title(self):
        return clean_required_text(self.cleaned_data.get("title"), "Trích yếu")

    def clean(self):
        cleaned = super().clean()
        year, status = cleaned.get("year"), cleaned.get("status")
        if year and status == Plan.ISSUED:
            others = Plan.objects.filter(commune=self.commune, year=year, status=Plan.ISSUED).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "status",
                    ValidationError(
                        f"Xã đã có kế hoạch năm {year} đã ban hành; chỉ được một kế hoạch ban hành mỗi năm.",
                        code="issued_plan_exists",
                    ),
                )
        return cleaned


class IndicatorForm(StaleEditCheck, VietnameseMessages, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["area", "group_heading", "text", "unit", "baseline_text", "target_text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def clean_text(self):
        return clean_required_text(self.cleaned_data.get("text"), "Chỉ tiêu")

    def clean_baseline_text(self):
        text = squash(self.cleaned_data.get("baseline_text"))
        self.baseline_value = parse_number(text.rstrip("%").strip()) if text else None
        return text

    def save(self, commit=True):
        indicator = super().save(commit=False)
        indicator.baseline_value = self.baseline_value
        indicator.unit = ""
        indicator.apply_target(self.cleaned_data.get("target_text", ""))
        indicator.unit = self.cleaned_data.get("unit") or indicator.unit
        if commit:
            indicator.save()
        return indicator


class TaskForm(StaleEditCheck, VietnameseMessages, forms.ModelForm):
    budget_million_vnd = BudgetField(label="Kinh phí (triệu đồng)", required=False)

    class Meta:
        model = Task
        fields = [
            "area", "group_heading", "name", "detail", "lead_unit", "partner_units", "timeline_text",
            "start_date", "due_date", "recurring", "output", "budget_million_vnd", "budget_source",
            "overseer", "monitor", "note",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "detail": forms.Textarea(attrs={"rows": 2}),
            "output": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "partner_units": forms.CheckboxSelectMultiple,
            "start_date": DateInput(),
            "due_date": DateInput(),
        }
        help_texts = {
            "timeline_text": "Như văn bản ghi, ví dụ “Quý II–IV/2026”, “Thường xuyên”. Để trống ngày bắt đầu và hạn "
            "hoàn thành thì hệ thống tự tính từ đây.",
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan or self.instance.plan
        units = Unit.objects.filter(commune_id=self.plan.commune_id)
        self.fields["lead_unit"].queryset = units
        self.fields["lead_unit"].empty_label = "— chọn đơn vị —"
        self.fields["partner_units"].queryset = units
        for name in ("lead_unit", "partner_units"):
            self.fields[name].label_from_instance = lambda unit: unit.name
        for name in ("start_date", "due_date"):
            self.fields[name].error_messages["invalid"] = "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."

    def clean_name(self):
        return clean_required_text(self.cleaned_data.get("name"), "Tên nhiệm vụ")

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error(
                "due_date", ValidationError("Hạn hoàn thành phải sau ngày bắt đầu.", code="due_before_start")
            )
        lead = cleaned.get("lead_unit")
        if lead is not None and lead in (cleaned.get("partner_units") or []):
            self.add_error(
                "partner_units",
                ValidationError("Đơn vị chủ trì không đồng thời là đơn vị phối hợp.", code="lead_is_partner"),
            )
        return cleaned

    def save(self, commit=True):
        task = super().save(commit=False)
        task.plan = self.plan
        start, due, recurring = task.start_date, task.due_date, task.recurring
        task.apply_timeline(self.cleaned_data.get("timeline_text", ""))
        # Dates typed by the officer win over those read from the timeline.
        task.start_date = start or task.start_date
        task.due_date = due or task.due_date
        task.recurring = recurring or task.recurring
        if task.start_date and task.due_date and task.due_date < task.start_date:
            task.start_date = start
        if commit:
            task.save()
            self.save_m2m()
        return task
