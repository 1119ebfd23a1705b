"""Load driver: N concurrent users complete whole assessments and download their PDFs.

Run: .venv/bin/python bench/load.py [--users 20] [--workers 1] [--max-seconds 600] [--kill-worker]
     [--database postgres]

Starts the production server (scripts/serve-production.sh: gunicorn + whitenoise + WORKERS PDF
workers) on a free loopback port (127.0.0.1 only) with a throwaway database, then runs every user
in a thread: each walks the wizard, waits for its PDF (queued at completion, rendered by a worker,
polled through the status endpoint) and downloads it. Prints requests, errors, lost answers (each
user's answers compared with what the database stores), p50/p95 per wizard step and per PDF
download, and the time from completion to PDF ready. `--kill-worker` SIGKILLs one gunicorn worker
mid-run (`--kill-after` seconds in, default 1: while the users are in the wizard).
`--database postgres`: run it under scripts/with-postgres.sh, which sets DATABASE_URL.
Bounded in users and in time; never contacts anything but loopback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessment.settings")

import django  # noqa: E402

django.setup()  # the test helpers import models; this process never opens the database

from tests.conftest import complete_answers, step_post_data  # noqa: E402
from tests.test_production import ProductionClient, csrf_token, free_port, production_env  # noqa: E402

lock = threading.Lock()
timings: dict[str, list[float]] = defaultdict(list)
counts = {"requests": 0, "errors": 0, "retried": 0}
tokens: dict[int, str] = {}


def timed(name: str, call: Any, ok: tuple[int, ...] = (200, 302)) -> Any:
    start = time.perf_counter()
    try:
        response = call()
    except (OSError, http.client.HTTPException):  # the worker serving it died (--kill-worker)
        with lock:
            counts["requests"] += 1
            counts["errors"] += 1
            counts["retried"] += 1
        response = call()  # as a person would: send it again
    elapsed = time.perf_counter() - start
    with lock:
        counts["requests"] += 1
        timings[name].append(elapsed)
        if response.status not in ok:
            counts["errors"] += 1
    return response


def user(port: int, log: Path, number: int, deadline: float) -> None:
    client = ProductionClient(port, log)
    answers = complete_answers(org_name=f"Load user {number}", scenario_name="Entrance", sc1_fr_identity="yes")
    token = csrf_token(timed("home", lambda: client.get("/")).text)
    created = timed("new", lambda: client.post("/new/", {"csrfmiddlewaretoken": token, "regime": "measures-2025"}))
    url = timed("resume", lambda: client.get(created.headers["location"])).headers["location"]
    assessment = url.split("/a/", 1)[1].split("/", 1)[0]
    tokens[number] = assessment
    while "/result/" not in url and time.monotonic() < deadline:
        step = url.rstrip("/").rsplit("/", 1)[-1]
        if step == "finish":
            url = timed("finish", lambda u=url: client.get(u)).headers["location"]
            continue
        data = {"csrfmiddlewaretoken": token, **step_post_data(step, answers)}
        url = timed(f"step {step}", lambda u=url, d=data: client.post(u, d), ok=(302,)).headers.get("location", url)
    completed = time.perf_counter()
    delay = 1.5  # as the result page's script polls (static/js/report.js)
    while time.monotonic() < deadline:
        status = timed("status.json", lambda: client.get(f"/a/{assessment}/report/status.json"))
        rows = {(r["edition"], r["answers"]): r for r in json.loads(status.body)["editions"]}
        if rows[("en", True)]["status"] == "ready":
            with lock:
                timings["completion to PDF ready"].append(time.perf_counter() - completed)
            link = rows[("en", True)]["url"]
            pdf = timed("PDF download", lambda link=link: client.get(link), ok=(200,))
            if not pdf.body.startswith(b"%PDF"):
                with lock:
                    counts["errors"] += 1
            return
        time.sleep(delay)
        delay = min(delay * 1.5, 6.0)
    with lock:
        counts["errors"] += 1  # no PDF in time


def lost_answers(env: dict[str, str]) -> int:
    """Users whose stored answers differ from what they sent."""
    script = (
        "import json,sys,django;django.setup();from assessment.assessments.models import Assessment;"
        "print(json.dumps({a.token: a.answers for a in Assessment.objects.filter(token__in=sys.argv[1:])}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *tokens.values()],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "assessment.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    stored = json.loads(out.stdout)
    lost = 0
    for number, token in tokens.items():
        sent = complete_answers(org_name=f"Load user {number}", scenario_name="Entrance", sc1_fr_identity="yes")
        have = stored.get(token, {})
        lost += any(have.get(k) != v for k, v in sent.items() if k in have or k in ("org_name", "scenario_name"))
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="PDF workers (db_worker processes)")
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--kill-after", type=float, default=1.0, help="seconds into the run (mid-wizard)")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    assert 1 <= args.users <= 200, "bounded: 1 to 200 users"
    folder = Path(tempfile.mkdtemp(prefix="frt-load-"))
    port = free_port()
    env = production_env(folder, BIND=f"127.0.0.1:{port}", SECURE_SSL_REDIRECT="false")
    env.update(WEB_CONCURRENCY=str(args.web_workers), WORKERS=str(args.workers))
    if args.database == "postgres":
        assert os.environ.get("DATABASE_URL", "").startswith("postgres"), "run under scripts/with-postgres.sh"
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    log = folder / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            ["scripts/serve-production.sh"], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(server, port, time.monotonic() + 300)
        deadline = time.monotonic() + args.max_seconds
        threads = [threading.Thread(target=user, args=(port, log, n, deadline)) for n in range(args.users)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        if args.kill_worker:
            time.sleep(args.kill_after)
            children = subprocess.run(
                ["pgrep", "-f", "gunicorn", "-P", str(server.pid)], capture_output=True, text=True
            )
            pids = [int(p) for p in children.stdout.split()]
            grand = (
                subprocess.run(["pgrep", "-P", ",".join(map(str, pids))], capture_output=True, text=True)
                if pids
                else None
            )
            if grand and grand.stdout.split():
                os.kill(int(grand.stdout.split()[0]), signal.SIGKILL)
                print("killed one gunicorn worker")
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0) + 5)
        wall = time.perf_counter() - started
        report(args, wall, lost_answers(env))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def wait_for(server: subprocess.Popen[bytes], port: int, deadline: float) -> None:
    """Until the server answers on loopback (collectstatic and migrate run first)."""
    import socket

    while time.monotonic() < deadline:
        assert server.poll() is None, "the production server exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the production server did not answer in time")


def report(args: argparse.Namespace, wall: float, lost: int) -> None:
    print(
        f"{args.users} users, {args.database}, {args.web_workers} web workers, {args.workers} PDF workers: {wall:.1f} s"
    )
    print(
        f"requests {counts['requests']}, errors {counts['errors']} (connections lost and sent again: "
        f"{counts['retried']}), lost answers {lost}"
    )
    print(f"{'':28} {'n':>4} {'p50 (ms)':>9} {'p95 (ms)':>9}")
    for name, values in sorted(timings.items()):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"{name:28} {len(values):>4} {statistics.median(values) * 1000:>9.0f} {p95 * 1000:>9.0f}")


if __name__ == "__main__":
    main()
