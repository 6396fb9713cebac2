"""Helpers for end-to-end tests: the emulator as a context manager, and the binary run cleanly.

    with Emulator({"job": {...}}, time_scale=10) as emu:
        rc, out, err = run_program([...], static_key_env(emu), timeout=30)
        emu.requests(); emu.state()

Emulator always stops its subprocess (SIGTERM, then SIGKILL after a hard timeout), even when the
test fails. run_program gives the binary a clean environment: no AWS variables from the caller, HOME in
a temporary folder, IMDS disabled unless the test says otherwise.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STATIC_ACCESS_KEY = "AKIDEMULATOREXAMPLE"
STATIC_SECRET_KEY = "emulator/secret/key/EXAMPLE"
START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


class Emulator:
    def __init__(self, scenario=None, time_scale=1.0, seed=0):
        self._scenario = scenario if scenario is not None else {}
        self._time_scale = time_scale
        self._seed = seed
        self._dir = None
        self._process = None
        self.port = None

    def __enter__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="emulator-")
        path = self._scenario
        if isinstance(path, dict):
            path = os.path.join(self._dir.name, "scenario.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(self._scenario, f)
        self.request_log = os.path.join(self._dir.name, "requests.jsonl")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "--port", "0", "--scenario", str(path),
             "--request-log", self.request_log, "--time-scale", str(self._time_scale), "--seed", str(self._seed)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("AWS_")})
        try:
            self.port = self._read_port()
        except BaseException:
            self.stop()
            raise
        return self

    def _read_port(self):
        line = []
        reader = threading.Thread(target=lambda: line.append(self._process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if not line or not line[0].startswith("EMULATOR_PORT="):
            raise RuntimeError(f"emulator did not start: {line!r} {self._stderr_tail()}")
        return int(line[0].strip().split("=", 1)[1])

    def _stderr_tail(self):
        if self._process.poll() is None:
            return ""
        return self._process.stderr.read()[-2000:]

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_TIMEOUT)
        if process is not None:
            for stream in (process.stdout, process.stderr):
                stream.close()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    @property
    def endpoint_url(self):
        return f"http://127.0.0.1:{self.port}"

    def requests(self):
        """Every request so far, parsed from the JSON-lines request log."""
        with open(self.request_log, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def state(self, lines=False):
        url = f"{self.endpoint_url}/_emulator/state" + ("?lines=1" if lines else "")
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)

    def set_faults(self, faults):
        request = urllib.request.Request(f"{self.endpoint_url}/_emulator/faults", method="POST",
                                         data=json.dumps(faults).encode())
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()

    def wait_for(self, predicate, timeout=10.0, interval=0.05):
        """Polls state() until predicate(state) is true; returns that state or raises TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if predicate(state):
                return state
            if time.monotonic() > deadline:
                raise TimeoutError(f"emulator state never matched: {state}")
            time.sleep(interval)


def static_key_env(emulator, region="us-east-1"):
    """Environment for the binary signing with the emulator's static keys, every service at the emulator."""
    return {"AWS_ACCESS_KEY_ID": STATIC_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": STATIC_SECRET_KEY,
            "AWS_REGION": region, "AWS_DEFAULT_REGION": region, "AWS_ENDPOINT_URL": emulator.endpoint_url}


def program_path():
    path = os.environ.get("SAGEMAKER_TRAINING_BIN", os.path.join("build", "sagemaker-training"))
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


def run_program(args, env, timeout):
    """Runs the binary with only `env` (plus PATH, a temporary HOME and IMDS disabled unless given).
    Returns (returncode, stdout, stderr); kills it and raises subprocess.TimeoutExpired after `timeout`."""
    with tempfile.TemporaryDirectory(prefix="sagemaker-training-home-") as home:
        clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
                 "AWS_EC2_METADATA_DISABLED": "true"}
        clean.update(env)
        done = subprocess.run([program_path(), *args], env=clean, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)
        return done.returncode, done.stdout, done.stderr
