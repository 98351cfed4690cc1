"""The load benchmark's driver; run it through ``scripts/bench`` (docs/benchmarks.md).

1. Prepares a database for the chosen scale once (migrate, the demo, ``generate_scale``) and
   reuses it on later runs unless ``--fresh``.
2. Lists the key pages at their heaviest instance and counts each page's SQL queries
   (``manage.py bench_pages``).
3. Starts the production server — gunicorn, 2 workers, ``KYODO_MODE=production`` — on
   127.0.0.1 with the hello-world view switched on, against the chosen shared cache (``--cache``:
   the database cache, or Debian's redis-server or memcached started on a free port of
   127.0.0.1 for the run), warms each page up, then drives it with wrk at concurrency 1 and 8:
   as an anonymous visitor (the page cache answers), as a signed-in resident (a real session
   from ``manage.py bench_session``) and with a session cookie that matches no session (the
   cache is bypassed, so the page is rendered every time).
4. Reads the workers' memory, measures a streaming download of up to 1,000,000 rows, and writes
   ``var/bench/<db>-<scale>.json`` and ``.md`` (``<db>-<scale>-<cache>`` for Redis and
   memcached).
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
OUT = ROOT / "var" / "bench"
PORT = 8799
HEADERS = ["-H", "X-Forwarded-Proto: https"]  # as behind the TLS proxy of docs/operations.md
BYPASS = ["-H", "Cookie: sessionid=benchmark-bypass"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cache(kind):
    """Debian's redis-server or memcached on a free port of 127.0.0.1, in a directory of its own
    under var/bench, for this run only; returns the process and the CACHE_URL naming it."""
    port = free_port()
    home = OUT / f"{kind}-{port}"
    home.mkdir(parents=True, exist_ok=True)
    if kind == "redis":
        # A cache, not a store: nothing written to disk, least recently used keys out when full.
        command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(home),
                   "--save", "", "--appendonly", "no", "--maxmemory", "1gb",
                   "--maxmemory-policy", "allkeys-lru"]
        url = f"redis://127.0.0.1:{port}/0"
    else:
        command = ["memcached", "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "1024"]
        command += ["-u", "root"] if os.geteuid() == 0 else []
        url = f"pymemcache://127.0.0.1:{port}"
    log(f"starting {kind} on 127.0.0.1:{port}")
    process = subprocess.Popen(command, cwd=home, stdout=(home / "log").open("w"),
                               stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, url
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{kind} did not start: see {home / 'log'}")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def log(message):
    print(f"==> {message}", flush=True)


def database_url(db, scale):
    if db == "sqlite":
        return f"sqlite:///{OUT / f'kyodo-{scale}.sqlite3'}"
    port = os.environ["KYODO_BENCH_PG_PORT"]
    return f"postgres://kyodo:kyodo@127.0.0.1:{port}/kyodo_bench_{scale}"


def manage(env, *args, capture=False):
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            text=True, stdout=subprocess.PIPE if capture else None)
    return result.stdout


def fresh_database(db, scale, url):
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS kyodo_bench_{scale}")
        connection.execute(f"CREATE DATABASE kyodo_bench_{scale}")


def prepare(db, scale, url, fresh):
    marker = OUT / f"{db}-{scale}.ready"
    if marker.exists() and not fresh:
        log(f"reusing the {db} database at scale {scale} (--fresh to rebuild)")
        return None
    env = {**os.environ, "DATABASE_URL": url, "KYODO_MODE": "demo"}
    fresh_database(db, scale, url)
    started = time.perf_counter()
    log("migrate, demo")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo", "--quiet-users")
    if scale != "demo":
        log(f"generate_scale --scale {scale}")
        manage(env, "generate_scale", "--scale", scale, "--replace")
    if db == "postgres":
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    seconds = round(time.perf_counter() - started)
    marker.write_text(str(seconds))
    log(f"database ready in {seconds} s")
    return seconds


def production_env(url, cache_url=None):
    cache = {"CACHE_URL": cache_url} if cache_url else {}
    return {
        **os.environ,
        "KYODO_MODE": "production",
        "SECRET_KEY": secrets.token_hex(32),  # hex: never spells a refused word such as "demo"
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        "EMAIL_URL": "consolemail://",
        "STATIC_ROOT": str(OUT / "static"),
        "KYODO_BENCH_HELLO": "1",
        "LOG_LEVEL": "WARNING",
        **cache,
    }


def start_server(env):
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "createcachetable")  # production keeps the page cache in the database
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "python:kyodo.gunicorn_conf", "kyodo.wsgi",
         "--workers", "2", "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz")


def workers_memory(server):
    """Resident and peak resident memory of each gunicorn worker, in MiB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    memory = []
    for pid in children:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        memory.append({"rss": int(fields["VmRSS"].split()[0]) // 1024,
                       "peak": int(fields["VmHWM"].split()[0]) // 1024})
    return memory


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text):
    if text is None:
        return None  # no request finished within the run (wrk prints no distribution)
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def wrk_command(path, connections, seconds, extra):
    return ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *HEADERS, *extra,
            f"http://127.0.0.1:{PORT}{path}"]


