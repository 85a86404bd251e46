//! SIGINT and SIGTERM, sent for real at several moments of a run: a stopped run removes its
//! staging folder, leaves the previous complete output as it was (or, stopped during the final
//! replace, finishes it first), says so in one line and exits 130 or 143.
//!
//! `NEWSRAKE_PAUSE=PHASE:MS` holds the run at a phase (`reading`, `comparison`, `commit`,
//! `manifest`) and says so on stderr, so the signal lands there every time.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// Every file below `dir` (name → bytes), hidden ones included.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Staging folders left anywhere in `dir` or its subfolders.
fn staging_left(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".newsrake-") || n.ends_with(".partial"))
        .collect()
}

/// Runs newsrake on `input/` into `out/` below `work`, paused at `phase`; sends `signal` (`INT`,
/// `TERM`) once the pause is announced. Returns the exit code and stderr.
fn stopped_at(work: &Path, phase: &str, signal: &str, extra: &[&str]) -> (Option<i32>, String) {
    // A commit is finished before the run stops, so a pause there is short.
    let ms = if matches!(phase, "commit" | "manifest") {
        1500
    } else {
        20000
    };
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsrake"))
        .current_dir(work)
        .args(["input", "-o", "out", "-q"])
        .args(extra)
        .env("NEWSRAKE_PAUSE", format!("{phase}:{ms}"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            break;
        }
        seen.push_str(&line);
        if line.contains(&format!("pause {phase}")) {
            let ok = Command::new("kill")
                .args([&format!("-{signal}"), &child.id().to_string()])
                .status()
                .unwrap()
                .success();
            assert!(ok, "kill -{signal} failed");
            break;
        }
    }
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            panic!("newsrake did not stop within 15 s of {signal} at {phase}; stderr: {seen}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut stderr, &mut rest);
    seen.push_str(&rest);
    (status.code(), seen)
}

/// A work folder with a copy of `input/` and a complete earlier run in `out/` (with
/// `--tokens`, so that a committed run would remove its `tokens.csv`).
fn work_with_previous_run() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(root().join("input")) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root()).unwrap();
        let to = work.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let out = run_in(work.path(), &["input", "-o", "out", "-q", "--tokens"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(work.path().join("out/tokens.csv").is_file());
    work
}

fn assert_stopped_untouched(phase: &str, signal: &str, code: i32) {
    let work = work_with_previous_run();
    let before = snapshot(&work.path().join("out"));
    let (status, stderr) = stopped_at(work.path(), phase, signal, &[]);
    assert_eq!(status, Some(code), "{signal} at {phase}: {stderr}");
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with(&format!(
            "newsrake: stopped by SIG{signal}: nothing written"
        )) && last.contains("untouched"),
        "{signal} at {phase}: {stderr}"
    );
    assert_eq!(
        snapshot(&work.path().join("out")),
        before,
        "{signal} at {phase}: the previous output changed"
    );
    assert_eq!(staging_left(work.path()), Vec::<String>::new());
}

#[test]
fn sigint_while_reading_leaves_the_previous_output() {
    assert_stopped_untouched("reading", "INT", 130);
}

#[test]
fn sigint_during_comparison_leaves_the_previous_output() {
    assert_stopped_untouched("comparison", "INT", 130);
}

#[test]
fn sigterm_during_comparison_leaves_the_previous_output() {
    assert_stopped_untouched("comparison", "TERM", 143);
}

#[test]
fn a_signal_during_the_final_replace_lets_it_finish() {
    for phase in ["commit", "manifest"] {
        let work = work_with_previous_run();
        let (status, stderr) = stopped_at(work.path(), phase, "TERM", &[]);
        assert_eq!(status, Some(143), "{phase}: {stderr}");
        assert!(
            stderr.contains("stopped by SIGTERM: the tables in out were already complete"),
            "{phase}: {stderr}"
        );
        let out = work.path().join("out");
        // The new run's complete set: its manifest, and no table of the earlier run.
        assert!(!out.join("tokens.csv").exists(), "{phase}");
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        let listed: Vec<&str> = m["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["file"].as_str().unwrap())
            .collect();
        let mut present: Vec<String> = snapshot(&out).into_keys().collect();
        present.retain(|n| n != "manifest.json");
        let mut listed_sorted: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
        listed_sorted.sort();
        assert_eq!(present, listed_sorted, "{phase}");
        assert_eq!(staging_left(work.path()), Vec::<String>::new());
    }
}

/// Two runs into one output folder take turns: the second waits for the first's lock, says
/// so, and its complete set replaces the first's (never a mix: the first run's extra
/// `tokens.csv` is gone and the manifest is the second's).
#[test]
fn two_runs_into_one_folder_take_turns() {
    let work = work_with_previous_run();
    let mut first = Command::new(assert_cmd::cargo::cargo_bin("newsrake"))
        .current_dir(work.path())
        .args(["input", "-o", "out", "-q", "--tokens"])
        .env("NEWSRAKE_PAUSE", "comparison:2000")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(first.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("pause comparison") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no pause announced"
        );
    }
    let second = run_in(work.path(), &["input", "-o", "out", "-q", "--sentences"]);
    let said = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(0), "{said}");
    assert!(said.contains("another run is writing to out"), "{said}");
    assert!(first.wait().unwrap().success());
    let out = work.path().join("out");
    assert!(
        !out.join("tokens.csv").exists(),
        "the first run's table is left"
    );
    assert!(out.join("sentences.csv").exists());
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let args = m["arguments"].to_string();
    assert!(
        args.contains("--sentences") && !args.contains("--tokens"),
        "{args}"
    );
    assert!(staging_left(work.path()).is_empty());
}
