//! Broken `request` and `pages` tables, as a snapshot table like `config_errors.rs`: for each,
//! `feedmill build` exits 2, fetches nothing, and names the file, line, column and key.
//! Expected messages are literal, so a change in wording shows up as a diff to review.

mod common;

use common::TestServer;

/// A feed that is fine; each case adds a table after it. `<server>` is replaced.
const FEED: &str = "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n";

fn cases() -> Vec<(&'static str, String, &'static str)> {
    let after = |table: &str| format!("{FEED}{table}");
    vec![
        (
            "a header name with a space",
            after("[feeds.news.request]\nheaders = { \"Accept Language\" = \"ko\" }\n"),
            "line 5, column 13: key `feeds.news.request.headers.\"Accept Language\"`: `Accept Language` is not a header name: use letters, digits and - only, like \"Accept-Language\"",
        ),
        (
            "a header feedmill sets",
            after("[feeds.news.request]\nheaders = { Host = \"news.example.kr\" }\n"),
            "line 5, column 13: key `feeds.news.request.headers.Host`: feedmill sets `Host` itself; remove it",
        ),
        (
            "User-Agent as a header",
            after("[feeds.news.request]\nheaders = { \"User-Agent\" = \"Mozilla/5.0\" }\n"),
            "line 5, column 13: key `feeds.news.request.headers.User-Agent`: set `feeds.news.request.user_agent` instead",
        ),
        (
            "Cookie as a header",
            after("[feeds.news.request]\nheaders = { Cookie = \"consent=yes\" }\n"),
            "line 5, column 13: key `feeds.news.request.headers.Cookie`: list cookies in `feeds.news.request.cookies`, like cookies = { consent = \"yes\" }",
        ),
        (
            "a header value with a line break",
            after("[feeds.news.request]\nheaders = { Referer = \"https://a/\\r\\nX-Evil: 1\" }\n"),
            "line 5, column 23: key `feeds.news.request.headers.Referer`: \"https://a/\\r\\nX-Evil: 1\" cannot be sent in a header: it holds a line break or another control character",
        ),
        (
            "a header given twice",
            after("[feeds.news.request]\nheaders = { Referer = \"https://a/\", referer = \"https://b/\" }\n"),
            "line 5, column 37: key `feeds.news.request.headers.referer`: this header is given twice (names are case-insensitive); keep one",
        ),
        (
            "an unset variable",
            after("[feeds.news.request]\nheaders = { Authorization = \"Bearer ${FEEDMILL_TEST_UNSET_TOKEN}\" }\n"),
            "line 5, column 29: key `feeds.news.request.headers.Authorization`: the environment variable `FEEDMILL_TEST_UNSET_TOKEN` is not set; set it before running feedmill (the value is read from it so that it stays out of this file)",
        ),
        (
            "a ${ that names nothing",
            after("[feeds.news.request]\nheaders = { Authorization = \"Bearer ${TOKEN\" }\n"),
            "line 5, column 29: key `feeds.news.request.headers.Authorization`: a `${` here does not name a variable; write `${NAME}` (letters, digits and _), or `$${` for a literal `${`",
        ),
        (
            "a bad cookie name",
            after("[feeds.news.request]\ncookies = { \"my cookie\" = \"yes\" }\n"),
            "line 5, column 13: key `feeds.news.request.cookies.\"my cookie\"`: `my cookie` is not a cookie name: no spaces, quotes or any of ()<>@,;:\\/[]?={}",
        ),
        (
            "a cookie value that smuggles another",
            after("[feeds.news.request]\ncookies = { consent = \"yes; admin=1\" }\n"),
            "line 5, column 23: key `feeds.news.request.cookies.consent`: `yes; admin=1` is not a cookie value: visible ASCII only, without spaces, quotes, commas, semicolons or backslashes (percent-encode it)",
        ),
        (
            "a user agent from an unset variable",
            after("[feeds.news.request]\nuser_agent = \"${FEEDMILL_TEST_UNSET_UA}\"\n"),
            "line 5, column 14: key `feeds.news.request.user_agent`: the environment variable `FEEDMILL_TEST_UNSET_UA` is not set; set it before running feedmill (the value is read from it so that it stays out of this file)",
        ),
        (
            "an unknown key in request",
            after("[feeds.news.request]\ncookie = { consent = \"yes\" }\n"),
            "line 5, column 1: key `feeds.news.request.cookie`: unknown key; did you mean `cookies`? (the keys allowed here: headers, cookies, user_agent)",
        ),
        (
            "user_agent in settings.request",
            format!("[settings.request]\nuser_agent = \"Mozilla/5.0\"\n\n{FEED}"),
            "line 2, column 14: key `settings.request.user_agent`: set the User-Agent of every feed with `settings.user_agent`",
        ),
        (
            "an unset variable in settings.request",
            format!("[settings.request]\nheaders = {{ \"X-Api-Key\" = \"${{FEEDMILL_TEST_UNSET_KEY}}\" }}\n\n{FEED}"),
            "line 2, column 27: key `settings.request.headers.X-Api-Key`: the environment variable `FEEDMILL_TEST_UNSET_KEY` is not set; set it before running feedmill (the value is read from it so that it stays out of this file)",
        ),
        (
            "pages without next or url",
            after("[feeds.news.pages]\nmax = 3\n"),
            "line 4, column 1: key `feeds.news.pages`: say how to reach the next page: `next = \"a.next\"` (the link to follow) or `url = \"https://…?page={page}\"` (a template)",
        ),
        (
            "pages with next and url",
            after("[feeds.news.pages]\nnext = \"a.next\"\nurl = \"<server>/list?page={page}\"\n"),
            "line 6, column 7: key `feeds.news.pages.url`: give either `next` (follow a link) or `url` (a page template), not both",
        ),
        (
            "a next that is no selector",
            after("[feeds.news.pages]\nnext = \".paging a:contains(다음)\"\n"),
            "line 5, column 8: key `feeds.news.pages.next`: `.paging a:contains(다음)` is not a CSS selector: the pseudo-class or pseudo-element `contains` is not supported",
        ),
        (
            "from with next",
            after("[feeds.news.pages]\nnext = \"a.next\"\nfrom = 2\n"),
            "line 6, column 8: key `feeds.news.pages.from`: `from` numbers the pages of a `url` template; with `next` the links say where to go",
        ),
        (
            "a template without {page}",
            after("[feeds.news.pages]\nurl = \"<server>/list?page=2\"\n"),
            "line 5, column 7: key `feeds.news.pages.url`: `<server>/list?page=2` has no `{page}`; write where the page number goes, like \"https://news.example.kr/list?page={page}\"",
        ),
        (
            "a template that is no URL",
            after("[feeds.news.pages]\nurl = \"list?page={page}\"\n"),
            "line 5, column 7: key `feeds.news.pages.url`: `list?page=2` is not a URL: relative URL without a base; a local file is written as a file:// URL with its absolute path, like \"file:///home/me/page.html\"",
        ),
        (
            "a template with urls",
            "[feeds.news]\ntitle = \"뉴스\"\nurls = [\"<server>/a\", \"<server>/b\"]\n[feeds.news.pages]\nurl = \"<server>/list?page={page}\"\n".into(),
            "line 5, column 7: key `feeds.news.pages.url`: a page template continues one section: use it with a single `url`, not `urls`",
        ),
        (
            "to before from",
            after("[feeds.news.pages]\nurl = \"<server>/list?page={page}\"\nfrom = 5\nto = 3\n"),
            "line 7, column 6: key `feeds.news.pages.to`: `to` (3) is before `from` (5)",
        ),
        (
            "from 0",
            after("[feeds.news.pages]\nurl = \"<server>/list?page={page}\"\nfrom = 0\n"),
            "line 6, column 8: key `feeds.news.pages.from`: must be a whole number from 1 to 1000000",
        ),
        (
            "a range over the most pages",
            after("[feeds.news.pages]\nurl = \"<server>/list?page={page}\"\nto = 50\n"),
            "line 6, column 6: key `feeds.news.pages.to`: pages 2 to 50 are more than the 20 read per section; lower `to`, or set `max`",
        ),
        (
            "max 0",
            after("[feeds.news.pages]\nnext = \"a.next\"\nmax = 0\n"),
            "line 6, column 7: key `feeds.news.pages.max`: must be a whole number from 1 to 20 (the most pages read per section, the first included)",
        ),
        (
            "max 21",
            after("[feeds.news.pages]\nnext = \"a.next\"\nmax = 21\n"),
            "line 6, column 7: key `feeds.news.pages.max`: must be a whole number from 1 to 20 (the most pages read per section, the first included)",
        ),
        (
            "an unknown key in pages",
            after("[feeds.news.pages]\nnxt = \"a.next\"\n"),
            "line 5, column 1: key `feeds.news.pages.nxt`: unknown key; did you mean `next`? (the keys allowed here: next, url, from, to, max)",
        ),
    ]
}

#[test]
fn broken_request_and_pages_tables_name_file_line_and_key() {
    let server = TestServer::start();
    let problems = common::config_error_problems(&server, cases());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(server.total_hits(), 0, "fetched despite a config error");
}
