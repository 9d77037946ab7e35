from django import forms

from xaso.core import budget, status
from xaso.documents.uploads import Limits
from xaso.plans.fields import VietnameseNumberField
from xaso.plans.forms import DateInput, VietnameseMessages, checked_file

from .models import COMMUNE_REPORT_TARGET, ReportCalendar

EVIDENCE_TYPES = (".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png")
EVIDENCE_LIMITS = Limits(max_bytes=10 * 1024 * 1024)


class TaskReportForm(VietnameseMessages, forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=list(status.REPORTED.items()))
    percent = VietnameseNumberField(label="Tỷ lệ hoàn thành (%)", min_value=0, max_value=100, initial=0,
                                    example="40 hoặc 9,5")
    done_on = forms.DateField(label="Ngày hoàn thành", required=False, widget=DateInput(),
                              error_messages={"invalid": "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."})
    delay_reason = forms.CharField(label="Lý do chậm (nếu chậm tiến độ)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    achievements = forms.CharField(label="Kết quả đã làm", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(label="Khó khăn, vướng mắc", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    proposals = forms.CharField(label="Đề xuất, kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    spent_million_vnd = VietnameseNumberField(label="Kinh phí đã chi trong kỳ (triệu đồng)", required=False, min_value=0,
                                              max_value=budget.MAX_SPENT, noun="Kinh phí đã chi", example="1.234,5",
                                              help_text="Chỉ ghi số đã chi trong kỳ này, không cộng dồn các kỳ trước.")
    spent_source = forms.ChoiceField(label="Nguồn kinh phí đã chi", required=False,
                                     choices=[("", "— Chọn nguồn —"), *budget.SOURCES],
                                     error_messages={"invalid_choice": "Nguồn kinh phí không hợp lệ; hãy chọn trong danh sách."})
    evidence_file = forms.FileField(label="Tệp minh chứng (.pdf, .docx, .xlsx, ảnh; tối đa 10 MB)", required=False,
                                    allow_empty_file=True)  # refused by check_upload, with the import's words
    evidence_link = forms.URLField(label="Hoặc đường dẫn minh chứng", required=False, assume_scheme="https",
                                   error_messages={"invalid": "Đường dẫn không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."})
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_evidence_file(self):
        """Checked by its content, with the import's words (xaso.documents.uploads): a program renamed .pdf is
        refused here, before anything is stored."""
        return checked_file(self.cleaned_data.get("evidence_file"), EVIDENCE_TYPES, EVIDENCE_LIMITS)


class ReviewForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class IndicatorValueForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    numerator = VietnameseNumberField(label="Tử số", required=False, min_value=0, example="1.234")
    denominator = VietnameseNumberField(label="Mẫu số", required=False, min_value=0, example="1.500")
    value = VietnameseNumberField(label="Giá trị", required=False, min_value=0, example="85,5 hoặc 1.234,5")
    source = forms.CharField(label="Nguồn số liệu", required=False, max_length=300)


IndicatorValueFormSet = forms.formset_factory(IndicatorValueForm, extra=0)


def _days(label: str, most: int, *, least: int = 0, required: bool = True, help_text: str = "") -> VietnameseNumberField:
    return VietnameseNumberField(label=label, min_value=least, max_value=most, decimal_places=0, grouping=False,
                                 example=str(least + 5), required=required, help_text=help_text)


class ReportCalendarForm(VietnameseMessages, forms.ModelForm):
    """A province's reporting calendar: the one validation the page and the API share."""

    # The field is the first day of a period's figures; the cut-off ("ngày chốt", NĐ 09's 14th) is the day before it,
    # and the deadlines below count from that cut-off.
    cutoff_day = _days("Ngày bắt đầu kỳ số liệu", 28, least=1,
                       help_text="Kỳ tính từ ngày này của tháng trước kỳ đến ngày chốt là ngày liền trước của tháng cuối "
                                 "kỳ (Nghị định 09/2019: từ ngày 15, chốt ngày 14); 1: theo tháng dương lịch.")
    month_deadline_days = _days("Hạn gửi báo cáo tháng (số ngày sau ngày chốt)", 60)
    quarter_deadline_days = _days("Hạn gửi báo cáo quý (số ngày sau ngày chốt)", 60)
    half_deadline_days = _days("Hạn gửi báo cáo 6 tháng (số ngày sau ngày chốt)", 60)
    year_deadline_days = _days("Hạn gửi báo cáo năm (số ngày sau ngày chốt)", 60)
    open_days = _days("Mở nhập trước ngày chốt (số ngày)", 180, required=False,
                      help_text="Để trống: mở nhập từ ngày đầu kỳ.")
    lock_days = _days("Khóa nhập sau hạn gửi (số ngày)", 365)

    class Meta:
        model = ReportCalendar
        fields = ["cutoff_day", "month_deadline_days", "quarter_deadline_days", "half_deadline_days",
                  "year_deadline_days", "open_days", "lock_days"]


class ReopeningForm(VietnameseMessages, forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    period = forms.ChoiceField(label="Kỳ báo cáo")
    reason = forms.CharField(label="Lý do mở lại", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    until = forms.DateField(label="Mở đến hết ngày", widget=DateInput(),
                            error_messages={"invalid": "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."})

    def __init__(self, *args, units=(), periods=(), for_commune=False, **kwargs):
        """`for_commune`: the province's officer may also open the commune's own report to the province (choice 0)."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = ([(0, COMMUNE_REPORT_TARGET)] if for_commune else []) + [(u.pk, u.name) for u in units]
        self.fields["period"].choices = [(p.code, p.label) for p in periods]
