//! `cargo xtask bench --against-sdk`: our generated client side by side with the AWS SDK for Rust,
//! on the same three calls, written to `BENCHMARKS.md`.
//!
//! The two programs, `bench/against-sdk/ours` and `bench/against-sdk/sdk`, are workspaces of their
//! own with committed lockfiles, so the SDK never enters the project's build and reruns compare the
//! same dependency versions. In one run, alternating ours and the SDK so that machine noise hits
//! both alike, this command times clean debug and release builds of each (wall time, and the CPU
//! time of the cargo process tree from `getrusage(RUSAGE_CHILDREN)`), counts the crates they
//! compile, strips and weighs the release binaries, then runs the binaries: per-call figures
//! (`--measure`, several rounds) and first calls in fresh processes (`--first-call`, several runs).

use bench_harness::{median, parse_line, CallRecord, Op, Record};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const USAGE: &str = "usage: bench --against-sdk [--calls N] [--rounds N] [--runs N] [--skip-builds] [--out FILE]";

/// The command line of `bench --against-sdk`.
#[derive(Debug, PartialEq)]
struct Args {
    /// Timed calls per operation in each `--measure` round.
    calls: usize,
    /// `--measure` rounds per program (their medians are reported).
    rounds: usize,
    /// Fresh processes per program and operation for the first call.
    runs: usize,
    /// Skip the clean builds (reuse or update the release builds of an earlier run).
    skip_builds: bool,
    /// Where the report goes (`BENCHMARKS.md` at the repository root unless given).
    out: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed =
        Args { calls: bench_harness::DEFAULT_CALLS, rounds: 3, runs: 10, skip_builds: false, out: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut count = |name: &str| -> Result<usize, String> {
            let value = it.next().ok_or(format!("{name} needs a value\n{USAGE}"))?;
            match value.parse() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!("{name} takes a positive number, not `{value}`")),
            }
        };
        match arg.as_str() {
            "--calls" => parsed.calls = count("--calls")?,
            "--rounds" => parsed.rounds = count("--rounds")?,
            "--runs" => parsed.runs = count("--runs")?,
            "--skip-builds" => parsed.skip_builds = true,
            "--out" => parsed.out = Some(PathBuf::from(it.next().ok_or(format!("--out needs a file\n{USAGE}"))?)),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// The two sides.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    Ours,
    Sdk,
}

impl Side {
    const BOTH: [Side; 2] = [Side::Ours, Side::Sdk];

    /// The program's folder under `bench/against-sdk/`.
    fn dir_name(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Sdk => "sdk",
        }
    }

    fn binary_name(self) -> String {
        format!("against-sdk-{}", self.dir_name())
    }
}

/// One clean build.
#[derive(Clone, Debug, Default, PartialEq)]
struct Build {
    wall_s: f64,
    cpu_s: f64,
    /// `Compiling` lines of cargo's output: the packages compiled.
    crates: usize,
}

/// The first call of one operation, over several fresh processes (medians).
#[derive(Clone, Debug, Default, PartialEq)]
struct FirstCall {
    /// From before building the runtime and the configuration to the end of the first call.
    ns: f64,
    allocs: f64,
    /// From spawning the process to its exit, as the xtask sees it.
    process_ns: f64,
}

/// What one side measured.
#[derive(Clone, Debug, Default, PartialEq)]
struct Figures {
    debug: Option<Build>,
    release: Option<Build>,
    /// The stripped release binary, in bytes.
    binary_bytes: u64,
    /// Per operation, in [`Op::ALL`]'s order: the median over the rounds of each figure.
    calls: Vec<CallRecord>,
    /// Per operation, in [`Op::ALL`]'s order.
    first: Vec<FirstCall>,
}

/// Everything the report says.
#[derive(Clone, Debug, Default, PartialEq)]
struct Report {
    date: String,
    cpu: String,
    os: String,
    toolchain: String,
    load_before: String,
    load_after: String,
    ours_version: String,
    /// `(crate, version)` of the SDK side's lockfile.
    sdk_versions: Vec<(String, String)>,
    calls: usize,
    rounds: usize,
    runs: usize,
    ours: Figures,
    sdk: Figures,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let root = crate::root();
    let programs = root.join("bench/against-sdk");
    let targets = root.join("target/against-sdk");
    std::fs::create_dir_all(&targets).map_err(|e| format!("{}: {e}", targets.display()))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let load_before = load_average();

