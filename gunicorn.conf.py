"""gunicorn settings for the production start (scripts/serve-production.sh); every value from the environment.

gunicorn reads this file from the working directory on its own; the script also names it.
Variables are documented in docs/production.md.
"""

import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# PDF rendering is CPU-bound: about two workers per core keeps a core busy while another
# request waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
# A long Chinese report renders in 1.5-2.6 s here; leave room for a slow machine under load.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# Load Django (and WeasyPrint's slow import) once, before forking the workers.
preload_app = True
# gunicorn 27 otherwise creates a control socket under ~/.gunicorn, which a locked-down
# service account may not be able to write.
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# Behind a TLS-terminating proxy on the same host, the proxy's address is the only one whose
# X-Forwarded-* headers gunicorn believes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
