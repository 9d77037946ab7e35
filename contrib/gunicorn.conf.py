"""gunicorn for xaso (contrib/xaso.service starts it with this file; README, "Triển khai thật").

Workers follow the CPU count, capped so that workers × threads database connections stay well under
PostgreSQL's default limit of 100 (XASO_WORKERS overrides). Every line goes to stderr, which journald keeps.
"""

import multiprocessing
import os

bind = os.environ.get("XASO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("XASO_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 12))
worker_class = "gthread"
threads = 4
# Reading a large plan or writing a report takes seconds, not minutes: a worker silent longer is restarted.
timeout = 120
graceful_timeout = 30
keepalive = 5
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
