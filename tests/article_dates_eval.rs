//! The publication-date evaluation: saved article pages in several languages with their
//! known publication day (provenance in `tests/fixtures/article_dates_eval/README.md`),
//! each read with `extract_article` as a feed would, fetched long after the dates. Prints a
//! table with `cargo test --test article_dates_eval -- --nocapture` and checks precision,
//! recall and F1 on the day against a floor just under what the finder reaches.

mod common;

use std::path::Path;

use feedmill::article::{date_report, extract_article, DateKind};
use feedmill::config::ArticleRules;
use feedmill::dates::DateContext;
use url::Url;

/// F1 reached when the floor was set; see the README.
const MIN_F1: f64 = 0.95;
/// Precision reached when the floor was set.
const MIN_PRECISION: f64 = 0.95;

/// (file, page URL, publication day, language, zone the day is read in)
const PAGES: &[(&str, &str, &str, &str, chrono_tz::Tz)] = &[
    ("fr_loldf.html", "http://www.loldf.org/spip.php?article717", "2019-06-27", "fr", chrono_tz::Europe::Paris),
    ("de_kinra.html", "http://blog.kinra.de/?p=959/", "2012-12-16", "de", chrono_tz::Europe::Berlin),
    ("de_kyffhaeuser.html", "https://kyffhaeuser-nachrichten.de/news/news_lang.php?ArtNr=335614", "2023-10-31", "de", chrono_tz::Europe::Berlin),
    ("es_elmundo.html", "https://www.elmundo.es/espana/2023/11/02/65438757e85ece1f5b8b45ba.html", "2023-11-02", "es", chrono_tz::Europe::Madrid),
    ("vi_vnexpress.html", "https://vnexpress.net/ong-ho-duc-phoc-se-nang-muc-giam-tru-gia-canh-tinh-thue-ca-nhan-khi-sua-luat-4672302.html", "2023-11-02", "vi", chrono_tz::Asia::Ho_Chi_Minh),
    ("it_repubblica.html", "https://www.repubblica.it/esteri/2023/11/02/diretta/israele_hamas_news_guerra_gaza_oggi-419364605/?ref=RHLF-BG-I419415386-P1-S1-T1", "2023-11-02", "it", chrono_tz::Europe::Rome),
    ("fr_paris_luttes.html", "https://paris-luttes.info/quand-on-comprend-que-les-grenades-12355", "2019-06-29", "fr", chrono_tz::Europe::Paris),
    ("fr_wara.html", "http://www.wara-enforcement.org/guinee-un-braconnier-delephant-interpelle-et-condamne-a-la-peine-maximale/", "2016-09-27", "fr", chrono_tz::Europe::Paris),
    ("pl_wp.html", "https://wiadomosci.wp.pl/tusk-ujawni-kulisy-rozmow-o-rzadzie-wiemy-co-padnie-na-wiecu-w-jagodnie-jednoznaczny-sygnal-6958809779915264a", "2023-11-02", "pl", chrono_tz::Europe::Warsaw),
    ("en_kentnews.html", "https://www.kentnews.online/lengthy-prison-sentences-for-two-thanet-drug-dealers/", "2023-11-09", "en", chrono_tz::Europe::London),
    ("ja_auone.html", "https://article.auone.jp/detail/1/3/6/307_3_r_20231102_1698920402044235", "2023-11-02", "ja", chrono_tz::Asia::Tokyo),
    ("ko_naver.html", "https://n.news.naver.com/article/607/0000001728?cds=news_media_pc&type=editn", "2023-11-02", "ko", chrono_tz::Asia::Seoul),
    ("zh_sohu.html", "https://www.sohu.com/a/733320600_429139", "2023-11-02", "zh", chrono_tz::Asia::Shanghai),
    ("id_detik.html", "https://health.detik.com/true-story/d-7016153/curhat-wanita-kena-stroke-di-umur-26-ketahuan-saat-terkapar-di-kamar-mandi", "2023-11-02", "id", chrono_tz::Asia::Jakarta),
    ("ja_yomiuri.html", "https://www.yomiuri.co.jp/world/20231102-OYT1T50240/", "2023-11-02", "ja", chrono_tz::Asia::Tokyo),
    ("es_infobae.html", "https://www.infobae.com/america/mundo/2023/11/02/las-fuerzas-de-defensa-de-israel-comenzaron-su-asalto-a-la-ciudad-de-gaza-combaten-en-un-area-urbana-densa-y-compleja/", "2023-11-02", "es", chrono_tz::America::Argentina::Buenos_Aires),
    ("id_kompas.html", "https://money.kompas.com/read/2023/11/02/213419026/menhub-bocorkan-penyebab-harga-tiket-pesawat-masih-mahal", "2023-11-02", "id", chrono_tz::Asia::Jakarta),
    ("fr_courrier.html", "https://www.courrierinternational.com/video/gaza-en-video-voila-a-quoi-ressemblent-les-tunnels-du-hamas", "2023-10-27", "fr", chrono_tz::Europe::Paris),
    ("en_theweek.html", "https://theweek.com/us/1023253/julie-chavez-rodriguez-the-woman-behind-bidens-big-bid-in-2024", "2023-05-05", "en", chrono_tz::America::New_York),
    ("fr_liberation.html", "https://www.liberation.fr/international/moyen-orient/gaza-le-monde-arabe-indigne-par-les-frappes-israeliennes-contre-un-camp-de-refugies-de-jabalia-20231101_AZMTTO7OZBCI3IG7LKHAZVLEQQ/", "2023-11-01", "fr", chrono_tz::Europe::Paris),
    ("en_kbsworld.html", "https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=181595", "2023-11-07", "en", chrono_tz::Asia::Seoul),
    ("de_akkurier.html", "https://www.ak-kurier.de/akkurier/www/artikel/136146-deutsche-bank-schliesst-nach-fast-60-jahren-filiale-in-betzdorf", "2023-11-06", "de", chrono_tz::Europe::Berlin),
    ("de_aktiv.html", "https://www.aktiv-online.de/ratgeber/lohnfortzahlung-kann-gefaehrdet-sein-3265", "2023-10-26", "de", chrono_tz::Europe::Berlin),
    ("de_achgut.html", "https://www.achgut.com/artikel/nach_dem_asyl_abend_im_kanzleramt", "2023-11-07", "de", chrono_tz::Europe::Berlin),
    ("en_channel4.html", "https://www.channel4.com/news/israel-hunts-hamas-leaders-in-gaza-foreigners-and-wounded-allowed-to-leave-for-first-time", "2023-11-01", "en", chrono_tz::Europe::London),
    ("de_volksstimme.html", "https://www.volksstimme.ch/gute-loehne-alleine-reichen-nicht", "2023-11-07", "de", chrono_tz::Europe::Zurich),
    ("en_verfassungsblog.html", "https://verfassungsblog.de/the-first-decade/", "2019-07-13", "en", chrono_tz::Europe::Berlin),
    ("de_tageswoche.html", "https://tageswoche.ch/gesellschaft/wir-sind-dann-mal-weg-und-dieser-titel-muss-auch-weg-oder/index.html", "2018-11-16", "de", chrono_tz::Europe::Zurich),
    ("en_breakingnewstoday.html", "https://www.breakingnewstoday.co.uk/centuries-old-extraterrestrial-remains-exhibited-in-glass-enclosures/", "2023-09-13", "en", chrono_tz::Europe::London),
    ("de_popkultur.html", "https://popkultur.de/homosexuelle-schauspieler/", "2023-06-05", "de", chrono_tz::Europe::Berlin),
    // The site writes its times in UTC, and the checked day is the day as written.
    ("en_newsnet.html", "https://newsnet.scot/news-analysis/uk-to-have-lowest-growth-in-g7-in-2024/", "2023-10-10", "en", chrono_tz::UTC),
    ("en_politicalite.html", "https://www.politicalite.com/entertainment/kelly-blasts-harry-kelly-osbourne-blasts-ginger-whinger-prince-harry-again/", "2023-09-27", "en", chrono_tz::Europe::London),
    ("de_wildundhund.html", "https://wildundhund.de/kraehenjagd-6871/", "2023-10-10", "de", chrono_tz::Europe::Berlin),
    ("en_irishtimes.html", "https://www.irishtimes.com/world/middle-east/2023/11/03/israel-hamas-war-israel-war-resembles-something-approaching-revenge-taoiseach-says/", "2023-11-03", "en", chrono_tz::Europe::Dublin),
];

