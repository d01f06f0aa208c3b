//! Unit tables for request headers: `${VAR}` expansion, what `check` shows, which headers
//! are credentials and where they go, cookie and key rules.

use super::*;

fn env(name: &str) -> Option<String> {
    match name {
        "TOKEN" => Some("s3cr3t".into()),
        "EMPTY" => Some(String::new()),
        _ => None,
    }
}

#[test]
fn expansion_table() {
    let ok = |text: &str, value: &str, shown: &str, from_env: bool| {
        assert_eq!(
            expand(text, &env),
            Ok(Expanded {
                value: value.into(),
                shown: shown.into(),
                from_env
            }),
            "{text}"
        );
    };
    ok("ko", "ko", "ko", false);
    ok("${TOKEN}", "s3cr3t", "****", true);
    ok("Bearer ${TOKEN}", "Bearer s3cr3t", "Bearer ****", true);
    ok("a${TOKEN}b${TOKEN}", "as3cr3tbs3cr3t", "a****b****", true);
    ok("$5 or $$ or $", "$5 or $$ or $", "$5 or $$ or $", false);
    ok("$${TOKEN}", "${TOKEN}", "${TOKEN}", false);
    ok("기사", "기사", "기사", false);
    let bad = |text: &str, e: ExpandError| assert_eq!(expand(text, &env), Err(e), "{text}");
    bad("${NOPE}", ExpandError::Unset("NOPE".into()));
    bad("x ${EMPTY}", ExpandError::Empty("EMPTY".into()));
    bad("${TOKEN", ExpandError::Malformed);
    bad("${}", ExpandError::Malformed);
    bad("${1X}", ExpandError::Malformed);
    bad("${A B}", ExpandError::Malformed);
}

#[test]
fn what_check_shows() {
    let plain = |v: &str| Expanded {
        value: v.into(),
        shown: v.into(),
        from_env: false,
    };
    let cases: &[(&str, Expanded, &str, bool)] = &[
        ("Accept-Language", plain("ko"), "ko", false),
        (
            "Referer",
            plain("https://news.example/"),
            "https://news.example/",
            false,
        ),
        ("Authorization", plain("Bearer abc"), "Bearer ****", true),
        ("Authorization", plain("abc"), "****", true),
        ("X-Api-Key", plain("abc"), "****", true),
        (
            "X-Requested-With",
            plain("XMLHttpRequest"),
            "XMLHttpRequest",
            true,
        ),
        (
            "Referer",
            expand("https://x/?k=${TOKEN}", &env).unwrap(),
            "https://x/?k=****",
            true,
        ),
    ];
    for (name, e, want, credential) in cases {
        let h = header(name, e);
        assert_eq!(h.shown, *want, "{name}");
        assert_eq!(h.credential, *credential, "{name}");
    }
}

#[test]
fn credentials_stay_home() {
    let url = |s: &str| Url::parse(s).unwrap();
    let request = Request {
        headers: vec![
            header(
                "Accept-Language",
                &Expanded {
                    value: "ko".into(),
                    shown: "ko".into(),
                    from_env: false,
                },
            ),
            Header {
                name: "Cookie".into(),
                value: "a=1".into(),
                shown: "a=****".into(),
                credential: true,
            },
        ],
        home: vec![url("https://news.example.kr/list")],
    };
    let names = |target: &str| {
        let target = url(target);
        request
            .headers_for(&target)
            .map(|h| h.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names("https://news.example.kr/article/1"),
        ["Accept-Language", "Cookie"]
    );
    assert_eq!(names("https://ads.example.kr/"), ["Accept-Language"]);
    assert_eq!(names("https://news.example.kr:8443/"), ["Accept-Language"]);
    // From https down to http is another host; http up to https is not.
    assert_eq!(names("http://news.example.kr/"), ["Accept-Language"]);
    assert!(same_host(
        &url("http://news.example.kr/"),
        &url("https://news.example.kr/a")
    ));
    assert!(!same_host(
        &url("http://news.example.kr:8080/"),
        &url("https://news.example.kr/a")
    ));
    assert_eq!(request.credential_names(), ["Cookie"]);
}

#[test]
fn cookie_and_token_rules() {
    for good in ["consent", "SESSION_ID", "a.b-c"] {
        assert!(is_token(good), "{good}");
    }
    for bad in ["", "a b", "a=b", "a;b", "쿠키"] {
        assert!(!is_token(bad), "{bad}");
    }
    for good in ["yes", "", "abc%20def", "1|2"] {
        assert!(is_cookie_value(good), "{good}");
    }
    for bad in ["a b", "a;b", "a,b", "\"q\"", "값"] {
        assert!(!is_cookie_value(bad), "{bad}");
    }
    assert_eq!(toml_key("Accept-Language"), "Accept-Language");
    assert_eq!(toml_key("Bad Name"), "\"Bad Name\"");
}
