"""`xaso worker`: does the queued background jobs (the web import of documents) until stopped."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand

from xaso.jobs.services import work


class Command(BaseCommand):
    help = ("Chạy các việc nền (đọc văn bản nhập từ trang web, kể cả bản quét nhiều trang) cho tới khi bị dừng. "
            "Một việc đang chạy mà máy xử lý bị tắt ngang sẽ được máy xử lý khác (hoặc lần chạy sau) làm lại từ đầu.")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, metavar="GIÂY",
                            help="số giây chờ giữa hai lần tìm việc mới (mặc định 1)")
        parser.add_argument("--drain", action="store_true", help="làm hết các việc đang chờ rồi thoát")

    def handle(self, *args, interval: float, drain: bool, **options):
        stop = threading.Event()

        def finish_then_stop(signum, frame):  # the job in hand ends (a read is bounded by its budget), then exit
            stop.set()

        signal.signal(signal.SIGTERM, finish_then_stop)
        signal.signal(signal.SIGINT, finish_then_stop)
        if options["verbosity"] > 0:
            self.stderr.write("Máy xử lý việc nền đang chạy; nhấn Ctrl+C để dừng.")
        ran = work(stop=stop, interval=interval, drain=drain)
        if options["verbosity"] > 0:
            self.stderr.write(f"Đã dừng sau {ran} việc.")
