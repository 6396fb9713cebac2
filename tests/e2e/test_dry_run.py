"""`--dry_run` over realistic argument sets: each printed CreateTrainingJob request passes botocore's
own validator and the model's max/pattern/enum constraints (service_model_check), and says what the
arguments asked for. Together the sets use every argument of the program.
"""
import json
import os
import subprocess
import unittest

import botocore.session
from botocore.validate import ParamValidator

from tests.e2e.service_model_check import check_request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("SAGEMAKER_TRAINING_BIN", os.path.join(ROOT, "build", "sagemaker-training"))

ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"
S3_CHANNEL = json.dumps([{"ChannelName": "train", "DataSource": {"S3DataSource": {
    "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/mnist/train", "S3DataDistributionType": "FullyReplicated"}},
    "ContentType": "text/csv", "CompressionType": "None"}])
TWO_CHANNELS = json.dumps([
    {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train"}},
     "InputMode": "Pipe", "RecordWrapperType": "RecordIO", "ShuffleConfig": {"Seed": 42}},
    {"ChannelName": "validation", "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile",
     "S3Uri": "s3://b/validation.manifest", "S3DataDistributionType": "ShardedByS3Key"}}, "CompressionType": "Gzip"}])
EFS_CHANNEL = json.dumps([{"ChannelName": "train", "DataSource": {"FileSystemDataSource": {
    "FileSystemId": "fs-0123456789abcdef0", "FileSystemAccessMode": "ro", "FileSystemType": "EFS",
    "DirectoryPath": "/data/train"}}}])
DEBUG_HOOK = json.dumps({"S3OutputPath": "s3://my-bucket/debug", "LocalPath": "/opt/ml/output/tensors",
                         "HookParameters": {"save_interval": "100"},
                         "CollectionConfigurations": [{"CollectionName": "losses",
                                                       "CollectionParameters": {"save_interval": "10"}}]})
DEBUG_RULES = json.dumps([{"RuleConfigurationName": "LossNotDecreasing",
                           "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
                           "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}, "InstanceType": "ml.t3.medium",
                           "VolumeSizeInGB": 0, "S3OutputPath": "s3://my-bucket/rules"}])
INSTANCE_GROUPS = json.dumps([{"InstanceGroupName": "cpu", "InstanceType": "ml.c5.2xlarge", "InstanceCount": 2},
                              {"InstanceGroupName": "gpu", "InstanceType": "ml.p3.2xlarge", "InstanceCount": 1}])
PROFILER_RULES = json.dumps([{"RuleConfigurationName": "ProfilerReport",
                              "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
                              "RuleParameters": {"rule_to_invoke": "ProfilerReport"}}])

BASE = {
    "region": "us-east-1",
    "role": ROLE,
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:1.0",
    "channels": S3_CHANNEL,
    "model_artifact_path": "s3://my-bucket/output",
}

