"""Every credential source end to end (issue 3): the real binary finds its identity the way it would on a
laptop, an EKS pod (IRSA, Pod Identity) or an EC2 node, and the emulator checks every signature.
The request log's access_key says which credentials signed each request.
"""
import os
import tempfile
import unittest

from tests.e2e.harness import (ROOT, STATIC_ACCESS_KEY, STATIC_SECRET_KEY, Emulator, run_program,
                               static_key_env)
from tests.e2e.jobs import job_args, operations, read_outputs, run_with_imds, assert_every_line_once

PROFILE_KEY = {"access_key": "AKIDPROFILEEXAMPLE", "secret_key": "profile/secret/EXAMPLE",
               "arn": "arn:aws:iam::123456789012:user/pipeline-admin"}
WEB_TOKEN = "eyJhbGciOiJSUzI1NiJ9.e2e-web-identity.c2lnbmF0dXJl"
CONTAINER_TOKEN = "e2e-pod-identity-authorization-token"
RUNNER_ROLE = "arn:aws:iam::123456789012:role/kfp-pipeline-runner"
STATUSES = [{"status": "Starting", "message": "Starting the training job", "duration": 0.5},
            {"status": "Training", "message": "Training in progress"},
            {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.5}]
SCENARIO = {"static_keys": [PROFILE_KEY],
            "credentials": {"web_identity_token": WEB_TOKEN, "container_token": CONTAINER_TOKEN,
                            "role_name": "e2e-node-role"},
            "job": {"secondary_statuses": STATUSES, "log_lines_per_instance": 6, "log_lines_per_second": 10}}
SCENARIOS = os.path.join(ROOT, "tests", "emulator", "scenarios")


