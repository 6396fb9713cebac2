"""Scenario: the JSON file that drives the emulator (format: README.md in this folder).

load() reads the file and fills every default, so the rest of the emulator reads plain values.
job_config(name) gives the job behaviour for one training job: the scenario's "job" merged with the
entry of "jobs" whose key is that job name, if any. Immutable after load; thread-safe.
"""
import copy
import json

DEFAULT_SECONDARY = [
    {"status": "Starting", "message": "Starting the training job", "duration": 0.5},
    {"status": "LaunchingMLInstances", "message": "Launching requested ML instances", "duration": 0.5},
    {"status": "PreparingTrainingStack", "message": "Preparing the instances for training", "duration": 0.5},
    {"status": "Downloading", "message": "Downloading input data", "duration": 0.5},
    {"status": "Training", "message": "Training image download completed. Training in progress."},
    {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.5},
]

DEFAULT_JOB = {
    "secondary_statuses": DEFAULT_SECONDARY,
    "outcome": {"status": "Completed"},
    "instance_count": None,  # None: the request's ResourceConfig.InstanceCount.
    "log_lines_per_instance": 20,
    "log_lines_per_second": 20.0,
    "log_line_template": "algo-{instance} line {line:06d} attempt {attempt} of {job}: loss={loss:.4f}",
    "spot_interruptions": [],  # [{"after": s into Training, "interrupted": s, "restarting": s}]
    "final_metrics": [],  # [{"MetricName": "...", "Value": 0.5}]
    "training_seconds": None,  # None: derived from the scenario's durations.
    "billable_seconds": None,  # None: equal to the training seconds.
    "debugger_rules": {},  # {"<RuleConfigurationName>" | "*": {"result", "delay", "details"}}
    "profiler_rules": {},  # the same, for ProfilerRuleConfigurations
    "stop_delay": 1.0,
}

DEFAULTS = {
    "region": "us-east-1",
    "account_id": "123456789012",
    "static_keys": [],
    "credentials": {
        "lifetime": 900.0,
        "role_name": "emulator-instance-role",
        "web_identity_token": "emulator-web-identity-token",
        "container_token": "emulator-container-token",
        "container_path": "/container-credentials",
    },
    "algorithms": {},  # {"name": {"TrainingImage": "...", ...}}
    "logs": {"events_page_size": 10000, "streams_page_size": 50},
    "faults": {},
    "rate_limits": {},  # {"<Operation>": rate | {"rate": r, "burst": b}}: per-account limits
    "job": DEFAULT_JOB,
    "jobs": {},
}


def _merged(defaults, given):
    out = copy.deepcopy(defaults)
    for key, value in (given or {}).items():
        if isinstance(out.get(key), dict) and isinstance(value, dict) and key not in ("faults", "jobs", "rate_limits"):
            out[key] = _merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class Scenario:
    def __init__(self, data):
        unknown = set(data) - set(DEFAULTS) - {"description"}
        if unknown:
            raise ValueError(f"unknown scenario keys: {sorted(unknown)}")
        for job in [data.get("job", {}), *data.get("jobs", {}).values()]:
            if set(job) - set(DEFAULT_JOB):
                raise ValueError(f"unknown job keys: {sorted(set(job) - set(DEFAULT_JOB))}")
        self.data = _merged(DEFAULTS, data)
        self.region = self.data["region"]
        self.account_id = self.data["account_id"]
        self.credentials = self.data["credentials"]
        self.algorithms = self.data["algorithms"]
        self.logs = self.data["logs"]
        self.faults = self.data["faults"]
        self.rate_limits = self.data["rate_limits"]

    def job_config(self, job_name):
        return _merged(self.data["job"], self.data["jobs"].get(job_name))


def load(path):
    with open(path, encoding="utf-8") as f:
        return Scenario(json.load(f))
