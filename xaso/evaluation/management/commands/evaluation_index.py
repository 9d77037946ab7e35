"""`xaso evaluation-index --province NAME|ID --year 2026 [--file INDEX.xlsx] [--draft]`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from xaso.documents import DocumentError
from xaso.documents.uploads import check_upload
from xaso.evaluation import services, sheets
from xaso.evaluation.forms import INDEX_LIMITS
from xaso.plans.models import Province


class Command(BaseCommand):
    help = ("Nạp bộ chỉ số đánh giá, xếp hạng chuyển đổi số cấp xã cho một tỉnh và một năm: từ tệp Excel (--file), "
            "hoặc bộ chỉ số mẫu của xaso (8 nhóm) khi không có --file. Bộ chỉ số được công bố ngay, trừ khi có --draft.")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="tên hoặc mã số của tỉnh")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--file", help="tệp .xlsx của bộ chỉ số (cột: Nhóm, Mã, Tiêu chí, Cách tính điểm, Điểm tối đa…)")
        parser.add_argument("--draft", action="store_true", help="để ở dạng dự thảo, chưa công bố cho các xã")

    def handle(self, *args, province, year, file, draft, **options):
        found = Province.objects.filter(pk=int(province)) if province.isdigit() else Province.objects.filter(name=province)
        place = found.first() or Province.objects.filter(name__iexact=f"Tỉnh {province}").first()
        if place is None:
            return self._fail(f"Không có tỉnh “{province}”.")
        if not 2000 <= year <= 2100:
            return self._fail("Năm phải từ 2000 đến 2100.")
        try:
            if file:
                path = Path(file)
                if not path.is_file():
                    return self._fail(f"Không có tệp “{file}”.")
                data = path.read_bytes()
                check_upload(data, path.name, (".xlsx",), INDEX_LIMITS)
                sheet = sheets.read_xlsx(data)
            else:
                sheet = services.example_sheet()
            index = services.store_index(place, year, sheet)
            if not draft:
                services.publish_index(index)
        except DocumentError as error:
            return self._fail(error.message)
        except sheets.SheetError as error:
            return self._fail("bộ chỉ số có lỗi, chưa nạp gì:\n" + "\n".join(error.problems))
        except services.EvaluationError as error:
            return self._fail(error.message)
        self.stdout.write(f"Đã nạp “{index.name}” cho {place.name}, năm {year}: {len(sheet.groups)} nhóm, "
                          f"{len(sheet.components)} tiêu chí ({index.get_state_display().lower()}).")

    def _fail(self, message):
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)
