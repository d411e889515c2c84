//! CPU time of the bench, of the server and of the whole machine, from /proc: on two shared
//! cores, how much the load generator (and PostgreSQL) took is part of reading any figure.

/// Linux reports times in clock ticks of 1/100 s (USER_HZ) on every architecture the
/// project builds for.
const TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU seconds of a process, all its threads (`None`: this process).
pub fn seconds(pid: Option<u32>) -> Option<f64> {
    let path = pid.map_or_else(
        || "/proc/self/stat".to_owned(),
        |p| format!("/proc/{p}/stat"),
    );
    parse_stat(&std::fs::read_to_string(path).ok()?)
}

/// Fields 14 and 15 (utime, stime) of `/proc/<pid>/stat`, counted after the command name,
/// which is in parentheses and may itself hold spaces.
fn parse_stat(stat: &str) -> Option<f64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / TICKS_PER_SECOND)
}

/// User plus system CPU seconds of every process whose command is `name` (e.g. all of
/// PostgreSQL's: the postmaster, its backends and workers share the command `postgres`).
fn command_seconds(name: &str) -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| command(stat) == Some(name))
        .filter_map(|stat| parse_stat(&stat))
        .sum()
}

/// The command name of a `/proc/<pid>/stat` line (between the first `(` and the last `)`).
fn command(stat: &str) -> Option<&str> {
    stat.get(stat.find('(')? + 1..stat.rfind(')')?)
}

/// Busy CPU seconds of the whole machine (every core, every process, PostgreSQL's too): the
/// first line of `/proc/stat` less idle and iowait.
fn machine_seconds() -> Option<f64> {
    parse_proc_stat(&std::fs::read_to_string("/proc/stat").ok()?)
}

fn parse_proc_stat(stat: &str) -> Option<f64> {
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let ticks: Vec<u64> = line
        .split_whitespace()
        .take(8)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let idle = ticks.get(3)? + ticks.get(4)?;
    Some((ticks.iter().sum::<u64>() - idle) as f64 / TICKS_PER_SECOND)
}

/// CPU seconds used by the bench, by the server, by PostgreSQL (all its processes, zero when
/// it does not run) and by the whole machine.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Split {
    pub bench_seconds: f64,
    pub server_seconds: f64,
    pub database_seconds: f64,
    pub machine_seconds: f64,
}

/// Samples now; `since` turns two samples into the time between them.
pub fn sample(server: Option<u32>) -> Split {
    Split {
        bench_seconds: seconds(None).unwrap_or(0.0),
        server_seconds: seconds(server).unwrap_or(0.0),
        database_seconds: command_seconds("postgres"),
        machine_seconds: machine_seconds().unwrap_or(0.0),
    }
}

impl Split {
    pub fn since(self, earlier: Split) -> Split {
        Split {
            bench_seconds: self.bench_seconds - earlier.bench_seconds,
            server_seconds: self.server_seconds - earlier.server_seconds,
            database_seconds: self.database_seconds - earlier.database_seconds,
            machine_seconds: self.machine_seconds - earlier.machine_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_times_are_read_after_a_name_with_spaces() {
        let stat = "4242 (tokio rt) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 8 0 1";
        assert_eq!(parse_stat(stat), Some(3.0));
        assert_eq!(parse_stat("garbage"), None);
        assert!(seconds(None).is_some());
    }

    #[test]
    fn machine_time_is_everything_but_idle_and_iowait() {
        let stat = "cpu  100 20 30 1000 50 5 5 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n";
        assert_eq!(parse_proc_stat(stat), Some(1.6));
        assert_eq!(parse_proc_stat("intr 1 2"), None);
        assert!(machine_seconds().is_some());
    }

    #[test]
    fn splits_subtract() {
        let split = |b, s, d, m| Split {
            bench_seconds: b,
            server_seconds: s,
            database_seconds: d,
            machine_seconds: m,
        };
        assert_eq!(
            split(1.5, 5.0, 1.0, 8.0).since(split(1.0, 2.0, 0.5, 4.0)),
            split(0.5, 3.0, 0.5, 4.0)
        );
    }

    #[test]
    fn commands_are_read_between_the_parentheses() {
        assert_eq!(command("42 (postgres) S 1 2"), Some("postgres"));
        assert_eq!(command("7 (tokio rt) S"), Some("tokio rt"));
        assert_eq!(command("garbage"), None);
        assert_eq!(command_seconds("no-such-command-here"), 0.0);
    }
}
