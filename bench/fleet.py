#!/usr/bin/env python3
"""Fleet benchmark: `feedmill run` instances sharing one PostgreSQL, against N feeds.

Starts a throwaway PostgreSQL cluster (Debian's postgresql package; as root the server runs
as the postgres user), generates N section pages (the ~100 KB pages of bench/compare.py) and
serves them from nginx on 127.0.0.1 (ETag on, so a refresh after the first is a 304), then
for each instance count runs that many `feedmill run --listen` processes on one fresh
database with every feed's interval at 1s (so there is always work: the figure is the
fleet's ceiling), waits out a warm-up, and samples each instance's /metrics twice:

* refreshes per second: successful builds (feedmill_builds_total) over the window;
* database round trips per refresh: feedmill_database_round_trips_total over the builds;
* CPU seconds per 1,000 refreshes, feedmill's processes and PostgreSQL's.

Needs: nginx, postgresql (Debian packages), a release build (`cargo build --release`).
Usage: python3 bench/fleet.py [--feeds 2000] [--instances 1,3] [--seconds 60] [--warmup 20]
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from compare import free_port, proc_cpu_seconds, section_page, start_nginx, wait_port  # noqa: E402


def pg_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL not found: apt-get install postgresql")
    return os.path.dirname(found[-1])


class Cluster:
    def __init__(self, work):
        self.bin = pg_bin()
        self.dir = os.path.join(work, "pg")
        os.makedirs(self.dir)
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.run("initdb", "-D", f"{self.dir}/data", "--auth=trust", "--username=postgres",
                 "--encoding=UTF8", "--no-instructions")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c max_connections=200")
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-o", opts, "-w", "start")

    def run(self, prog, *args):
        cmd = [os.path.join(self.bin, prog), *args]
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.dir)

    def create(self, name):
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def cpu_seconds(self):
        total = 0.0
        for pid in subprocess.run(["pgrep", "-f", f"postgres.*{self.dir}|postgres:"], capture_output=True,
                                  text=True).stdout.split():
            try:
                total += proc_cpu_seconds(int(pid))
            except OSError:
                pass
        return total

    def stop(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "-w", "stop")


def write_config(path, port, n, out, state):
    with open(path, "w") as f:
        f.write(f'[settings]\noutput_dir = "{out}"\nstate_dir = "{state}"\nhost_delay = "0s"\n'
                f'concurrency = 8\ntimeout = "30s"\ninterval = "1s"\nlease = "30s"\n')
        for i in range(n):
            f.write(
                f'\n[feeds.s{i:04d}]\ntitle = "한빛일보 경제 {i}"\nurl = "http://127.0.0.1:{port}/s{i:04d}.html"\n'
                f'[feeds.s{i:04d}.select]\nitem = "#section-list ul.type2 > li"\nlink = "h4.titles a"\n'
                f'title = "h4.titles"\nsummary = "p.lead"\ndate = "em.date"\nimage = "img"\n'
            )


def metrics(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read().decode()
    builds = sum(float(m) for m in re.findall(r'^feedmill_builds_total\{[^}]*\} (\S+)$', text, re.M))
    trips = re.search(r'^feedmill_database_round_trips_total (\S+)$', text, re.M)
    return builds, float(trips.group(1)) if trips else float("nan")


def run_fleet(args, work, cluster, www_port, count):
    url = cluster.create(f"fleet{count}")
    exe = os.path.join(REPO, "target", "release", "feedmill")
    procs, ports = [], []
    for i in range(count):
        d = os.path.join(work, f"fleet{count}-{i}")
        os.makedirs(d)
        cfg = os.path.join(d, "feeds.toml")
        write_config(cfg, www_port, args.feeds, os.path.join(d, "out"), os.path.join(d, "state"))
        port = free_port()
        env = dict(os.environ, FEEDMILL_DATABASE_URL=url, FEEDMILL_INSTANCE=f"bench-{i}")
        log = open(os.path.join(d, "log"), "w")
        procs.append(subprocess.Popen([exe, "-q", "--config", cfg, "run", "--listen", f"127.0.0.1:{port}"],
                                      env=env, stdout=log, stderr=log))
        ports.append(port)
    for p in ports:
        wait_port(p, timeout=120)
    time.sleep(args.warmup)
    t0 = time.monotonic()
    start = [metrics(p) for p in ports]
    cpu0 = sum(proc_cpu_seconds(p.pid) for p in procs)
    pg0 = cluster.cpu_seconds()
    time.sleep(args.seconds)
    end = [metrics(p) for p in ports]
    cpu1 = sum(proc_cpu_seconds(p.pid) for p in procs)
    pg1 = cluster.cpu_seconds()
    elapsed = time.monotonic() - t0
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=60)
    builds = sum(e[0] - s[0] for s, e in zip(start, end))
    trips = sum(e[1] - s[1] for s, e in zip(start, end))
    return {
        "instances": count,
        "refreshes": builds,
        "per_second": builds / elapsed,
        "trips_per_refresh": trips / builds if builds else float("nan"),
        "cpu_per_1000": 1000 * (cpu1 - cpu0) / builds if builds else float("nan"),
        "pg_cpu_per_1000": 1000 * (pg1 - pg0) / builds if builds else float("nan"),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--instances", default="1,3")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=20)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="feedmill-fleet-")
    os.chmod(work, 0o755)
    www = os.path.join(work, "www")
    os.makedirs(www)
    for i in range(args.feeds):
        with open(os.path.join(www, f"s{i:04d}.html"), "w") as f:
            f.write(section_page(i))
    www_port = free_port()
    nginx = start_nginx(work, www_port, www, "nginx-pages")
    cluster = Cluster(work)
    rows = []
    try:
        for count in [int(c) for c in args.instances.split(",")]:
            rows.append(run_fleet(args, work, cluster, www_port, count))
    finally:
        nginx.terminate()
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.feeds} feeds, interval 1s, nginx answering 304 after the first fetch, "
          f"{args.seconds:.0f}s window after {args.warmup:.0f}s warm-up, {os.cpu_count()} cores\n")
    print("| instances | refreshes/s | DB round trips per refresh | feedmill CPU s per 1,000 | PostgreSQL CPU s per 1,000 |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['instances']} | {r['per_second']:.1f} | {r['trips_per_refresh']:.1f} | "
              f"{r['cpu_per_1000']:.2f} | {r['pg_cpu_per_1000']:.2f} |")


if __name__ == "__main__":
    main()
