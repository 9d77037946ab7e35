import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo (hoặc đặt lại mật khẩu cho) tài khoản quản trị viên."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="mặc định: lấy từ XASO_ADMIN_PASSWORD hoặc sinh ngẫu nhiên")

    def handle(self, *args, username, email, password, **options):
        password = password or os.environ.get("XASO_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Đã tạo" if created else "Đã đặt lại mật khẩu cho"
        self.stdout.write(f"{verb} quản trị viên — tài khoản: {username}  mật khẩu: {password}")