def warm_up(path, extra):
    """Imports, templates, database pages; on a loaded machine a first render may outlast it,
    so its figures (or their absence) are not read."""
    subprocess.run(wrk_command(path, 2, 2, extra), check=True, capture_output=True)


def wrk(path, connections, seconds, extra=()):
    command = wrk_command(path, connections, seconds, extra)
    output = subprocess.run(command, check=True, text=True, capture_output=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(latency.get("50")),
        "p99_ms": milliseconds(latency.get("99")),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def signed_in(env):
    """The cookie of a signed-in resident, made with the server's own key and session engine."""
    key = manage(env, "bench_session", capture=True).strip()
    return ["-H", f"Cookie: sessionid={key}"]


def drive(pages, seconds, concurrencies, session):
    for page in pages:
        modes = ({"cached": ()} if page["name"] == "hello"
                 else {"cached": (), "signed-in": session, "uncached": BYPASS})
        page["runs"] = {}
        for mode, extra in modes.items():
            warm_up(page["path"], extra)
            for connections in concurrencies:
                result = wrk(page["path"], connections, seconds, extra)
                page["runs"][f"{mode}-c{connections}"] = result
                log(f"{page['name']:<24} {mode:<9} c={connections}: {result['rps']:8.1f} req/s,"
                    f" p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms")
    ceiling = pages[0]["runs"]
    for page in pages:
        for key, run in page["runs"].items():
            concurrency = key.rsplit("-", 1)[1]
            run["of_ceiling"] = round(run["rps"] / ceiling[f"cached-{concurrency}"]["rps"], 3)


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    wrk_version = subprocess.run(["wrk", "-v"], text=True, capture_output=True).stdout.split()[1]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory,
            "os": platform.platform(), "python": platform.python_version(), "wrk": wrk_version}


MODES = ("cached", "signed-in", "uncached")


def figure(milliseconds):
    return "—" if milliseconds is None else f"{milliseconds:.1f}"


def markdown(result):
    cache = result.get("cache", "db")
    lines = [
        f"### {result['database']}, scale `{result['scale']}`, cache {cache} — {result['date']}",
        "",
        f"{result['machine']['cores']} cores ({result['machine']['cpu']}), "
        f"{result['machine']['memory_gib']} GiB; {result['seconds']} s per run, wrk {result['machine']['wrk']}.",
        "",
        "| page | SQL | c | " + " | ".join(f"{mode} req/s | × ceiling | p50 ms | p99 ms"
                                         for mode in MODES) + " |",
        "|---|---:|---:|" + "---:|" * 4 * len(MODES),
    ]
    for page in result["pages"]:
        for c in result["concurrency"]:
            row = [f"{page['name']} `{page['path']}`", str(page["queries"]), str(c)]
            errors = 0
            for mode in MODES:
                run = page["runs"].get(f"{mode}-c{c}")
                if run:
                    row += [f"{run['rps']:.0f}", f"{run['of_ceiling']:.2f}",
                            figure(run["p50_ms"]), figure(run["p99_ms"])]
                    errors += run["non_2xx"]
                else:
                    row += ["", "", "", ""]
            if errors:
                row[0] += f" ⚠ {errors} non-2xx"
            lines.append("| " + " | ".join(row) + " |")
    memory = result["workers_mib"]
    lines += ["", "Workers' memory after the run (MiB, resident / peak): "
              + ", ".join(f"{m['rss']} / {m['peak']}" for m in memory) + "."]
    for download in result.get("downloads", []):
        lines.append(
            f"Download of {download['rows']:,} progress reports as {download['format']}: "
            f"{download['bytes'] / 1e6:.0f} MB in {download['seconds']} s; process memory (MiB) at "
            + ", ".join(f"{int(n):,} rows {m}" for n, m in download["rss_mib_at"].items()) + ".")
    for analysis in result.get("analyses", []):
        lines.append(
            f"Word analysis of {analysis['answers']:,} free-text survey answers (SudachiPy, in the "
            f"background task's code path): {analysis['seconds']} s ({analysis['cpu_seconds']} s "
            f"CPU), peak {analysis['peak_memory_mib']} MiB.")
    return "\n".join(lines) + "\n"


