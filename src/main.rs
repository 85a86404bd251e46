//! The `newsrake` binary: arguments in, [`newsrake::run`], an exit code out.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Args, Exit};

// Extraction allocates many small, short-lived strings and vectors on every worker thread;
// mimalloc's thread-local free lists serve them far faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(real_main() as u8)
}

fn real_main() -> Exit {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    Exit::Ok
                }
                _ => Exit::Fatal,
            };
        }
    };
    let quiet = args.quiet;
    let config = match args.config() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("newsrake: {msg}");
            return Exit::Fatal;
        }
    };
    match newsrake::run(&config) {
        Ok(s) => {
            if !quiet {
                eprintln!(
                    "newsrake: {} articles from {} sources, {:.1} MB in {:.2} s ({:.1} MB/s), {} errors{}; {}",
                    s.articles,
                    s.sources,
                    s.bytes as f64 / 1e6,
                    s.seconds,
                    s.mb_per_s(),
                    s.problems,
                    if s.unknown_extension > 0 {
                        format!(", {} files of unknown type skipped", s.unknown_extension)
                    } else {
                        String::new()
                    },
                    if config.stdout {
                        "rows on standard output".to_string()
                    } else {
                        format!("tables in {}", config.output.display())
                    }
                );
            }
            // A stream stage reports skipped inputs as `errors` rows in its output: a stage
            // runner (Spark's `pipe`) fails the whole task on a non-zero exit.
            if s.skipped > 0 && !config.stdout {
                Exit::Skipped
            } else {
                Exit::Ok
            }
        }
        Err(newsrake::Error::BrokenPipe) => Exit::Ok,
        Err(e) => {
            eprintln!("newsrake: {e}");
            Exit::Fatal
        }
    }
}
