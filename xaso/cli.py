"""The `xaso` command: Django's management commands with xaso's settings, plus `demo` and `serve`.

Every subcommand answers `--help` and a mistyped argument in Vietnamese: argparse and Django write their own
words in English, so each parser goes through `vietnamese()` before it reads the command line.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import re
import secrets
import signal
import socket
import sys

USAGE = """xaso — quản lý kế hoạch chuyển đổi số cấp xã

  xaso demo [ĐỊA_CHỈ:CỔNG] [--reset-passwords]
                         tạo CSDL SQLite, dữ liệu mẫu, tài khoản quản trị và chạy tại http://127.0.0.1:8000
  xaso serve [ĐỊA_CHỈ:CỔNG]  chạy máy chủ web (mặc định 127.0.0.1:8000)
  xaso worker            chạy các việc nền (đọc văn bản nhập từ trang web); `xaso demo` tự chạy kèm
  xaso migrate           tạo/cập nhật cấu trúc cơ sở dữ liệu
  xaso createadmin       tạo tài khoản quản trị viên
  xaso demo-data         sinh dữ liệu mẫu (--communes N --year YYYY; cả nước: --provinces 34 --communes 3321)
  xaso import TỆP|THƯ_MỤC  nhập kế hoạch từ văn bản (--json, --commune TÊN, --create-commune)
  xaso check TỆP         kiểm tra lỗi văn bản (--json); mã thoát 0 không lỗi, 1 có lỗi, 2 không đọc được
  xaso report            báo cáo tiến độ (--commune TÊN|MÃ --period 2026-Q1|2026-H1|2026 --format docx|xlsx -o TỆP)
  xaso draft-plan        dự thảo kế hoạch năm sau (--commune TÊN|MÃ --year 2027 -o TỆP)
  xaso remind            gửi nhắc việc (chạy định kỳ bằng cron; chạy lại không gửi trùng)
  xaso figures           tính trước số liệu hôm nay cho trang tổng hợp tỉnh, cả nước (chạy mỗi đêm; chạy lại không sao)
  xaso token NGƯỜI_DÙNG  cấp khóa API (--name TÊN; --revoke thu hồi)
  xaso evaluation-index  nạp bộ chỉ số đánh giá xếp hạng xã (--province TỈNH --year NĂM; --file TỆP.xlsx, mặc định bộ mẫu)
  xaso reindex           đánh chỉ mục tìm kiếm lại
  xaso clean-uploads     xóa tệp tải lên mồ côi (--older-than GIỜ, --dry-run)
  xaso backup TỆP|THƯ_MỤC  sao lưu trực tuyến CSDL và tệp tải lên vào một tệp .tar.gz (--keep N: giữ N bản mới nhất)
  xaso restore TỆP       khôi phục bản sao lưu vào CSDL trống (mới hoặc vừa migrate)
  xaso help              mọi lệnh khác (lệnh quản trị của Django)

