#!/usr/bin/env python3
"""XGBoost on MNIST with deliberately bad hyperparameters, watched by SageMaker Debugger rules.

The training step saves tensors with a Debugger hook (debug_hook_config) and SageMaker runs two
built-in rules on them (debug_rule_config); sagemaker-training waits for the rule evaluations after
the job ends, prints their results, and fails the step if a rule evaluation errors. With eta=0 the
model never learns, so LossNotDecreasing reports IssuesFound.

Compile with `python3 debugger_pipeline.py` (writes debugger_pipeline.yaml) and upload the YAML in
the Kubeflow Pipelines UI. step_args.json holds the exact command line the training step runs.
"""
import os

from kfp import compiler, components, dsl

HERE = os.path.dirname(os.path.abspath(__file__))
sagemaker_train_op = components.load_component_from_file(os.path.join(HERE, "../../component.yaml"))

# Replace with your bucket (in REGION) and the SageMaker execution role (../simple_train_pipeline/README.md).
BUCKET = "my-bucket"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
# A compile-time constant, not a run parameter: the rule evaluator image below is regional.
REGION = "us-east-1"

# The account that hosts the SageMaker Debugger built-in rules image in each region (the SageMaker
# Python SDK's image_uri_config/debugger.json). A region missing here has no built-in rules.
DEBUGGER_RULES_ACCOUNTS = {
    "af-south-1": "314341159256",
    "ap-east-1": "199566480951",
    "ap-northeast-1": "430734990657",
    "ap-northeast-2": "578805364391",
    "ap-northeast-3": "479947661362",
    "ap-south-1": "904829902805",
    "ap-southeast-1": "972752614525",
    "ap-southeast-2": "184798709955",
    "ca-central-1": "519511493484",
    "cn-north-1": "618459771430",
    "cn-northwest-1": "658757709296",
    "eu-central-1": "482524230118",
    "eu-north-1": "314864569078",
    "eu-south-1": "563282790590",
    "eu-west-1": "929884845733",
    "eu-west-2": "250201462417",
    "eu-west-3": "447278800020",
    "me-south-1": "986000313247",
    "sa-east-1": "818342061345",
    "us-east-1": "503895931360",
    "us-east-2": "915447279597",
    "us-gov-west-1": "515509971035",
    "us-west-1": "685455198987",
    "us-west-2": "895741380848",
}


def debugger_rules_image(region):
    """The built-in rules evaluator image of `region`, as image_uris.retrieve("debugger", region)."""
    domain = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"{DEBUGGER_RULES_ACCOUNTS[region]}.dkr.ecr.{region}.{domain}/sagemaker-debugger-rules:latest"


def built_in_rule(name, **parameters):
    """A DebugRuleConfiguration running the built-in rule `name` with string `parameters`."""
    return {
        "RuleConfigurationName": name,
        "RuleEvaluatorImage": debugger_rules_image(REGION),
        "RuleParameters": {"rule_to_invoke": name, **parameters},
    }


DEBUG_HOOK_CONFIG = {
    "S3OutputPath": f"s3://{BUCKET}/mnist_xgboost_debugger/tensors",
    "CollectionConfigurations": [
        {"CollectionName": "metrics", "CollectionParameters": {"save_interval": "3"}},
        {"CollectionName": "losses", "CollectionParameters": {"save_interval": "10"}},
        {"CollectionName": "feature_importance", "CollectionParameters": {"save_interval": "5"}},
        {"CollectionName": "average_shap", "CollectionParameters": {"save_interval": "5"}},
    ],
}

DEBUG_RULE_CONFIG = [
    built_in_rule("LossNotDecreasing", tensor_regex=".*"),
    built_in_rule("Overtraining", patience_train="10", patience_validation="20"),
]

# eta=0 means no learning at all: the losses stay flat and LossNotDecreasing fires.
BAD_HYPERPARAMETERS = {
    "objective": "multi:softmax",
    "num_class": "10",
    "num_round": "50",
    "max_depth": "5",
    "eta": "0",
    "gamma": "4",
    "min_child_weight": "6",
    "subsample": "0.7",
}


def csv_channel(name, key):
    return {
        "ChannelName": name,
        "DataSource": {
            "S3DataSource": {
                "S3Uri": f"s3://{BUCKET}/{key}",
                "S3DataType": "S3Prefix",
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": "text/csv",
        "InputMode": "File",
    }


CHANNELS = [
    csv_channel("train", "mnist_xgboost_example/train.csv"),
    csv_channel("validation", "mnist_xgboost_example/validation.csv"),
]


@dsl.component(base_image="python:3.11-slim")
def use_model(model_artifact_url: str, job_name: str, training_image: str) -> str:
    """Stands in for whatever consumes the model (deployment, evaluation, registration)."""
    if not (model_artifact_url.startswith("s3://") and model_artifact_url.endswith("/model.tar.gz")):
        raise ValueError(f"unexpected model artifact URL: {model_artifact_url!r}")
    print(f"training job {job_name} ({training_image}) produced {model_artifact_url}")
    return model_artifact_url


@dsl.pipeline(
    name="sagemaker-xgboost-debugger",
    description="XGBoost with bad hyperparameters on SageMaker; Debugger rules report the problem",
)
def xgboost_debugger(
    role: str = ROLE_ARN,
    algorithm_name: str = "xgboost:1.5-1",
    hyperparameters: dict = BAD_HYPERPARAMETERS,
    instance_type: str = "ml.m5.2xlarge",
    model_artifact_path: str = f"s3://{BUCKET}/mnist_xgboost_debugger/output",
):
    training = sagemaker_train_op(
        region=REGION,
        role=role,
        algorithm_name=algorithm_name,
        hyperparameters=hyperparameters,
        channels=CHANNELS,
        instance_type=instance_type,
        instance_count=1,
        volume_size=30,
        max_run_time=3600,
        model_artifact_path=model_artifact_path,
        debug_hook_config=DEBUG_HOOK_CONFIG,
        debug_rule_config=DEBUG_RULE_CONFIG,
        tags={"project": "kfp-sagemaker-samples"},
    )
    training.set_display_name("SageMaker training (XGBoost + Debugger)")
    use_model(
        model_artifact_url=training.outputs["model_artifact_url"],
        job_name=training.outputs["job_name"],
        training_image=training.outputs["training_image"],
    )


if __name__ == "__main__":
    compiler.Compiler().compile(xgboost_debugger, os.path.join(HERE, "debugger_pipeline.yaml"))
