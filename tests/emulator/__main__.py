"""Command line: python3 -m tests.emulator --port 0 --scenario FILE [--request-log FILE]
[--time-scale X] [--seed N] [--rate-limits JSON]. Prints one line EMULATOR_PORT=<port> when ready; SIGTERM/SIGINT stop it."""
import argparse
import json
import signal
import sys
import threading

from . import hostile, scenario as scenario_module
from .app import App
from .server import make_server


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m tests.emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--request-log")
    parser.add_argument("--time-scale", type=float, default=1.0, help="scenario seconds per real second")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault RNG")
    parser.add_argument("--rate-limits", default="{}",
                        help='per-account limits, JSON: {"<Operation>": rate | {"rate": r, "burst": b}}')
    args = parser.parse_args(argv)
    if args.time_scale <= 0:
        parser.error("--time-scale must be > 0")
    try:
        rate_limits = json.loads(args.rate_limits)
    except ValueError as error:
        parser.error(f"--rate-limits: {error}")
    app = App(scenario_module.load(args.scenario), args.time_scale, args.seed, args.request_log, rate_limits)
    server = make_server(app, args.port)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    app.ingester.start()
    print(f"EMULATOR_PORT={server.server_address[1]}", flush=True)
    while not stop.wait(0.5):
        pass
    hostile.shutting_down.set()  # hung and endless answers end
    app.ingester.stop()
    server.shutdown()
    server.server_close()
    app.log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