Hướng dẫn từng lệnh: xaso LỆNH --help
"""

ALIASES = {"demo-data": "demo_data", "import": "import_plan", "check": "check_document", "draft-plan": "draft_plan", "token": "api_token", "clean-uploads": "clean_uploads",
           "evaluation-index": "evaluation_index"}
DEFAULT_ADDRESS = "127.0.0.1:8000"

# argparse's English messages, in Vietnamese; the last rule keeps the message a `type=` function wrote itself.
_ERRORS = [
    (re.compile(r"the following arguments are required: (.+)"), "thiếu tham số: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "không hiểu tham số: {0}"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "tùy chọn {0} chưa rõ, có thể là: {1}"),
    (re.compile(r"argument (\S+): expected one argument"), "tùy chọn {0} cần một giá trị"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), "{0}: không có lựa chọn {1} (chọn một trong: {2})"),
    (re.compile(r"argument (\S+): invalid \w+ value: (.+)"), "{0}: giá trị {1} không hợp lệ"),
    (re.compile(r"argument (\S+): (.+)"), "{0}: {1}"),
]
_TITLES = {"positional arguments": "Tham số", "options": "Tùy chọn"}
_HELP = {"help": "in hướng dẫn này rồi thoát", "verbosity": "mức chi tiết khi in: 0 ít nhất … 3 nhiều nhất"}
# Placeholders named in Vietnamese ("--commune XÃ", not "--commune COMMUNE"), by the option's name in code.
_METAVARS = {"path": "ĐƯỜNG_DẪN", "file": "TỆP", "output": "TỆP", "commune": "XÃ", "province": "TỈNH", "year": "NĂM",
             "communes": "N", "tasks": "N", "seed": "SỐ", "period": "KỲ", "username": "NGƯỜI_DÙNG", "name": "TÊN",
             "email": "EMAIL", "password": "MẬT_KHẨU", "older_than": "GIỜ"}
# Django's options for its own developers: they still work, the help does not list them.
_HIDDEN = {"version", "settings", "pythonpath", "traceback", "no_color", "force_color", "skip_checks"}
# Django's own commands that xaso lists: described in Vietnamese, the options a commune needs kept, the rest hidden.
_DJANGO_COMMANDS = {
    "migrate": ("Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu lên phiên bản xaso đang chạy; chạy lại nhiều lần không sao.",
                {"interactive": "không hỏi gì (dùng trong kịch bản cài đặt)", "plan": "chỉ in các bước sẽ làm, không làm",
                 "check_unapplied": "không làm gì; mã thoát khác 0 khi cấu trúc chưa cập nhật"}),
}


def vietnamese(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser with argparse's and Django's words in Vietnamese: usage line, group titles, standard options, errors."""
    base = parser.formatter_class

    class Formatter(base):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)

    parser.formatter_class = Formatter
    for group in parser._action_groups:
        group.title = _TITLES.get(group.title, group.title)
    for action in parser._actions:
        if action.dest in _HIDDEN:
            action.help = argparse.SUPPRESS
        elif action.dest in _HELP:
            action.help = _HELP[action.dest]
        if action.metavar is None and action.choices is None and action.dest in _METAVARS:
            action.metavar = _METAVARS[action.dest]

    def error(message: str):
        for pattern, text in _ERRORS:
            if m := pattern.fullmatch(message):
                message = text.format(*m.groups())
                break
        parser.print_usage(sys.stderr)
        parser.exit(2, f"{parser.prog}: lỗi: {message}\n")

    parser.error = error
    return parser


def _parser(command: str, description: str, epilog: str = "") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"xaso {command}", description=description, epilog=epilog, allow_abbrev=False,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    return vietnamese(parser)


def parse_address(text: str) -> tuple[str, int]:
    """"8001", "127.0.0.1:8001", "localhost:8001" or "[::1]:8001" → (host, port); the host defaults to 127.0.0.1."""
    m = re.fullmatch(r"(?:(\[[0-9a-fA-F:.]+\]|[\w.-]+):)?(\d{1,5})", text.strip())
    port = int(m.group(2)) if m else 0
    if not m or not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"“{text}” không phải địa chỉ máy chủ; ghi ĐỊA_CHỈ:CỔNG với cổng từ 1 đến 65535, ví dụ 127.0.0.1:8001")
    return (m.group(1) or "127.0.0.1").strip("[]"), port