fn rules() -> ArticleRules {
    // Through the config, as a feed gets them: new keys never need a change here.
    let text =
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.example/\"\n[feeds.t.article]\nfetch = true\n";
    let config = feedmill::config::parse(text, Path::new("feeds.toml")).unwrap();
    config.feeds[0].article.clone().unwrap()
}

/// One page to read: a label for the table, its HTML and address, the publication day and
/// the zone that day is read in (a feed of that site would read zone-less times there too).
struct Case {
    label: String,
    html: String,
    url: Url,
    expected: String,
    lang: String,
    zone: chrono_tz::Tz,
}

#[test]
fn publication_days_of_saved_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article_dates_eval");
    let cases = PAGES.iter().map(|(file, url, expected, lang, zone)| Case {
        label: file.to_string(),
        html: std::fs::read_to_string(dir.join(file)).unwrap(),
        url: Url::parse(url).unwrap(),
        expected: expected.to_string(),
        lang: lang.to_string(),
        zone: *zone,
    });
    evaluate(cases.collect(), MIN_F1, MIN_PRECISION);
}

/// The pages of the two public body sets (Mozilla Readability's and newspaper4k's test
/// suites) whose metadata gives a publication time: `tests/fixtures/article_dates_public.tsv`
/// names each with the day that time falls on in the site's zone. The suites took those times
/// from the pages' own markup (JSON-LD, meta), or newspaper4k from the URL; they test reading
/// markup in its many forms more than printed dates.
#[test]
fn publication_days_of_the_public_body_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let list = std::fs::read_to_string(root.join("article_dates_public.tsv")).unwrap();
    let mut cases = Vec::new();
    for f in tsv_rows(&list) {
        let (folder, name, day, zone) = (f[0], f[1], f[2], f[3]);
        let pages = std::fs::read_to_string(root.join(folder).join("pages.tsv")).unwrap();
        let row: Vec<&str> = pages
            .lines()
            .find(|l| l.split('\t').next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not in {folder}/pages.tsv"))
            .split('\t')
            .collect();
        let url = row
            .get(3)
            .copied()
            .unwrap_or("http://fakehost/test/page.html");
        cases.push(Case {
            label: name.to_string(),
            html: common::gzipped_fixture(&format!("{folder}/{name}.source.html.gz")),
            url: Url::parse(url).unwrap(),
            expected: day.to_string(),
            lang: row[1].to_string(),
            zone: zone.parse().unwrap(),
        });
    }
    evaluate(cases, MIN_PUBLIC_F1, MIN_PUBLIC_PRECISION);
}

