from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaso.backup import BackupError, backup, dated_archive, prune


class Command(BaseCommand):
    help = ("Sao lưu trực tuyến CSDL (SQLite backup API hoặc pg_dump) và các tệp tải lên vào một tệp .tar.gz. "
            "TỆP là một thư mục thì bản sao lưu mang tên theo giờ (xaso-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY.tar.gz).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--keep", type=int, metavar="N",
                            help="(khi TỆP là thư mục) giữ N bản sao lưu mới nhất trong thư mục, xóa các bản cũ hơn")

    def handle(self, *args, file, keep=None, **options):
        folder = Path(file) if Path(file).is_dir() else None
        if keep is not None and (folder is None or keep < 1):
            raise CommandError("--keep cần một thư mục đích và một số từ 1 trở lên, ví dụ: "
                               "xaso backup /var/backups/xaso --keep 14")
        target = dated_archive(folder) if folder else Path(file)
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Đã sao lưu vào {target}: CSDL {manifest['engine']}, {rows} dòng, {len(manifest['files'])} tệp.")
        if keep:
            removed = prune(folder, keep)
            if removed:
                self.stdout.write(f"Đã xóa {len(removed)} bản cũ, giữ {keep} bản mới nhất.")
