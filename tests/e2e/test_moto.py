"""The real binary against moto_server (moto 5) with IAM authentication on: a second, independent
implementation of the SageMaker and CloudWatch Logs APIs and of SigV4 checking.

How moto's auth works (moto/core/authorization.py, moto/settings.py): every request is authenticated and
authorised against moto's own IAM once `ActionAuthenticatorMixin.request_count` reaches
settings.INITIAL_NO_AUTH_ACTION_COUNT (default infinity, i.e. auth off). The test creates an IAM user, a
policy allowing sagemaker:* and logs:*, and an access key with auth still off, then POSTs "0" to
/moto-api/reset-auth (body as text/plain: a form content type leaves Flask's request.data empty and moto
answers 500), which turns checking on for every later request: the binary's signatures are verified
(SignatureDoesNotMatch otherwise) and its actions authorised by the user's policy (AccessDenied otherwise).

What moto does differently from SageMaker (and from tests/emulator):
- CreateTrainingJob makes a job that is already Completed: no InProgress, one secondary status transition
  (Starting, "Preparing the instances for training"), TrainingTimeInSeconds/BillableTimeInSeconds absent,
  FinalMetricDataList = [train:progress 100], S3ModelArtifacts = <S3OutputPath>/<job>/output/model.tar.gz.
- No CloudWatch log group /aws/sagemaker/TrainingJobs: DescribeLogStreams answers
  ResourceNotFoundException; the program must still finish.
- No StopTrainingJob, no debugger rule evaluations.
- No duplicate-name check: a second CreateTrainingJob with the same name replaces the job instead of
  answering ResourceInUse, so a rerun "creates" again rather than attaching.
- Authentication and authorisation errors of the JSON services come back as XML bodies
  (<ErrorResponse><Errors><Error><Code>...).
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import boto3

from tests.e2e.harness import ROOT, run_program
from tests.e2e.jobs import IMAGE, OUTPUT_PATH, job_args, read_outputs

START_TIMEOUT = 30.0
ALLOW_TRAINING = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sagemaker:*", "logs:*"], "Resource": "*"}]}
ALLOW_LOGS_ONLY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:*"], "Resource": "*"}]}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """moto_server on a free loopback port; always terminated (then killed) by stop()."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)], cwd=ROOT,
            stdout=self._log, stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "INITIAL_NO_AUTH_ACTION_COUNT"})
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(self.url + "/moto-api/", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("moto_server did not start")
                time.sleep(0.1)

    def client(self, service, key=None):
        key = key or {"AccessKeyId": "setup", "SecretAccessKey": "setup"}
        return boto3.client(service, endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])

    def user_with_policy(self, name, policy):
        iam = self.client("iam")
        iam.create_user(UserName=name)
        arn = iam.create_policy(PolicyName=f"{name}-policy", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
        iam.attach_user_policy(UserName=name, PolicyArn=arn)
        return iam.create_access_key(UserName=name)["AccessKey"]

    def enforce_auth(self):
        request = urllib.request.Request(self.url + "/moto-api/reset-auth", data=b"0", method="POST",
                                         headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=5) as answer:
            json.load(answer)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()


class MotoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        try:
            cls.key = cls.moto.user_with_policy("kfp-pipeline-runner", ALLOW_TRAINING)
            cls.logs_only_key = cls.moto.user_with_policy("logs-reader", ALLOW_LOGS_ONLY)
            cls.moto.enforce_auth()
        except BaseException:
            cls.moto.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-moto-")
        self.out_dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def env(self, key=None, secret=None):
        key = key or self.key
        return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": secret or key["SecretAccessKey"],
                "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": self.moto.url}

    def job_names(self):
        sagemaker = self.moto.client("sagemaker", self.key)
        return [j["TrainingJobName"] for j in sagemaker.list_training_jobs(MaxResults=100)["TrainingJobSummaries"]]

    def test_auth_is_enforced_for_boto3_too(self):
        # The premise of the other tests: moto refuses an unknown key.
        with self.assertRaises(Exception) as refused:
            self.moto.client("sagemaker", {"AccessKeyId": "AKIDUNKNOWN", "SecretAccessKey": "x"}).list_training_jobs()
        self.assertIn("InvalidClientTokenId", str(refused.exception))

    def test_job_created_described_to_completion_outputs_written(self):
        job = "moto-completed"
        args = job_args(job, self.out_dir, poll="0.3", ui_outputs=True)
        rc, out, err = run_program(args, self.env(), timeout=60)
        self.assertEqual(rc, 0, f"{out[-2000:]}\n{err[-2000:]}")
        self.assertEqual(read_outputs(self.out_dir), {
            "model_artifact_url": f"{OUTPUT_PATH}/{job}/output/model.tar.gz", "job_name": job,
            "training_image": IMAGE})
        with open(os.path.join(self.out_dir, "mlpipeline-metrics.json"), encoding="utf-8") as f:
            self.assertEqual([m["numberValue"] for m in json.load(f)["metrics"]], [100])
        with open(os.path.join(self.out_dir, "mlpipeline-ui-metadata.json"), encoding="utf-8") as f:
            self.assertIn(job, json.load(f)["outputs"][0]["source"])
        self.assertIn("Completed", out)
        self.assertIn(job, self.job_names())
        described = self.moto.client("sagemaker", self.key).describe_training_job(TrainingJobName=job)
        self.assertEqual(described["ResourceConfig"]["InstanceType"], "ml.m5.xlarge")
        self.assertEqual(described["HyperParameters"]["k"], "10")

    def test_rerun_finishes_and_keeps_one_job_of_the_name(self):
        job = "moto-rerun"
        for attempt in range(2):
            rc, out, err = run_program(job_args(job, self.out_dir, poll="0.3"), self.env(), timeout=60)
            self.assertEqual(rc, 0, f"attempt {attempt}: {out[-2000:]}\n{err[-2000:]}")
        self.assertEqual(self.job_names().count(job), 1)
        self.assertEqual(read_outputs(self.out_dir)["job_name"], job)

    def test_bad_secret_is_refused_by_moto_and_exits_3(self):
        job = "moto-bad-secret"
        rc, out, err = run_program(job_args(job, self.out_dir), self.env(secret="not/the/secret/key"), timeout=60)
        self.assertEqual(rc, 3, out + err)
        self.assertIn("SignatureDoesNotMatch", out + err)
        self.assertFalse("not/the/secret/key" in out + err, "the secret was printed")
        self.assertNotIn(job, self.job_names())
        self.assertEqual(read_outputs(self.out_dir), {})

    def test_user_without_sagemaker_permission_exits_3(self):
        job = "moto-denied"
        rc, out, err = run_program(job_args(job, self.out_dir), self.env(self.logs_only_key), timeout=60)
        self.assertEqual(rc, 3, out + err)
        self.assertIn("AccessDenied", out + err)
        self.assertNotIn(job, self.job_names())


if __name__ == "__main__":
    unittest.main()
