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

    def handle(self, *args, communes, year, province, seed, **options):
        if not 1 <= communes <= 5000:
            raise CommandError("Số xã phải từ 1 đến 5000.")
        if not 2000 <= year <= 2100:
            raise CommandError("Năm phải từ 2000 đến 2100.")
        call_command("migrate", verbosity=0, interactive=False)
        result = generate_province(province, communes, year, seed)
        self.stdout.write(f"Đã sinh dữ liệu: {result.name}, {result.communes.count()} xã, năm {year}.")
