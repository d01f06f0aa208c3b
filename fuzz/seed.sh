#!/usr/bin/env bash
# Lays out the fuzz corpora under fuzz/corpus/<target>/ from the repo's fixtures, so nothing
# large is committed. Safe to run again: it only adds files (named by content hash), and keeps
# whatever the fuzzer has added to the corpora since.
#
#   fuzz/seed.sh            # all targets
#   fuzz/seed.sh dates      # one target
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
corpus="$here/corpus"

# add TARGET FILE: copies FILE into the target's corpus under its content hash.
add() {
    local target="$1" file="$2" sum
    mkdir -p "$corpus/$target"
    sum="$(sha1sum "$file" | cut -c1-40)"
    cp "$file" "$corpus/$target/$sum"
}

# add_text TARGET TEXT: a seed from a string.
add_text() {
    local tmp
    tmp="$(mktemp)"
    printf '%s' "$2" >"$tmp"
    add "$1" "$tmp"
    rm -f "$tmp"
}

# HTML pages: the repo's list, detect, article and real-page fixtures, UTF-8 copies of the
# EUC-KR fixtures (the entry points take &str); seed_html also cuts each large page at line
# ends into ~4 KB slices, which mutate far faster than a 200 KB page.
html_files() {
    local f
    for f in "$repo"/tests/fixtures/*.html "$repo"/tests/fixtures/*/*.html \
        "$repo"/tests/fixtures/*.utf8.txt "$repo"/tests/fixtures/*/*.utf8.txt; do
        [ -f "$f" ] || continue
        # Only UTF-8 text: the EUC-KR originals are covered by their .utf8.txt twins.
        iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || continue
        printf '%s\n' "$f"
    done
}

seed_html() {
    local target="$1" f slices
    slices="$(mktemp -d)"
    while IFS= read -r f; do
        add "$target" "$f"
        if [ "$(stat -c %s "$f")" -gt 16384 ]; then
            split -C 4096 -d -a 4 "$f" "$slices/$(basename "$f")."
        fi
    done < <(html_files)
    for f in "$slices"/*; do
        [ -f "$f" ] || continue
        iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && add "$target" "$f"
    done
    rm -rf "$slices"
}

seed_dates() {
    local line text hint
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in '#'* | '') continue ;; esac
        if [[ "$line" == *$'\t'* ]]; then
            text="${line%%$'\t'*}"
            hint="${line#*$'\t'}"
            local tmp
            tmp="$(mktemp)"
            printf '%s\0%s' "$text" "$hint" >"$tmp"
            add dates "$tmp"
            rm -f "$tmp"
        else
            add_text dates "$line"
        fi
    done <"$here/seeds/dates.txt"
}

seed_config() {
    [ -f "$repo/feeds.toml" ] && add config "$repo/feeds.toml"
    add_text config '[feeds.t]
title = "T"
url = "https://news.example.kr/"
[feeds.t.select]
item = "#section-list li"
link = "a@href"
date = "span.date@data-time"
date_format = "%Y-%m-%d %H:%M"
[feeds.t.article]
fetch = true
max_new = 5
full_text = true
remove = [".ad", "script"]
[feeds.t.filter]
include = ["/(속보|단독)/", "AI"]
exclude = ["광고"]
'
    add_text config '[settings]
output_dir = "out"
state_dir = "st"
timezone = "America/New_York"
max_items = 10
user_agent = "x"
base_url = "https://feeds.example.org/"
timeout = "500ms"
host_delay = "0s"
concurrency = 1
interval = "1d"
[server]
listen = "[::1]:8080"
[feeds.a]
title = "A"
urls = ["https://a.kr/1", "https://a.kr/2"]
formats = ["rss", "atom", "json"]
max_items = 3
interval = "15m"
description = "d"
language = "ko"
'
    add_text config ''
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dates config extract article detect)
for t in "${targets[@]}"; do
    case "$t" in
    dates) seed_dates ;;
    config) seed_config ;;
    extract | article | detect) seed_html "$t" ;;
    *)
        echo "seed.sh: unknown target $t (dates, config, extract, article, detect)" >&2
        exit 2
        ;;
    esac
    echo "corpus/$t: $(find "$corpus/$t" -type f | wc -l) files"
done
