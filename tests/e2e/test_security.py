"""No secret in the program's output at any verbosity (issue 5): the real binary runs with --verbose against
the emulator with every kind of secret in play (a static secret key, session tokens issued by STS, IMDS
and the container endpoint, refreshed several times; a web identity token; a container authorization
token; IMDSv2 session tokens), on success and on failure paths, and the WHOLE stdout+stderr is searched
for each secret the emulator knows of (GET /_emulator/state?secrets=1) and for signature material.
"""
import json
import os
import re
import tempfile
import unittest
import urllib.request

from tests.e2e.harness import STATIC_SECRET_KEY, Emulator, run_program, static_key_env
from tests.e2e.jobs import job_args, read_outputs, run_with_imds

WEB_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImUyZSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2VjcmV0LXNpZw"
CONTAINER_TOKEN = "e2e-container-authorization-token-0123456789"
ROLE = "arn:aws:iam::123456789012:role/kfp-pipeline-runner"
# Credentials live 4 s while the job runs about 8 s: refreshes happen, and are logged, too.
SCENARIO = {"credentials": {"lifetime": 4, "web_identity_token": WEB_TOKEN, "container_token": CONTAINER_TOKEN},
            "job": {"instance_count": 2,
                    "secondary_statuses": [
                        {"status": "Starting", "message": "Starting the training job", "duration": 1},
                        {"status": "Training", "message": "Training in progress"},
                        {"status": "Uploading", "message": "Uploading generated training model", "duration": 1}],
                    "log_lines_per_instance": 24, "log_lines_per_second": 4}}
# What a signed request or a credential document carries; none of it may be printed.
FORBIDDEN_PATTERNS = [r"Signature=", r"Authorization", r"(?i)x-amz-security-token", r"Credential=",
                      r"(?i)SecretAccessKey", r"(?i)\"Token\"\s*:", r"(?i)SessionToken"]


class VerboseSecretsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(SCENARIO, time_scale=1)
        cls.emu.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-security-")
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)
        self.base = {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": self.emu.endpoint_url}

    def secrets(self):
        with urllib.request.urlopen(f"{self.emu.endpoint_url}/_emulator/state?secrets=1", timeout=5) as answer:
            state = json.load(answer)
        issued = [value for c in state["issued_secrets"] for value in (c["secret_key"], c["session_token"])]
        return [STATIC_SECRET_KEY, WEB_TOKEN, CONTAINER_TOKEN, *issued, *state["imds_tokens"]]

    def assert_no_secret(self, output, expect_issued):
        secrets = self.secrets()
        self.assertGreaterEqual(len(secrets), 3 + expect_issued, "the emulator issued fewer secrets than expected")
        for secret in secrets:
            # assertFalse, not assertNotIn: a failing test must not print the secret it found either.
            self.assertFalse(secret in output, "a secret was printed")
            # A truncated secret is still a leak: no 16-character piece of it either.
            for start in range(0, len(secret) - 16, 8):
                self.assertFalse(secret[start:start + 16] in output, "part of a secret was printed")
        for pattern in FORBIDDEN_PATTERNS:
            self.assertFalse(bool(re.search(pattern, output)), f"{pattern} printed")

    def assert_verbose_lines(self, err, operations):
        traced = [line for line in err.splitlines() if "[aws]" in line]
        for operation in operations:
            self.assertTrue(any(operation in line for line in traced), f"no verbose line for {operation}:\n"
                            + "\n".join(traced[:20]))

    def run_job(self, job, env, extra=(), imds=False, expect_rc=0):
        args = job_args(job, os.path.join(self.tmp, "out"), instances=2, extra=["--verbose", "True", *extra])
        rc, out, err = (run_with_imds if imds else run_program)(args, env, timeout=90)
        self.assertEqual(rc, expect_rc, f"{out[-1500:]}\n{err[-1500:]}")
        return out + err, err

    def test_environment_keys_with_assume_role(self):
        output, err = self.run_job("e2e-sec-assume", static_key_env(self.emu),
                                   extra=["--assume_role", "arn:aws:iam::123456789012:role/SageMakerCrossAccount"])
        self.assertEqual(read_outputs(os.path.join(self.tmp, "out"))["job_name"], "e2e-sec-assume")
        self.assert_verbose_lines(err, ["AssumeRole", "CreateTrainingJob", "DescribeTrainingJob",
                                        "DescribeLogStreams", "GetLogEvents"])
        self.assert_no_secret(output, expect_issued=2)

    def test_web_identity(self):
        token = os.path.join(self.tmp, "token")
        with open(token, "w", encoding="utf-8") as f:
            f.write(WEB_TOKEN)
        output, err = self.run_job("e2e-sec-irsa", {**self.base, "AWS_WEB_IDENTITY_TOKEN_FILE": token,
                                                    "AWS_ROLE_ARN": ROLE})
        self.assert_verbose_lines(err, ["AssumeRoleWithWebIdentity", "CreateTrainingJob", "GetLogEvents"])
        self.assert_no_secret(output, expect_issued=4)

    def test_container_and_imds(self):
        output, err = self.run_job("e2e-sec-container", {
            **self.base, "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"{self.emu.endpoint_url}/container-credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": CONTAINER_TOKEN})
        self.assert_no_secret(output, expect_issued=2)
        output, err = self.run_job("e2e-sec-imds", {**self.base,
                                                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.emu.endpoint_url},
                                   imds=True)
        self.assert_no_secret(output, expect_issued=2)

    def test_failures_name_the_error_not_the_secret(self):
        output, _ = self.run_job("e2e-sec-bad-secret", {**static_key_env(self.emu),
                                                        "AWS_SECRET_ACCESS_KEY": "wrong/secret/key/0123456789abcdef"},
                                 expect_rc=3)
        self.assertIn("InvalidSignatureException", output)
        self.assertFalse("wrong/secret/key" in output or "0123456789abcdef" in output, "the secret was printed")
        self.assert_no_secret(output, expect_issued=0)
        token = os.path.join(self.tmp, "bad-token")
        bad_token = "eyJ.a-refused-web-identity-token-abcdefghijklmnop.sig"
        with open(token, "w", encoding="utf-8") as f:
            f.write(bad_token)
        output, _ = self.run_job("e2e-sec-bad-irsa", {**self.base, "AWS_WEB_IDENTITY_TOKEN_FILE": token,
                                                      "AWS_ROLE_ARN": ROLE}, expect_rc=3)
        self.assertIn("InvalidIdentityToken", output)
        self.assertFalse("a-refused-web-identity-token" in output, "the web identity token was printed")
        self.assert_no_secret(output, expect_issued=0)


if __name__ == "__main__":
    unittest.main()