/// F1 and precision on the public body pages when the floor was set.
const MIN_PUBLIC_F1: f64 = 0.97;
const MIN_PUBLIC_PRECISION: f64 = 0.97;

/// The fields of each line of a tab-separated list, comment (`#`) and empty lines left out.
fn tsv_rows(list: &str) -> impl Iterator<Item = Vec<&str>> {
    list.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
}

/// Reads every page, prints the table, and holds precision, recall and F1 on the day.
fn evaluate(cases: Vec<Case>, min_f1: f64, min_precision: f64) {
    let (mut tp, mut fp, mut missing) = (0u32, 0u32, 0u32);
    let mut languages: Vec<&str> = Vec::new();
    println!(
        "\n{:<24} {:<4} {:<10} {:<10} {:<4} source",
        "page", "lang", "expected", "found", "ok"
    );
    for case in &cases {
        if !languages.contains(&case.lang.as_str()) {
            languages.push(&case.lang);
        }
        let ctx = DateContext {
            fetched_at: "2026-06-01T00:00:00Z".parse().unwrap(),
            zone: case.zone,
        };
        let info = extract_article(&case.html, &case.url, &rules(), ctx);
        let found = info.published.as_ref().map(|f| {
            f.value
                .instant
                .with_timezone(&case.zone)
                .date_naive()
                .to_string()
        });
        let ok = match &found {
            Some(day) if *day == case.expected => {
                tp += 1;
                "yes"
            }
            Some(_) => {
                fp += 1;
                "NO"
            }
            None => {
                missing += 1;
                "-"
            }
        };
        let report = date_report(&case.html, &case.url, &rules(), ctx);
        // `EVAL_PAGE=fr_wara.html` prints every candidate of that page.
        if std::env::var("EVAL_PAGE").is_ok_and(|p| p == case.label) {
            for c in &report.candidates {
                println!(
                    "    {:>4} {:?} {} {} [{}]",
                    c.score, c.kind, c.stamp.instant, c.detail, c.place
                );
            }
        }
        let why = report
            .winner(DateKind::Published)
            .map_or(String::new(), |c| format!("{} [{}]", c.detail, c.place));
        println!(
            "{:<24} {:<4} {:<10} {:<10} {:<4} {}",
            case.label,
            case.lang,
            case.expected,
            found.as_deref().unwrap_or("-"),
            ok,
            why.chars().take(90).collect::<String>()
        );
    }
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from((tp + missing).max(1));
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    println!(
        "\n{} pages, {} languages ({}): right {tp}, wrong {fp}, none {missing}; precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}",
        cases.len(),
        languages.len(),
        languages.join(" ")
    );
    assert!(f1 >= min_f1, "F1 {f1:.3} under {min_f1}");
    assert!(
        precision >= min_precision,
        "precision {precision:.3} under {min_precision}"
    );
}

/// htmldate's own evaluation pages (`tests/fixtures/article_dates_htmldate/`, provenance
/// and figures in its README): blogs and news sites, mostly German, each with the day the
/// htmldate authors checked, whole copies of five excerpted pages in Asian languages, and
/// thirty large commercial news pages.
#[test]
fn publication_days_of_htmldate_evaluation_pages() {
    let folder = "article_dates_htmldate";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let list = std::fs::read_to_string(root.join("pages.tsv")).unwrap();
    let mut cases = Vec::new();
    for f in tsv_rows(&list) {
        cases.push(Case {
            label: f[0].chars().take(24).collect(),
            html: common::gzipped_fixture(&format!("{folder}/{}.gz", f[0])),
            url: Url::parse(f[1]).unwrap(),
            expected: f[2].to_string(),
            lang: f[3].to_string(),
            zone: f[4].parse().unwrap(),
        });
    }
    evaluate(cases, MIN_HTMLDATE_F1, MIN_HTMLDATE_PRECISION);
}

/// F1 and precision on htmldate's pages when the floor was set (0.976 and 0.984 on 63 pages;
/// 0.972 and 0.967 on 93, two misses being the reference's choice of day, see the README;
/// raised at 0.984 and 0.968).
const MIN_HTMLDATE_F1: f64 = 0.975;
const MIN_HTMLDATE_PRECISION: f64 = 0.96;
