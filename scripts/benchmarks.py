#!/usr/bin/env python3
"""Regenerates the measured tables of BENCHMARKS.md from one run, at one commit.

    scripts/benchmarks.py                 # about 15 minutes on 2 CPUs; the machine should be idle
    scripts/benchmarks.py --from-log LOG  # rewrite the tables from a saved run's output

Runs, in this order, on a clean checkout (uncommitted changes other than BENCHMARKS.md
are refused, so that the figures belong to the commit they name):

  cargo bench -p datastar-bench --bench wire          wire-paired, wire-criterion
  cargo test  -p datastar-bench --test allocations    allocations
  cargo test  -p datastar-bench --test instructions   instructions (callgrind)
  cargo bench -p datastar-bench --bench pages         pages
  cargo bench -p datastar-bench --bench compression   compression
  cargo run --release -p datastar-bench --bin compression_load    compression-load

and replaces, in BENCHMARKS.md, everything between `<!-- generated: NAME -->` and
`<!-- end: NAME -->` with that table (plus `run`: the commit, date and machine, and
`targets`: the issue targets computed from the tables). Nothing else in the file is
touched. The compile-time tables (scripts/compile-time.sh: 6 minutes of clean builds)
and the live example's load (scripts/live-load.sh: needs nats-server) are measured by
their own scripts and say at which commit.
"""

import datetime
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DOC = os.path.join(ROOT, "BENCHMARKS.md")


def run(command, log=None):
    if log is not None:
        return output_in_log(log, command)
    print("==> " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode})")
    return result.stdout


def output_in_log(log, command):
    """What `command` printed in a saved run (this script's own output)."""
    marker = "==> " + " ".join(command) + "\n"
    start = log.find(marker)
    if start < 0:
        sys.exit(f"the log has no output of {' '.join(command)}")
    start += len(marker)
    end = log.find("\n==> ", start)
    return log[start:] if end < 0 else log[start:end]


def table_after(output, heading):
    """The first markdown table after the line that starts with `heading` (or the table
    whose first line starts with it)."""
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(heading):
            start = index if line.startswith("|") else None
            if start is None:
                start = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("|"))
            end = start
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            return "\n".join(lines[start:end])
    sys.exit(f"no table after {heading!r} in the output")


