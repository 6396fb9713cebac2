"""Shared pieces of the end-to-end job tests: a realistic argument list, a background run of the binary,
and the checks a user would make of its log and outputs.

    args = job_args("my-job", out_dir, instances=2)
    rc, out, err = run_program(args, static_key_env(emu), timeout=60)
    assert_every_line_once(self, out, emu.state(lines=True), "my-job")
"""
import json
import os
import re
import subprocess
import tempfile

from tests.e2e.harness import ROOT, program_path

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
IMAGE = "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1"
OUTPUT_PATH = "s3://e2e-bucket/output"
CHANNELS = json.dumps([{"ChannelName": "train", "DataSource": {"S3DataSource": {
    "S3Uri": "s3://e2e-bucket/train", "S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated"}},
    "ContentType": "", "CompressionType": "None", "RecordWrapperType": "None", "InputMode": "File"}])
OUTPUT_FILES = ("model_artifact_url", "job_name", "training_image")
# `2026-01-01T00:00:00Z [algo-3] message`: a CloudWatch line as the program prints it.
LOG_LINE = re.compile(r"^\S+ \[algo-(\d+)\] (.*)$")


def job_args(job, out_dir, instances=1, poll="0.3", image=IMAGE, extra=(), ui_outputs=False):
    """The argument list a KFP step would give the binary for a k-means job writing to out_dir."""
    args = ["--region", "us-east-1", "--job_name", job, "--role", ROLE,
            "--channels", CHANNELS, "--hyperparameters", '{"k": 10, "feature_dim": 784, "mini_batch_size": 500}',
            "--instance_type", "ml.m5.xlarge", "--instance_count", str(instances), "--volume_size", "50",
            "--max_run_time", "3600", "--model_artifact_path", OUTPUT_PATH,
            "--network_isolation", "True", "--traffic_encryption", "False",
            "--tags", '{"project": "e2e"}', "--poll_interval", poll, "--stop_timeout", "10",
            "--model_artifact_url_output_path", os.path.join(out_dir, "model_artifact_url"),
            "--job_name_output_path", os.path.join(out_dir, "job_name"),
            "--training_image_output_path", os.path.join(out_dir, "training_image")]
    if image:
        args += ["--image", image]
    if ui_outputs:
        args += ["--ui_metadata_output_path", os.path.join(out_dir, "mlpipeline-ui-metadata.json"),
                 "--metrics_output_path", os.path.join(out_dir, "mlpipeline-metrics.json")]
    return args + list(extra)


def replace_arg(args, name, value):
    """args with the value of `--name` replaced."""
    out = list(args)
    out[out.index(name) + 1] = value
    return out


def drop_arg(args, name):
    """args without `--name value`."""
    out = list(args)
    i = out.index(name)
    del out[i:i + 2]
    return out


def clean_env(env, home, imds=False):
    """What harness.run_program gives the binary, for a process started here; imds=True leaves
    AWS_EC2_METADATA_DISABLED unset, as on a real node."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8"}
    if not imds:
        clean["AWS_EC2_METADATA_DISABLED"] = "true"
    clean.update(env)
    return clean


def run_with_imds(args, env, timeout):
    """harness.run_program, but with AWS_EC2_METADATA_DISABLED unset. Returns (rc, stdout, stderr)."""
    with tempfile.TemporaryDirectory(prefix="sagemaker-training-home-") as home:
        done = subprocess.run([program_path(), *args], env=clean_env(env, home, imds=True), cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout, done.stderr


class Background:
    """The binary running in the background, stdout and stderr to files; always killed on exit."""

    def __init__(self, args, env):
        self._dir = tempfile.TemporaryDirectory(prefix="sagemaker-training-bg-")
        self._out = open(os.path.join(self._dir.name, "stdout"), "w+", encoding="utf-8")
        self._err = open(os.path.join(self._dir.name, "stderr"), "w+", encoding="utf-8")
        self.process = subprocess.Popen([program_path(), *args], env=clean_env(env, self._dir.name), cwd=ROOT,
                                        stdout=self._out, stderr=self._err, text=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._out.close()
        self._err.close()
        self._dir.cleanup()
        return False

    def wait(self, timeout):
        return self.process.wait(timeout)

    def output(self):
        """(stdout, stderr) so far."""
        self._out.flush()
        self._err.flush()
        with open(self._out.name, encoding="utf-8") as out, open(self._err.name, encoding="utf-8") as err:
            return out.read(), err.read()


def printed_log_lines(stdout):
    """[(instance, message)] of every CloudWatch line the program printed, in print order."""
    return [(int(m.group(1)), m.group(2)) for m in map(LOG_LINE.match, stdout.splitlines()) if m]


def job_streams(state, job):
    return next(j for j in state["jobs"] if j["name"] == job)["streams"]


def assert_every_line_once(test, stdout, state, job, context=""):
    """Every line the emulator wrote for `job` printed exactly once under its instance's prefix, each
    stream's lines in the stream's order, and nothing else printed as a log line."""
    printed = printed_log_lines(stdout)
    streams = job_streams(state, job)
    expected = [(s["instance"], line) for s in streams for line in s["lines"]]
    test.assertGreater(len(expected), 0, f"{context}: the emulator wrote no line")
    counts = {}
    for entry in printed:
        counts[entry] = counts.get(entry, 0) + 1
    twice = [entry for entry, n in counts.items() if n > 1]
    test.assertEqual(twice[:5], [], f"{context}: {len(twice)} lines printed more than once")
    missing = [entry for entry in expected if entry not in counts]
    test.assertEqual(missing[:5], [], f"{context}: {len(missing)} of {len(expected)} lines never printed")
    extra = set(counts) - set(expected)
    test.assertEqual(sorted(extra)[:5], [], f"{context}: lines printed that no stream holds")
    for stream in streams:
        mine = set(stream["lines"])
        order = [message for instance, message in printed if instance == stream["instance"] and message in mine]
        test.assertEqual(order, stream["lines"], f"{context}: stream {stream['name']} printed out of order")


def read_outputs(out_dir):
    """{name: content} of the step outputs that exist in out_dir."""
    found = {}
    for name in OUTPUT_FILES:
        path = os.path.join(out_dir, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                found[name] = f.read()
    return found


def operations(requests, name, job=None):
    return [r for r in requests if r["operation"] == name and (job is None or r["job"] == job)]
