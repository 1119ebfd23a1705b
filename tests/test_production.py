"""The production start, for real: scripts/serve-production.sh on a loopback port, DEBUG off.

The server runs in its own process with a fresh SQLite database and static folder; the test talks
to it over HTTP like a browser would (cookies, CSRF token, redirects), then stops it.
"""

from __future__ import annotations

import gzip
import http.client
import io
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessment.catalogue import default_catalogue
from tests.conftest import complete_answers, step_post_data

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 60.0
ANSWERS = complete_answers(org_name="Acme Retail", scenario_name="Store entrance", sc1_fr_identity="yes")


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production deployment, confined to a temporary folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DEFAULT_FROM_EMAIL="assess@example.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        PYTHON=sys.executable,
    )
    env.update(extra)
    return env


def test_check_deploy_reports_nothing_with_production_settings(tmp_path: Path) -> None:
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    checked = subprocess.run(
        command, cwd=ROOT, env=production_env(tmp_path), capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout, checked.stdout + checked.stderr


def test_the_embedded_database_runs_in_write_ahead_mode_with_immediate_transactions(tmp_path: Path) -> None:
    """Several gunicorn workers and a render worker share one SQLite file without 'database is locked'."""
    script = (
        "import django;django.setup();from django.db import connection;c=connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0],"
        " connection.transaction_mode)"
    )
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "assessment.settings"}
    env.pop("DATABASE_URL", None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["wal", "1", "IMMEDIATE"], out.stdout + out.stderr  # synchronous 1 = NORMAL


WARM_UP_PROBE = """
import django, json
django.setup()
from django.db import connection
from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real
def loaded():
    loader = engines["django"].engine.template_loaders[0]
    return {
        "templates": sorted(k for k in loader.get_template_cache if k in ("wizard/step.html", "reports/result.html")),
        "languages": sorted(trans_real._translations),
        "urls": "url_patterns" in vars(get_resolver()),  # the cached property that imports every view
    }
before = loaded()
import assessment.wsgi
print(json.dumps({"before": before, "after": loaded(), "database_opened": connection.connection is not None}))
"""


def test_the_wsgi_module_loads_templates_translations_and_views_before_the_workers_fork(tmp_path: Path) -> None:
    """gunicorn imports assessment.wsgi in its master: what it loads, every forked worker has from the start."""
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "assessment.settings"}
    out = subprocess.run(
        [sys.executable, "-c", WARM_UP_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    assert probe["before"]["templates"] == [] and probe["before"]["urls"] is False
    assert "zh-hans" not in probe["before"]["languages"]
    assert probe["after"] == {
        "templates": ["reports/result.html", "wizard/step.html"],
        "languages": ["en", "zh-hans"],
        "urls": True,
    }
    assert probe["database_opened"] is False  # a connection must never cross the fork


def test_the_production_start_refuses_to_run_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    started = subprocess.run(
        ["scripts/serve-production.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert started.returncode != 0
    assert "SECRET_KEY" in started.stderr


# --- a running server ------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class ProductionClient:
    """A minimal HTTP client for one loopback server: keeps cookies, never follows redirects."""

    port: int
    log: Path
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookie_headers: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, body: dict[str, Any] | None = None, **headers: str) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        sent = {"Host": f"127.0.0.1:{self.port}", **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        encoded = None
        if body is not None:
            encoded = urlencode(body, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=encoded, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
            self._keep_cookies(raw.headers.get_all("Set-Cookie") or [])
        finally:
            connection.close()
        return response

    def _keep_cookies(self, headers: list[str]) -> None:
        # Cookies are Secure in production; this client is the "proxy" and sends them anyway.
        self.set_cookie_headers.extend(headers)
        for header in headers:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def log_tail(self) -> str:
        """The end of the server's output, to explain a failed request."""
        return self.log.read_text(errors="replace")[-3000:]

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, **headers)

    def post(self, path: str, data: dict[str, Any]) -> Response:
        return self.request("POST", path, body=data, Referer=f"http://127.0.0.1:{self.port}{path}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the production server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the production server did not answer within {START_TIMEOUT} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group the script started (gunicorn and its workers), then wait."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProductionClient]:
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    # No TLS on loopback: the redirect to HTTPS would make every page a 301.
    env = production_env(folder, BIND=f"127.0.0.1:{port}", SECURE_SSL_REDIRECT="false", WEB_CONCURRENCY="2")
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["scripts/serve-production.sh"], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_answering(process, port, log)
        yield ProductionClient(port, log)
    finally:
        stop(process)
    assert process.returncode in (0, -signal.SIGTERM), log.read_text()


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_the_start_page_is_served_with_debug_off_and_secure_headers(server: ProductionClient) -> None:
    response = server.get("/")
    assert response.status == 200, server.log_tail()
    assert "Start a new assessment" in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert server.get("/no-such-page/").status == 404  # a plain 404, not Django's debug page
    assert "Traceback" not in server.get("/no-such-page/").text


def test_behind_a_tls_proxy_the_server_sends_hsts(server: ProductionClient) -> None:
    response = server.get("/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert "max-age=31536000" in response.headers["strict-transport-security"]


def test_static_files_are_hashed_compressed_and_cached_for_good(server: ProductionClient) -> None:
    page = server.get("/").text
    match = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
    assert match, "the stylesheet link is not a hashed file name"
    response = server.get(match.group(1), **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    plain = server.get(match.group(1))
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(response.body) == plain.body
    assert b".error-summary" in plain.body


def start_assessment(server: ProductionClient) -> tuple[str, str]:
    """A new assessment as a browser starts one; returns its first step's URL and a CSRF token."""
    token = csrf_token(server.get("/").text)
    created = server.post("/new/", {"csrfmiddlewaretoken": token, "regime": "measures-2025"})
    assert created.status == 302, server.log_tail()
    resumed = server.get(created.headers["location"])
    assert resumed.status == 302
    return resumed.headers["location"], token


def test_a_wizard_step_is_saved_through_the_production_server(server: ProductionClient) -> None:
    step_url, token = start_assessment(server)
    assert step_url.endswith("/step/scenario/")
    form = server.get(step_url)
    assert form.status == 200 and 'name="scenario-org_name"' in form.text
    assert any(h.startswith("sessionid=") and "Secure" in h for h in server.set_cookie_headers)
    saved = server.post(step_url, {"csrfmiddlewaretoken": token, **step_post_data("scenario", ANSWERS)})
    assert saved.status == 302 and saved.headers["location"].endswith("/step/scope/")
    assert 'value="Acme Retail"' in server.get(step_url).text


def walk_to_the_result(server: ProductionClient) -> str:
    """Post every step that applies, following the wizard's redirects; returns the result URL."""
    url, token = start_assessment(server)
    for _ in range(2 * len(default_catalogue().steps)):
        step = url.rstrip("/").rsplit("/", 1)[-1]
        response = server.post(url, {"csrfmiddlewaretoken": token, **step_post_data(step, ANSWERS)})
        assert response.status == 302, f"step {step} did not validate: {response.text[:800]}\n{server.log_tail()}"
        url = response.headers["location"]
        if url.endswith("/finish/"):
            url = server.get(url).headers["location"]
        if "/result/" in url:
            return url
        assert "/step/" in url, url
    pytest.fail("the wizard did not reach the result")


def pdf_url(result_url: str, language: str) -> str:
    token = result_url.split("/a/", 1)[1].split("/", 1)[0]
    return f"{reverse('reports:pdf', kwargs={'token': token})}?lang={language}"


def test_a_finished_assessment_downloads_as_a_pdf_from_the_production_server(server: ProductionClient) -> None:
    result_url = walk_to_the_result(server)
    result = server.get(result_url)
    assert result.status == 200, server.log_tail()
    assert "Acme Retail" in result.text
    # Completing the assessment queued its editions; the script's worker renders them, off the request.
    token = result_url.split("/a/", 1)[1].split("/", 1)[0]
    deadline = time.monotonic() + 180  # a liveness bound: the second edition, behind a niced worker
    while time.monotonic() < deadline:
        status = server.get(reverse("reports:pdf_status", kwargs={"token": token}))
        assert status.status == 200, server.log_tail()
        states = {(row["edition"], row["answers"]): row["status"] for row in json.loads(status.body)["editions"]}
        if states[("zh-hans", True)] == "ready":
            break
        assert states[("zh-hans", True)] in ("queued", "rendering"), states
        time.sleep(0.5)
    else:
        pytest.fail(f"the worker did not render the PDF within 180 s:\n{server.log_tail()}")
    pdf = server.get(pdf_url(result_url, "zh-hans"))
    assert pdf.status == 200, server.log_tail()
    assert pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.body.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf.body)).pages) > 3
