#!/usr/bin/env python3
"""Side-by-side benchmark of feedmill against rsspls and nginx, measured in one run.

Generates N section pages (~100 KB each: a 300-link menu, inline scripts and styles, a side
box, 30 articles), serves them from nginx on 127.0.0.1 (ETag on), writes equivalent configs
for feedmill and rsspls, and runs each tool's build alternately for several rounds, reporting
CPU time (user+sys), wall time and peak RSS (from wait4), and the ratios. Then feedmill's warm
rebuild (every page answers 304) against its cold build; serving throughput with wrk against
`feedmill serve` and nginx on the same output folder; and the daemon idle with 100 feeds.

Needs: nginx, wrk (Debian packages), rsspls (`cargo install rsspls`), a release build of
feedmill (`cargo build --release`). Run through bench/compare.sh.
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def section_page(n):
    """A ~100 KB Korean section page; page n differs in its article numbers and times."""
    parts = ['<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>경제 - 한빛일보</title>']
    for i in range(8):
        parts.append(
            f"<style>.c{i} {{ margin: 0 auto; padding: 4px 8px; font-family: 'Noto Sans KR', sans-serif; color: #333; }}</style>"
            f"<script>window.dataLayer = window.dataLayer || []; function gtag{i}(){{dataLayer.push(arguments);}} "
            f"var ads{i} = {{slot: 'top-{i}', sizes: [[728, 90], [970, 250]]}};</script>"
        )
    parts.append('</head><body><nav id="gnb"><ul>')
    for i in range(300):
        parts.append(f'<li class="menu-item"><a href="/news/articleList.html?sc_section_code=S{i}N{i % 7}">섹션 메뉴 {i}</a></li>')
    parts.append('</ul></nav><section id="section-list"><ul class="type2">')
    for i in range(30):
        no = n * 1000 + i
        parts.append(
            f'<li><div class="list-image"><a href="/news/articleView.html?idxno={no}"><img src="/news/thumbnail/{no}_s.jpg" alt=""></a></div>'
            f'<h4 class="titles"><a href="/news/articleView.html?idxno={no}">반도체 수출 석 달째 증가… 정부 &quot;하반기 회복세&quot; 전망 {n}-{i}</a></h4>'
            f'<p class="lead"><a href="/news/articleView.html?idxno={no}">산업통상자원부는 10일 지난달 반도체 수출이 전년 같은 달보다 크게 늘었다고 밝혔다. '
            f"메모리 가격 회복과 인공지능 서버 수요가 이끌었다는 분석이다. 기사 {i}</a></p>"
            f'<span class="byline"><em>경제부</em> <em>홍길동 기자</em> <em class="date">2026.02.{1 + i % 10:02d} {8 + i % 12:02d}:{(i * 7) % 60:02d}</em></span></li>'
        )
    parts.append('</ul></section><aside class="side"><h3>많이 본 뉴스</h3><ol>')
    for i in range(10):
        parts.append(f'<li><a href="/news/articleView.html?idxno={900000 + i}">많이 본 기사 제목 {i}</a> <em>2026.02.09 08:00</em></li>')
    parts.append('</ol></aside><footer id="footer">')
    page = "".join(parts)
    filler = "<p>한빛일보 | 주소: 경기도 수원시 팔달구 효원로 1 | 등록번호 경기 아00000 | 발행인 홍길동 | Copyright 한빛일보. All rights reserved.</p>"
    while len(page.encode()) < 100_000:
        page += filler
    return page + "</footer></body></html>"


def write_nginx_conf(work, port, root):
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/rss+xml rss; application/atom+xml atom; }}
    access_log off;
    etag on;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {work}/nginx-tmp;
    proxy_temp_path {work}/nginx-tmp;
    fastcgi_temp_path {work}/nginx-tmp;
    uwsgi_temp_path {work}/nginx-tmp;
    scgi_temp_path {work}/nginx-tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
""")
    os.makedirs(os.path.join(work, "nginx-tmp"), exist_ok=True)
    return conf


def start_nginx(work, port, root, name):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    conf = write_nginx_conf(d, port, root)
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", d], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc


