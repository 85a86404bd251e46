//! The library's error type: fatal problems only. Problems with one input are not errors of
//! the run; they become rows of `errors.csv` (see [`crate::input::Problem`]).

use std::path::PathBuf;

/// A fatal error: the run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A built-in rule file is malformed.
    #[error("bad rule file {file}:{line}: {message}")]
    Rule {
        /// The rule file.
        file: &'static str,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The output folder or a table in it cannot be written.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Standard output or input closed (a broken pipe): end quietly.
    #[error("broken pipe")]
    BrokenPipe,
    /// Invalid configuration.
    #[error("{0}")]
    Config(String),
}

impl Error {
    pub(crate) fn rule(file: &'static str, line: usize, message: impl Into<String>) -> Error {
        Error::Rule {
            file,
            line,
            message: message.into(),
        }
    }

    pub(crate) fn output(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::Output {
            path: path.into(),
            source,
        }
    }
}
