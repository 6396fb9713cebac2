"""The emulator's own tests, through boto3/botocore clients and raw HTTP, as a client would see it.

Run from the project root: python3 -m unittest tests.e2e.test_emulator
"""
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import zlib
from unittest import mock

import boto3
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError
from botocore.utils import ContainerMetadataFetcher, InstanceMetadataFetcher

from tests.emulator import logs as logs_module
from tests.emulator import scenario as scenario_module
from tests.emulator.app import App
from tests.emulator.eventcache import EventCache
from tests.emulator.ingester import LogIngester
from tests.emulator.jobclock import JobClock
from tests.e2e.harness import ROOT, STATIC_ACCESS_KEY, STATIC_SECRET_KEY, Emulator, run_program, static_key_env

GROUP = "/aws/sagemaker/TrainingJobs"
SCENARIOS = os.path.join(ROOT, "tests", "emulator", "scenarios")
NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=10)


_BOTOCORE = botocore.session.get_session()  # One loader: service models are parsed once per test run.


def client(emu, service, key=STATIC_ACCESS_KEY, secret=STATIC_SECRET_KEY, token=None, region="us-east-1",
           config=NO_RETRY):
    return boto3.session.Session(botocore_session=_BOTOCORE).client(
        service, endpoint_url=emu.endpoint_url, region_name=region, aws_access_key_id=key,
        aws_secret_access_key=secret, aws_session_token=token, config=config)


def job_request(name="job-1", count=1, **extra):
    request = {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/xgb:1",
                                   "TrainingInputMode": "File",
                                   "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/", "S3DataDistributionType": "FullyReplicated"}}}],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": count, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "HyperParameters": {"epochs": "10", "eta": "0.2"},
        "Tags": [{"Key": "team", "Value": "ml"}],
    }
    request.update(extra)
    return request


def error_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"], error.response["Error"]
    raise AssertionError("the call succeeded")


def wait_status(sm, name, statuses, timeout=8.0):
    deadline = time.monotonic() + timeout
    while True:
        described = sm.describe_training_job(TrainingJobName=name)
        if described["TrainingJobStatus"] in statuses or time.monotonic() > deadline:
            return described
        time.sleep(0.05)


