"""Writes tools/function_order.txt: the functions of sagemaker-training that real runs execute, in the
order they first run, one symbol per line. cmake/FunctionOrder.cmake lays them out together at the
front of the program's code.

Why: the kernel maps an executable's code 64 KiB around each page a process first executes (fault
-around), so a run that touches 1 MiB of functions spread over 1.9 MB of code had ~2 MiB of the binary
resident; laid out together they make ~1.1 MiB. The runs are the ones the program is for: a job that
ends at once (start-up, submit, outputs) and a two-instance job with 2,000 log lines (following, log
pages, summary), each against the emulator, under valgrind's lackey tool, which reports every
instruction executed.

A stale list costs memory, never correctness: names the build no longer has are ignored by the
linker, and functions missing from the list stay in .text. Rerun after changes that rename or add
much code (bench/RESULTS.md shows the resident size; bench/run.sh says how much of the list the
binary still has):

    python3 tools/gen_function_order.py build-bench/sagemaker-training

The binary must be built with -ffunction-sections (every build of this project is); its own order
does not matter, only its symbols.
"""
import argparse
import bisect
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

import bench  # noqa: E402  (bench/bench.py: the runs' arguments and environment)
from tests.e2e.harness import Emulator  # noqa: E402

OUTPUT = os.path.join(ROOT, "tools", "function_order.txt")
# (name, emulator scenario, instance count): a job that ends at once, then one with logs to follow.
RUNS = [("ends-at-once", os.path.join(bench.SCENARIOS, "bench-startup.json"), 4),
        ("with-logs", {"logs": {"events_page_size": 300},
                       "job": {"instance_count": 2, "log_lines_per_instance": 1000, "log_lines_per_second": 1000,
                               "secondary_statuses": [
                                   {"status": "Starting", "message": "Starting the training job", "duration": 1},
                                   {"status": "Training", "message": "Training in progress", "duration": 20},
                                   {"status": "Uploading", "message": "Uploading the model", "duration": 1}]}}, 2)]
VALGRIND_PIE_BASE = 0x108000  # where valgrind loads a position-independent executable on x86-64


def function_symbols(binary):
    """(address, size, name) of every function of the binary, sorted by address."""
    listing = subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True, check=True)
    symbols = []
    for line in listing.stdout.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in ("t", "T", "w", "W"):
            symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    return sorted(symbols)


def executed_functions(binary, name, scenario, instances, symbols, order, seen):
    """Runs one job under lackey; appends each function it executes for the first time to `order`."""
    starts = [address for address, _, _ in symbols]
    with tempfile.TemporaryDirectory(prefix="function-order-") as tmp:
        trace = os.path.join(tmp, "lackey.fifo")
        os.mkfifo(trace)
        with Emulator(scenario, time_scale=10) as emu:
            cmd = ["valgrind", "--tool=lackey", "--trace-mem=yes", f"--log-file={trace}", binary, *bench.ARGS,
                   "--job_name", "function-order-" + name, "--instance_count", str(instances), "--poll_interval", "1"]
            process = subprocess.Popen(cmd, env=bench.clean_env(emu.endpoint_url), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            current = None  # the symbol the last instruction was in: most instructions stay in one
            with open(trace, "rb", buffering=1 << 20) as lines:
                for line in lines:
                    if not line.startswith(b"I "):
                        continue
                    address = int(line[3:line.index(b",")], 16) - VALGRIND_PIE_BASE
                    if current is not None and symbols[current][0] <= address < symbols[current][0] + symbols[current][1]:
                        continue
                    index = bisect.bisect_right(starts, address) - 1
                    if index < 0 or address >= symbols[index][0] + symbols[index][1]:
                        continue  # the loader, a shared library, or padding
                    current = index
                    if index not in seen:
                        seen.add(index)
                        order.append(symbols[index][2])
            if process.wait() != 0:
                sys.exit(f"gen_function_order: the {name} run failed (exit {process.returncode})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="a sagemaker-training built with -ffunction-sections")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    symbols = function_symbols(args.binary)
    order, seen = [], set()
    for name, scenario, instances in RUNS:
        executed_functions(args.binary, name, scenario, instances, symbols, order, seen)
    with open(args.output, "w", encoding="ascii") as out:
        out.writelines(name + "\n" for name in order)
    size = sum(symbols[i][1] for i in seen)
    print(f"gen_function_order: {len(order)} functions ({size // 1024} KiB) executed of {len(symbols)} "
          f"({sum(s[1] for s in symbols) // 1024} KiB) -> {os.path.relpath(args.output, ROOT)}")


if __name__ == "__main__":
    main()