class CredentialSourcesTest(unittest.TestCase):
    """One emulator for every source; each test runs its own job and looks at that job's requests."""

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(SCENARIO, time_scale=2)
        cls.emu.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-credentials-")
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)
        self.base = {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": self.emu.endpoint_url}

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_job(self, job, env, extra=(), imds=False):
        args = job_args(job, os.path.join(self.tmp, "out"), extra=extra)
        runner = run_with_imds if imds else run_program
        rc, out, err = runner(args, env, timeout=60)
        self.assertEqual(rc, 0, f"exit {rc}\n{out[-2000:]}\n{err[-2000:]}")
        self.assertEqual(read_outputs(os.path.join(self.tmp, "out"))["job_name"], job)
        return out, err

    def signing_keys(self, job):
        """Access keys that signed the job's SageMaker and Logs requests, each answered without an
        authentication error."""
        calls = [r for r in self.emu.requests() if r["job"] == job and r["service"] in ("sagemaker", "logs")]
        self.assertTrue(calls)
        self.assertEqual([r for r in calls if r["error"] in ("InvalidSignatureException", "UnrecognizedClientException",
                                                             "ExpiredTokenException")], [])
        self.assertEqual(len(operations(calls, "CreateTrainingJob")), 1)
        return {r["access_key"] for r in calls}

    def new_requests(self, before):
        return self.emu.requests()[before:]

    def test_environment_keys(self):
        self.run_job("e2e-cred-env", static_key_env(self.emu))
        self.assertEqual(self.signing_keys("e2e-cred-env"), {STATIC_ACCESS_KEY})

    def test_web_identity(self):
        token = self.write("token", WEB_TOKEN)
        before = len(self.emu.requests())
        self.run_job("e2e-cred-irsa", {**self.base, "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": RUNNER_ROLE,
                                       "AWS_ROLE_SESSION_NAME": "kfp-step"})
        sts = [r for r in self.new_requests(before) if r["service"] == "sts"]
        self.assertEqual([(r["operation"], r["status"]) for r in sts], [("AssumeRoleWithWebIdentity", 200)])
        keys = self.signing_keys("e2e-cred-irsa")
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys.pop().startswith("ASIA"))

    def test_web_identity_with_a_token_sts_refuses_exits_3(self):
        token = self.write("token", "eyJ.not-the-right-token.x")
        before = len(self.emu.requests())
        rc, out, err = run_program(job_args("e2e-cred-bad-irsa", self.tmp),
                                   {**self.base, "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": RUNNER_ROLE},
                                   timeout=30)
        self.assertEqual(rc, 3, out + err)
        self.assertIn("InvalidIdentityToken", out + err)
        self.assertEqual(operations(self.new_requests(before), "CreateTrainingJob"), [])

    def test_profile_with_static_keys(self):
        credentials = self.write("credentials", f"[default]\naws_access_key_id = {STATIC_ACCESS_KEY}\n"
                                                f"aws_secret_access_key = {STATIC_SECRET_KEY}\n\n[pipeline]\n"
                                                f"aws_access_key_id = {PROFILE_KEY['access_key']}\n"
                                                f"aws_secret_access_key = {PROFILE_KEY['secret_key']}\n")
        self.run_job("e2e-cred-profile", {**self.base, "AWS_SHARED_CREDENTIALS_FILE": credentials,
                                          "AWS_CONFIG_FILE": os.path.join(self.tmp, "no-config"),
                                          "AWS_PROFILE": "pipeline"})
        self.assertEqual(self.signing_keys("e2e-cred-profile"), {PROFILE_KEY["access_key"]})

    def test_profile_role_arn_with_source_profile(self):
        credentials = self.write("credentials", f"[base]\naws_access_key_id = {PROFILE_KEY['access_key']}\n"
                                                f"aws_secret_access_key = {PROFILE_KEY['secret_key']}\n")
        config = self.write("config", f"[profile pipeline]\nrole_arn = {RUNNER_ROLE}\nsource_profile = base\n"
                                      "region = us-east-1\n")
        before = len(self.emu.requests())
        self.run_job("e2e-cred-source-profile", {**self.base, "AWS_SHARED_CREDENTIALS_FILE": credentials,
                                                 "AWS_CONFIG_FILE": config, "AWS_PROFILE": "pipeline"})
        sts = [r for r in self.new_requests(before) if r["service"] == "sts"]
        self.assertEqual([(r["operation"], r["status"], r["access_key"]) for r in sts],
                         [("AssumeRole", 200, PROFILE_KEY["access_key"])])
        keys = self.signing_keys("e2e-cred-source-profile")
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys.pop().startswith("ASIA"))

    def test_container_credentials(self):
        before = len(self.emu.requests())
        self.run_job("e2e-cred-container", {
            **self.base, "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"{self.emu.endpoint_url}/container-credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": CONTAINER_TOKEN})
        fetched = operations(self.new_requests(before), "GetContainerCredentials")
        self.assertEqual([r["status"] for r in fetched], [200])
        keys = self.signing_keys("e2e-cred-container")
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys.pop().startswith("ASIA"))

    # One 503 from the Pod Identity agent (it may still be starting with the pod) is retried: credentials
    # are first fetched inside the first call's retry loop (botocore tries the container endpoint 3 times).
    def test_container_endpoint_answering_503_once_is_retried(self):
        self.emu.set_faults({"GetContainerCredentials": [{"kind": "unavailable", "max_count": 1}]})
        self.addCleanup(self.emu.set_faults, {})
        self.run_job("e2e-cred-container-503", {
            **self.base, "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"{self.emu.endpoint_url}/container-credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": CONTAINER_TOKEN})

    def test_container_credentials_from_a_token_file(self):
        token = self.write("pod-identity-token", CONTAINER_TOKEN)
        self.run_job("e2e-cred-container-file", {
            **self.base, "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"{self.emu.endpoint_url}/container-credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": token})
        self.assertTrue(self.signing_keys("e2e-cred-container-file").pop().startswith("ASIA"))

    def test_instance_metadata(self):
        before = len(self.emu.requests())
        self.run_job("e2e-cred-imds", {**self.base, "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.emu.endpoint_url},
                     imds=True)
        metadata = [(r["operation"], r["status"]) for r in self.new_requests(before) if r["service"] == "metadata"]
        self.assertEqual(metadata[:3], [("GetMetadataToken", 200), ("GetRoleName", 200), ("GetRoleCredentials", 200)])
        keys = self.signing_keys("e2e-cred-imds")
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys.pop().startswith("ASIA"))

    def test_assume_role_on_top_of_environment_keys(self):
        before = len(self.emu.requests())
        self.run_job("e2e-cred-assume", static_key_env(self.emu),
                     extra=["--assume_role", "arn:aws:iam::123456789012:role/SageMakerCrossAccount"])
        sts = [r for r in self.new_requests(before) if r["service"] == "sts"]
        self.assertEqual([(r["operation"], r["status"], r["access_key"]) for r in sts],
                         [("AssumeRole", 200, STATIC_ACCESS_KEY)])
        keys = self.signing_keys("e2e-cred-assume")
        self.assertEqual(len(keys), 1)
        key = keys.pop()
        self.assertNotEqual(key, STATIC_ACCESS_KEY)
        self.assertTrue(key.startswith("ASIA"))

    def test_per_service_endpoint_variables_override_the_global_one(self):
        # The global variable names a dead port: every service must be reached through its own variable.
        url = self.emu.endpoint_url
        env = {**static_key_env(self.emu), "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ENDPOINT_URL_SAGEMAKER": url,
               "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": url, "AWS_ENDPOINT_URL_STS": url}
        before = len(self.emu.requests())
        self.run_job("e2e-cred-endpoints", env,
                     extra=["--assume_role", "arn:aws:iam::123456789012:role/SageMakerCrossAccount"])
        services = {r["service"] for r in self.new_requests(before)}
        self.assertEqual(services, {"sts", "sagemaker", "logs"})

    def test_nothing_configured_exits_3_listing_what_was_tried(self):
        before = len(self.emu.requests())
        rc, out, err = run_program(job_args("e2e-cred-none", self.tmp), self.base, timeout=30)
        self.assertEqual(rc, 3, out + err)
        messages = [line for line in (out + err).splitlines() if line.strip()]
        self.assertEqual(len(messages), 1, messages)
        for tried in ("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "profile", "AWS_CONTAINER_CREDENTIALS",
                      "AWS_EC2_METADATA_DISABLED"):
            self.assertIn(tried, messages[0])
        self.assertEqual(self.new_requests(before), [])

    def test_bad_secret_exits_3_naming_invalid_signature_and_creates_nothing(self):
        creates = self.emu.state()["creates"]
        rc, out, err = run_program(job_args("e2e-cred-bad-secret", self.tmp),
                                   {**static_key_env(self.emu), "AWS_SECRET_ACCESS_KEY": "not/the/secret"}, timeout=30)
        self.assertEqual(rc, 3, out + err)
        self.assertIn("InvalidSignatureException", out + err)
        self.assertFalse("not/the/secret" in out + err, "the secret was printed")
        self.assertEqual(self.emu.state()["creates"], creates)
        self.assertFalse([j for j in self.emu.state()["jobs"] if j["name"] == "e2e-cred-bad-secret"])


class ShortLivedCredentialsTest(unittest.TestCase):
    def test_credentials_living_20_s_refreshed_across_a_60_s_job(self):
        job = "e2e-cred-short"
        with Emulator(os.path.join(SCENARIOS, "short-credentials.json"), time_scale=1) as emu, \
                tempfile.TemporaryDirectory() as tmp:
            token = os.path.join(tmp, "token")
            with open(token, "w", encoding="utf-8") as f:
                f.write("emulator-web-identity-token")
            rc, out, err = run_program(job_args(job, os.path.join(tmp, "out"), poll="0.5"),
                                       {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": emu.endpoint_url,
                                        "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": RUNNER_ROLE},
                                       timeout=150)
            self.assertEqual(rc, 0, f"{out[-2000:]}\n{err[-2000:]}")
            self.assertEqual(read_outputs(os.path.join(tmp, "out"))["job_name"], job)
            assert_every_line_once(self, out, emu.state(lines=True), job)
            requests = emu.requests()
            sts = operations(requests, "AssumeRoleWithWebIdentity")
            self.assertGreaterEqual(len(sts), 3, "60 s of 20-s credentials needs several STS calls")
            self.assertLessEqual(len(sts), 20, "credentials fetched far more often than they expire")
            keys = {r["access_key"] for r in requests if r["job"] == job}
            self.assertGreaterEqual(len(keys), 3)
            for i, entry in enumerate(requests):
                if entry["error"] == "ExpiredTokenException":
                    retried = [r for r in requests[i + 1:] if r["operation"] == entry["operation"]
                               and r["job"] == entry["job"] and r["status"] == 200]
                    self.assertTrue(retried, f"refused as expired and never retried: {entry}")
            self.assertEqual(emu.state()["rejected_signatures"], 0)


if __name__ == "__main__":
    unittest.main()