class JobLifeTest(unittest.TestCase):
    def test_completed_job_echoes_the_request_and_reports_results(self):
        scenario = os.path.join(SCENARIOS, "completed.json")
        with Emulator(scenario, time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            rules = [{"RuleConfigurationName": "LossNotDecreasing", "RuleEvaluatorImage": "img:1"}]
            arn = sm.create_training_job(**job_request(count=2, DebugRuleConfigurations=rules))["TrainingJobArn"]
            self.assertEqual(arn, "arn:aws:sagemaker:us-east-1:123456789012:training-job/job-1")
            first = sm.describe_training_job(TrainingJobName="job-1")
            self.assertEqual((first["TrainingJobStatus"], first["SecondaryStatus"]), ("InProgress", "Starting"))
            self.assertEqual(first["DebugRuleEvaluationStatuses"][0]["RuleEvaluationStatus"], "InProgress")
            done = wait_status(sm, "job-1", {"Completed"})
            self.assertEqual(done["TrainingJobStatus"], "Completed")
            for field in ("AlgorithmSpecification", "RoleArn", "InputDataConfig", "OutputDataConfig",
                          "ResourceConfig", "StoppingCondition", "HyperParameters"):
                self.assertEqual(done[field], job_request(count=2)[field], field)
            self.assertNotIn("Tags", done)
            self.assertEqual([t["Status"] for t in done["SecondaryStatusTransitions"]],
                             ["Starting", "LaunchingMLInstances", "PreparingTrainingStack", "Downloading",
                              "Training", "Uploading", "Completed"])
            self.assertEqual(done["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/output/job-1/output/model.tar.gz")
            self.assertEqual({m["MetricName"]: m["Value"] for m in done["FinalMetricDataList"]},
                             {"validation:accuracy": 0.9375, "train:loss": 0.0412})
            self.assertEqual((done["TrainingTimeInSeconds"], done["BillableTimeInSeconds"]), (21, 21))
            self.assertLess(done["CreationTime"], done["TrainingStartTime"])
            self.assertLess(done["TrainingStartTime"], done["TrainingEndTime"])
            time.sleep(3 / 20 + 0.1)
            later = sm.describe_training_job(TrainingJobName="job-1")
            self.assertEqual(later["DebugRuleEvaluationStatuses"][0]["RuleEvaluationStatus"], "NoIssuesFound")
            streams = emu.state()["jobs"][0]["streams"]
            self.assertEqual([s["events"] for s in streams], [60, 60])

    def test_failed_and_max_runtime_outcomes(self):
        with Emulator(os.path.join(SCENARIOS, "failed.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request())
            failed = wait_status(sm, "job-1", {"Failed"})
            self.assertEqual(failed["TrainingJobStatus"], "Failed")
            self.assertIn("AlgorithmError: ExecuteUserScriptError", failed["FailureReason"])
            self.assertNotIn("ModelArtifacts", failed)
        with Emulator(os.path.join(SCENARIOS, "max-runtime.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request())
            stopped = wait_status(sm, "job-1", {"Stopped"})
            self.assertEqual((stopped["TrainingJobStatus"], stopped["SecondaryStatus"]), ("Stopped", "MaxRuntimeExceeded"))
            self.assertEqual(emu.state()["jobs"][0]["streams"][0]["events"], 30)  # 3 s at 10 lines/s, cut.

    def test_spot_interruption_restarts_with_new_streams(self):
        with Emulator(os.path.join(SCENARIOS, "spot-restart.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request(count=2, EnableManagedSpotTraining=True, CheckpointConfig={
                "S3Uri": "s3://bucket/checkpoints"}, StoppingCondition={"MaxRuntimeInSeconds": 3600,
                                                                         "MaxWaitTimeInSeconds": 7200}))
            done = wait_status(sm, "job-1", {"Completed"})
            statuses = [t["Status"] for t in done["SecondaryStatusTransitions"]]
            self.assertEqual(statuses[statuses.index("Training"):],
                             ["Training", "Interrupted", "Restarting", "Training", "Uploading", "Completed"])
            self.assertEqual((done["TrainingTimeInSeconds"], done["BillableTimeInSeconds"]), (12, 4))
            streams = emu.state(lines=True)["jobs"][0]["streams"]
            self.assertEqual(len({s["name"] for s in streams}), 4)
            self.assertEqual(sorted((s["instance"], s["attempt"], s["events"]) for s in streams),
                             [(1, 1, 20), (1, 2, 40), (2, 1, 20), (2, 2, 40)])
            self.assertTrue(streams[0]["lines"][0].startswith("algo-"))

    def test_stop_ends_the_job_and_its_logs(self):
        with Emulator(os.path.join(SCENARIOS, "long-running.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request())
            emu.wait_for(lambda s: s["jobs"][0]["streams"] and s["jobs"][0]["streams"][0]["events"] > 10)
            sm.stop_training_job(TrainingJobName="job-1")
            stopping = sm.describe_training_job(TrainingJobName="job-1")
            self.assertEqual((stopping["TrainingJobStatus"], stopping["SecondaryStatus"]), ("Stopping", "Stopping"))
            events = emu.state()["jobs"][0]["streams"][0]["events"]
            stopped = wait_status(sm, "job-1", {"Stopped"})
            self.assertEqual(stopped["SecondaryStatus"], "Stopped")
            self.assertEqual(emu.state()["jobs"][0]["streams"][0]["events"], events)
            status, error = error_of(sm.stop_training_job, TrainingJobName="job-1")
            self.assertEqual((status, error["Code"]), (400, "ValidationException"))
            self.assertIn("in status Stopped", error["Message"])
            self.assertEqual(emu.state()["stops"], 1)

    def test_list_jobs_describe_algorithm_and_unknown_job(self):
        with Emulator(os.path.join(SCENARIOS, "completed.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request("job-a"))
            sm.create_training_job(**job_request("job-b", AlgorithmSpecification={
                "AlgorithmName": "emulator-algorithm", "TrainingInputMode": "File"}))
            names = [j["TrainingJobName"] for j in sm.list_training_jobs(SortBy="Name", SortOrder="Ascending")
                     ["TrainingJobSummaries"]]
            self.assertEqual(names, ["job-a", "job-b"])
            image = sm.describe_algorithm(AlgorithmName="emulator-algorithm")["TrainingSpecification"]["TrainingImage"]
            self.assertTrue(image.endswith("/emulator-algorithm:1"))
            status, error = error_of(sm.describe_training_job, TrainingJobName="nope")
            self.assertEqual((status, error["Code"], error["Message"]),
                             (400, "ValidationException", "Requested resource not found."))


class ValidationTest(unittest.TestCase):
    def test_pattern_max_and_enum_listed_like_the_service(self):
        with Emulator() as emu:
            sm = client(emu, "sagemaker")
            request = job_request("bad_name")
            request["AlgorithmSpecification"]["TrainingInputMode"] = "Stream"
            status, error = error_of(sm.create_training_job, **request)
            self.assertEqual((status, error["Code"]), (400, "ValidationException"))
            self.assertTrue(error["Message"].startswith("2 validation errors detected: "), error["Message"])
            self.assertIn("Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must satisfy "
                          "regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", error["Message"])
            self.assertIn("at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must "
                          "satisfy enum value set: [Pipe, File, FastFile]", error["Message"])
            _, error = error_of(sm.create_training_job, **job_request("a" * 64))
            self.assertIn("Member must have length less than or equal to 63", error["Message"])
            _, error = error_of(sm.create_training_job, **job_request(
                InputDataConfig=[{"ChannelName": "bad channel!", "DataSource": {"S3DataSource": {
                    "S3DataType": "S3Prefix", "S3Uri": "s3://b/t"}}}]))
            self.assertIn("'inputDataConfig.1.member.channelName'", error["Message"])
            self.assertEqual(emu.state()["creates"], 0)

    def test_botocore_checks_count_too_when_the_client_skips_them(self):
        with Emulator() as emu:
            sm = client(emu, "sagemaker", config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))
            request = job_request()
            del request["RoleArn"]
            request["ResourceConfig"]["InstanceCount"] = "2"
            _, error = error_of(sm.create_training_job, **request)
            self.assertIn("Value null at 'roleArn' failed to satisfy constraint: Member must not be null", error["Message"])
            self.assertIn("Invalid type for parameter ResourceConfig.InstanceCount", error["Message"])

    def test_duplicate_name_is_resource_in_use(self):
        with Emulator() as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request("Dup-Job"))
            status, error = error_of(sm.create_training_job, **job_request("dup-job"))
            self.assertEqual((status, error["Code"]), (400, "ResourceInUse"))
            self.assertIn("a training job with this name already exists "
                          "(arn:aws:sagemaker:us-east-1:123456789012:training-job/dup-job)", error["Message"])
            self.assertEqual(emu.state()["creates"], 1)


class SignatureTest(unittest.TestCase):
    def test_wrong_secret_unknown_key_and_wrong_scope_are_refused(self):
        with Emulator() as emu:
            status, error = error_of(client(emu, "sagemaker", secret="wrong").list_training_jobs)
            self.assertEqual((status, error["Code"]), (403, "InvalidSignatureException"))
            self.assertIn("The request signature we calculated does not match", error["Message"])
            _, error = error_of(client(emu, "logs", key="AKIDUNKNOWN").describe_log_streams, logGroupName=GROUP)
            self.assertEqual(error["Code"], "UnrecognizedClientException")
            _, error = error_of(client(emu, "sagemaker", region="eu-west-1").list_training_jobs)
            self.assertIn("Credential should be scoped to a valid region", error["Message"])
            _, error = error_of(client(emu, "sts", secret="wrong").get_caller_identity)
            self.assertEqual(error["Code"], "SignatureDoesNotMatch")
            self.assertEqual(emu.state()["rejected_signatures"], 3)
            self.assertEqual(client(emu, "sts").get_caller_identity()["Account"], "123456789012")

    def _raw(self, emu, target, body, service="sagemaker", when=None, tamper=None):
        request = AWSRequest("POST", emu.endpoint_url + "/", data=body, headers={
            "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        signer = botocore.auth.SigV4Auth(Credentials(STATIC_ACCESS_KEY, STATIC_SECRET_KEY), service, "us-east-1")
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when or
                               datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)):
            signer.add_auth(request)
        raw = urllib.request.Request(emu.endpoint_url + "/", data=tamper or body, method="POST",
                                     headers=dict(request.headers.items()))
        try:
            with urllib.request.urlopen(raw, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def test_service_scope_clock_skew_tampered_body_and_missing_signature(self):
        with Emulator() as emu:
            body = b'{"logGroupName": "/aws/sagemaker/TrainingJobs"}'
            status, answer = self._raw(emu, "Logs_20140328.DescribeLogStreams", body, service="sagemaker")
            self.assertEqual((status, answer["__type"]), (403, "InvalidSignatureException"))
            self.assertIn("Credential should be scoped to correct service: 'logs'", answer["message"])
            old = datetime.datetime.utcnow() - datetime.timedelta(minutes=6)
            status, answer = self._raw(emu, "SageMaker.ListTrainingJobs", b"{}", when=old)
            self.assertEqual((status, answer["__type"]), (403, "InvalidSignatureException"))
            self.assertIn("Signature expired", answer["message"])
            status, answer = self._raw(emu, "SageMaker.ListTrainingJobs", b'{"MaxResults": 5}', tamper=b'{"MaxResults": 6}')
            self.assertEqual(status, 403)
            status, answer = self._raw(emu, "SageMaker.ListTrainingJobs", b"{}")
            self.assertEqual((status, answer["TrainingJobSummaries"]), (200, []))
            unsigned = urllib.request.Request(emu.endpoint_url + "/", data=b"{}", method="POST", headers={
                "X-Amz-Target": "SageMaker.ListTrainingJobs", "Content-Type": "application/x-amz-json-1.1"})
            with self.assertRaises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(unsigned, timeout=5)
            self.assertEqual(json.load(raised.exception)["__type"], "MissingAuthenticationTokenException")

    @unittest.skipUnless(shutil.which("curl"), "curl not installed")
    def test_libcurl_signatures_are_accepted_too(self):
        with Emulator() as emu:  # libcurl's own SigV4 signer, and a body large enough for Expect: 100-continue.
            for body in ("{}", '{"MaxResults": 5}' + " " * 2000):
                done = subprocess.run(
                    ["curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:sagemaker", "--user",
                     f"{STATIC_ACCESS_KEY}:{STATIC_SECRET_KEY}", "-H", "X-Amz-Target: SageMaker.ListTrainingJobs",
                     "-H", "Content-Type: application/x-amz-json-1.1", "--data-binary", body, emu.endpoint_url + "/"],
                    capture_output=True, text=True, timeout=10)
                self.assertEqual(done.stdout.splitlines(), ['{"TrainingJobSummaries": []}', "200"])
            self.assertEqual(emu.state()["rejected_signatures"], 0)


class LogsTest(unittest.TestCase):
    def test_group_absent_until_the_first_stream_then_streams_paginate(self):
        scenario = {"logs": {"streams_page_size": 2}, "job": {"instance_count": 5}}
        with Emulator(scenario, time_scale=10) as emu:
            logs = client(emu, "logs")
            _, error = error_of(logs.describe_log_streams, logGroupName=GROUP)
            self.assertEqual((error["Code"], error["Message"]),
                             ("ResourceNotFoundException", "The specified log group does not exist."))
            client(emu, "sagemaker").create_training_job(**job_request())
            emu.wait_for(lambda s: len(s["jobs"][0]["streams"]) == 5)
            pages = list(logs.get_paginator("describe_log_streams").paginate(
                logGroupName=GROUP, logStreamNamePrefix="job-1/"))
            self.assertEqual([len(p["logStreams"]) for p in pages], [2, 2, 1])
            names = [s["logStreamName"] for p in pages for s in p["logStreams"]]
            self.assertEqual(names, sorted(names))
            self.assertEqual([n.rsplit("-", 1)[0] for n in names], [f"job-1/algo-{i}" for i in range(1, 6)])
            last = logs.describe_log_streams(logGroupName=GROUP, orderBy="LastEventTime", descending=True)
            self.assertEqual(len(last["logStreams"]), 2)
            _, error = error_of(logs.describe_log_streams, logGroupName=GROUP, orderBy="LastEventTime",
                                logStreamNamePrefix="job-1/")
            self.assertEqual(error["Code"], "InvalidParameterException")

    def test_forward_tokens_give_every_line_once_and_repeat_at_the_end(self):
        scenario = {"logs": {"events_page_size": 7},
                    "job": {"log_lines_per_instance": 30, "log_lines_per_second": 100}}
        with Emulator(scenario, time_scale=10) as emu:
            client(emu, "sagemaker").create_training_job(**job_request())
            logs = client(emu, "logs")
            state = emu.wait_for(lambda s: s["jobs"][0]["streams"])
            stream = state["jobs"][0]["streams"][0]["name"]
            seen, token, pages = [], None, 0
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline:  # Follow the stream while it is written, as a tailing client does.
                args = {"nextToken": token} if token else {"startFromHead": True}
                page = logs.get_log_events(logGroupName=GROUP, logStreamName=stream, **args)
                self.assertIn("nextForwardToken", page)
                seen += [e["message"] for e in page["events"]]
                pages += 1
                if page["nextForwardToken"] == token and emu.state()["jobs"][0]["status"] == "Completed":
                    break
                self.assertTrue(page["events"] or page["nextForwardToken"] == token)
                token = page["nextForwardToken"]
            self.assertEqual(seen, [f"algo-1 line {i:06d} attempt 1 of job-1: loss={1 / (1 + i):.4f}" for i in range(30)])
            self.assertGreaterEqual(pages, 5)
            tail = logs.get_log_events(logGroupName=GROUP, logStreamName=stream, limit=3)
            self.assertEqual([e["message"][:18] for e in tail["events"]],
                             ["algo-1 line 000027", "algo-1 line 000028", "algo-1 line 000029"])
            after = logs.get_log_events(logGroupName=GROUP, logStreamName=stream, startFromHead=True,
                                        startTime=tail["events"][1]["timestamp"])
            self.assertEqual(len(after["events"]), 2)
            _, error = error_of(logs.get_log_events, logGroupName=GROUP, logStreamName="job-1/algo-9-1")
            self.assertEqual(error["Message"], "The specified log stream does not exist.")


class LogPagesCacheTest(unittest.TestCase):
    """GetLogEvents pages are joins of cached event JSON (tests/emulator/eventcache.py): a cache must never
    change a page. Each page is compared byte for byte with json.dumps of the page built from
    Stream.event (the uncached rendering), over jobs, attempts and instances read in an interleaved
    order, with a cache small enough to evict and chunks that straddle pages."""

    TEMPLATE = 'algo-{instance} "ü" line {line:06d} attempt {attempt} of {job}: loss={loss:.4f}'

    def _app(self, template=TEMPLATE, lines=23, chunk_size=5, max_chunks=3):
        scenario = scenario_module.Scenario({
            "logs": {"events_page_size": 7},
            "job": {"instance_count": 2, "log_lines_per_instance": lines, "log_lines_per_second": 10,
                    "log_line_template": template, "spot_interruptions": [{"after": 1}]}})
        app = App(scenario, time_scale=100)
        app.log_events = EventCache(logs_module.event_json, chunk_size=chunk_size, max_chunks=max_chunks)
        app.ingester = LogIngester(app.jobs, app.log_events, clock=app.now)
        return app

    @staticmethod
    def _create(app, name, created):
        app.jobs.create({"TrainingJobName": name, "ResourceConfig": {"InstanceCount": 2},
                         "OutputDataConfig": {"S3OutputPath": "s3://bucket/output"}}, created)

    @staticmethod
    def _token(direction, stream, position):  # The token format clients have seen all along.
        return f"{direction}/{zlib.crc32(stream.name.encode()):010d}{position:046d}"

    def _expected(self, stream, begin, end, forward):
        events = [{"timestamp": ts, "message": text, "ingestionTime": ts + 5}
                  for ts, text in (stream.event(i) for i in range(begin, end))]
        return json.dumps({"events": events, "nextForwardToken": forward,
                           "nextBackwardToken": self._token("b", stream, begin)}).encode()

    def _page(self, app, stream, **params):
        return logs_module.get_log_events(app, dict(logGroupName=GROUP, logStreamName=stream.name, **params)).data

    def test_interleaved_jobs_attempts_and_instances_get_their_own_events(self):
        app = self._app()
        now = app.now()
        self._create(app, "job-a", now - 100)
        self._create(app, "job-b", now - 100)
        streams = app.jobs.streams(now)
        self.assertEqual(sorted((s.job.name, s.attempt.number, s.instance) for s in streams),
                         [(j, a, i) for j in ("job-a", "job-b") for a in (1, 2) for i in (1, 2)])
        counts = {s.name: s.count(now) for s in streams}
        self.assertEqual(sorted(set(counts.values())), [10, 23])  # Interrupted after 10 lines, then all.
        tokens = {s.name: None for s in streams}
        caught_up = set()
        while len(caught_up) < len(streams):  # One page of each stream in turn, forward, until caught up.
            for stream in streams:
                token = tokens[stream.name]
                begin = 0 if token is None else int(token[12:])
                end = min(counts[stream.name], begin + 7)
                forward = token if token is not None and begin == end else self._token("f", stream, end)
                params = {"nextToken": token} if token else {"startFromHead": True}
                self.assertEqual(self._page(app, stream, **params), self._expected(stream, begin, end, forward))
                if token is not None and forward == token:
                    caught_up.add(stream.name)  # The end-of-stream rule: the very token sent comes back.
                tokens[stream.name] = forward
        for stream in reversed(streams):  # No token: the last page; a backward token: the page before it.
            count = counts[stream.name]
            last = self._page(app, stream)
            self.assertEqual(last, self._expected(stream, count - 7, count, self._token("f", stream, count)))
            back = json.loads(last)["nextBackwardToken"]
            self.assertEqual(self._page(app, stream, nextToken=back),
                             self._expected(stream, max(0, count - 14), count - 7, self._token("f", stream, count - 7)))
            first_ts = stream.timestamp(3)
            self.assertEqual(self._page(app, stream, startFromHead=True, startTime=first_ts, endTime=first_ts + 1),
                             self._expected(stream, 3, 4, self._token("f", stream, 4)))
        self.assertLessEqual(len(app.log_events), 3)  # The bound held, evicting all along.

    def test_a_shared_cache_never_serves_another_apps_job_of_the_same_name(self):
        one, other = self._app(), self._app(template="other {instance} {line} {attempt} {job}")
        other.log_events = one.log_events  # Same job name, ARN, attempt numbers: only the Attempt differs.
        now = one.now()
        self._create(one, "job-a", now - 100)
        self._create(other, "job-a", now - 50)
        for _ in range(2):
            for app in (one, other, one):
                stream = sorted(app.jobs.streams(now), key=lambda s: s.name)[0]
                self.assertEqual(self._page(app, stream, startFromHead=True),
                                 self._expected(stream, 0, 7, self._token("f", stream, 7)))

    def test_ingested_events_are_served_without_rendering_until_the_cache_is_full(self):
        app = self._app(lines=40, chunk_size=10, max_chunks=8)
        now = app.now()
        self._create(app, "job-a", now - 100)  # 2 instances x (10 + 40) lines: 10 chunks to hold.
        self.assertEqual(app.ingester.ingest(), 80)  # 8 chunks of 10; warming never evicts.
        self.assertEqual((len(app.log_events), app.ingester.ingest()), (8, 0))
        rendered = app.log_events.renders
        warm = [s for s in app.jobs.streams(now) if s.attempt.number == 2][0]
        for begin in range(0, 40, 7):
            token = None if begin == 0 else self._token("f", warm, begin)
            params = {"nextToken": token} if token else {"startFromHead": True}
            self.assertEqual(self._page(app, warm, **params),
                             self._expected(warm, begin, min(40, begin + 7), self._token("f", warm, min(40, begin + 7))))
        self.assertEqual(app.log_events.renders, rendered)  # Every page came from the ingested events.

    def test_spot_restart_pages_over_http_equal_the_state_lines(self):
        with Emulator(os.path.join(SCENARIOS, "spot-restart.json"), time_scale=20) as emu:
            sm = client(emu, "sagemaker")
            for name in ("job-1", "job-2"):
                sm.create_training_job(**job_request(name, count=2, EnableManagedSpotTraining=True, CheckpointConfig={
                    "S3Uri": "s3://bucket/checkpoints"}, StoppingCondition={"MaxRuntimeInSeconds": 3600,
                                                                             "MaxWaitTimeInSeconds": 7200}))
            wait_status(sm, "job-2", {"Completed"})
            state = emu.state(lines=True)
            expected = {s["name"]: s["lines"] for job in state["jobs"] for s in job["streams"]}
            self.assertEqual(len(expected), 8)
            logs = client(emu, "logs")
            seen = {name: [] for name in expected}
            tokens = {name: None for name in expected}
            while any(t is not False for t in tokens.values()):  # Interleaved: one page per stream in turn.
                for name, token in tokens.items():
                    if token is False:
                        continue
                    args = {"nextToken": token} if token else {"startFromHead": True}
                    page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=15, **args)
                    seen[name] += [e["message"] for e in page["events"]]
                    tokens[name] = False if page["nextForwardToken"] == token else page["nextForwardToken"]
            self.assertEqual(seen, expected)


class CredentialsTest(unittest.TestCase):
    def test_assume_role_credentials_work_then_expire(self):
        with Emulator({"credentials": {"lifetime": 1.5}}) as emu:
            answer = client(emu, "sts").assume_role(RoleArn="arn:aws:iam::123456789012:role/Pipeline",
                                                    RoleSessionName="kfp")
            creds = answer["Credentials"]
            self.assertTrue(creds["AccessKeyId"].startswith("ASIA"))
            assumed = dict(key=creds["AccessKeyId"], secret=creds["SecretAccessKey"], token=creds["SessionToken"])
            client(emu, "sagemaker", **assumed).list_training_jobs()
            identity = client(emu, "sts", **assumed).get_caller_identity()
            self.assertEqual(identity["Arn"], "arn:aws:sts::123456789012:assumed-role/Pipeline/kfp")
            _, error = error_of(client(emu, "sagemaker", **dict(assumed, token="forged")).list_training_jobs)
            self.assertEqual(error["Code"], "UnrecognizedClientException")
            time.sleep(1.6)
            status, error = error_of(client(emu, "sagemaker", **assumed).list_training_jobs)
            self.assertEqual((status, error["Code"]), (400, "ExpiredTokenException"))
            _, error = error_of(client(emu, "sts", **assumed).get_caller_identity)
            self.assertEqual(error["Code"], "ExpiredToken")

    def test_web_identity_token_is_checked(self):
        with Emulator({"credentials": {"web_identity_token": "eyJ.good.token"}}) as emu:
            sts = client(emu, "sts")
            answer = sts.assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/Irsa",
                                                       RoleSessionName="pod", WebIdentityToken="eyJ.good.token")
            self.assertIn("SessionToken", answer["Credentials"])
            _, error = error_of(sts.assume_role_with_web_identity, RoleArn="arn:aws:iam::123456789012:role/Irsa",
                                RoleSessionName="pod", WebIdentityToken="eyJ.bad.token")
            self.assertEqual(error["Code"], "InvalidIdentityToken")
            unsigned = [r for r in emu.requests() if r["operation"] == "AssumeRoleWithWebIdentity"]
            self.assertEqual([r["access_key"] for r in unsigned], [None, None])

    def test_imds_and_container_credentials_sign_requests(self):
        with Emulator({"credentials": {"container_token": "Bearer pod-token"}}) as emu:
            fetched = InstanceMetadataFetcher(timeout=2, num_attempts=1, base_url=emu.endpoint_url + "/") \
                .retrieve_iam_role_credentials()
            self.assertEqual(fetched["role_name"], "emulator-instance-role")
            client(emu, "sagemaker", fetched["access_key"], fetched["secret_key"], fetched["token"]).list_training_jobs()
            with self.assertRaises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(emu.endpoint_url + "/latest/meta-data/iam/security-credentials/", timeout=5)
            self.assertEqual(raised.exception.code, 401)
            container = ContainerMetadataFetcher().retrieve_full_uri(
                emu.endpoint_url.replace("127.0.0.1", "localhost") + "/container-credentials",
                headers={"Authorization": "Bearer pod-token"})
            pod = client(emu, "logs", container["AccessKeyId"], container["SecretAccessKey"], container["Token"])
            _, error = error_of(pod.describe_log_streams, logGroupName=GROUP)
            self.assertEqual(error["Code"], "ResourceNotFoundException")  # Signed fine; no job yet.
            with self.assertRaises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(urllib.request.Request(emu.endpoint_url + "/container-credentials",
                                                              headers={"Authorization": "wrong"}), timeout=5)
            self.assertEqual(raised.exception.code, 401)


class FaultsTest(unittest.TestCase):
    def test_error_faults_at_rate_one_then_zero(self):
        with Emulator({"faults": {"ListTrainingJobs": [{"kind": "throttle", "rate": 1.0}]}}) as emu:
            sm = client(emu, "sagemaker")
            status, error = error_of(sm.list_training_jobs)
            self.assertEqual((status, error["Code"], error["Message"]), (400, "ThrottlingException", "Rate exceeded"))
            for kind, code, http in (("internal_error", "InternalFailure", 500),
                                     ("unavailable", "ServiceUnavailable", 503)):
                emu.set_faults({"*": [{"kind": kind, "rate": 1.0}]})
                status, error = error_of(sm.list_training_jobs)
                self.assertEqual((status, error["Code"]), (http, code))
            emu.set_faults({"GetCallerIdentity": [{"kind": "throttle", "rate": 1.0}]})
            self.assertEqual(error_of(client(emu, "sts").get_caller_identity)[1]["Code"], "Throttling")
            emu.set_faults({"*": [{"kind": "throttle", "rate": 0.0}]})
            self.assertEqual(sm.list_training_jobs()["TrainingJobSummaries"], [])

    def test_dropped_connections_never_corrupt_state(self):
        with Emulator({"faults": {"CreateTrainingJob": [{"kind": "drop", "rate": 1.0, "max_count": 1}]}}) as emu:
            sm = client(emu, "sagemaker")
            with self.assertRaises((ConnectionClosedError, EndpointConnectionError)):
                sm.create_training_job(**job_request())
            self.assertEqual(emu.state()["creates"], 0)
            sm.create_training_job(**job_request())  # The retry works: the drop happened before the operation.
            emu.set_faults({"CreateTrainingJob": [{"kind": "drop_after", "rate": 1.0}]})
            retrying = client(emu, "sagemaker", config=Config(retries={"total_max_attempts": 3, "mode": "standard"}))
            status, error = error_of(retrying.create_training_job, **job_request("job-2"))
            self.assertEqual((status, error["Code"]), (400, "ResourceInUse"))  # What really happens.
            state = emu.state()
            self.assertEqual((sorted(j["name"] for j in state["jobs"]), state["creates"]), (["job-1", "job-2"], 2))
            creates = [r for r in emu.requests() if r["operation"] == "CreateTrainingJob"]
            self.assertEqual([(r["status"], r["fault"]) for r in creates],
                             [(0, "drop"), (200, None), (0, "drop_after"), (400, None)])

    def test_latency_is_added(self):
        with Emulator({"faults": {"*": [{"kind": "latency", "rate": 1.0, "seconds": 0.4}]}}) as emu:
            started = time.monotonic()
            client(emu, "sagemaker").list_training_jobs()
            self.assertGreaterEqual(time.monotonic() - started, 0.4)


class RequestLogTest(unittest.TestCase):
    def test_log_has_one_line_per_request_and_no_secret(self):
        with Emulator() as emu:
            sm = client(emu, "sagemaker")
            sm.create_training_job(**job_request())
            error_of(sm.create_training_job, **job_request())
            creds = client(emu, "sts").assume_role(RoleArn="arn:aws:iam::123456789012:role/R",
                                                   RoleSessionName="sess")["Credentials"]
            error_of(client(emu, "sagemaker", secret="wrong").describe_training_job, TrainingJobName="job-1")
            rows = emu.requests()
            self.assertEqual([(r["operation"], r["status"], r["error"], r["job"]) for r in rows], [
                ("CreateTrainingJob", 200, None, "job-1"), ("CreateTrainingJob", 400, "ResourceInUse", "job-1"),
                ("AssumeRole", 200, None, None), ("DescribeTrainingJob", 403, "InvalidSignatureException", "job-1")])
            self.assertEqual({r["access_key"] for r in rows}, {STATIC_ACCESS_KEY})
            with open(emu.request_log, encoding="utf-8") as f:
                text = f.read()
            for secret in (STATIC_SECRET_KEY, creds["SecretAccessKey"], creds["SessionToken"], "Signature=", "wrong"):
                self.assertNotIn(secret, text)

    def test_scenario_files_all_load_and_the_emulator_stops_on_sigterm(self):
        for name in sorted(os.listdir(SCENARIOS)):
            loaded = scenario_module.load(os.path.join(SCENARIOS, name))
            self.assertTrue(loaded.data["description"], name)
            JobClock(loaded.job_config("job-1"), time.time(), 1.0, 2)  # Every timeline builds.
        with Emulator(os.path.join(SCENARIOS, "completed.json")) as emu:
            self.assertEqual(emu.state()["jobs"], [])
            process = emu._process  # noqa: SLF001
        self.assertEqual(process.returncode, 0)
        self.assertIsNone(emu._process)  # noqa: SLF001


class HarnessTest(unittest.TestCase):
    def test_run_program_gives_a_clean_environment(self):
        caller = {"SAGEMAKER_TRAINING_BIN": "/usr/bin/env", "AWS_PROFILE": "real", "AWS_SECRET_ACCESS_KEY": "real"}
        with mock.patch.dict(os.environ, caller), Emulator() as emu:
            code, out, _ = run_program([], static_key_env(emu), timeout=10)
        env = dict(line.split("=", 1) for line in out.splitlines())
        self.assertEqual(code, 0)
        self.assertNotIn("AWS_PROFILE", env)
        self.assertEqual(env["AWS_SECRET_ACCESS_KEY"], STATIC_SECRET_KEY)
        self.assertEqual(env["AWS_ENDPOINT_URL"], emu.endpoint_url)
        self.assertEqual(env["AWS_EC2_METADATA_DISABLED"], "true")
        self.assertTrue(env["HOME"].startswith(tempfile.gettempdir()))
        self.assertFalse(os.path.exists(env["HOME"]))


if __name__ == "__main__":
    unittest.main()
