"""Bad input: every case exits 2, names the offending argument on stderr, prints no request and opens
no connection. The program is pointed at a loopback socket this test listens on (--endpoint_url and
every AWS_ENDPOINT_URL* variable), with fake static credentials so that a program which got past
validation would really try to connect; the test then asserts nothing connected.
"""
import json
import os
import select
import socket
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("SAGEMAKER_TRAINING_BIN", os.path.join(ROOT, "build", "sagemaker-training"))

CHANNELS = json.dumps([{"ChannelName": "train", "DataSource": {"S3DataSource": {
    "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train"}}}])
BASE = {
    "region": "us-east-1",
    "role": "arn:aws:iam::123456789012:role/SageMakerRole",
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
    "channels": CHANNELS,
    "model_artifact_path": "s3://my-bucket/output",
    "poll_interval": "0.1",
}

# (arguments over BASE, argument that must be named on stderr, extra text expected on stderr)
CASES = [
    ({"region": ""}, "region", "is required"),
    ({"region": "us-east"}, "region", ""),
    ({"region": "useast1"}, "region", ""),
    ({"endpoint_url": "ftp://127.0.0.1"}, "endpoint_url", "http"),
    ({"assume_role": "arn:aws:iam::123:role/x"}, "assume_role", ""),
    ({"job_name": "bad_name"}, "job_name", ""),
    ({"job_name": "x" * 64}, "job_name", "63"),
    ({"job_name": "-leading-hyphen"}, "job_name", ""),
    ({"role": ""}, "role", "is required"),
    ({"role": "arn:aws:iam::123456789012:user/bob"}, "role", ""),
    ({"image": ""}, "image", "neither"),
    ({"algorithm_name": "k-means"}, "image", "both"),
    ({"image": "", "algorithm_name": "bad name!"}, "algorithm_name", "k-means"),
    ({"image": "", "algorithm_name": "xgboost:0.0-0"}, "algorithm_name", "1.7-1"),
    ({"image": "", "algorithm_name": "lda", "region": "af-south-1"}, "algorithm_name", "not available"),
    ({"image": "i" * 256}, "image", "255"),
    # "\udc93" reaches the program as the single byte 0x93 (surrogateescape): not UTF-8.
    ({"image": "trainer:\udc93latest"}, "image", "UTF-8"),
    ({"metric_definitions": "[1]"}, "metric_definitions", "JSON object"),
    ({"metric_definitions": '{"loss": ""}'}, "metric_definitions", ""),
    ({"training_input_mode": "Streaming"}, "training_input_mode", "Pipe, File, FastFile"),
    ({"hyperparameters": '{"a": {"b": 1}}'}, "hyperparameters", "nested"),
    ({"hyperparameters": "{not json"}, "hyperparameters", "invalid JSON"),
    ({"channels": ""}, "channels", "is required"),
    ({"channels": "[]"}, "channels", "at least one"),
    ({"channels": '[{"ChannelName": "t"}]'}, "channels", "DataSource"),
    ({"channels": '[{"ChannelName": "t", "DataSource": {"S3DataSource": {"S3DataType": "Prefix", "S3Uri": "s3://b/t"}}}]'},
     "channels", "S3Prefix"),
    ({"channels": '[{"ChannelName": "t", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "/local"}}}]'},
     "channels", "S3Uri"),
    ({"instance_type": "ml.m4.huge"}, "instance_type", "ml.m5.large"),
    ({"instance_count": "0"}, "instance_count", 'must be an integer >= 1, got "0"'),
    ({"instance_count": "two"}, "instance_count", ""),
    ({"volume_size": "0"}, "volume_size", ">= 1"),
    ({"volume_size": "1.5"}, "volume_size", ""),
    ({"resource_encryption_key": "bad key"}, "resource_encryption_key", ""),
    ({"max_run_time": "0"}, "max_run_time", "2419200"),
    ({"max_run_time": "2419201"}, "max_run_time", "2419200"),
    ({"model_artifact_path": ""}, "model_artifact_path", "is required"),
    ({"model_artifact_path": "my-bucket/output"}, "model_artifact_path", ""),
    ({"output_encryption_key": "k" * 2049}, "output_encryption_key", "2048"),
    ({"vpc_security_group_ids": "sg-1"}, "vpc_subnets", "both or neither"),
    ({"vpc_subnets": "subnet-1"}, "vpc_security_group_ids", "both or neither"),
    ({"vpc_security_group_ids": "sg-1,,sg-2", "vpc_subnets": "subnet-1"}, "vpc_security_group_ids", "empty"),
    ({"vpc_security_group_ids": ",".join("sg-%d" % i for i in range(6)), "vpc_subnets": "s-1"},
     "vpc_security_group_ids", "at most 5"),
    ({"network_isolation": "maybe"}, "network_isolation", "True/False"),
    ({"traffic_encryption": "2"}, "traffic_encryption", "True/False"),
    ({"spot_instance": "sure"}, "spot_instance", "True/False"),
    ({"spot_instance": "True"}, "checkpoint_config", "S3Uri"),
    ({"spot_instance": "True", "checkpoint_config": '{"S3Uri": "s3://b/c"}', "max_wait_time": "3600"},
     "max_wait_time", ">= --max_run_time"),
    ({"max_wait_time": "-5"}, "max_wait_time", ""),
    ({"checkpoint_config": '{"LocalPath": "/x"}'}, "checkpoint_config", "S3Uri"),
    ({"debug_hook_config": '{"S3OutputPath": 5}'}, "debug_hook_config", "string"),
    ({"debug_rule_config": '[{"RuleConfigurationName": "r"}]'}, "debug_rule_config", "RuleEvaluatorImage"),
    ({"debug_rule_config": '[{"RuleConfigurationName": "r", "RuleEvaluatorImage": "i", "InstanceType": "ml.x"}]'},
     "debug_rule_config", "127 accepted values (the closest: ml.t3.large"),
    ({"tags": '{"bad#key": "v"}'}, "tags", ""),
    ({"tags": '["a"]'}, "tags", "JSON object"),
    ({"environment": '{"1BAD": "x"}'}, "environment", ""),
    ({"poll_interval": "0"}, "poll_interval", "> 0"),
    ({"stop_timeout": "soon"}, "stop_timeout", ""),
    ({"dry_run": "perhaps"}, "dry_run", "True/False"),
    ({"verbose": "loud"}, "verbose", "True/False"),
    ({"no_such_argument": "1"}, "no_such_argument", "not expected"),
]


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.setblocking(False)
        self.url = "http://127.0.0.1:%d" % self.listener.getsockname()[1]

    def tearDown(self):
        self.listener.close()

    def run_program(self, arguments):
        values = dict(BASE)
        values["endpoint_url"] = self.url
        values.update(arguments)
        argv = [BIN]
        for name, value in values.items():
            argv += ["--" + name, value]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent",
               "AWS_ACCESS_KEY_ID": "AKIDEXAMPLEBADINPUT", "AWS_SECRET_ACCESS_KEY": "bad/input/secret/EXAMPLE",
               "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1"}
        for variable in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL_STS",
                         "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_EC2_METADATA_SERVICE_ENDPOINT"):
            env[variable] = self.url
        return subprocess.run(argv, capture_output=True, text=True, timeout=30, env=env)

    def assert_nothing_connected(self, label):
        readable, _, _ = select.select([self.listener], [], [], 0)
        self.assertEqual(readable, [], f"{label}: the program connected to the endpoint")

    def test_listener_would_notice_a_connection(self):
        with socket.create_connection(self.listener.getsockname(), timeout=5):
            pass
        readable, _, _ = select.select([self.listener], [], [], 5)
        self.assertEqual(readable, [self.listener])

    def test_every_bad_input_exits_2_naming_the_argument(self):
        self.assertGreaterEqual(len(CASES), 40)
        for arguments, argument, fragment in CASES:
            label = " ".join("--%s %r" % item for item in arguments.items())
            with self.subTest(label):
                result = self.run_program(arguments)
                self.assertEqual(result.returncode, 2, f"{label}\nstderr: {result.stderr}")
                self.assertIn("--" + argument, result.stderr, label)
                self.assertIn(fragment, result.stderr, label)
                self.assertEqual(result.stdout, "", label)
                self.assertNotIn("bad/input/secret", result.stderr)
                self.assert_nothing_connected(label)

    def test_all_violations_are_reported_together(self):
        result = self.run_program({"region": "", "instance_count": "0", "tags": "[]", "max_run_time": "x"})
        self.assertEqual(result.returncode, 2)
        lines = [line for line in result.stderr.splitlines() if line.startswith("--")]
        self.assertEqual([line.split(":")[0] for line in lines],
                         ["--region", "--instance_count", "--max_run_time", "--tags"])
        self.assert_nothing_connected("several violations")


if __name__ == "__main__":
    unittest.main()
