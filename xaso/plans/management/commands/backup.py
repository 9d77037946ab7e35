from django.core.management.base import BaseCommand, CommandError

from xaso.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu trực tuyến CSDL (SQLite backup API hoặc pg_dump) và các tệp tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Đã sao lưu vào {file}: CSDL {manifest['engine']}, {rows} dòng, {len(manifest['files'])} tệp.")