    // Downloads are not build time.
    for side in Side::BOTH {
        eprintln!("== fetching the dependencies of {}", side.dir_name());
        let status = Command::new(&cargo)
            .args(["fetch", "--locked"])
            .current_dir(programs.join(side.dir_name()))
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("cargo fetch failed for {}", side.dir_name()));
        }
    }

    let mut ours = Figures::default();
    let mut sdk = Figures::default();
    if !args.skip_builds {
        for release in [false, true] {
            for side in Side::BOTH {
                let profile = if release { "release" } else { "debug" };
                let dir = targets.join(format!("{}-{profile}", side.dir_name()));
                eprintln!("== clean {profile} build of {}", side.dir_name());
                let build = clean_build(&cargo, &programs.join(side.dir_name()), &dir, release)?;
                eprintln!("   {:.1} s wall, {:.1} s CPU, {} crates", build.wall_s, build.cpu_s, build.crates);
                if !release {
                    // Only the release binaries are run; the debug builds would only take disk space.
                    let _ = std::fs::remove_dir_all(&dir);
                }
                let side_figures = if side == Side::Ours { &mut ours } else { &mut sdk };
                if release {
                    side_figures.release = Some(build);
                } else {
                    side_figures.debug = Some(build);
                }
            }
        }
    }

    let mut binaries = Vec::new();
    for side in Side::BOTH {
        let dir = targets.join(format!("{}-release", side.dir_name()));
        if args.skip_builds {
            eprintln!("== release build of {} (incremental)", side.dir_name());
            build(&cargo, &programs.join(side.dir_name()), &dir, true)?;
        }
        let binary = dir.join("release").join(side.binary_name());
        let stripped = targets.join(format!("{}-stripped", side.binary_name()));
        std::fs::copy(&binary, &stripped).map_err(|e| format!("{}: {e}", binary.display()))?;
        let status = Command::new("strip").arg(&stripped).status().map_err(|e| format!("cannot run strip: {e}"))?;
        if !status.success() {
            return Err(format!("strip failed on {}", stripped.display()));
        }
        let bytes = std::fs::metadata(&stripped).map_err(|e| e.to_string())?.len();
        if side == Side::Ours {
            ours.binary_bytes = bytes;
        } else {
            sdk.binary_bytes = bytes;
        }
        // Both programs check several members of each output before anything is timed.
        let output = Command::new(&binary).output().map_err(|e| format!("{}: {e}", binary.display()))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!("{} failed its checks:\n{stderr}", side.binary_name()));
        }
        binaries.push(binary);
    }

    // First calls: fresh processes, ours and the SDK in turn.
    let mut first: [Vec<Vec<(f64, f64, f64)>>; 2] = [vec![Vec::new(); 3], vec![Vec::new(); 3]];
    for run in 0..args.runs {
        eprintln!("== first calls, run {} of {}", run + 1, args.runs);
        for (i, op) in Op::ALL.into_iter().enumerate() {
            for (s, binary) in binaries.iter().enumerate() {
                let start = Instant::now();
                let output = run_binary(binary, &["--first-call", op.name()])?;
                let process_ns = start.elapsed().as_nanos() as f64;
                let record = records(&output)?
                    .into_iter()
                    .find_map(|r| match r {
                        Record::FirstCall(f) if f.op == op.name() => Some(f),
                        _ => None,
                    })
                    .ok_or(format!("{} printed no first-call record for {}", binary.display(), op.name()))?;
                first[s][i].push((record.ns, record.allocs as f64, process_ns));
            }
        }
    }
    for (s, per_op) in first.iter().enumerate() {
        let figures = if s == 0 { &mut ours } else { &mut sdk };
        figures.first = per_op
            .iter()
            .map(|runs| FirstCall {
                ns: median_of(runs.iter().map(|r| r.0)),
                allocs: median_of(runs.iter().map(|r| r.1)),
                process_ns: median_of(runs.iter().map(|r| r.2)),
            })
            .collect();
    }

    // Per-call figures: rounds of ours then the SDK.
    let mut rounds: [Vec<Vec<CallRecord>>; 2] = [Vec::new(), Vec::new()];
    let calls = args.calls.to_string();
    for round in 0..args.rounds {
        for (s, binary) in binaries.iter().enumerate() {
            eprintln!("== per-call figures, round {} of {}: {}", round + 1, args.rounds, Side::BOTH[s].dir_name());
            let output = run_binary(binary, &["--measure", "--calls", &calls])?;
            let mut per_op = Vec::new();
            for op in Op::ALL {
                let record = records(&output)?
                    .into_iter()
                    .find_map(|r| match r {
                        Record::Call(c) if c.op == op.name() => Some(c),
                        _ => None,
                    })
                    .ok_or(format!("{} printed no per-call record for {}", binary.display(), op.name()))?;
                per_op.push(record);
            }
            rounds[s].push(per_op);
        }
    }
    ours.calls = combine_rounds(&rounds[0]);
    sdk.calls = combine_rounds(&rounds[1]);

    let report = Report {
        date: minutes(
            &runtime::datetime::DateTime::from(std::time::SystemTime::now())
                .fmt(runtime::datetime::Format::DateTime)
                .map_err(|e| e.to_string())?,
        ),
        cpu: cpu_description(&std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default()),
        os: os_description(),
        toolchain: command_output("rustc", &["-V"]).unwrap_or_else(|| "unknown".to_string()),
        load_before,
        load_after: load_average(),
        ours_version: package_version(&std::fs::read_to_string(root.join("generated/Cargo.toml")).unwrap_or_default())
            .unwrap_or_else(|| "unknown".to_string()),
        sdk_versions: lock_versions(
            &std::fs::read_to_string(programs.join("sdk/Cargo.lock")).map_err(|e| format!("sdk/Cargo.lock: {e}"))?,
            &SDK_CRATES,
        ),
        calls: args.calls,
        rounds: args.rounds,
        runs: args.runs,
        ours,
        sdk,
    };
    let text = render(&report);
    let out = args.out.unwrap_or_else(|| root.join("BENCHMARKS.md"));
    std::fs::write(&out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    print!("{text}");
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The SDK crates whose versions the report names.
const SDK_CRATES: [&str; 8] = [
    "aws-sdk-athena",
    "aws-sdk-emr",
    "aws-sdk-mpa",
    "aws-smithy-runtime",
    "aws-smithy-runtime-api",
    "aws-smithy-types",
    "aws-runtime",
    "aws-types",
];

/// Removes `target`, then times `cargo build --locked` of the program in `dir` into it.
fn clean_build(cargo: &str, dir: &Path, target: &Path, release: bool) -> Result<Build, String> {
    if target.exists() {
        std::fs::remove_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let cpu_before = children_cpu_seconds();
    let start = Instant::now();
    let stderr = build(cargo, dir, target, release)?;
    let wall_s = start.elapsed().as_secs_f64();
    Ok(Build { wall_s, cpu_s: children_cpu_seconds() - cpu_before, crates: count_compiling(&stderr) })
}

/// `cargo build --locked [--release]` of the program in `dir` into `target`: cargo's stderr.
fn build(cargo: &str, dir: &Path, target: &Path, release: bool) -> Result<String, String> {
    let mut command = Command::new(cargo);
    command.args(["build", "--locked"]).current_dir(dir);
    command.env("CARGO_TARGET_DIR", target).env("CARGO_TERM_COLOR", "never");
    if release {
        command.arg("--release");
    }
    let output = command.stdin(Stdio::null()).output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("the build in {} failed:\n{}", dir.display(), tail.join("\n")));
    }
    Ok(stderr)
}

