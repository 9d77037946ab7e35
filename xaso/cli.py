"""The `xaso` command: Django's management commands with xaso's settings, plus `demo` and `serve`."""

from __future__ import annotations

import os
import secrets
import sys

USAGE = """xaso — quản lý kế hoạch chuyển đổi số cấp xã

  xaso demo              tạo CSDL SQLite, dữ liệu mẫu, tài khoản quản trị và chạy tại http://127.0.0.1:8000
  xaso serve [ĐỊA_CHỈ]   chạy máy chủ web (mặc định 127.0.0.1:8000)
  xaso migrate           tạo/cập nhật cấu trúc cơ sở dữ liệu
  xaso createadmin       tạo tài khoản quản trị viên
  xaso demo-data         sinh dữ liệu mẫu (--communes N --year YYYY)
  xaso import TỆP|THƯ_MỤC  nhập kế hoạch từ văn bản (--json, --commune TÊN, --create-commune)
  xaso check TỆP         kiểm tra lỗi văn bản (--json); mã thoát 0 không lỗi, 1 có lỗi, 2 không đọc được
  xaso report            báo cáo tiến độ (--commune TÊN|MÃ --period 2026-Q1|2026-H1|2026 --format docx|xlsx -o TỆP)
  xaso draft-plan        dự thảo kế hoạch năm sau (--commune TÊN|MÃ --year 2027 -o TỆP)
  xaso remind            gửi nhắc việc (chạy định kỳ bằng cron; chạy lại không gửi trùng)
  xaso token NGƯỜI_DÙNG  cấp khóa API (--name TÊN; --revoke thu hồi)
  xaso reindex           đánh chỉ mục tìm kiếm lại
  xaso clean-uploads     xóa tệp tải lên mồ côi (--older-than GIỜ, --dry-run)
  xaso backup TỆP        sao lưu trực tuyến CSDL và tệp tải lên vào một tệp .tar.gz
  xaso restore TỆP       khôi phục bản sao lưu vào CSDL trống (mới hoặc vừa migrate)
  xaso help              mọi lệnh khác (lệnh quản trị của Django)
"""

ALIASES = {"demo-data": "demo_data", "import": "import_plan", "check": "check_document", "draft-plan": "draft_plan", "token": "api_token", "clean-uploads": "clean_uploads"}


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
    import django

    django.setup()


def demo(address: str = "127.0.0.1:8000") -> int:
    from django.core.management import call_command

    from xaso.plans.models import Province

    call_command("migrate", verbosity=0, interactive=False)
    if not Province.objects.exists():
        print("Đang sinh dữ liệu mẫu…")
        call_command("demo_data", communes=4)
    call_command("createadmin", username="admin")
    from xaso.plans.demo import demo_users

    password = secrets.token_urlsafe(9)
    people = demo_users(password)
    if people:
        print(f"Tài khoản thử từng vai trò (mật khẩu chung: {password}):")
        for username, role in people:
            print(f"  {username:14} {role}")
    print(f"Mở trình duyệt tại http://{address}/ và đăng nhập bằng tài khoản trên. Nhấn Ctrl+C để dừng.")
    sys.stdout.flush()
    call_command("runserver", address, use_reloader=False, skip_checks=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    _setup()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return demo(*rest[:1])
    if command == "serve":
        from django.core.management import call_command

        call_command("runserver", rest[0] if rest else "127.0.0.1:8000", use_reloader=False)
        return 0
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xaso", ALIASES.get(command, command), *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
