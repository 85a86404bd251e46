//! A run's tables as one unit: written into a hidden staging folder beside the output, then
//! put in place together, `manifest.json` last.
//!
//! The commit, in order: the previous run's `manifest.json` is removed (the folder no longer
//! claims to be complete); each new table is renamed into the output folder, replacing its
//! namesake; tables of an earlier run that this run did not write are removed (only
//! newsrake's own table names); `manifest.json` is written (to a temporary name, then renamed)
//! listing every table with its row count, the run's arguments, the newsrake version and the
//! time; the staging folder is removed. A folder with a `manifest.json` is a complete set; one
//! without is not.
//!
//! A run that fails, or is stopped by a signal ([`abandon_all`]), removes its staging folder
//! and leaves the previous output as it was. A commit already under way is finished first:
//! [`abandon_all`] waits for it, so a reader never sees half of one run and half of another.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::Error;

/// The name of the manifest in an output folder.
pub const MANIFEST: &str = "manifest.json";

/// Staging folders of the runs in progress in this process. The lock is held for a whole
/// commit, so [`abandon_all`] waits for a commit under way.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set by a commit that has finished.
static COMMITTED: AtomicBool = AtomicBool::new(false);

/// What [`abandon_all`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abandoned {
    /// A run was stopped before its commit: its staging folder is removed, the previous output
    /// is as it was.
    Stopped,
    /// The run's tables had all been put in place.
    Committed,
    /// No run had started writing.
    Nothing,
}

/// Removes the staging folder of every run in progress in this process, waiting for a commit
/// under way to finish. For a signal handler, before it exits.
pub fn abandon_all() -> Abandoned {
    if abandon_where(|_| true) {
        Abandoned::Stopped
    } else if COMMITTED.load(Ordering::SeqCst) {
        Abandoned::Committed
    } else {
        Abandoned::Nothing
    }
}

fn abandon_where(pick: impl Fn(&Path) -> bool) -> bool {
    let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    let mut stopped = false;
    active.retain(|dir| {
        if !pick(dir) {
            return true;
        }
        remove_dir_retrying(dir);
        stopped = true;
        false
    });
    stopped
}

/// Workers may still be creating files in a folder being removed: try a few times.
fn remove_dir_retrying(dir: &Path) {
    for _ in 0..20 {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

/// One table of a complete run, as listed in the manifest.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TableEntry {
    /// The file name in the output folder.
    pub file: String,
    /// Data rows, the header row not counted (for a workbook, rows of every sheet); none for
    /// the Markdown report.
    pub rows: Option<u64>,
    /// Bytes.
    pub bytes: u64,
}

/// What the manifest says of the run besides its tables.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RunInfo {
    /// The command line, program name first.
    pub arguments: Vec<String>,
    /// Articles written.
    pub articles: usize,
    /// Rows in `errors` (warnings included).
    pub problems: usize,
    /// Inputs skipped.
    pub skipped: usize,
    /// Cells cut to a spreadsheet's limit (XLSX only).
    pub cut_cells: u64,
    /// The workbook's sheets and their rows (XLSX only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<super::xlsx::SheetEntry>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    version: &'static str,
    complete: bool,
    created: String,
    #[serde(flatten)]
    run: &'a RunInfo,
    tables: &'a [TableEntry],
}

/// A staging folder for one run's tables. Dropped without [`Staging::commit`], it is removed
/// with everything in it.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The output folder, open and locked until the run is over: a run holds an exclusive
    /// advisory lock (`flock`) on its output folder from before it stages anything until its
    /// tables are in place, so two runs into one folder take turns and a folder never mixes
    /// their tables. None where a folder cannot be opened as a file (not Unix).
    _lock: Option<std::fs::File>,
}

