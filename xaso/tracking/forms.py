from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from xaso.core import status
from xaso.plans.forms import DateInput, VietnameseMessages

EVIDENCE_TYPES = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class TaskReportForm(VietnameseMessages, forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=list(status.REPORTED.items()))
    percent = forms.IntegerField(label="Tỷ lệ hoàn thành (%)", min_value=0, max_value=100, initial=0,
                                 error_messages={"min_value": "Tỷ lệ phải từ 0 đến 100.", "max_value": "Tỷ lệ phải từ 0 đến 100.",
                                                 "invalid": "Tỷ lệ phải là một số từ 0 đến 100."})
    done_on = forms.DateField(label="Ngày hoàn thành", required=False, widget=DateInput(),
                              error_messages={"invalid": "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."})
    delay_reason = forms.CharField(label="Lý do chậm (nếu chậm tiến độ)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    achievements = forms.CharField(label="Kết quả đã làm", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(label="Khó khăn, vướng mắc", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    proposals = forms.CharField(label="Đề xuất, kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label="Tệp minh chứng (.pdf, .docx, .xlsx, ảnh; tối đa 10 MB)", required=False)
    evidence_link = forms.URLField(label="Hoặc đường dẫn minh chứng", required=False, assume_scheme="https",
                                   error_messages={"invalid": "Đường dẫn không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."})
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            if Path(upload.name).suffix.lower() not in EVIDENCE_TYPES:
                raise ValidationError("Chỉ nhận minh chứng dạng .pdf, .docx, .xlsx, .jpg, .png.", code="evidence_type")
            if upload.size > EVIDENCE_MAX_BYTES:
                raise ValidationError("Tệp minh chứng quá lớn (tối đa 10 MB).", code="evidence_size")
        return upload


class ReviewForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class IndicatorValueForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    numerator = forms.DecimalField(label="Tử số", required=False, min_value=0,
                                   error_messages={"invalid": "Hãy nhập một số.", "min_value": "Không được âm."})
    denominator = forms.DecimalField(label="Mẫu số", required=False, min_value=0,
                                     error_messages={"invalid": "Hãy nhập một số.", "min_value": "Không được âm."})
    value = forms.DecimalField(label="Giá trị", required=False,
                               error_messages={"invalid": "Hãy nhập một số, ví dụ 85,5."})
    source = forms.CharField(label="Nguồn số liệu", required=False, max_length=300)


IndicatorValueFormSet = forms.formset_factory(IndicatorValueForm, extra=0)