def wait_port(port, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


def run_measured(cmd, env=None):
    """Runs cmd; returns (cpu seconds user+sys, wall seconds, peak RSS MiB, exit code)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or "ERROR" in err:
        print(f"  ! {' '.join(cmd[:3])}... exited {code}: {err[-400:]}", file=sys.stderr)
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, code


def feedmill_config(path, port, n, out, state):
    with open(path, "w") as f:
        f.write(f'[settings]\noutput_dir = "{out}"\nstate_dir = "{state}"\nhost_delay = "0s"\nconcurrency = 8\ntimeout = "30s"\ninterval = "1h"\n')
        for i in range(n):
            f.write(
                f'\n[feeds.s{i:03d}]\ntitle = "한빛일보 경제 {i}"\nurl = "http://127.0.0.1:{port}/s{i:03d}.html"\n'
                f'[feeds.s{i:03d}.select]\nitem = "#section-list ul.type2 > li"\nlink = "h4.titles a"\ntitle = "h4.titles"\n'
                f'summary = "p.lead"\ndate = "em.date"\nimage = "img"\n'
            )


def rsspls_config(path, port, n, out):
    with open(path, "w") as f:
        f.write(f'[rsspls]\noutput = "{out}"\n')
        for i in range(n):
            f.write(
                f'\n[[feed]]\ntitle = "한빛일보 경제 {i}"\nfilename = "s{i:03d}.rss"\n[feed.config]\n'
                f'url = "http://127.0.0.1:{port}/s{i:03d}.html"\nitem = "#section-list ul.type2 > li"\n'
                f'heading = "h4.titles a"\nlink = "h4.titles a"\nsummary = "p.lead"\nmedia = "img"\n'
                f'date = {{ selector = "em.date", format = "[year].[month].[day] [hour]:[minute]" }}\n'
            )


def wrk(port, path, duration):
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{duration}s", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise SystemExit(f"wrk printed no rate:\n{out}")


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def med(xs):
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--feedmill", default=os.path.join(REPO, "target/release/feedmill"))
    ap.add_argument("--rsspls", default=shutil.which("rsspls") or "rsspls")
    ap.add_argument("--wrk-seconds", type=int, default=5)
    ap.add_argument("--idle-feeds", type=int, default=100)
    ap.add_argument("--idle-seconds", type=int, default=10)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="feedmill-bench-")
    os.chmod(work, 0o755)  # nginx's workers run as an unprivileged user and must read it
    www = os.path.join(work, "www")
    os.makedirs(www)
    for i in range(args.pages):
        with open(os.path.join(www, f"s{i:03d}.html"), "w") as f:
            f.write(section_page(i))
    page_kb = os.path.getsize(os.path.join(www, "s000.html")) / 1024
    port = free_port()
    nginx = start_nginx(work, port, www, "nginx-pages")
    procs = [nginx]
    try:
        fm_cfg = os.path.join(work, "feeds.toml")
        fm_out, fm_state = os.path.join(work, "fm-out"), os.path.join(work, "fm-state")
        feedmill_config(fm_cfg, port, args.pages, fm_out, fm_state)
        rs_cfg = os.path.join(work, "rsspls.toml")
        rs_out = os.path.join(work, "rs-out")
        rsspls_config(rs_cfg, port, args.pages, rs_out)

        results = {"feedmill": [], "rsspls": [], "feedmill-warm": []}
        for r in range(args.rounds):
            for tool in ("feedmill", "rsspls"):
                if tool == "feedmill":
                    shutil.rmtree(fm_out, ignore_errors=True)
                    shutil.rmtree(fm_state, ignore_errors=True)
                    res = run_measured([args.feedmill, "--config", fm_cfg, "-q", "build"])
                    results["feedmill"].append(res)
                    # Warm: the same pages again; nginx answers 304 to every conditional GET.
                    results["feedmill-warm"].append(run_measured([args.feedmill, "--config", fm_cfg, "-q", "build"]))
                else:
                    shutil.rmtree(rs_out, ignore_errors=True)
                    os.makedirs(rs_out)
                    cache = os.path.join(work, f"rs-cache-{r}")
                    env = dict(os.environ, XDG_CACHE_HOME=cache)
                    results["rsspls"].append(run_measured([args.rsspls, "--config", rs_cfg], env=env))
            print(f"round {r + 1}: " + ", ".join(f"{k} cpu {v[-1][0]:.2f}s wall {v[-1][1]:.2f}s rss {v[-1][2]:.0f} MiB" for k, v in results.items()), file=sys.stderr)

        fm_items = sum(1 for name in os.listdir(fm_out) if name.endswith(".rss"))
        for d in (fm_out, rs_out):
            os.chmod(d, 0o755)
        rs_items = sum(1 for name in os.listdir(rs_out) if name.endswith(".rss"))

        # Serving: the same feed file from feedmill serve and from nginx, alternately.
        serve_port, nginx_port = free_port(), free_port()
        serve = subprocess.Popen([args.feedmill, "--config", fm_cfg, "-q", "serve", "--listen", f"127.0.0.1:{serve_port}"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(serve)
        nginx2 = start_nginx(work, nginx_port, fm_out, "nginx-feeds")
        procs.append(nginx2)
        wait_port(serve_port)
        rates = {"feedmill": [], "nginx": []}
        for _ in range(2):
            rates["feedmill"].append(wrk(serve_port, "/s000.rss", args.wrk_seconds))
            rates["nginx"].append(wrk(nginx_port, "/s000.rss", args.wrk_seconds))
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=15)

        # Daemon idle: 100 feeds refreshed hourly; after the first refresh, CPU over a quiet window.
        idle_cfg = os.path.join(work, "idle.toml")
        feedmill_config(idle_cfg, port, min(args.idle_feeds, args.pages), os.path.join(work, "idle-out"), os.path.join(work, "idle-state"))
        daemon = subprocess.Popen([args.feedmill, "--config", idle_cfg, "-q", "run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(daemon)
        deadline = time.time() + 120
        idle_out = os.path.join(work, "idle-out")
        while time.time() < deadline:
            done = len([n for n in os.listdir(idle_out) if n.endswith(".atom")]) if os.path.isdir(idle_out) else 0
            if done >= min(args.idle_feeds, args.pages):
                break
            time.sleep(0.5)
        time.sleep(2)
        cpu0 = proc_cpu_seconds(daemon.pid)
        time.sleep(args.idle_seconds)
        idle_cpu = proc_cpu_seconds(daemon.pid) - cpu0
        idle_rss = proc_rss_mib(daemon.pid)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=15)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(work, ignore_errors=True)

    fm, rs, warm = results["feedmill"], results["rsspls"], results["feedmill-warm"]
    fm_cpu, rs_cpu = med([x[0] for x in fm]), med([x[0] for x in rs])
    fm_wall, rs_wall, warm_wall = med([x[1] for x in fm]), med([x[1] for x in rs]), med([x[1] for x in warm])
    fm_rss, rs_rss = max(x[2] for x in fm), max(x[2] for x in rs)
    warm_cpu = med([x[0] for x in warm])
    fr, nr = med(rates["feedmill"]), med(rates["nginx"])

    print(f"\n{args.pages} pages of {page_kb:.0f} KB, {args.rounds} rounds, medians; machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}")
    print(f"feeds written: feedmill {fm_items} (RSS and Atom, with history), rsspls {rs_items} (RSS)\n")
    print("| measure | feedmill | rsspls / nginx | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| cold build CPU (user+sys) | {fm_cpu:.2f} s | {rs_cpu:.2f} s | {fm_cpu / rs_cpu:.2f} | ≤ 0.5 |")
    print(f"| cold build wall | {fm_wall:.2f} s | {rs_wall:.2f} s | {fm_wall / rs_wall:.2f} | |")
    print(f"| peak RSS | {fm_rss:.0f} MiB | {rs_rss:.0f} MiB | {fm_rss / rs_rss:.2f} | ≤ 1.0 |")
    print(f"| warm rebuild wall (all 304) | {warm_wall:.2f} s (CPU {warm_cpu:.2f} s) | cold {fm_wall:.2f} s | {warm_wall / fm_wall:.2f} | ≤ 0.1 |")
    print(f"| serving, wrk -t2 -c32 -d{args.wrk_seconds}s | {fr:,.0f} req/s | nginx {nr:,.0f} req/s | {fr / nr:.2f} | ≥ 1.0 |")
    print(f"| daemon idle, {min(args.idle_feeds, args.pages)} feeds | CPU {idle_cpu:.3f} s in {args.idle_seconds} s, RSS {idle_rss:.1f} MiB | | | ~0 CPU, ≤ 20 MiB |")


if __name__ == "__main__":
    main()
