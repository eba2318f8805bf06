"""gunicorn for one app server: ``gunicorn -c deploy/gunicorn.conf.py lms.wsgi:application``.

Everything site-specific comes from the environment (deploy/lms.env.example).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"  # nginx buffers slow phones, so sync workers never wait on a client
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then, with jitter so they do not all restart at once
max_requests_jitter = 200
preload_app = True  # load Django and the Thai word list once, then fork
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms pid=%(p)s'
errorlog = "-"