# (description, arguments over BASE (None removes one), checks on the request)
CASES = [
    ("defaults", {}, lambda r: (r["ResourceConfig"] == {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1,
                                                        "VolumeSizeInGB": 30}
                                and r["EnableNetworkIsolation"] is True
                                and r["StoppingCondition"] == {"MaxRuntimeInSeconds": 86400}
                                and r["TrainingJobName"].startswith("TrainingJob-"))),
    ("kmeans built-in", {"image": "", "algorithm_name": "k-means",
                         "hyperparameters": '{"k": 10, "feature_dim": 784, "mini_batch_size": 500}'},
     lambda r: r["AlgorithmSpecification"]["TrainingImage"] == "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1"
     and r["HyperParameters"] == {"k": "10", "feature_dim": "784", "mini_batch_size": "500"}),
    ("xgboost newest in eu-west-1", {"image": "", "algorithm_name": "xgboost", "region": "eu-west-1",
                                     "hyperparameters": '{"num_round": 100, "eta": 0.2, "objective": "reg:squarederror"}'},
     lambda r: r["AlgorithmSpecification"]["TrainingImage"].endswith(".dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:3.0-5")
     and r["HyperParameters"]["eta"] == "0.2"),
    ("xgboost explicit version in China", {"image": "", "algorithm_name": "xgboost:1.7-1", "region": "cn-north-1",
                                           "role": "arn:aws-cn:iam::123456789012:role/SageMakerRole"},
     lambda r: r["AlgorithmSpecification"]["TrainingImage"]
     == "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1"),
    ("linear learner alias", {"image": "", "algorithm_name": "Linear Learner", "region": "ap-southeast-2",
                              "hyperparameters": '{"predictor_type": "binary_classifier", "feature_dim": 10}'},
     lambda r: "/linear-learner:1" in r["AlgorithmSpecification"]["TrainingImage"]),
    ("algorithm resource ARN", {"image": "", "algorithm_name":
                                "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-marketplace-algo"},
     lambda r: "TrainingImage" not in r["AlgorithmSpecification"]
     and r["AlgorithmSpecification"]["AlgorithmName"].endswith("/my-marketplace-algo")),
    ("metric definitions", {"metric_definitions": '{"train:loss": "loss=([0-9\\\\.]+)", "val:acc": "acc=(\\\\S+)"}'},
     lambda r: r["AlgorithmSpecification"]["MetricDefinitions"]
     == [{"Name": "train:loss", "Regex": "loss=([0-9\\.]+)"}, {"Name": "val:acc", "Regex": "acc=(\\S+)"}]),
    ("pipe mode and two channels", {"training_input_mode": "Pipe", "channels": TWO_CHANNELS},
     lambda r: r["AlgorithmSpecification"]["TrainingInputMode"] == "Pipe" and len(r["InputDataConfig"]) == 2),
    ("fastfile mode with EFS", {"training_input_mode": "FastFile", "channels": EFS_CHANNEL},
     lambda r: "FileSystemDataSource" in r["InputDataConfig"][0]["DataSource"]),
    ("GPU cluster", {"instance_type": "ml.p3.16xlarge", "instance_count": "4", "volume_size": "500"},
     lambda r: r["ResourceConfig"] == {"InstanceType": "ml.p3.16xlarge", "InstanceCount": 4, "VolumeSizeInGB": 500}),
    ("KMS keys", {"resource_encryption_key": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                  "output_encryption_key": "alias/sagemaker-output"},
     lambda r: r["OutputDataConfig"]["KmsKeyId"] == "alias/sagemaker-output" and "VolumeKmsKeyId" in r["ResourceConfig"]),
    ("28-day limit", {"max_run_time": "2419200"}, lambda r: r["StoppingCondition"]["MaxRuntimeInSeconds"] == 2419200),
    ("VPC", {"vpc_security_group_ids": "sg-0123456789abcdef0, sg-0fedcba9876543210",
             "vpc_subnets": "subnet-0123456789abcdef0,subnet-0fedcba9876543210"},
     lambda r: r["VpcConfig"] == {"SecurityGroupIds": ["sg-0123456789abcdef0", "sg-0fedcba9876543210"],
                                  "Subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]}),
    ("isolation off, encryption on", {"network_isolation": "False", "traffic_encryption": "True"},
     lambda r: r["EnableNetworkIsolation"] is False and r["EnableInterContainerTrafficEncryption"] is True),
    ("managed spot", {"spot_instance": "True", "max_run_time": "3600", "max_wait_time": "7200",
                      "checkpoint_config": '{"S3Uri": "s3://my-bucket/checkpoints", "LocalPath": "/opt/ml/checkpoints"}'},
     lambda r: r["EnableManagedSpotTraining"] is True and r["StoppingCondition"]
     == {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200} and "CheckpointConfig" in r),
    ("no spot: max_wait_time not sent", {"spot_instance": "false", "max_wait_time": "100"},
     lambda r: "MaxWaitTimeInSeconds" not in r["StoppingCondition"] and r["EnableManagedSpotTraining"] is False),
    ("debugger", {"debug_hook_config": DEBUG_HOOK, "debug_rule_config": DEBUG_RULES},
     lambda r: r["DebugHookConfig"]["S3OutputPath"] == "s3://my-bucket/debug"
     and r["DebugRuleConfigurations"][0]["RuleConfigurationName"] == "LossNotDecreasing"),
    ("tags with unicode", {"tags": '{"team": "ml-research", "project": "Nettoyage des données", "cost:center": "42"}'},
     lambda r: {"Key": "project", "Value": "Nettoyage des données"} in r["Tags"] and len(r["Tags"]) == 3),
    ("environment", {"environment": '{"LOG_LEVEL": "debug", "OMP_NUM_THREADS": "4"}'},
     lambda r: r["Environment"] == {"LOG_LEVEL": "debug", "OMP_NUM_THREADS": "4"}),
    ("explicit job name and connection settings",
     {"job_name": "mnist-kmeans-run-42", "endpoint_url": "https://vpce-0abc.api.sagemaker.us-east-1.vpce.amazonaws.com",
      "assume_role": "arn:aws:iam::123456789012:role/KfpCrossAccount", "poll_interval": "2.5", "stop_timeout": "120",
      "verbose": "True"},
     lambda r: r["TrainingJobName"] == "mnist-kmeans-run-42"),
    ("output paths are not part of the request",
     {"model_artifact_url_output_path": "/tmp/outputs/model_artifact_url/data",
      "job_name_output_path": "/tmp/outputs/job_name/data", "training_image_output_path": "/tmp/outputs/image/data",
      "ui_metadata_output_path": "/tmp/outputs/mlpipeline-ui-metadata.json",
      "metrics_output_path": "/tmp/outputs/mlpipeline-metrics.json",
      "job_arn_output_path": "/tmp/outputs/job_arn/data", "training_seconds_output_path": "/tmp/outputs/ts/data",
      "billable_seconds_output_path": "/tmp/outputs/bs/data", "final_metrics_output_path": "/tmp/outputs/fm/data",
      "job_description_output_path": "/tmp/outputs/jd/data", "curves_output_path": "/tmp/outputs/curves/data",
      "executor_input": '{"outputs": {"outputFile": "/tmp/kfp_outputs/output_metadata.json"}}'},
     lambda r: "/tmp" not in json.dumps(r)),
    # The rest of the CreateTrainingJob API (issue 14).
    ("retry strategy and warm pool", {"max_retry_attempts": "3", "keep_alive_period_in_seconds": "1800"},
     lambda r: r["RetryStrategy"] == {"MaximumRetryAttempts": 3}
     and r["ResourceConfig"]["KeepAlivePeriodInSeconds"] == 1800),
    ("instance groups", {"instance_groups": INSTANCE_GROUPS, "instance_type": "", "instance_count": ""},
     lambda r: r["ResourceConfig"] == {"InstanceGroups": json.loads(INSTANCE_GROUPS), "VolumeSizeInGB": 30}),
    ("instance groups beside the KFP defaults", {"instance_groups": INSTANCE_GROUPS},
     lambda r: "InstanceType" not in r["ResourceConfig"] and len(r["ResourceConfig"]["InstanceGroups"]) == 2),
    ("training plan and pending time",
     {"training_plan": "arn:aws:sagemaker:us-east-1:123456789012:training-plan/p5-reserved-week",
      "max_pending_time": "7200", "instance_type": "ml.p5.48xlarge"},
     lambda r: r["ResourceConfig"]["TrainingPlanArn"].endswith("/p5-reserved-week")
     and r["StoppingCondition"]["MaxPendingTimeInSeconds"] == 7200),
    ("entry point, arguments, private registry",
     {"container_entry_point": '["python3", "-m", "trainer"]', "container_arguments": '["--epochs", "3"]',
      "training_repository_access_mode": "Vpc",
      "training_repository_credentials_provider_arn": "arn:aws:lambda:us-east-1:123456789012:function:registry-creds"},
     lambda r: r["AlgorithmSpecification"]["ContainerEntrypoint"] == ["python3", "-m", "trainer"]
     and r["AlgorithmSpecification"]["ContainerArguments"] == ["--epochs", "3"]
     and r["AlgorithmSpecification"]["TrainingImageConfig"] == {
         "TrainingRepositoryAccessMode": "Vpc", "TrainingRepositoryAuthConfig": {
             "TrainingRepositoryCredentialsProviderArn": "arn:aws:lambda:us-east-1:123456789012:function:registry-creds"}}),
    ("uncompressed output and metrics time series", {"disable_output_compression": "True",
                                                    "enable_sagemaker_metrics": "True"},
     lambda r: r["OutputDataConfig"]["CompressionType"] == "NONE"
     and r["AlgorithmSpecification"]["EnableSageMakerMetricsTimeSeries"] is True),
    ("tensorboard, profiler, experiment",
     {"tensorboard_output_config": '{"S3OutputPath": "s3://my-bucket/tensorboard", "LocalPath": "/opt/ml/output/tensorboard"}',
      "profiler_config": '{"S3OutputPath": "s3://my-bucket/profiler", "ProfilingIntervalInMilliseconds": 500}',
      "profiler_rule_config": PROFILER_RULES,
      "experiment_config": '{"ExperimentName": "mnist", "TrialName": "mnist-trial-1"}',
      "fail_on_rule_issues": "True"},
     lambda r: r["TensorBoardOutputConfig"]["S3OutputPath"] == "s3://my-bucket/tensorboard"
     and r["ProfilerConfig"]["ProfilingIntervalInMilliseconds"] == 500
     and r["ProfilerRuleConfigurations"][0]["RuleConfigurationName"] == "ProfilerReport"
     and r["ExperimentConfig"]["TrialName"] == "mnist-trial-1"),
    ("infra check, remote debug, session tag chaining",
     {"enable_infra_check": "True", "enable_remote_debug": "true", "enable_session_tag_chaining": "1"},
     lambda r: r["InfraCheckConfig"] == {"EnableInfraCheck": True} and r["RemoteDebugConfig"] == {
         "EnableRemoteDebug": True} and r["SessionChainingConfig"] == {"EnableSessionTagChaining": True}),
    ("extra request fields", {"extra_request_fields": json.dumps({
        "ResourceConfig": {"InstancePlacementConfig": {"EnableMultipleJobs": True}},
        "MlflowConfig": {"MlflowResourceArn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/t"}})},
     lambda r: r["ResourceConfig"]["InstancePlacementConfig"] == {"EnableMultipleJobs": True}
     and r["ResourceConfig"]["InstanceType"] == "ml.m4.xlarge" and "MlflowConfig" in r),
    ("everything at once", {
        "image": "", "algorithm_name": "object detection", "region": "us-west-2", "job_name": "od-full-1",
        "hyperparameters": '{"num_classes": 20, "use_pretrained_model": true, "base_network": "resnet-50"}',
        "instance_type": "ml.p3.2xlarge", "instance_count": "2", "volume_size": "100", "max_run_time": "172800",
        "spot_instance": "yes", "max_wait_time": "259200", "checkpoint_config": '{"S3Uri": "s3://b/ckpt"}',
        "vpc_security_group_ids": "sg-1a2b3c4d", "vpc_subnets": "subnet-1a2b3c4d", "network_isolation": "1",
        "traffic_encryption": "yes", "tags": '{"env": "prod"}', "metric_definitions": '{"mAP": "mAP=(\\\\S+)"}',
        "channels": TWO_CHANNELS, "training_input_mode": "Pipe", "output_encryption_key": "alias/k",
        "resource_encryption_key": "alias/k", "environment": '{"A": "b"}', "debug_hook_config": DEBUG_HOOK},
     lambda r: r["HyperParameters"]["use_pretrained_model"] == "true"
     and r["AlgorithmSpecification"]["TrainingImage"].endswith("us-west-2.amazonaws.com/object-detection:1")),
]


def run_dry(arguments):
    values = dict(BASE)
    values.update(arguments)
    argv = [BIN, "--dry_run", "True"]
    for name, value in values.items():
        argv += ["--" + name, value]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"}
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, env=env)


class DryRunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.input_shape = botocore.session.get_session().get_service_model("sagemaker") \
            .operation_model("CreateTrainingJob").input_shape
        listing = subprocess.run([BIN, "--list_arguments"], capture_output=True, text=True, timeout=30, check=True)
        cls.arguments = {a["name"] for a in json.loads(listing.stdout)}

    def test_cases_cover_every_argument(self):
        used = set(BASE) | {"dry_run", "attach_only"}  # attach_only: test_attach_only_sends_nothing
        for _, arguments, _ in CASES:
            used |= set(arguments)
        self.assertEqual(self.arguments - used, set())
        self.assertGreaterEqual(len(CASES), 20)

    def test_every_request_is_valid_for_botocore_and_the_service_model(self):
        for description, arguments, check in CASES:
            with self.subTest(description):
                result = run_dry(arguments)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout.splitlines()[1][:2], "  ", "pretty JSON, 2-space indent")
                request = json.loads(result.stdout)
                report = ParamValidator().validate(request, self.input_shape)
                self.assertFalse(report.has_errors(), report.generate_report())
                self.assertEqual(check_request("CreateTrainingJob", request), [])
                self.assertTrue(check(request), json.dumps(request, indent=2))

    def test_existing_argument_sets_send_no_new_member(self):
        request = json.loads(run_dry({}).stdout)
        self.assertEqual(set(request), {"TrainingJobName", "RoleArn", "AlgorithmSpecification", "InputDataConfig",
                                        "OutputDataConfig", "ResourceConfig", "StoppingCondition",
                                        "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption",
                                        "EnableManagedSpotTraining"})

    def test_boolean_flags_without_a_value_mean_true(self):
        values = dict(BASE)
        argv = [BIN]
        for name, value in values.items():
            argv += ["--" + name, value]
        result = subprocess.run(argv + ["--disable_output_compression", "--dry_run"], capture_output=True,
                                text=True, timeout=30, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["OutputDataConfig"]["CompressionType"], "NONE")

    def test_attach_only_sends_nothing(self):
        result = run_dry({"attach_only": "True", "job_name": "existing-job"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("existing-job would be followed", result.stdout)

    def test_bad_values_name_their_argument(self):
        cases = [({"max_retry_attempts": "-1"}, "--max_retry_attempts: must be >= 1"),
                 ({"keep_alive_period_in_seconds": "x"}, "--keep_alive_period_in_seconds: must be an integer"),
                 ({"training_repository_access_mode": "vpc"}, "--training_repository_access_mode: must be one of"),
                 ({"training_plan": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/not-a-plan"},
                  "--training_plan: must match"),
                 ({"instance_groups": INSTANCE_GROUPS, "instance_type": "ml.p3.2xlarge"},
                  "--instance_groups: cannot be combined with --instance_type"),
                 ({"extra_request_fields": '{"RetryStrategy": {"MaximumRetryAttempts": 2}}', "max_retry_attempts": "2"},
                  "--extra_request_fields: RetryStrategy.MaximumRetryAttempts: already set by --max_retry_attempts"),
                 ({"instance_type": "ml.p3.2xlarg"}, "(the closest: ml.p3.2xlarge")]
        for arguments, message in cases:
            with self.subTest(message):
                result = run_dry(arguments)
                self.assertEqual(result.returncode, 2, result.stdout)
                self.assertIn(message, result.stderr)
                self.assertEqual(result.stdout, "")

    def test_a_new_instance_type_is_a_warning_and_is_sent(self):
        result = run_dry({"instance_type": "ml.p7.48xlarge"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("warning: --instance_type", result.stderr)
        self.assertEqual(json.loads(result.stdout)["ResourceConfig"]["InstanceType"], "ml.p7.48xlarge")

    def test_checker_catches_what_botocore_does_not(self):
        request = json.loads(run_dry({}).stdout)
        request["TrainingJobName"] = "bad_name"
        request["ResourceConfig"]["InstanceType"] = "ml.nope"
        request["Tags"] = [{"Key": "a!", "Value": "b"}]
        report = ParamValidator().validate(request, self.input_shape)
        self.assertFalse(report.has_errors())
        errors = "\n".join(check_request("CreateTrainingJob", request))
        for fragment in ("TrainingJobName", "InstanceType", "Tags[0].Key"):
            self.assertIn(fragment, errors)


if __name__ == "__main__":
    unittest.main()
