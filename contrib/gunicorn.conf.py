"""gunicorn for xaso (contrib/xaso.service starts it with this file; README, "Triển khai thật").

Synchronous workers, one request at a time each, behind nginx (contrib/nginx-xaso.conf), which reads the whole
request before passing it on and takes the whole answer at once, so no slow client holds a worker. A worker takes a
connection only when it is free, so requests wait in one queue, first come first served. Threaded workers
(gthread) accepted connections while all their threads were busy: under 50 reporters one worker held 36 to 41 of
the 50 connections, and a third of the reporters waited four times as long as the rest (bench/load_bench.py).
Workers follow the CPU count (gunicorn's 2 × CPU + 1), at most 12, one database connection each; XASO_WORKERS
overrides. Reading a plan imported from the pages runs in `xaso worker`, not here. Every line goes to stderr, which
journald keeps.
"""

import multiprocessing
import os

bind = os.environ.get("XASO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("XASO_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 12))
worker_class = "sync"
# A worker busy with one request for longer is ended and replaced. Above the longest work a request may do on its own
# limits (a PDF written by LibreOffice: 120 s, xaso/reports/pdf.py; a document read on the check page: 100 s) and
# above nginx's wait (130 s), so that work ends by its own rule, with its Vietnamese message, not by a killed worker.
timeout = 300
graceful_timeout = 30
# A worker is replaced after this many requests (a slow leak in a library cannot grow for months).
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = "127.0.0.1,::1"

accesslog = "-"
errorlog = "-"
loglevel = "info"
# The client as nginx saw it, the request, status, size, duration and the request id that xaso's own log lines carry.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'
proc_name = "xaso"
