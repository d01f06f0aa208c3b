#!/usr/bin/env python3
"""What `render = "browser"` costs: time and peak memory of a build that renders one list page,
and of one that renders a list page and 20 article pages, against the same build of plain pages.

Serves a generated site on 127.0.0.1 (a section page that is an empty shell until a script
fetches its 20 items as JSON, and 20 article pages whose time a script fills in from the site's
API), runs `feedmill build` on each config several times, and reports the median wall time and
the peak memory of feedmill and every process under it (Chromium's included), sampled from
/proc every 20 ms: RSS summed (counts shared pages once per process, so an upper bound) and
PSS summed (shares split between processes). Measurement, not a test: nothing here asserts.

Needs: chromium (Debian package) and a release build (`cargo build --release`).
Usage: python3 bench/render.py [--rounds 5] [--binary target/release/feedmill]
"""

import argparse
import http.server
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
ARTICLES = 20


def shell_page():
    return """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>속보</title></head>
<body><div id="root"></div><script>
setTimeout(function () {
  fetch('/api/latest.json').then(function (r) { return r.json(); }).then(function (items) {
    var ul = document.createElement('ul'); ul.className = 'news-list';
    items.forEach(function (it) {
      var li = document.createElement('li');
      li.innerHTML = '<img src="/photo/' + it.id + '.jpg"><h3 class="tit"><a href="/news/' + it.id +
        '.html">' + it.title + '</a></h3><p class="lead">' + it.lead + '</p>';
      ul.appendChild(li);
    });
    document.getElementById('root').appendChild(ul);
  });
}, 100);
</script></body></html>"""


def plain_page():
    items = "".join(
        f'<li><h3 class="tit"><a href="/news/{n}.html">국회 예산안 {n}차 심사</a></h3>'
        f'<p class="lead">여야가 예산안 심사를 이어갔다.</p></li>'
        for n in range(1, ARTICLES + 1)
    )
    return f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"></head><body><ul class="news-list">{items}</ul></body></html>'


def article_page(n, scripted):
    when = f"2026.11.30 08:{n:02d}"
    date = '<span id="pub"></span>' if scripted else when
    script = (
        f"<script>fetch('/api/article/{n}.json').then(function (r) {{ return r.json(); }})"
        ".then(function (a) { document.getElementById('pub').textContent = a.published; });</script>"
        if scripted
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>기사 {n}</title></head><body>'
        f'<article><h1>국회 예산안 {n}차 심사</h1><div class="byline">입력 {date}</div>'
        f"<div id=\"article-body\"><p>국회 예산결산특별위원회는 30일 예산안 심사를 이어갔다.</p></div></article>"
        f"{script}</body></html>"
    )


def routes():
    r = {
        "/latest": ("text/html; charset=utf-8", shell_page()),
        "/plain": ("text/html; charset=utf-8", plain_page()),
        "/api/latest.json": (
            "application/json",
            json.dumps(
                [
                    {"id": n, "title": f"국회 예산안 {n}차 심사", "lead": "여야가 예산안 심사를 이어갔다."}
                    for n in range(1, ARTICLES + 1)
                ],
                ensure_ascii=False,
            ),
        ),
    }
    for n in range(1, ARTICLES + 1):
        r[f"/news/{n}.html"] = ("text/html; charset=utf-8", article_page(n, True))
        r[f"/plain-news/{n}.html"] = ("text/html; charset=utf-8", article_page(n, False))
        r[f"/api/article/{n}.json"] = (
            "application/json",
            json.dumps({"published": f"2026.11.30 08:{n:02d}"}),
        )
    return r


def serve():
    table = routes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?")[0]
            if path not in table:
                self.send_error(404)
                return
            ctype, body = table[path]
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def config(base, kind):
    head = '[settings]\nhost_delay = "0s"\n\n[feeds.bench]\ntitle = "bench"\n'
    select = '[feeds.bench.select]\nitem = "ul.news-list > li"\nlink = "h3.tit a"\nsummary = "p.lead"\n'
    if kind == "plain list":
        return head + f'url = "{base}/plain"\n' + select
    if kind == "rendered list":
        return head + f'url = "{base}/latest"\nrender = "browser"\nwait_for = "ul.news-list li"\n' + select
    if kind == "plain list + 20 plain articles":
        return (
            head
            + f'url = "{base}/plain"\n'
            + select.replace("/news/", "/plain-news/")
            + "[feeds.bench.article]\nfetch = true\nmax_new = 20\n"
        )
    return (
        head
        + f'url = "{base}/latest"\nrender = "browser"\nwait_for = "ul.news-list li"\n'
        + select
        + '[feeds.bench.article]\nfetch = true\nmax_new = 20\nrender = "browser"\n'
    )


def tree(root):
    """Pids of `root` and all its descendants."""
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(pid))
        except (OSError, ValueError, IndexError):
            pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory(pids):
    """(RSS, PSS) of `pids` summed, in KiB."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def measure(binary, cfg_path, workdir):
    """One build: (wall seconds, peak RSS KiB, peak PSS KiB, exit code)."""
    env = dict(os.environ, FEEDMILL_NOW="2026-11-30T10:00:00+09:00")
    started = time.monotonic()
    proc = subprocess.Popen(
        [binary, "--config", cfg_path, "build", "-q"],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = memory(tree(proc.pid))
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.02)
    wall = time.monotonic() - started
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        print(f"  build failed ({proc.returncode}): {err.strip()}")
    return wall, peak_rss, peak_pss, proc.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--binary", default=os.path.join(REPO, "target/release/feedmill"))
    args = ap.parse_args()
    server = serve()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    kinds = [
        "plain list",
        "rendered list",
        "plain list + 20 plain articles",
        "rendered list + 20 rendered articles",
    ]
    print(f"{'build':40} {'wall s':>8} {'peak RSS MiB':>13} {'peak PSS MiB':>13}")
    for kind in kinds:
        walls, rsss, psss = [], [], []
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as d:
                cfg = os.path.join(d, "feeds.toml")
                with open(cfg, "w") as f:
                    f.write(config(base, kind))
                wall, rss, pss, _ = measure(args.binary, cfg, d)
                walls.append(wall)
                rsss.append(rss)
                psss.append(pss)
        print(
            f"{kind:40} {statistics.median(walls):8.2f} "
            f"{statistics.median(rsss) / 1024:13.0f} {statistics.median(psss) / 1024:13.0f}"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