def comparison(small, large, limit=1.5):
    """How each page's latency grows from one scale to another: the median of one visitor
    whose page is rendered from the database (uncached, c=1) — where indexes tell — and of eight
    anonymous visitors (cached, c=8)."""
    lines = [
        f"### {large['database']}: scale `{large['scale']}` against `{small['scale']}`",
        "",
        f"| page | SQL {small['scale']} → {large['scale']} "
        f"| uncached c1 p50 ms {small['scale']} → {large['scale']} | × "
        f"| cached c8 p50 ms {small['scale']} → {large['scale']} | × |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    before = {page["name"]: page for page in small["pages"]}
    for page in large["pages"]:
        earlier = before.get(page["name"])
        if earlier is None or page["name"] == "hello":
            continue
        row = [page["name"], f"{earlier['queries']} → {page['queries']}"]
        for run in ("uncached-c1", "cached-c8"):
            a = earlier["runs"].get(run, {}).get("p50_ms")
            b = page["runs"].get(run, {}).get("p50_ms")
            if a is None or b is None:  # not measured, or nothing finished within the run
                row += ["", ""]
                continue
            ratio = b / a if a else float("inf")
            row += [f"{a:.1f} → {b:.1f}", f"{ratio:.2f}" + (" ⚠" if ratio > limit else "")]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main():
    if sys.argv[1:2] == ["--compare"]:
        if len(sys.argv) != 4:
            raise SystemExit("usage: bench.py --compare SMALL.json LARGE.json")
        small, large = (json.loads(Path(name).read_text()) for name in sys.argv[2:4])
        print(comparison(small, large))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", choices=["demo", "s", "m", "l"], default="s")
    parser.add_argument("--cache", choices=["db", "redis", "memcached"], default="db",
                        help="the shared cache: the database's (and the generation in a file), "
                             "or Debian's redis-server or memcached started for the run")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--prepare-only", action="store_true",
                        help="build the database for the scale and stop")
    parser.add_argument("--only", default="",
                        help="comma-separated target names to measure (default: every target); "
                             "the ceiling is always measured, the results go to a -only file")
    parser.add_argument("--downloads", default="csv,xlsx",
                        help="formats of the large-download measurement ('' for none)")
    parser.add_argument("--survey-answers", type=int, default=100_000,
                        help="free-text answers for the survey word analysis (0 for none)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run scripts/bench, which installs it")
    OUT.mkdir(parents=True, exist_ok=True)
    url = database_url(args.db, args.scale)
    prepared_in = prepare(args.db, args.scale, url, args.fresh)
    if args.prepare_only:
        return

    log("key pages and their SQL queries")
    data_env = {**os.environ, "DATABASE_URL": url, "KYODO_MODE": "demo"}
    pages = json.loads(manage(data_env, "bench_pages", capture=True))
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {p["name"] for p in pages}
        if unknown:
            raise SystemExit(f"unknown targets: {', '.join(sorted(unknown))}")
        pages = [p for p in pages if p["name"] in wanted or p["name"] == "hello"]
    broken = [p for p in pages if p["status"] not in (None, 200)]
    if broken:
        raise SystemExit(f"pages that do not answer 200: {broken}")

    cache_server, cache_url = start_cache(args.cache) if args.cache != "db" else (None, None)
    try:
        env = production_env(url, cache_url)
        server = start_server(env)
        try:
            concurrency = [int(c) for c in args.concurrency.split(",")]
            drive(pages, args.duration, concurrency, signed_in(env))
            memory = workers_memory(server)
        finally:
            stop(server)
    finally:
        if cache_server:
            stop(cache_server)

    downloads = []
    for fmt in filter(None, args.downloads.split(",")):
        log(f"streaming download ({fmt})")
        downloads.append(json.loads(manage(data_env, "bench_download", "--format", fmt,
                                           capture=True)))

    analyses = []
    if args.survey_answers:
        log(f"word analysis of {args.survey_answers:,} free-text answers")
        analyses.append(json.loads(manage(data_env, "bench_survey_analysis", "--answers",
                                          str(args.survey_answers), capture=True)))

    result = {
        "database": args.db, "scale": args.scale, "cache": args.cache,
        "date": datetime.date.today().isoformat(),
        "seconds": args.duration, "concurrency": concurrency, "prepared_in_seconds": prepared_in,
        "machine": machine(), "pages": pages, "workers_mib": memory, "downloads": downloads,
        "analyses": analyses,
    }
    stem = OUT / "-".join([args.db, args.scale] + ([args.cache] if args.cache != "db" else [])
                          + (["only"] if args.only else []))
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    table = markdown(result)
    stem.with_suffix(".md").write_text(table)
    print()
    print(table)
    log(f"written: {stem}.json and {stem}.md")


if __name__ == "__main__":
    main()
