#!/usr/bin/env python3
"""K-means on MNIST with the sagemaker-training component, then a step that uses the trained model.

A KFP 2 pipeline (kfp>=2.0 SDK) that loads the component from its v1 YAML. Compile it with

    python3 training_pipeline.py            # writes training_pipeline.yaml next to this file

and upload the YAML in the Kubeflow Pipelines UI (or submit it with kfp.Client). Every value below is
a pipeline parameter that can be changed when the run is created; step_args.json holds the exact
command line the training step runs with these defaults. See README.md for the AWS prerequisites.
"""
import os

from kfp import compiler, components, dsl

HERE = os.path.dirname(os.path.abspath(__file__))
sagemaker_train_op = components.load_component_from_file(os.path.join(HERE, "../../component.yaml"))

# Replace with your bucket (in the pipeline's region) and the SageMaker execution role (README.md).
BUCKET = "my-bucket"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"

TRAIN_CHANNELS = [
    {
        "ChannelName": "train",
        "DataSource": {
            "S3DataSource": {
                "S3Uri": f"s3://{BUCKET}/mnist_kmeans_example/train_data.csv",
                "S3DataType": "S3Prefix",
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": "text/csv;label_size=0",
        "CompressionType": "None",
        "RecordWrapperType": "None",
        "InputMode": "File",
    }
]


@dsl.component(base_image="python:3.11-slim")
def use_model(model_artifact_url: str, job_name: str, training_image: str) -> str:
    """Stands in for whatever consumes the model (deployment, evaluation, registration)."""
    if not (model_artifact_url.startswith("s3://") and model_artifact_url.endswith("/model.tar.gz")):
        raise ValueError(f"unexpected model artifact URL: {model_artifact_url!r}")
    print(f"training job {job_name} ({training_image}) produced {model_artifact_url}")
    return model_artifact_url


@dsl.pipeline(
    name="sagemaker-kmeans-mnist",
    description="Train k-means on MNIST with Amazon SageMaker and hand the model to the next step",
)
def kmeans_mnist(
    region: str = "us-east-1",
    role: str = ROLE_ARN,
    algorithm_name: str = "k-means",
    hyperparameters: dict = {"k": "10", "feature_dim": "784"},
    channels: list = TRAIN_CHANNELS,
    instance_type: str = "ml.m5.2xlarge",
    instance_count: int = 1,
    volume_size: int = 50,
    max_run_time: int = 3600,
    model_artifact_path: str = f"s3://{BUCKET}/mnist_kmeans_example/output",
    network_isolation: bool = True,
    spot_instance: bool = False,
    tags: dict = {"project": "kfp-sagemaker-samples"},
):
    # job_name is left empty: sagemaker-training then names the job TrainingJob-<UTC time>-<random>.
    # To have a retried step attach to the job its first attempt started instead of starting a second
    # one, give the step a name that is the same on every attempt of the run, for example
    # job_name=dsl.PIPELINE_JOB_ID_PLACEHOLDER (the run's UUID; see the component's README).
    training = sagemaker_train_op(
        region=region,
        role=role,
        algorithm_name=algorithm_name,
        training_input_mode="File",
        hyperparameters=hyperparameters,
        channels=channels,
        instance_type=instance_type,
        instance_count=instance_count,
        volume_size=volume_size,
        max_run_time=max_run_time,
        model_artifact_path=model_artifact_path,
        network_isolation=network_isolation,
        traffic_encryption=False,
        spot_instance=spot_instance,
        tags=tags,
    )
    training.set_display_name("SageMaker training (k-means)")
    use_model(
        model_artifact_url=training.outputs["model_artifact_url"],
        job_name=training.outputs["job_name"],
        training_image=training.outputs["training_image"],
    )


if __name__ == "__main__":
    compiler.Compiler().compile(kmeans_mnist, os.path.join(HERE, "training_pipeline.yaml"))