def _address_text(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _bind_error(host: str, port: int) -> OSError | None:
    """Try the address as the server will (SO_REUSEADDR, so a port just released is not taken for busy)."""
    try:
        family, kind, proto, _, sockaddr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        return error
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(sockaddr)
        except OSError as error:
            return error
    return None


def address_problem(host: str, port: int, command: str) -> str | None:
    """Why the server cannot listen on host:port, in words a user can act on; None when it can."""
    error = _bind_error(host, port)
    if error is None:
        return None
    if isinstance(error, socket.gaierror):
        return f"Không tìm thấy máy “{host}”. Dùng địa chỉ của máy này, ví dụ: xaso {command} 127.0.0.1:{port}"
    if error.errno == errno.EADDRINUSE:
        free = next((p for p in range(port + 1, min(port + 100, 65536)) if _bind_error(host, p) is None), None)
        hint = f" hoặc chạy ở cổng khác:\n  xaso {command} {_address_text(host, free)}" if free else "."
        return (f"Cổng {port} trên {host} đang có chương trình khác dùng (có thể là một xaso khác vẫn đang chạy). "
                f"Hãy dừng chương trình đó{hint}")
    if error.errno == errno.EACCES:
        return (f"Không có quyền mở cổng {port} (cổng dưới 1024 cần quyền quản trị). "
                f"Chọn cổng khác, ví dụ: xaso {command} {_address_text(host, 8001)}")
    if error.errno == errno.EADDRNOTAVAIL:
        return f"Địa chỉ {host} không thuộc máy này. Dùng ví dụ: xaso {command} 127.0.0.1:{port}"
    return f"Không mở được {_address_text(host, port)} (mã lỗi {error.errno}). Thử: xaso {command} 127.0.0.1:8001"


def demo_parser() -> argparse.ArgumentParser:
    parser = _parser("demo", (
        "Dùng thử xaso trên máy này: tạo CSDL SQLite (trong XASO_DATA_DIR, mặc định data/), sinh dữ liệu mẫu một tỉnh\n"
        "4 xã, tạo tài khoản quản trị `admin` và một tài khoản thử cho mỗi vai trò, rồi chạy máy chủ web.\n"
        "Lần chạy đầu in mật khẩu ra màn hình; các lần sau giữ nguyên tài khoản và mật khẩu."),
        "Ví dụ:\n  xaso demo                      chạy tại http://127.0.0.1:8000\n"
        "  xaso demo 127.0.0.1:8001       chạy ở cổng 8001 (khi cổng 8000 đang bận)\n"
        "  xaso demo --reset-passwords    đặt và in mật khẩu mới cho mọi tài khoản thử")
    _address_argument(parser)
    parser.add_argument("--reset-passwords", action="store_true",
                        help="đặt mật khẩu mới cho admin và các tài khoản thử, rồi in ra")
    return parser


def serve_parser() -> argparse.ArgumentParser:
    parser = _parser("serve", "Chạy máy chủ web của xaso (máy chủ thử nghiệm; triển khai thật dùng gunicorn, xem README).")
    _address_argument(parser)
    return parser


def _address_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", nargs="?", default=DEFAULT_ADDRESS, type=parse_address, metavar="ĐỊA_CHỈ:CỔNG",
                        help="nơi chạy máy chủ, mặc định 127.0.0.1:8000 (chỉ ghi cổng cũng được: 8001)")


def _can_listen(command: str, host: str, port: int) -> bool:
    """Checked before anything else is done or printed: a busy port is the first and only thing the user reads."""
    problem = address_problem(host, port, command)
    if problem:
        print(problem, file=sys.stderr)
    return problem is None


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
    import django

    django.setup()


def _collect_static() -> None:
    """The hashed, compressed static files the pages link to (quiet: unchanged files are skipped)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int) -> int:
    """Django's runserver, its English banner left out: the caller has said where to open the browser."""
    from django.core.management import call_command

    call_command("runserver", _address_text(host, port), use_reloader=False, stdout=io.StringIO())
    return 0


def demo(argv: list[str]) -> int:
    options = demo_parser().parse_args(argv)
    address = options.address
    if not _can_listen("demo", *address):
        return 1
    _setup()
    from django.core.management import call_command

    from xaso.plans.models import Province

    call_command("migrate", verbosity=0, interactive=False)
    _collect_static()
    if not Province.objects.exists():
        print("Đang sinh dữ liệu mẫu…")
        call_command("demo_data", communes=4)
    _demo_accounts(options.reset_passwords)
    print(f"Mở trình duyệt tại http://{_address_text(*address)}/ và đăng nhập bằng tài khoản trên. Nhấn Ctrl+C để dừng.")
    sys.stdout.flush()
    with _worker_beside():
        return _serve(*address)


