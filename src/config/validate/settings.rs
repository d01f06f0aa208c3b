//! `[settings]`, and the PostgreSQL database it may name.

use std::path::Path;

use chrono_tz::Tz;
use toml::Spanned;
use url::Url;

use super::{env_var, Validator, HOST_DELAY_RANGE, LEASE_RANGE, TIMEOUT_RANGE};
use crate::config::error::line_col;
use crate::config::raw::RawSettings;
use crate::config::{defaults, ConfigError, Database, Settings};

impl Validator<'_> {
    /// `[settings]`; relative paths are resolved against `dir`, the config file's folder.
    pub(in crate::config) fn settings(
        &self,
        raw: RawSettings,
        dir: &Path,
    ) -> Result<Settings, ConfigError> {
        let timezone = match raw.timezone {
            None => defaults::TIMEZONE,
            Some(tz) => tz.get_ref().parse::<Tz>().map_err(|_| {
                self.err(
                    &tz,
                    "settings.timezone",
                    format!(
                        "`{}` is not an IANA time zone; write one like \"Asia/Seoul\" or \"UTC\"",
                        tz.get_ref()
                    ),
                )
            })?,
        };
        let base_url = match raw.base_url {
            None => None,
            Some(s) => {
                let mut text = s.get_ref().trim().to_string();
                if !text.ends_with('/') {
                    text.push('/');
                }
                let url = Url::parse(&text).map_err(|e| {
                    self.err(
                        &s,
                        "settings.base_url",
                        format!(
                            "`{}` is not a URL ({e}); write a full one, like \"https://example.com/feeds/\"",
                            s.get_ref()
                        ),
                    )
                })?;
                Some(url)
            }
        };
        Ok(Settings {
            output_dir: dir.join(
                raw.output_dir
                    .as_ref()
                    .map_or(defaults::OUTPUT_DIR, |o| o.get_ref().as_str()),
            ),
            output_dir_line: raw
                .output_dir
                .as_ref()
                .map(|o| line_col(self.text, o.span().start).0),
            state_dir: dir.join(raw.state_dir.as_deref().unwrap_or(defaults::STATE_DIR)),
            timezone,
            max_items: self.positive(raw.max_items, "settings.max_items", defaults::MAX_ITEMS)?,
            user_agent: raw
                .user_agent
                .unwrap_or_else(|| defaults::USER_AGENT.to_string()),
            base_url,
            timeout: self.duration(
                raw.timeout,
                "settings.timeout",
                defaults::TIMEOUT,
                TIMEOUT_RANGE,
            )?,
            host_delay: self.duration(
                raw.host_delay,
                "settings.host_delay",
                defaults::HOST_DELAY,
                HOST_DELAY_RANGE,
            )?,
            concurrency: self.positive(
                raw.concurrency,
                "settings.concurrency",
                defaults::CONCURRENCY,
            )?,
            interval: self.interval(raw.interval, "settings.interval", defaults::INTERVAL)?,
            listen: None,
            request: self.request_defaults(raw.request, &env_var)?,
            database: self.database(raw.database, &env_var)?,
            lease: self.duration(raw.lease, "settings.lease", defaults::LEASE, LEASE_RANGE)?,
        })
    }

    /// `settings.database`, else `$FEEDMILL_DATABASE_URL`: a PostgreSQL connection string.
    /// `${VAR}` in the file's value is filled in, so the password can stay out of the file.
    fn database(
        &self,
        raw: Option<Spanned<String>>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Database>, ConfigError> {
        let key = "settings.database";
        let (url, origin) = match &raw {
            Some(s) => (self.expanded(s, key, env)?.value, key),
            None => match env(defaults::DATABASE_ENV) {
                Some(v) if !v.trim().is_empty() => (v, defaults::DATABASE_ENV),
                _ => return Ok(None),
            },
        };
        let url = url.trim().to_string();
        let problem = if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            // The scheme only: the rest may hold a password.
            let scheme = url.split_once(':').map_or("this", |(s, _)| s);
            Some(format!("a `{scheme}:` URL is not a PostgreSQL one; write one like \"postgresql://feedmill@db.example/feedmill\" (leave the key out to keep the state in SQLite)"))
        } else {
            url.parse::<tokio_postgres::Config>()
                .err()
                .map(|e| format!("not a PostgreSQL connection string ({e})"))
        };
        match problem {
            None => Ok(Some(Database { url, origin })),
            Some(p) => match &raw {
                Some(s) => Err(self.err(s, key, p)),
                None => Err(ConfigError::Env {
                    name: defaults::DATABASE_ENV,
                    message: p,
                }),
            },
        }
    }
}
