"""How long an editor waits to see a change with ``mkdocs serve``.

Generates a network (500 activities unless told otherwise), starts
``mkdocs serve`` on a free port on 127.0.0.1, changes the title in one
activity file and asks for that page until the new title appears. Does this
a few times and prints the seconds of each round.

    python bench/edit_loop.py --offerings 500 --rounds 3

Extra arguments after ``--`` go to ``mkdocs serve`` (for example ``--dirty``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, limit: float) -> float | None:
    """Seconds until ``url`` contains ``text``, or None after ``limit`` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offerings", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300, help="give up after this many seconds per round")
    parser.add_argument("serve_args", nargs="*", help="extra arguments for mkdocs serve (after --)")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="herstelnetwerk-edit-"))
    tree = scratch / "netwerk"
    generate.generate(tree, args.offerings)
    # An activity with its own title (not one that takes it from a training).
    target = next(
        p
        for p in sorted((tree / "offerings").glob("*.yaml"))
        if p.read_text(encoding="utf-8").split("\n")[1].startswith("title:")
        and "status: actief" in p.read_text(encoding="utf-8")
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}activiteiten/{target.stem}/"
    env = {
        **os.environ,
        "HERSTELNETWERK_ACTIVITIES": str(tree),
        "HERSTELNETWERK_BUILD_DATE": "2026-11-23",
        "NO_MKDOCS_2_WARNING": "1",
    }
    log = open(scratch / "serve.log", "w")  # noqa: SIM115 - the server writes to it until it is stopped
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *args.serve_args],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    rounds: list[float] = []
    try:
        started = time.perf_counter()
        first = wait_for(url, "<h1", args.limit)
        if first is None:
            raise SystemExit(f"The server did not show {url} in time; see {scratch / 'serve.log'}")
        print(f"{args.offerings} activiteiten: eerste build en start {time.perf_counter() - started:.1f} s")
        time.sleep(1)
        for number in range(1, args.rounds + 1):
            title = f"Nieuwe titel ronde {number} {time.time_ns() % 100000}"
            lines = target.read_text(encoding="utf-8").split("\n")
            lines[1] = f'title: "{title}"'
            target.write_text("\n".join(lines), encoding="utf-8")
            seconds = wait_for(url, title, args.limit)
            if seconds is None:
                raise SystemExit(f"The change did not show within {args.limit} s; see {scratch / 'serve.log'}")
            rounds.append(seconds)
            print(f"ronde {number}: wijziging zichtbaar na {seconds:.2f} s", flush=True)
            time.sleep(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    print(f"mediaan: {statistics.median(rounds):.2f} s")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
