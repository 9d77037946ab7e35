from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from xaso.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Cấp một khóa API cho người dùng (khóa chỉ hiện một lần); --revoke thu hồi mọi khóa của người đó."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="tên gợi nhớ của khóa, ví dụ: hệ thống báo cáo của Sở")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, username, name, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        if revoke:
            count, _ = ApiToken.objects.filter(user=user).delete()
            self.stdout.write(f"Đã thu hồi {count} khóa của {username}.")
            return
        self.stdout.write(ApiToken.issue(user, name))