@contextlib.contextmanager
def _worker_beside():
    """`xaso worker` as a second process while the demo server runs (imports are read there), stopped with it."""
    import subprocess

    worker = subprocess.Popen([sys.executable, "-m", "xaso", "worker", "--verbosity", "0"])
    # SIGTERM (a service manager, `kill`) ends the server as Ctrl+C does, through the `finally` that stops the worker.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        yield worker
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _demo_accounts(reset: bool) -> None:
    """The first run prints every password; later runs keep them (a user who noted one can still log in)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from xaso.plans.demo import demo_users

    kept = []
    if reset or not get_user_model().objects.filter(username="admin").exists():
        call_command("createadmin", username="admin")
    else:
        kept.append("admin")
    password = secrets.token_urlsafe(9)
    people = demo_users(password, reset=reset)
    given = [(username, role) for username, role, changed in people if changed]
    kept += [username for username, _, changed in people if not changed]
    if given:
        print(f"Tài khoản thử từng vai trò (mật khẩu chung: {password}):")
        for username, role in given:
            print(f"  {username:14} {role}")
    if kept:
        print(f"Các tài khoản đã có từ lần chạy trước, mật khẩu giữ nguyên: {', '.join(kept)}.")
        print("Quên mật khẩu? Đặt mật khẩu mới bằng: xaso demo --reset-passwords")
    print("Tài khoản quản trị, tài khoản cấp tỉnh (canbo.tinh, lanhdao.tinh) và cấp trung ương (quocgia) cài đặt xác thực"
          " hai bước ở lần đăng nhập"
          " đầu: sau mật khẩu, quét mã QR bằng một ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft"
          " Authenticator…) rồi nhập mã 6 chữ số ứng dụng hiện.")


def serve(argv: list[str]) -> int:
    address = serve_parser().parse_args(argv).address
    if not _can_listen("serve", *address):
        return 1
    _setup()
    _collect_static()
    print(f"Máy chủ chạy tại http://{_address_text(*address)}/ — nhấn Ctrl+C để dừng.")
    sys.stdout.flush()
    return _serve(*address)


_OS_ERRORS = {
    errno.ENOENT: "không có tệp hay thư mục này (hãy kiểm tra đường dẫn; thư mục để ghi tệp phải có sẵn)",
    errno.EISDIR: "đây là một thư mục, không phải tệp; hãy chỉ ra một tệp trong thư mục",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EACCES: "không có quyền đọc hoặc ghi ở đây",
    errno.EPERM: "không có quyền đọc hoặc ghi ở đây",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
}


def os_error_text(error: OSError) -> str:
    """An error of the file system about a path the user named, in Vietnamese words they can act on."""
    reason = _OS_ERRORS.get(error.errno, f"lỗi hệ thống tệp (mã {error.errno})")
    return f"không mở được “{error.filename}”: {reason}." if error.filename else f"{reason[0].upper()}{reason[1:]}."


def run_command(name: str, argv: list[str]) -> int:
    """A management command with a Vietnamese parser; its CommandError printed as "Lỗi: …"."""
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import BaseCommand, CommandError, handle_default_options
    from django.db import connections

    app = get_commands().get(ALIASES.get(name, name))
    if app is None:
        print(f"Không có lệnh “{name}”. Xem các lệnh: xaso --help", file=sys.stderr)
        return 2
    command = app if isinstance(app, BaseCommand) else load_command_class(app, ALIASES.get(name, name))
    parser = vietnamese(command.create_parser("xaso", name))
    if name in _DJANGO_COMMANDS:
        parser.description, helps = _DJANGO_COMMANDS[name]
        for action in parser._actions:
            if action.dest not in ("help", "verbosity"):
                action.help = helps.get(action.dest, argparse.SUPPRESS)
    options = parser.parse_args(argv)
    handle_default_options(options)
    kwargs = vars(options)
    args = kwargs.pop("args", ())
    try:
        command.execute(*args, **kwargs)
    except CommandError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return error.returncode
    except OSError as error:  # a path the user named: a folder given for a file, a folder that does not exist …
        print(f"Lỗi: {os_error_text(error)}", file=sys.stderr)
        return 2
    finally:
        connections.close_all()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return demo(rest)
    if command == "serve":
        return serve(rest)
    _setup()
    if command == "help":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["xaso", *argv])
        return 0
    return run_command(command, rest)


if __name__ == "__main__":
    raise SystemExit(main())
