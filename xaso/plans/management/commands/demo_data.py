from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from xaso.plans.demo import generate_province


class Command(BaseCommand):
    help = "Sinh dữ liệu mẫu: một tỉnh với N xã, mỗi xã có đơn vị, kế hoạch, chỉ tiêu và nhiệm vụ."

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=4)
        parser.add_argument("--year", type=int, default=date.today().year)
        parser.add_argument("--province", default="Tỉnh Minh Sơn")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--periods", type=int, choices=[1, 2, 4, 12], default=4,
                            help="số kỳ báo cáo trong năm: 12 (tháng), 4 (quý), 2 (6 tháng), 1 (năm)")
        parser.add_argument("--tasks", type=int, default=0, help="số nhiệm vụ mỗi kế hoạch (mặc định khoảng 23)")
        parser.add_argument("--no-history", action="store_true", help="không sinh lịch sử báo cáo")

    def handle(self, *args, communes, year, province, seed, periods, tasks, no_history, **options):
        if not 1 <= communes <= 5000:
            raise CommandError("Số xã phải từ 1 đến 5000.")
        if not 2000 <= year <= 2100:
            raise CommandError("Năm phải từ 2000 đến 2100.")
        call_command("migrate", verbosity=0, interactive=False)
        cadence = {12: "month", 4: "quarter", 2: "half", 1: "year"}[periods]
        result, plans = generate_province(province, communes, year, seed, cadence=cadence, tasks=tasks)
        line = f"Đã sinh dữ liệu: {result.name}, {result.communes.count()} xã, năm {year}"
        if not no_history and plans:
            from django.utils import timezone

            from xaso.tracking.demo import add_progress

            today = timezone.localdate()
            day = today if today.year == year else date(year, 12, 31) if year < today.year else date(year, 1, 1)
            reports, values = add_progress(plans, day, seed)
            line += f", {reports} báo cáo nhiệm vụ, {values} số liệu chỉ tiêu"
        if plans:
            from xaso.search.index import rebuild

            rebuild(plans)
        self.stdout.write(line + ".")
