//! `file://` pages, for local section pages and tests. Only regular files are read, and no
//! more of one than the size cap: `file:///dev/zero` or a FIFO must not hang or fill memory.

use std::io::Read;

use url::Url;

use super::{decode_owned, FetchError, Page, MAX_BODY};

pub(super) fn read_file(url: &Url) -> Result<Page, FetchError> {
    let file_err = |source| FetchError::File {
        url: url.clone(),
        source,
    };
    let path = url.to_file_path().map_err(|()| {
        file_err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a local path",
        ))
    })?;
    let file = std::fs::File::open(&path).map_err(file_err)?;
    // The opened file's own metadata, so what is checked is what is read.
    let meta = file.metadata().map_err(file_err)?;
    if !meta.is_file() {
        return Err(file_err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    if meta.len() > MAX_BODY as u64 {
        return Err(FetchError::TooLarge { url: url.clone() });
    }
    let mut body = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read still stops at the cap.
    file.take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .map_err(file_err)?;
    if body.len() > MAX_BODY {
        return Err(FetchError::TooLarge { url: url.clone() });
    }
    Ok(decode_owned(url.clone(), None, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        for path in ["/dev/zero", "/dev/null", "/tmp"] {
            let url = Url::from_file_path(path).unwrap();
            match read_file(&url) {
                Err(FetchError::File { source, .. }) => {
                    assert!(
                        source.to_string().contains("not a regular file"),
                        "{path}: {source}"
                    )
                }
                other => panic!("{path}: {other:?}"),
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("list.html");
        std::fs::write(&page, "<ul><li><a href=\"a.html\">기사</a></li></ul>").unwrap();
        let read = read_file(&Url::from_file_path(&page).unwrap()).unwrap();
        assert!(read.html.contains("기사"));
    }
}
