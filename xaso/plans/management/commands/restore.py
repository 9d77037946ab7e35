from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from xaso.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào CSDL trống (mới hoặc vừa migrate), rồi cập nhật cấu trúc CSDL."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = restore(file)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        call_command("migrate", verbosity=0, interactive=False)
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Đã khôi phục {file} (sao lưu lúc {manifest['created']}): {rows} dòng, "
                          f"{len(manifest['files'])} tệp.")
