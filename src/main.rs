//! The `newsrake` binary: arguments in, [`newsrake::run`], an exit code out.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Args, Exit};

// Extraction allocates many small, short-lived strings and vectors on every worker thread;
// mimalloc's thread-local free lists serve them far faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The signal received, set by the signal handler itself (so it is set as soon as the signal is
/// delivered); 0 for none.
static SIGNALLED: std::sync::LazyLock<std::sync::Arc<std::sync::atomic::AtomicUsize>> =
    std::sync::LazyLock::new(Default::default);

fn main() -> ExitCode {
    let code = real_main();
    // A signal came while the run was ending: its handler thread is tidying up and will end the
    // process with 130 or 143; the run must not exit first, with 0, as if never stopped.
    if SIGNALLED.load(std::sync::atomic::Ordering::SeqCst) != 0 {
        loop {
            std::thread::park();
        }
    }
    ExitCode::from(code as u8)
}

/// SIGINT and SIGTERM stop the run cleanly: its staging folder is removed (a commit under way
/// is finished first), one line says what became of the output, and the exit code is 128 plus
/// the signal (130, 143).
fn stop_cleanly_on_signals(output: &std::path::Path, stdout: bool) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for sig in [SIGINT, SIGTERM] {
        let _ = signal_hook::flag::register_usize(sig, SIGNALLED.clone(), sig as usize);
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return; // the default handlers stay: the run is still stopped, less tidily
    };
    let output = output.display().to_string();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let name = if sig == SIGINT { "SIGINT" } else { "SIGTERM" };
            let what = match newsrake::output::staging::abandon_all() {
                newsrake::output::staging::Abandoned::Stopped => {
                    format!("nothing written, the previous tables in {output} are untouched")
                }
                newsrake::output::staging::Abandoned::Committed => {
                    format!("the tables in {output} were already complete")
                }
                newsrake::output::staging::Abandoned::Nothing if stdout => {
                    "the rows on standard output end here".to_string()
                }
                newsrake::output::staging::Abandoned::Nothing => "nothing written".to_string(),
            };
            eprintln!("newsrake: stopped by {name}: {what}");
            std::process::exit(128 + sig);
        }
    });
}

fn real_main() -> Exit {
    // `newsrake help` is `newsrake --help` (a folder named `help` is still read as one).
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if argv.len() == 2 && argv[1] == "help" && !std::path::Path::new("help").exists() {
        argv[1] = "--help".into();
    }
    let args = match Args::try_parse_from(argv) {
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
    stop_cleanly_on_signals(&args.output, args.stdout);
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
                    } + &if s.cut_cells > 0 {
                        format!(", {} cells cut to Excel's 32,767 characters", s.cut_cells)
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
            if !quiet && s.articles > 0 {
                let how: Vec<String> = s
                    .source_from
                    .iter()
                    .map(|(from, n)| format!("{} {n}", from.name()))
                    .collect();
                eprintln!("newsrake: sources: {} (from {})", s.sources, how.join(", "));
            }
            if !quiet {
                for w in &s.source_warnings {
                    eprintln!("newsrake: warning: {w}");
                }
            }
            // A stream stage reports skipped inputs as `errors` rows in its output: a stage
            // runner (Spark's `pipe`) fails the whole task on a non-zero exit.
            // A run that read no article says why (above) and fails: there is nothing to use.
            if (s.skipped > 0 || s.articles == 0) && !config.stdout {
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