def rows(table):
    """The cells of each row of a markdown table, header and separator left out."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in table.splitlines()[2:]
    ]


def number(cell):
    return float(re.sub(r"[^0-9.]", "", cell.split()[0]))


def targets(paired, criterion, allocations):
    by_id = {row[0]: row for row in rows(paired)}
    by_id_criterion = {row[0]: row for row in rows(criterion)}
    allocs = {row[0].split()[0]: row for row in rows(allocations)}
    # Columns: workload, macro, builder, official, memcpy, official/macro,
    # official/builder, macro/memcpy, builder/memcpy.
    w1, w2, w3, w3b, w5 = (by_id[w] for w in ["W1", "W2", "W3", "W3b", "W5"])
    yes = lambda ok: "yes" if ok else "**no**"
    macro_allocs = lambda workload: allocs[workload][2].split()[0].strip("*")
    lines = [
        "| target | result | met? |",
        "|---|---|---|",
        f"| W1 static: ≥ 50× faster than official | {w1[5]} paired, {by_id_criterion['W1'][5]} criterion; {w1[1]} | {yes(number(w1[5]) >= 50)} |",
        f"| W1 static: 0 allocations | {macro_allocs('W1')} | {yes(number(macro_allocs('W1')) == 0)} |",
        f"| W2 templated: ≥ 10× faster than official (issue 21) | {w2[5]} paired, {by_id_criterion['W2'][5]} criterion | {yes(number(w2[5]) >= 10)} |",
        f"| W2 templated: ≤ 10× memcpy (issue 21) | {w2[7]} paired | {yes(number(w2[7]) <= 10)} |",
        f"| W2 templated: ≤ 1 allocation per event | {macro_allocs('W2')} | {yes(number(macro_allocs('W2')) <= 1)} |",
        f"| W3 large: within 2× of memcpy | {w3b[7]} on one line (W3b); {w3[7]} with 852 lines (W3) | {yes(number(w3b[7]) <= 2)} for one line, {yes(number(w3[7]) <= 2)} for 852 lines |",
        f"| W5 end to end: ≥ 2× the official axum path | {w5[5]} macro, {w5[6]} builder | {yes(number(w5[6]) >= 2)} |",
    ]
    return "\n".join(lines)


def machine(commit):
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        "unknown CPU",
    )
    memory = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    rustc = subprocess.run(["rustc", "-V"], stdout=subprocess.PIPE, text=True).stdout.strip()
    kernel = os.uname().release
    load = os.getloadavg()[0]
    date = datetime.date.today().isoformat()
    return (
        f"Figures from one run of `scripts/benchmarks.py` at commit `{commit}` ({date}), on "
        f"{os.cpu_count()} CPUs ({cpu}), {int(memory) // (1 << 20)} GiB RAM, Linux {kernel}, "
        f"{rustc}; load average {load:.1f} when it started."
    )


def replace(doc, name, text):
    pattern = re.compile(
        rf"(<!-- generated: {re.escape(name)} -->\n).*?(\n<!-- end: {re.escape(name)} -->)", re.S
    )
    if not pattern.search(doc):
        sys.exit(f"BENCHMARKS.md has no <!-- generated: {name} --> … <!-- end: {name} --> markers")
    return pattern.sub(lambda match: match.group(1) + text + match.group(2), doc)


def main():
    log = None
    if sys.argv[1:2] == ["--from-log"]:
        log = open(sys.argv[2]).read()
        commit = re.search(r"^commit: (\S+)$", log, re.M)
        if not commit:
            sys.exit("the log names no commit")
        run_line = re.search(r"^run: (.+)$", log, re.M)
        header = run_line.group(1) if run_line else machine(commit.group(1))
        rewrite(log, header, commit.group(1))
        return
    dirty = [
        line
        for line in subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        ).stdout.splitlines()
        if not line.endswith("BENCHMARKS.md")
    ]
    if dirty:
        sys.exit("uncommitted changes: commit first, so that the figures name their commit\n" + "\n".join(dirty))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ).stdout.strip()
    header = machine(commit)
    print(f"commit: {commit}\nrun: {header}", flush=True)
    rewrite(None, header, commit)


def rewrite(log, header, commit):
    wire = run(["cargo", "bench", "-p", "datastar-bench", "--bench", "wire"], log)
    allocations = run(["cargo", "test", "-p", "datastar-bench", "--test", "allocations", "--", "--nocapture"], log)
    instructions = run(["cargo", "test", "-p", "datastar-bench", "--test", "instructions", "--", "--nocapture"], log)
    pages = run(["cargo", "bench", "-p", "datastar-bench", "--bench", "pages"], log)
    compression = run(["cargo", "bench", "-p", "datastar-bench", "--bench", "compression"], log)
    load = run(["cargo", "run", "--release", "-q", "-p", "datastar-bench", "--bin", "compression_load"], log)

    paired = table_after(wire, "Paired: medians over")
    criterion = table_after(wire, "Medians of this run (criterion)")
    allocation_table = table_after(allocations, "Allocations per event")
    counts = re.findall(r"^(\S+): (\d+) instructions per run", instructions, re.M)
    if not counts:
        sys.exit("no instruction counts in the output")
    instruction_table = "| workload | instructions per run |\n|---|---:|\n" + "\n".join(
        f"| `{name}` | {int(count):,} |" for name, count in counts
    )

    doc = open(DOC).read()
    for name, text in [
        ("run", header),
        ("wire-paired", paired),
        ("wire-criterion", criterion),
        ("allocations", allocation_table),
        ("instructions", instruction_table),
        ("targets", targets(paired, criterion, allocation_table)),
        ("pages", table_after(pages, "Paired: medians over")),
        ("compression", table_after(compression, "| setting |")),
        ("compression-load", table_after(load, "| coding |")),
    ]:
        doc = replace(doc, name, text)
    open(DOC, "w").write(doc)
    print(f"BENCHMARKS.md regenerated from commit {commit}")


if __name__ == "__main__":
    main()