impl Staging {
    /// Creates the output folder if it is missing, and a fresh staging folder beside it
    /// (`.newsrake-PID-N/`, in the output's parent folder; inside the output folder when the
    /// parent is not writable). Staging folders left by runs that no longer exist (killed
    /// with SIGKILL, a power cut) are removed first.
    pub fn create(output: &Path) -> Result<Staging, Error> {
        std::fs::create_dir_all(output).map_err(|e| Error::output(output, e))?;
        let lock = std::fs::File::open(output).ok();
        if let Some(f) = &lock {
            match f.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    eprintln!(
                        "newsrake: another run is writing to {}: waiting for it to finish",
                        output.display()
                    );
                    f.lock().map_err(|e| Error::output(output, e))?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::output(output, e)),
            }
        }
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        sweep_orphans(&parent);
        sweep_orphans(output);
        let pid = std::process::id();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut last_err = None;
        for base in [&parent, &output.to_path_buf()] {
            for n in 0..100u32 {
                let dir = base.join(format!(".newsrake-{pid}-{:x}", stamp.wrapping_add(n)));
                // Registered before it exists: a signal from here on removes it.
                ACTIVE
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(dir.clone());
                match std::fs::create_dir(&dir) {
                    Ok(()) => {
                        return Ok(Staging {
                            dir,
                            output: output.to_path_buf(),
                            _lock: lock,
                        });
                    }
                    Err(e) => {
                        deregister(&dir);
                        let exists = e.kind() == std::io::ErrorKind::AlreadyExists;
                        last_err = Some((dir, e));
                        if !exists {
                            break;
                        }
                    }
                }
            }
        }
        let (dir, e) = last_err.unwrap_or_else(|| {
            (
                output.to_path_buf(),
                std::io::Error::other("no staging folder"),
            )
        });
        Err(Error::output(dir, e))
    }

    /// The staging folder: every table is written here first.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the staged tables (`files`, paths inside the staging folder) in place, removes
    /// an earlier run's other tables, and writes the manifest. `rows` holds the row counts
    /// kept while writing; a table not in it is counted by reading it. Returns the tables'
    /// paths in the output folder and the manifest's entries.
    pub fn commit(
        self,
        files: &[PathBuf],
        rows: &std::collections::HashMap<PathBuf, u64>,
        run: &RunInfo,
    ) -> Result<(Vec<PathBuf>, Vec<TableEntry>), Error> {
        // Row counts are known before the commit starts: the commit itself is only renames.
        let mut entries = Vec::with_capacity(files.len());
        for f in files {
            let rows = if f.extension().is_some_and(|e| e == "xlsx") {
                Some(run.sheets.iter().map(|s| s.rows).sum())
            } else if let Some(&n) = rows.get(f) {
                Some(n)
            } else {
                count_rows(f).map_err(|e| Error::output(f, e))?
            };
            entries.push(TableEntry {
                file: file_name(f),
                rows,
                bytes: std::fs::metadata(f).map(|m| m.len()).unwrap_or(0),
            });
        }
        // Listed in the order of the README: articles first, the report last.
        let order = table_files();
        entries.sort_by_key(|e| rank(&order, &e.file));
        let manifest = serde_json::to_vec_pretty(&Manifest {
            generator: "newsrake",
            version: env!("CARGO_PKG_VERSION"),
            complete: true,
            created: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string()),
            run,
            tables: &entries,
        })
        .map_err(|e| Error::output(self.dir.join(MANIFEST), e.into()))?;
        let staged_manifest = self.dir.join(MANIFEST);
        std::fs::write(&staged_manifest, &manifest)
            .map_err(|e| Error::output(&staged_manifest, e))?;

        let active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        if !active.contains(&self.dir) {
            // A signal handler abandoned this run while the counts were read.
            return Err(Error::Config("stopped".into()));
        }
        pause_for_tests("commit");
        let old_manifest = self.output.join(MANIFEST);
        match std::fs::remove_file(&old_manifest) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::output(old_manifest, e)),
        }
        let mut placed = Vec::with_capacity(files.len());
        for f in files {
            let to = self.output.join(file_name(f));
            move_file(f, &to)?;
            placed.push(to);
        }
        remove_stale(&self.output, &placed);
        pause_for_tests("manifest");
        move_file(&staged_manifest, &old_manifest)?;
        // Committed: a signal from here on finds nothing to stop.
        let mut active = active;
        remove_dir_retrying(&self.dir);
        active.retain(|d| d != &self.dir);
        COMMITTED.store(true, Ordering::SeqCst);
        drop(active);
        Ok((placed, entries))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        remove_dir_retrying(&self.dir);
        deregister(&self.dir);
    }
}

