//! `file://` pages, for local section pages and tests. Only regular files are read, and no
//! more of one than the size cap: `file:///dev/zero` or a FIFO must not hang or fill memory. The server reads its output
//! folder through the same [`read_regular`].

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

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
    match read_regular(&path, MAX_BODY as u64, Links::Follow) {
        Ok((_, body)) => Ok(decode_owned(url.clone(), None, body)),
        Err(ReadError::TooLarge) => Err(FetchError::TooLarge { url: url.clone() }),
        Err(ReadError::NotRegular) => Err(file_err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ))),
        Err(ReadError::Io(e)) => Err(file_err(e)),
    }
}

/// Whether [`read_regular`] may open a file through a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// A link is followed, as for a local page the config names.
    Follow,
    /// A link is refused, as for the files the server serves from `output_dir`.
    Refuse,
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// A directory, device, FIFO or socket (or, with [`Links::Refuse`], a link).
    NotRegular,
    /// Larger than the cap, before or while reading.
    TooLarge,
    Io(std::io::Error),
}

/// Reads `path` if the opened file is a regular file of at most `max` bytes: its metadata
/// (from the descriptor, so what is checked is what is read) and bytes. The open never
/// blocks (a FIFO would wait for a writer), and a file that grows while it is read still
/// stops at the cap.
pub fn read_regular(
    path: &Path,
    max: u64,
    links: Links,
) -> Result<(std::fs::Metadata, Vec<u8>), ReadError> {
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) if links == Links::Refuse => ReadError::NotRegular,
            _ => ReadError::Io(e),
        })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut body)
        .map_err(ReadError::Io)?;
    if body.len() as u64 > max {
        return Err(ReadError::TooLarge);
    }
    Ok((meta, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let fifo = tempfile::tempdir().unwrap();
        let fifo_path = fifo.path().join("list.html");
        let c_path = std::ffi::CString::new(fifo_path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo reads the NUL-terminated path it is given.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        for path in [
            "/dev/zero",
            "/dev/null",
            "/tmp",
            fifo_path.to_str().unwrap(),
        ] {
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