/// User and system CPU seconds of the waited-for children of this process and their descendants
/// (cargo waits for the compilers and build scripts it starts, so a build's whole tree counts).
fn children_cpu_seconds() -> f64 {
    // SAFETY: `rusage` is plain data for which all zeroes is a valid value, and `getrusage` only
    // writes into the struct we pass.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) != 0 {
            return 0.0;
        }
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Runs a benchmark binary: its stdout, or an error with its stderr.
fn run_binary(binary: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(binary)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} {} failed:\n{}",
            binary.display(),
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn records(output: &str) -> Result<Vec<Record>, String> {
    output.lines().filter_map(|line| parse_line(line).transpose()).collect()
}

/// The median of some values (0 for none).
fn median_of(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    median(&values).unwrap_or_default()
}

/// Per operation, the median over the rounds of each figure (rounds hold the operations in the
/// same order).
fn combine_rounds(rounds: &[Vec<CallRecord>]) -> Vec<CallRecord> {
    let Some(first) = rounds.first() else { return Vec::new() };
    (0..first.len())
        .map(|i| {
            let of = |f: fn(&CallRecord) -> f64| median_of(rounds.iter().filter_map(|r| r.get(i)).map(f));
            CallRecord {
                op: first[i].op.clone(),
                calls: rounds.iter().filter_map(|r| r.get(i)).map(|r| r.calls).sum(),
                median_ns: of(|r| r.median_ns),
                p99_ns: of(|r| r.p99_ns),
                allocs_per_call: of(|r| r.allocs_per_call),
                bytes_per_call: of(|r| r.bytes_per_call),
            }
        })
        .collect()
}

