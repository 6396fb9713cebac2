"""JobStore: the training jobs the emulator knows, and how DescribeTrainingJob renders one.

create() registers a job (names unique case-insensitively, like the service's ARNs) with a JobClock
built from its scenario; describe() renders every field of the Create request the service echoes plus
the status fields at `now`; streams() lists every CloudWatch stream that exists at `now`.
Thread-safe: one lock around every job.
"""
import math
import threading
from dataclasses import dataclass

from .errors import ApiError, validation
from .jobclock import JobClock

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
_DEFAULT_FLAGS = ("EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining")


@dataclass
class Job:
    name: str
    arn: str
    request: dict
    clock: JobClock
    stop_requested: bool = False


@dataclass(frozen=True)
class Stream:
    name: str
    job: Job
    instance: int
    attempt: object  # jobclock.Attempt

    def count(self, now):
        return self.attempt.visible_lines(self.instance, self.job.clock.instance_count, now)

    def timestamp(self, index):
        """The index-th log event's timestamp (ms), without rendering its message (cheap: for bisecting)."""
        return int(self.attempt.line_time(self.instance, index, self.job.clock.instance_count) * 1000)

    def event(self, index):
        """The index-th log event of this stream: (timestamp_ms, message). A pure function of the stream
        and the index (nothing a stop or a restart changes), so its rendering may be cached."""
        text = self.job.clock.config["log_line_template"].format(
            instance=self.instance, line=index, attempt=self.attempt.number, job=self.job.name,
            loss=1.0 / (1 + index), curve=training_curve(self.instance, index))
        return self.timestamp(index), text


def training_curve(instance, index):
    """A loss-like value for line `index` of `instance`: a decay with a little wobble, a different curve per
    instance, so that charts of several instances show distinct lines."""
    return (0.2 + 1.6 * (1 + 0.25 * (instance - 1)) / (1 + 0.15 * index)
            + 0.03 * math.sin(1.3 * index + instance))


class JobStore:
    def __init__(self, scenario, time_scale, describe_members):
        self._lock = threading.Lock()
        self._jobs = {}
        self._scenario = scenario
        self._scale = time_scale
        self._describe_members = describe_members  # DescribeTrainingJob output member names.

    def create(self, request, now):
        name = request["TrainingJobName"]
        arn = f"arn:aws:sagemaker:{self._scenario.region}:{self._scenario.account_id}:training-job/{name.lower()}"
        config = self._scenario.job_config(name)
        resources = request.get("ResourceConfig", {})
        # A heterogeneous cluster's hosts are its instance groups' sum, numbered algo-1.. across groups.
        group_hosts = sum(g.get("InstanceCount", 0) for g in resources.get("InstanceGroups", []))
        count = config["instance_count"] or group_hosts or resources.get("InstanceCount", 1)
        with self._lock:
            if name.lower() in self._jobs:
                raise ApiError(400, "ResourceInUse", "Training job names must be unique within an AWS account "
                               f"and region, and a training job with this name already exists ({arn})")
            job = Job(name, arn, request, JobClock(config, now, self._scale, count))
            self._jobs[name.lower()] = job
        return job

    def get(self, name):
        with self._lock:
            job = self._jobs.get((name or "").lower())
        if job is None:
            raise validation("Requested resource not found.")
        return job

    def all(self):
        with self._lock:
            return list(self._jobs.values())

    def stop(self, name, now):
        job = self.get(name)
        with self._lock:
            phase = job.clock.current(now)
            if job.clock.terminal(now):
                raise validation(f"The request was rejected because the training job is in status {phase.primary}.")
            if phase.primary != "Stopping":
                job.clock.stop(now)
                job.stop_requested = True
        return job

    def streams(self, now):
        out = []
        with self._lock:
            for job in self._jobs.values():
                for attempt in job.clock.attempts:
                    for instance in range(1, job.clock.instance_count + 1):
                        stream = Stream(f"{job.name}/algo-{instance}-{attempt.epoch}", job, instance, attempt)
                        if stream.count(now) > 0:
                            out.append(stream)
        return out

    def describe(self, job, now):
        with self._lock:
            return self._render(job, now)

    def _render(self, job, now):
        clock, request = job.clock, job.request
        out = {k: v for k, v in request.items() if k in self._describe_members}
        for flag in _DEFAULT_FLAGS:
            out.setdefault(flag, False)
        phase = clock.current(now)
        out.update(TrainingJobName=job.name, TrainingJobArn=job.arn, TrainingJobStatus=phase.primary,
                   SecondaryStatus=phase.secondary, CreationTime=clock.created, LastModifiedTime=phase.start,
                   SecondaryStatusTransitions=clock.transitions(now))
        start = clock.first_start({"Downloading", "Training"})
        if start is not None and start <= now:
            out["TrainingStartTime"] = start
        if clock.terminal(now):
            self._render_end(job, out, start)
        rules = self._rule_statuses(job, now)
        if rules:
            out["DebugRuleEvaluationStatuses"] = rules
        profiler_rules = self._rule_statuses(job, now, "ProfilerRuleConfigurations", "profiler_rules")
        if profiler_rules:
            out["ProfilerRuleEvaluationStatuses"] = profiler_rules
        return out

    def _render_end(self, job, out, start):
        clock, config = job.clock, job.clock.config
        end = clock.end_time()
        out["TrainingEndTime"] = end
        if out["TrainingJobStatus"] == "Failed":
            out["FailureReason"] = config["outcome"].get("failure_reason", "AlgorithmError: unknown")
        if out["TrainingJobStatus"] == "Completed":
            s3 = job.request["OutputDataConfig"]["S3OutputPath"].rstrip("/")
            out["ModelArtifacts"] = {"S3ModelArtifacts": f"{s3}/{job.name}/output/model.tar.gz"}
            out["FinalMetricDataList"] = [dict(m, Timestamp=end) for m in config["final_metrics"]]
        training = config["training_seconds"]
        if training is None:
            training = clock.scenario_seconds(start if start is not None else clock.created, end)
        billable = config["billable_seconds"]
        if job.request.get("ResourceConfig", {}).get("KeepAlivePeriodInSeconds") and out["TrainingJobStatus"] == "Completed":
            out["WarmPoolStatus"] = {"Status": "Available", "ResourceRetainedBillableTimeInSeconds": 0}
        out["TrainingTimeInSeconds"] = int(training)
        out["BillableTimeInSeconds"] = int(training if billable is None else billable)

    def _rule_statuses(self, job, now, member="DebugRuleConfigurations", setting_key="debugger_rules"):
        rules = job.request.get(member) or []
        settings = job.clock.config[setting_key]
        out = []
        for rule in rules:
            name = rule["RuleConfigurationName"]
            setting = settings.get(name, settings.get("*", {}))
            done_at = job.clock.end_time() + float(setting.get("delay", 1.0)) / job.clock.scale
            status = {"RuleConfigurationName": name, "LastModifiedTime": min(now, done_at),
                      "RuleEvaluationJobArn": f"{job.arn}-{name.lower()}"[:250],
                      "RuleEvaluationStatus": "InProgress"}
            if job.clock.terminal(now) and now >= done_at:
                status["RuleEvaluationStatus"] = setting.get("result", "NoIssuesFound")
                if setting.get("details"):
                    status["StatusDetails"] = setting["details"]
            out.append(status)
        return out
