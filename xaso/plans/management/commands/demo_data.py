from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from xaso.plans.demo import generate_country, generate_province


class Command(BaseCommand):
    help = ("Sinh dữ liệu mẫu: một tỉnh với N xã (hoặc --provinces tỉnh chia nhau N xã), mỗi xã có đơn vị, kế hoạch, "
            "chỉ tiêu, nhiệm vụ và báo cáo cả năm.")

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=4)
        parser.add_argument("--provinces", type=int, default=1, metavar="N",
                            help="số tỉnh chia nhau các xã, mỗi tỉnh 38–168 xã như cả nước (ví dụ --provinces 34 --communes 3321)")
        parser.add_argument("--year", type=int, default=date.today().year)
        parser.add_argument("--province", default="Tỉnh Minh Sơn")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--periods", type=int, choices=[1, 2, 4, 12], default=4,
                            help="số kỳ báo cáo trong năm: 12 (tháng), 4 (quý), 2 (6 tháng), 1 (năm)")
        parser.add_argument("--tasks", type=int, default=0, help="số nhiệm vụ mỗi kế hoạch (mặc định khoảng 23)")
        parser.add_argument("--no-history", action="store_true", help="không sinh lịch sử báo cáo")

    def handle(self, *args, communes, provinces, year, province, seed, periods, tasks, no_history, **options):
        if not 1 <= communes <= 5000:
            raise CommandError("Số xã phải từ 1 đến 5000.")
        if not 1 <= provinces <= min(100, communes):
            raise CommandError("Số tỉnh phải từ 1 đến 100 và không nhiều hơn số xã.")
        if not 2000 <= year <= 2100:
            raise CommandError("Năm phải từ 2000 đến 2100.")
        if not 0 <= tasks <= 500:
            raise CommandError("Số nhiệm vụ mỗi kế hoạch phải từ 0 đến 500.")
        call_command("migrate", verbosity=0, interactive=False)
        cadence = {12: "month", 4: "quarter", 2: "half", 1: "year"}[periods]
        if provinces == 1:
            result, plans = generate_province(province, communes, year, seed, cadence=cadence, tasks=tasks)
            made = [(result, plans)]
        else:
            made = generate_country(provinces, communes, year, seed, cadence=cadence, tasks=tasks, first=province)
        reports = values = communes_made = count = 0
        for number, (result, plans) in enumerate(made):
            count += 1
            communes_made += result.communes.count()
            if not no_history and plans:
                r, v = self._progress(plans, year, seed + number)
                reports, values = reports + r, values + v
            if plans:
                from xaso.search.index import rebuild

                rebuild(plans)
            if provinces > 1:
                self.stderr.write(f"{result.name}: {len(plans)} xã mới")
            elif plans:  # the province's commune evaluation (xaso.evaluation): example index and assessments
                from xaso.evaluation.demo import add_evaluation

                add_evaluation(result, year, seed, assessments=not no_history)
        where = result.name if provinces == 1 else f"{count} tỉnh"
        line = f"Đã sinh dữ liệu: {where}, {communes_made} xã, năm {year}"
        if not no_history:
            line += f", {reports} báo cáo nhiệm vụ, {values} số liệu chỉ tiêu"
        self.stdout.write(line + ".")

    @staticmethod
    def _progress(plans, year, seed):
        from django.utils import timezone

        from xaso.tracking.demo import add_progress

        today = timezone.localdate()
        day = today if today.year == year else date(year, 12, 31) if year < today.year else date(year, 1, 1)
        return add_progress(plans, day, seed)
