"""The forms of the evaluation pages: the index upload, one row of the self-assessment, one row of the review.
Numbers are typed the Vietnamese way (xaso.plans.fields); files are checked by their content (xaso.documents.uploads)
with the same words as a report's evidence."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from xaso.core import scoring
from xaso.documents.uploads import Limits
from xaso.plans.fields import VietnameseNumberField
from xaso.plans.forms import checked_file
from xaso.tracking.forms import EVIDENCE_LIMITS, EVIDENCE_TYPES

from . import services

INDEX_LIMITS = Limits(max_bytes=5 * 1024 * 1024)


class IndexUploadForm(forms.Form):
    year = VietnameseNumberField(label="Năm đánh giá", min_value=2000, max_value=2100, decimal_places=0,
                                 grouping=False, example="2026")
    name = forms.CharField(label="Tên bộ chỉ số (để trống: lấy dòng tiêu đề trong tệp)", required=False, max_length=300)
    file = forms.FileField(label="Tệp Excel (.xlsx) của bộ chỉ số", required=False, allow_empty_file=True)

    def clean_file(self):
        return checked_file(self.cleaned_data.get("file"), (".xlsx",), INDEX_LIMITS)


class AnswerForm(forms.Form):
    """One component's figures, as its rule asks for them, and its evidence."""

    evidence_file = forms.FileField(label="Tệp minh chứng (.pdf, .docx, .xlsx, ảnh; tối đa 10 MB)", required=False,
                                    allow_empty_file=True)
    evidence_link = forms.URLField(label="Hoặc đường dẫn minh chứng", required=False, assume_scheme="https",
                                   error_messages={"invalid": "Đường dẫn không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."})

    def __init__(self, *args, component, **kwargs):
        super().__init__(*args, **kwargs)
        self.component = component
        kind = component.scoring.kind
        if kind == scoring.YES_NO:
            self.fields["yes"] = forms.ChoiceField(label="Có/không", required=False,
                                                   choices=[("", "— chọn —"), ("1", "Có"), ("0", "Không")])
        elif kind == scoring.RATIO:
            self.fields["numerator"] = VietnameseNumberField(label="Tử số", required=False, min_value=0, example="1.234")
            self.fields["denominator"] = VietnameseNumberField(label="Mẫu số", required=False, min_value=0, example="1.500")
            self.fields["value"] = VietnameseNumberField(label="Hoặc tỷ lệ (%)", noun="Tỷ lệ", required=False,
                                                         min_value=0, max_value=100, example="85,5")
        elif kind == scoring.COUNT:
            self.fields["value"] = VietnameseNumberField(label="Số lượng", required=False, min_value=0, example="12")
        else:
            self.fields["value"] = VietnameseNumberField(label="Điểm tự chấm", required=False, min_value=0,
                                                         max_value=component.max_points, example="1,5")

    def clean_evidence_file(self):
        return checked_file(self.cleaned_data.get("evidence_file"), EVIDENCE_TYPES, EVIDENCE_LIMITS)

    def answer_input(self) -> services.AnswerInput:
        data = self.cleaned_data
        yes = data.get("yes")
        return services.AnswerInput(yes=None if yes in (None, "") else yes == "1", numerator=data.get("numerator"),
                                    denominator=data.get("denominator"), value=data.get("value"),
                                    evidence_link=data.get("evidence_link") or "",
                                    evidence_file=data.get("evidence_file") or None)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Thẩm định", required=False,
                                 choices=[("", "— chưa thẩm định —"), ("accept", "Chấp nhận"), ("adjust", "Điều chỉnh")])
    score = VietnameseNumberField(label="Điểm điều chỉnh", required=False, min_value=0, example="1,5")
    comment = forms.CharField(label="Ý kiến", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "adjust":
            if data.get("score") is None:
                self.add_error("score", ValidationError("Hãy ghi điểm điều chỉnh.", code="score_required"))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", ValidationError("Điều chỉnh điểm phải ghi ý kiến (lý do).",
                                                          code="comment_required"))
        return data

    def decision_input(self) -> services.Decision | None:
        data = self.cleaned_data
        if not data.get("decision"):
            return None
        return services.Decision(accept=data["decision"] == "accept", score=data.get("score"),
                                 comment=data.get("comment") or "")