fn deregister(dir: &Path) {
    let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    active.retain(|d| d != dir);
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Renames `from` to `to`, replacing it; copies when they are on different file systems (a
/// staging folder inside a mounted output folder's parent).
fn move_file(from: &Path, to: &Path) -> Result<(), Error> {
    match std::fs::rename(from, to) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() != std::io::ErrorKind::CrossesDevices => {
            return Err(Error::output(to, e));
        }
        Err(_) => {}
    }
    let tmp = to.with_file_name(format!(".{}.partial", file_name(to)));
    let copied = std::fs::copy(from, &tmp)
        .map_err(|e| Error::output(&tmp, e))
        .and_then(|_| std::fs::rename(&tmp, to).map_err(|e| Error::output(to, e)));
    if copied.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    copied?;
    let _ = std::fs::remove_file(from);
    Ok(())
}

fn rank(order: &[String], file: &str) -> usize {
    order.iter().position(|f| f == file).unwrap_or(order.len())
}

/// Sorts table paths in the order of the README: articles first, the report last.
pub fn sort_tables(tables: &mut [PathBuf]) {
    let order = table_files();
    tables.sort_by_key(|p| rank(&order, &file_name(p)));
}

/// Every name a newsrake table has had, in either format, and the report.
fn table_files() -> Vec<String> {
    let compared = [
        "stories",
        "compare_names",
        "compare_quotes",
        "compare_claims",
    ];
    let names = super::Table::ALL.iter().map(|t| t.name()).chain(compared);
    let mut files: Vec<String> = names
        .flat_map(|n| [format!("{n}.csv"), format!("{n}.jsonl")])
        .collect();
    files.push(super::xlsx::WORKBOOK.into());
    files.push("comparison.md".into());
    files
}

/// Removes the tables an earlier run wrote into `dir` that this run did not (`tokens.csv` of
/// a `--tokens` run, the other `--format`), and its leftover `.partial` files, so that a
/// folder never mixes two runs' tables. Only newsrake's own names are touched.
fn remove_stale(dir: &Path, written: &[PathBuf]) {
    for f in table_files() {
        let path = dir.join(&f);
        if path.is_file() && !written.iter().any(|w| w == &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".partial") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Removes `.newsrake-PID-N` folders in `dir` whose process is gone (Linux: no `/proc/PID`).
fn sweep_orphans(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(".newsrake-")) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Data rows of a staged table: CSV records after the header, JSONL lines.
fn count_rows(path: &Path) -> std::io::Result<Option<u64>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    Ok(Some(match ext {
        "csv" => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .from_reader(BufReader::with_capacity(1 << 16, File::open(path)?));
            let mut rec = csv::ByteRecord::new();
            let mut n = 0;
            while r
                .read_byte_record(&mut rec)
                .map_err(std::io::Error::other)?
            {
                n += 1;
            }
            n
        }
        "jsonl" => {
            let mut r = BufReader::with_capacity(1 << 16, File::open(path)?);
            let mut n = 0;
            loop {
                let buf = r.fill_buf()?;
                if buf.is_empty() {
                    break n;
                }
                n += memchr::memchr_iter(b'\n', buf).count() as u64;
                let len = buf.len();
                r.consume(len);
            }
        }
        _ => return Ok(None),
    }))
}

/// True when `dir` holds a `manifest.json` written by newsrake: an output folder, never read
/// as input.
pub fn is_newsrake_output(dir: &Path) -> bool {
    let Ok(f) = File::open(dir.join(MANIFEST)) else {
        return false;
    };
    let mut head = Vec::with_capacity(256);
    if f.take(256).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    head.contains("\"generator\": \"newsrake\"") || head.contains("\"generator\":\"newsrake\"")
}

/// For the signal tests: `NEWSRAKE_PAUSE=PHASE:MS` prints `newsrake: pause PHASE` on stderr
/// and sleeps when the run reaches that phase (`comparison`, `commit`, `manifest`).
pub(crate) fn pause_for_tests(phase: &str) {
    let Some(v) = std::env::var_os("NEWSRAKE_PAUSE") else {
        return;
    };
    let v = v.to_string_lossy();
    let Some((p, ms)) = v.split_once(':') else {
        return;
    };
    if p == phase {
        let ms: u64 = ms.parse().unwrap_or(0);
        eprintln!("newsrake: pause {phase}");
        let _ = std::io::stderr().flush();
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(out: &Path, files: &[(&str, &str)]) -> (Staging, Vec<PathBuf>) {
        let s = Staging::create(out).unwrap();
        let paths = files
            .iter()
            .map(|(name, body)| {
                let p = s.dir().join(name);
                std::fs::write(&p, body).unwrap();
                p
            })
            .collect();
        (s, paths)
    }

    #[test]
    fn commit_replaces_tables_and_writes_the_manifest_last() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("tokens.csv"), "old").unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::write(out.join(".dates.csv.partial"), "x").unwrap();
        let (s, files) = stage(
            &out,
            &[
                ("dates.csv", "a,b\n1,\"x\ny\"\n2,z\n"),
                ("errors.jsonl", "{}\n{}\n{}\n"),
            ],
        );
        let staged = s.dir().to_path_buf();
        assert!(staged.starts_with(root.path()) && !staged.starts_with(&out));
        let (placed, entries) = s
            .commit(&files, &Default::default(), &RunInfo::default())
            .unwrap();
        assert_eq!(
            placed,
            vec![out.join("dates.csv"), out.join("errors.jsonl")]
        );
        assert_eq!(entries[0].rows, Some(2), "a quoted newline is one row");
        assert_eq!(entries[1].rows, Some(3));
        assert!(!staged.exists(), "the staging folder is gone");
        assert!(
            !out.join("tokens.csv").exists(),
            "an earlier run's table is removed"
        );
        assert!(!out.join(".dates.csv.partial").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(m["generator"], "newsrake");
        assert_eq!(m["tables"][0]["file"], "dates.csv");
        assert_eq!(m["tables"][1]["rows"], 3);
        assert!(is_newsrake_output(&out));
    }

    #[test]
    fn a_dropped_run_leaves_the_previous_output_untouched() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("dates.csv"), "previous").unwrap();
        let (s, _) = stage(&out, &[("dates.csv", "new")]);
        let staged = s.dir().to_path_buf();
        drop(s);
        assert!(!staged.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("dates.csv")).unwrap(),
            "previous"
        );
    }

    #[test]
    fn abandon_removes_staging_folders_in_progress() {
        let root = tempfile::tempdir().unwrap();
        let (s, _) = stage(&root.path().join("out"), &[("dates.csv", "new")]);
        let staged = s.dir().to_path_buf();
        // (`abandon_all` itself would stop the other tests' runs.)
        assert!(abandon_where(|d| d == staged));
        assert!(!staged.exists());
        // The run finds it abandoned and does not commit.
        assert!(
            s.commit(&[], &Default::default(), &RunInfo::default())
                .is_err()
        );
        assert!(!root.path().join("out").join(MANIFEST).exists());
    }

    #[test]
    fn orphaned_staging_folders_are_swept() {
        let root = tempfile::tempdir().unwrap();
        // No process has this pid (above the kernel's limit).
        let orphan = root.path().join(".newsrake-4294967294-1");
        std::fs::create_dir(&orphan).unwrap();
        let mine = root.path().join(".newsrake-notapid");
        std::fs::create_dir(&mine).unwrap();
        let _s = Staging::create(&root.path().join("out")).unwrap();
        assert!(!orphan.exists());
        assert!(mine.exists(), "only names newsrake makes are touched");
    }

    #[test]
    fn a_manifest_not_by_newsrake_is_not_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), r#"{"name": "my-app"}"#).unwrap();
        assert!(!is_newsrake_output(dir.path()));
    }
}
