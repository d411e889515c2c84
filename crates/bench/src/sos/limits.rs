//! Open files: every socket is a descriptor in the bench and another in the server (which
//! inherits the bench's limits), so a low soft limit is raised towards the hard one with
//! util-linux `prlimit` before anything starts.

use anyhow::{Context, bail};
use std::process::Command;

/// Makes sure this process may open `needed` files; returns the soft limit in force.
pub fn ensure_open_files(needed: u64) -> anyhow::Result<u64> {
    let (soft, hard) = open_files()?;
    if soft >= needed {
        return Ok(soft);
    }
    if hard < needed {
        bail!(
            "the run needs about {needed} open files but the hard limit is {hard}: raise it \
             (`ulimit -Hn`) or use fewer --sockets"
        );
    }
    let status = Command::new("prlimit")
        .arg(format!("--pid={}", std::process::id()))
        .arg(format!("--nofile={hard}:{hard}"))
        .status()
        .context("cannot run prlimit to raise the open-file limit; run `ulimit -n` first")?;
    let (soft, _) = open_files()?;
    if !status.success() || soft < needed {
        bail!(
            "could not raise the open-file limit to {needed} (it is {soft}); run `ulimit -n {hard}` first"
        );
    }
    Ok(soft)
}

/// The soft and hard `Max open files` of this process.
fn open_files() -> anyhow::Result<(u64, u64)> {
    let text =
        std::fs::read_to_string("/proc/self/limits").context("cannot read /proc/self/limits")?;
    parse_open_files(&text).context("no `Max open files` line in /proc/self/limits")
}

fn parse_open_files(limits: &str) -> Option<(u64, u64)> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let mut values = line["Max open files".len()..].split_whitespace().map(|v| {
        if v == "unlimited" {
            Some(u64::MAX)
        } else {
            v.parse().ok()
        }
    });
    Some((values.next()??, values.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_soft_and_hard_limits_are_read_from_proc() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max processes             95000                95000                processes\n\
                      Max open files            1024                 unlimited            files\n";
        assert_eq!(parse_open_files(limits), Some((1024, u64::MAX)));
        assert_eq!(
            parse_open_files("Max cpu time  unlimited unlimited seconds"),
            None
        );
        assert!(open_files().is_ok());
    }
}