/// Lines cargo prints as `   Compiling name vX.Y.Z (...)`, one per package it compiles.
fn count_compiling(stderr: &str) -> usize {
    stderr.lines().filter(|line| line.trim_start().starts_with("Compiling ")).count()
}

/// `model name` of `/proc/cpuinfo` and the number of processors: `Intel(R) Xeon(R) ... (2 CPUs)`.
fn cpu_description(cpuinfo: &str) -> String {
    let field = |line: &str, name: &str| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_string())
    };
    let model = cpuinfo.lines().find_map(|l| field(l, "model name")).unwrap_or_else(|| "unknown CPU".to_string());
    let count = cpuinfo.lines().filter(|l| field(l, "processor").is_some()).count();
    format!("{model} ({count} CPUs)")
}

/// `PRETTY_NAME` of `/etc/os-release` and the kernel release.
fn os_description() -> String {
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let name = release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    match std::fs::read_to_string("/proc/sys/kernel/osrelease") {
        Ok(kernel) => format!("{name}, Linux {}", kernel.trim()),
        Err(_) => name,
    }
}

/// An RFC 3339 UTC date-time to the minute: `2026-05-09T10:00:12.5Z` → `2026-05-09 10:00 UTC`.
fn minutes(date_time: &str) -> String {
    match (date_time.get(..10), date_time.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => date_time.to_string(),
    }
}

fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The `version` of a manifest's `[package]` table.
fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let (true, Some(rest)) = (in_package, line.strip_prefix("version")) {
            return Some(rest.trim_start().strip_prefix('=')?.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// The versions of `names` in a `Cargo.lock` (each `[[package]]` has `name` then `version`), in
/// the order of `names`; several versions of one crate are joined with ", ".
fn lock_versions(lock: &str, names: &[&str]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut name: Option<&str> = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            name = None;
        } else if let Some(value) = line.strip_prefix("name = ") {
            name = Some(value.trim_matches('"'));
        } else if let (Some(n), Some(value)) = (name, line.strip_prefix("version = ")) {
            found.push((n.to_string(), value.trim_matches('"').to_string()));
            name = None;
        }
    }
    names
        .iter()
        .filter_map(|wanted| {
            let versions: Vec<&str> = found.iter().filter(|(n, _)| n == wanted).map(|(_, v)| v.as_str()).collect();
            (!versions.is_empty()).then(|| (wanted.to_string(), versions.join(", ")))
        })
        .collect()
}

// ---- the report ---------------------------------------------------------------------------------

/// A duration in nanoseconds, in the unit that keeps three significant digits readable.
fn duration(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.1} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} s", ns / 1e9)
    }
}

/// A size in bytes, in KiB below a MiB, else MiB.
fn size(bytes: f64) -> String {
    if bytes < 1024.0 * 1024.0 {
        format!("{:.1} KiB", bytes / 1024.0)
    } else {
        format!("{:.2} MiB", bytes / (1024.0 * 1024.0))
    }
}

/// ours/SDK: three decimals below 1, two below 10, one above (`–` when the SDK's figure is 0).
fn ratio(ours: f64, sdk: f64) -> String {
    if sdk == 0.0 {
        return "–".to_string();
    }
    let r = ours / sdk;
    if r < 1.0 {
        format!("{r:.3}")
    } else if r < 10.0 {
        format!("{r:.2}")
    } else {
        format!("{r:.1}")
    }
}

