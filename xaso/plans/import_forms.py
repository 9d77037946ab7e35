"""Forms of the import flow: the upload, and the review where the officer corrects what was read."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from xaso.core import communes
from xaso.core.numbers import format_number
from xaso.documents import SUPPORTED_EXTENSIONS, SUPPORTED_LABEL

from xaso.extract.model import IndicatorRow, TaskRow

from .forms import BudgetField, VietnameseMessages, YearField, clean_required_text
from .importing import SECOND_PLAN, names_commune, plans_of_year


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
    second = forms.BooleanField(label="Xã đã có kế hoạch năm này: tôi vẫn muốn tạo thêm một kế hoạch", required=False)

    other_commune = forms.BooleanField(required=False)

    def __init__(self, *args, commune, named: str | None = None, named_kind: str | None = None, **kwargs):
        """`named`: the commune the document names. Another commune's name asks for a tick of its own: the warning
        above the form is easy to scroll past, and a plan saved into the wrong commune is seen by its people."""
        super().__init__(*args, **kwargs)
        self.commune = commune
        if named and not names_commune(named, commune):
            written = communes.phrase(named_kind or communes.XA, named)
            self.fields["other_commune"].label = (f"Văn bản ghi tên {written}: tôi đã kiểm tra, đây đúng là kế hoạch "
                                                  f"của {commune.phrase}")
        else:
            del self.fields["other_commune"]

    def clean_title(self):
        return clean_required_text(self.cleaned_data.get("title"), "Trích yếu")

    def clean(self):
        """A second plan of one year is made only when the officer says so (the rule is store_plan's)."""
        cleaned = super().clean()
        if "other_commune" in self.fields and not cleaned.get("other_commune"):
            self.add_error("other_commune", ValidationError(
                f"Văn bản có thể là của xã khác. Đánh dấu ô này nếu đây đúng là kế hoạch của {self.commune.phrase}, "
                f"hoặc hủy bản nhập.", code="other_commune"))
        year = cleaned.get("year")
        if year and plans_of_year(self.commune, year) and not cleaned.get("second"):
            self.add_error("second", ValidationError(
                f"{self.commune} đã có kế hoạch năm {year}. Đánh dấu ô này nếu thật sự cần tạo thêm, hoặc "
                f"sửa năm kế hoạch.", code=SECOND_PLAN))
        return cleaned


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


# A plan has as many rows as its document: the formsets' own bounds are far above any plan (a draft's rows are what
# the reader found, so a tampered total beyond them adds nothing that is kept).
MAX_ROWS = 10_000
IndicatorFormSet = forms.formset_factory(ReviewIndicatorForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS)
TaskFormSet = forms.formset_factory(ReviewTaskForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS)
ROWS_FIELD = "rows"
_ROW_NAME = re.compile(r"(ind|task)-(?:TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|\d{1,5}-[a-z_]{1,40})")


class RowsError(Exception):
    """The review's rows arrived damaged; a Vietnamese message."""


def review_data(post):
    """The review's fields as the formsets read them. The page's script sends every row's inputs as one JSON field
    (`rows`: {"task-0-name": "…", …}) so a plan of any size stays under Django's limit on the number of fields a
    request may carry (DATA_UPLOAD_MAX_NUMBER_FIELDS, about 125 tasks' worth); without the script the inputs come
    one by one, as for any form. Every name and value is checked here: strings under the rows' own names only."""
    if ROWS_FIELD not in post:
        return post
    try:
        rows = json.loads(post[ROWS_FIELD])
    except ValueError:
        rows = None
    if not isinstance(rows, dict) or not all(
            isinstance(k, str) and _ROW_NAME.fullmatch(k) and isinstance(v, str) and "\x00" not in v for k, v in rows.items()):
        raise RowsError("Dữ liệu các dòng gửi lên bị hỏng; hãy tải lại trang xem lại rồi bấm “Tạo kế hoạch dự thảo” lần nữa.")
    data = post.copy()
    del data[ROWS_FIELD]
    for name, value in rows.items():
        data[name] = value
    return data


INDICATOR_FIELDS = ("text", "group", "baseline", "target", "unit")
TASK_FIELDS = ("name", "group", "detail", "lead", "timeline", "output", "budget_source", "overseer", "monitor")


def initial_indicators(rows: list[IndicatorRow]) -> list[dict]:
    return [{"keep": True, **{name: getattr(row, name) or "" for name in INDICATOR_FIELDS}} for row in rows]


def initial_tasks(rows: list[TaskRow]) -> list[dict]:
    return [{"keep": True, **{name: getattr(row, name) or "" for name in TASK_FIELDS},
             "partners": "; ".join(row.partners), "budget_million_vnd": format_number(row.budget_million_vnd)}
            for row in rows]


def confirmed_indicator(row: IndicatorRow, cleaned: dict) -> IndicatorRow:
    """The row as the officer left it: a target text they changed is read anew; the rest stays as extracted."""
    edited_target = (cleaned.get("target") or "") != (row.target or "")
    for name in ("text", "group", "baseline", "unit"):
        setattr(row, name, cleaned.get(name) or (None if name != "text" else row.text))
    if edited_target:
        row.read_target(cleaned.get("target"))
    row.read_baseline()
    return row


def confirmed_task(row: TaskRow, cleaned: dict, year: int, extracted_year: int | None) -> TaskRow:
    edited_timeline = (cleaned.get("timeline") or "") != (row.timeline or "")
    for name in TASK_FIELDS:
        setattr(row, name, cleaned.get(name) or (None if name != "name" else row.name))
    row.partners = [p.strip() for p in (cleaned.get("partners") or "").split(";") if p.strip()]
    budget = cleaned.get("budget_million_vnd")
    row.budget_million_vnd = None if budget is None else float(budget)
    if edited_timeline or year != extracted_year:
        row.read_timeline(year)
    return row
