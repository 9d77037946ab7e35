from django.core.management.base import BaseCommand

from xaso.search.index import rebuild


class Command(BaseCommand):
    help = "Đánh chỉ mục tìm kiếm lại cho mọi kế hoạch (sau khi nạp dữ liệu hàng loạt bằng cách khác)."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã đánh chỉ mục lại {rebuild()} kế hoạch.")