/// The aims: per call and allocations at most a tenth of the SDK's, the first call at most a fifth.
const AIM_PER_CALL: f64 = 0.1;
const AIM_FIRST_CALL: f64 = 0.2;

fn verdict(ours: f64, sdk: f64, aim: f64) -> String {
    let met = sdk > 0.0 && ours / sdk <= aim;
    format!("≤ {aim} {}", if met { "(met)" } else { "(not met)" })
}

/// The smallest and largest ratio over the operations: `0.12–0.15`, or one number.
fn ratio_range(pairs: impl Iterator<Item = (f64, f64)>) -> String {
    let ratios: Vec<f64> = pairs.filter(|(_, sdk)| *sdk > 0.0).map(|(ours, sdk)| ours / sdk).collect();
    let (low, high) = ratios.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
    if ratios.is_empty() {
        "–".to_string()
    } else if ratio(low, 1.0) == ratio(high, 1.0) {
        ratio(low, 1.0)
    } else {
        format!("{}–{}", ratio(low, 1.0), ratio(high, 1.0))
    }
}

fn render(r: &Report) -> String {
    let mut s = String::new();
    let ops = ["Athena GetSession", "EMR GetStudioSessionMapping", "MPA GetSession"];
    let _ = writeln!(s, "# Our client against the AWS SDK for Rust");
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Written by `cargo xtask bench --against-sdk` (see `xtask/src/against_sdk.rs`); rerun it to \
         refresh this file. The two programs are `bench/against-sdk/ours` and `bench/against-sdk/sdk`."
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "## Headline (ours / SDK, over the three operations)");
    let _ = writeln!(s);
    let per_call = ratio_range(r.ours.calls.iter().zip(&r.sdk.calls).map(|(o, k)| (o.median_ns, k.median_ns)));
    let allocs =
        ratio_range(r.ours.calls.iter().zip(&r.sdk.calls).map(|(o, k)| (o.allocs_per_call, k.allocs_per_call)));
    let first = ratio_range(r.ours.first.iter().zip(&r.sdk.first).map(|(o, k)| (o.ns, k.ns)));
    let _ = writeln!(s, "- time per call (median): **{per_call}** (aim ≤ {AIM_PER_CALL})");
    let _ = writeln!(s, "- allocations per call: **{allocs}** (aim ≤ {AIM_PER_CALL})");
    let _ = writeln!(s, "- first call in a fresh process: **{first}** (aim ≤ {AIM_FIRST_CALL})");
    if let (Some(o), Some(k)) = (&r.ours.release, &r.sdk.release) {
        let _ = writeln!(s, "- clean release build, wall time: **{}**", ratio(o.wall_s, k.wall_s));
    }
    let binary = ratio(r.ours.binary_bytes as f64, r.sdk.binary_bytes as f64);
    let _ = writeln!(s, "- stripped release binary: **{binary}**");
    let _ = writeln!(s);

    let _ = writeln!(s, "## Setup");
    let _ = writeln!(s);
    let _ = writeln!(s, "- date: {}", r.date);
    let _ = writeln!(s, "- machine: {}", r.cpu);
    let (before, after) = (&r.load_before, &r.load_after);
    let _ = writeln!(s, "- load average (1, 5, 15 min) before the run: {before}; after: {after}");
    let _ = writeln!(s, "- OS: {}", r.os);
    let _ = writeln!(s, "- toolchain: {}", r.toolchain);
    let _ = writeln!(s, "- ours: aws-lite {} (`generated/`, default features: `rt-tokio`)", r.ours_version);
    let versions: Vec<String> = r.sdk_versions.iter().map(|(n, v)| format!("{n} {v}")).collect();
    let versions = versions.join(", ");
    let _ = writeln!(s, "- SDK: {versions} (default features; versions from `bench/against-sdk/sdk/Cargo.lock`)");
    let _ = writeln!(
        s,
        "- both: one shared configuration (region `us-east-1`, static credentials), one client per service, \
         `send()` under `block_on` on a Tokio current-thread runtime, and an in-memory HTTP client that \
         answers every request at once with a 200 and the same complete body and headers \
         (`bench/against-sdk/harness`); each program checks several members of each output before timing, \
         and one member of every output it times"
    );
    let _ = writeln!(
        s,
        "- per call: {} timed calls per operation after a warm-up of a tenth as many, each timed on its own; \
         rounds: {} per program, ours and the SDK alternating, and the figures are the medians over the \
         rounds. Allocations: a counting global allocator over {} further calls",
        r.calls,
        r.rounds,
        bench_harness::ALLOC_CALLS
    );
    let _ = writeln!(
        s,
        "- first call: {} fresh processes per program and operation, alternating; time and allocations from \
         before the runtime, configuration and client are built to the end of the first call (medians); \
         \"process\" is spawn to exit as the xtask sees it",
        r.runs
    );
    let _ = writeln!(
        s,
        "- builds: clean (a fresh target directory each), `cargo build --locked`, dependencies already \
         downloaded; CPU time is user + system of the cargo process tree (`getrusage(RUSAGE_CHILDREN)`); \
         crates are the `Compiling` lines; the binary is the release build after `strip`"
    );
    let _ = writeln!(s);

    let _ = writeln!(s, "## Figures");
    let _ = writeln!(s);
    let _ = writeln!(s, "| | ours | SDK | ours / SDK | aim |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | --- |");
    // One row: the figure of each side, formatted by `show`, their ratio and, if any, the aim.
    let mut row = |what: &str, ours: f64, sdk: f64, show: fn(f64) -> String, aim: Option<f64>| {
        let aim = aim.map(|aim| verdict(ours, sdk, aim)).unwrap_or_default();
        let _ = writeln!(s, "| {what} | {} | {} | {} | {aim} |", show(ours), show(sdk), ratio(ours, sdk));
    };
    let seconds: fn(f64) -> String = |v| format!("{v:.1} s");
    let whole: fn(f64) -> String = |v| format!("{v:.0}");
    let tenths: fn(f64) -> String = |v| format!("{v:.1}");
    for (name, ours, sdk) in [("debug", &r.ours.debug, &r.sdk.debug), ("release", &r.ours.release, &r.sdk.release)] {
        let (Some(o), Some(k)) = (ours, sdk) else { continue };
        row(&format!("clean {name} build, wall"), o.wall_s, k.wall_s, seconds, None);
        row(&format!("clean {name} build, CPU"), o.cpu_s, k.cpu_s, seconds, None);
        row(&format!("crates compiled ({name})"), o.crates as f64, k.crates as f64, whole, None);
    }
    row("stripped release binary", r.ours.binary_bytes as f64, r.sdk.binary_bytes as f64, size, None);
    for (i, op) in ops.iter().enumerate() {
        if let (Some(o), Some(k)) = (r.ours.calls.get(i), r.sdk.calls.get(i)) {
            row(&format!("{op}: per call, median"), o.median_ns, k.median_ns, duration, Some(AIM_PER_CALL));
            row(&format!("{op}: per call, p99"), o.p99_ns, k.p99_ns, duration, None);
            let aim = Some(AIM_PER_CALL);
            row(&format!("{op}: allocations per call"), o.allocs_per_call, k.allocs_per_call, tenths, aim);
            row(&format!("{op}: bytes allocated per call"), o.bytes_per_call, k.bytes_per_call, whole, None);
        }
        if let (Some(o), Some(k)) = (r.ours.first.get(i), r.sdk.first.get(i)) {
            row(&format!("{op}: first call"), o.ns, k.ns, duration, Some(AIM_FIRST_CALL));
            row(&format!("{op}: first call, allocations"), o.allocs, k.allocs, whole, None);
            row(&format!("{op}: first call, whole process"), o.process_ns, k.process_ns, duration, None);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments() {
        let defaults = parse_args(&[]).unwrap();
        assert_eq!(defaults, Args { calls: 20_000, rounds: 3, runs: 10, skip_builds: false, out: None });
        let given =
            parse_args(&strings(&["--calls", "500", "--runs", "3", "--rounds", "1", "--skip-builds", "--out", "x.md"]));
        let expected = Args { calls: 500, rounds: 1, runs: 3, skip_builds: true, out: Some("x.md".into()) };
        assert_eq!(given.unwrap(), expected);
        for bad in [&["--calls"][..], &["--calls", "0"], &["--runs", "-1"], &["--out"], &["--fast"]] {
            assert!(parse_args(&strings(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn compiling_lines_are_counted() {
        let stderr = "    Updating crates.io index\n   Compiling libc v0.2.1\n   Compiling aws-lite v0.2.0 (/x)\n\
                      warning: Compiling is a word\n    Finished `release` profile [optimized] target(s) in 1m 38s\n";
        assert_eq!(count_compiling(stderr), 2);
        assert_eq!(count_compiling(""), 0);
    }

    #[test]
    fn cpu_model_and_count() {
        let cpuinfo =
            "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(cpu_description(cpuinfo), "AMD EPYC 7B13 (2 CPUs)");
        assert_eq!(cpu_description(""), "unknown CPU (0 CPUs)");
    }

    #[test]
    fn versions_from_manifest_and_lockfile() {
        let manifest = "[package]\nname = \"aws-lite\"\nversion = \"0.2.0\"\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.2.0"));
        assert_eq!(package_version("[dependencies]\nversion = \"1\"\n"), None);
        let lock = "version = 4\n\n[[package]]\nname = \"aws-sdk-emr\"\nversion = \"1.132.0\"\nsource = \"x\"\n\n\
                    [[package]]\nname = \"aws-types\"\nversion = \"1.7.0\"\n\n\
                    [[package]]\nname = \"aws-types\"\nversion = \"0.55.3\"\n";
        let found = lock_versions(lock, &["aws-sdk-emr", "aws-sdk-mpa", "aws-types"]);
        assert_eq!(
            found,
            vec![
                ("aws-sdk-emr".to_string(), "1.132.0".to_string()),
                ("aws-types".to_string(), "1.7.0, 0.55.3".to_string())
            ]
        );
    }

    #[test]
    fn units_and_ratios() {
        assert_eq!(duration(850.0), "850 ns");
        assert_eq!(duration(10_625.0), "10.6 µs");
        assert_eq!(duration(2_345_678.0), "2.35 ms");
        assert_eq!(duration(45_200_000_000.0), "45.2 s");
        assert_eq!(size(512.0 * 1024.0), "512.0 KiB");
        assert_eq!(size(3.5 * 1024.0 * 1024.0), "3.50 MiB");
        assert_eq!(ratio(1.0, 8.0), "0.125");
        assert_eq!(ratio(3.0, 4.0), "0.750");
        assert_eq!(ratio(3.0, 2.0), "1.50");
        assert_eq!(ratio(30.0, 2.0), "15.0");
        assert_eq!(ratio(3.0, 0.0), "–");
        assert_eq!(verdict(1.0, 10.0, 0.1), "≤ 0.1 (met)");
        assert_eq!(verdict(1.1, 10.0, 0.1), "≤ 0.1 (not met)");
        assert_eq!(ratio_range([(1.0, 10.0), (2.0, 10.0), (1.5, 10.0)].into_iter()), "0.100–0.200");
        assert_eq!(ratio_range([(1.0, 4.0), (2.0, 8.0)].into_iter()), "0.250");
        assert_eq!(ratio_range(std::iter::empty()), "–");
        assert_eq!(minutes("2026-05-09T10:00:12.42272515Z"), "2026-05-09 10:00 UTC");
        assert_eq!(minutes("2026"), "2026");
    }

    #[test]
    fn rounds_combine_by_median() {
        let record = |op: &str, median_ns: f64, allocs: f64| CallRecord {
            op: op.to_string(),
            calls: 100,
            median_ns,
            p99_ns: median_ns * 2.0,
            allocs_per_call: allocs,
            bytes_per_call: allocs * 100.0,
        };
        let rounds = vec![
            vec![record("athena", 10.0, 5.0), record("mpa", 30.0, 7.0)],
            vec![record("athena", 50.0, 5.0), record("mpa", 20.0, 7.0)],
            vec![record("athena", 12.0, 6.0), record("mpa", 25.0, 7.0)],
        ];
        let combined = combine_rounds(&rounds);
        assert_eq!(combined.len(), 2);
        assert_eq!((combined[0].op.as_str(), combined[0].calls), ("athena", 300));
        assert_eq!((combined[0].median_ns, combined[0].p99_ns, combined[0].allocs_per_call), (12.0, 24.0, 5.0));
        assert_eq!((combined[1].median_ns, combined[1].bytes_per_call), (25.0, 700.0));
        assert!(combine_rounds(&[]).is_empty());
    }

    #[test]
    fn report_table_and_headline() {
        let calls = |scale: f64| {
            Op::ALL
                .iter()
                .map(|op| CallRecord {
                    op: op.name().to_string(),
                    calls: 60_000,
                    median_ns: 10_000.0 * scale,
                    p99_ns: 20_000.0 * scale,
                    allocs_per_call: 100.0 * scale,
                    bytes_per_call: 10_000.0 * scale,
                })
                .collect()
        };
        let first =
            |scale: f64| vec![FirstCall { ns: 300_000.0 * scale, allocs: 1500.0 * scale, process_ns: 1e6 * scale }; 3];
        let report = Report {
            date: "2026-05-09 10:00 UTC".into(),
            cpu: "AMD EPYC 7B13 (2 CPUs)".into(),
            os: "Debian GNU/Linux 12 (bookworm), Linux 6.1.0".into(),
            toolchain: "rustc 1.95.0".into(),
            load_before: "0.10 0.20 0.30".into(),
            load_after: "1.00 1.10 1.20".into(),
            ours_version: "0.2.0".into(),
            sdk_versions: vec![("aws-sdk-athena".into(), "1.128.0".into())],
            calls: 20_000,
            rounds: 3,
            runs: 10,
            ours: Figures {
                debug: Some(Build { wall_s: 20.0, cpu_s: 35.0, crates: 40 }),
                release: Some(Build { wall_s: 30.0, cpu_s: 55.0, crates: 40 }),
                binary_bytes: 1024 * 1024,
                calls: calls(1.0),
                first: first(1.0),
            },
            sdk: Figures {
                debug: Some(Build { wall_s: 200.0, cpu_s: 350.0, crates: 160 }),
                release: Some(Build { wall_s: 600.0, cpu_s: 1100.0, crates: 160 }),
                binary_bytes: 8 * 1024 * 1024,
                calls: calls(8.0),
                first: first(4.0),
            },
        };
        let text = render(&report);
        assert!(text.contains("- time per call (median): **0.125** (aim ≤ 0.1)\n"), "{text}");
        assert!(text.contains("- first call in a fresh process: **0.250** (aim ≤ 0.2)\n"), "{text}");
        assert!(text.contains("- clean release build, wall time: **0.050**\n"), "{text}");
        assert!(text.contains("- machine: AMD EPYC 7B13 (2 CPUs)\n"));
        assert!(text.contains("- SDK: aws-sdk-athena 1.128.0 (default features"));
        assert!(text.contains("| clean debug build, wall | 20.0 s | 200.0 s | 0.100 |  |\n"), "{text}");
        assert!(text.contains("| crates compiled (release) | 40 | 160 | 0.250 |  |\n"), "{text}");
        assert!(text.contains("| stripped release binary | 1.00 MiB | 8.00 MiB | 0.125 |  |\n"), "{text}");
        for line in [
            "| Athena GetSession: per call, median | 10.0 µs | 80.0 µs | 0.125 | ≤ 0.1 (not met) |\n",
            "| MPA GetSession: allocations per call | 100.0 | 800.0 | 0.125 | ≤ 0.1 (not met) |\n",
            "| EMR GetStudioSessionMapping: first call | 300.0 µs | 1.20 ms | 0.250 | ≤ 0.2 (not met) |\n",
            "| EMR GetStudioSessionMapping: first call, whole process | 1.00 ms | 4.00 ms | 0.250 |  |\n",
        ] {
            assert!(text.contains(line), "{line}\n{text}");
        }
        // Without builds (`--skip-builds`) the build rows are left out, the rest stays.
        let skipped = Report { ours: Figures { debug: None, release: None, ..report.ours.clone() }, ..report };
        let text = render(&skipped);
        assert!(!text.contains("build, wall"), "{text}");
        assert!(text.contains("| MPA GetSession: per call, p99 | 20.0 µs | 160.0 µs | 0.125 |  |\n"), "{text}");
    }
}
