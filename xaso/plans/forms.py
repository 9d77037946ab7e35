"""Forms for communes, units, plans, indicators and tasks; every message in Vietnamese."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from xaso.core.numbers import parse_number
from xaso.core.text import squash

from .fields import VietnameseNumberField
from .models import Commune, Indicator, Plan, Task, Unit


class VietnameseMessages:
    """Required-field messages that name the field: "Tên nhiệm vụ không được để trống."."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"{str(field.label).capitalize()} không được để trống."


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


class CommuneForm(VietnameseMessages, forms.ModelForm):
    class Meta:
        model = Commune
        fields = ["name", "code"]

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province or self.instance.province

    def clean_name(self):
        name = clean_required_text(self.cleaned_data.get("name"), "Tên xã/phường")
        if name.lower().startswith("xã "):
            name = name[3:].strip()
        duplicate = Commune.objects.filter(province=self.province, name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError("Tỉnh này đã có một xã cùng tên.", code="duplicate")
        return name


class UnitForm(VietnameseMessages, forms.ModelForm):
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


class PlanForm(VietnameseMessages, forms.ModelForm):
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


class IndicatorForm(VietnameseMessages, forms.ModelForm):
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


class TaskForm(VietnameseMessages, forms.ModelForm):
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
