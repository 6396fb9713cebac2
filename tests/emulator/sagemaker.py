"""SageMaker operations (AWS JSON 1.1, X-Amz-Target "SageMaker.<Op>").

Each handler takes the App (scenario, jobs, clock) and the decoded JSON body and returns the JSON
answer or raises ApiError. CreateTrainingJob is validated against the sagemaker 2017-07-24 model
(validation.py) plus the cross-field rules the model cannot express.
"""
from . import validation
from .errors import validation as validation_error

_MODEL = validation.service_model("sagemaker", "2017-07-24")
CREATE_SHAPE = _MODEL.operation_model("CreateTrainingJob").input_shape
DESCRIBE_MEMBERS = frozenset(_MODEL.operation_model("DescribeTrainingJob").output_shape.members)
MAX_RUNTIME_LIMIT = 2419200  # 28 days: the service's limit, which its model does not state.


def _semantic_violations(app, params):
    out = []
    spec = params.get("AlgorithmSpecification", {})
    if bool(spec.get("TrainingImage")) == bool(spec.get("AlgorithmName")):
        out.append("Exactly one of AlgorithmSpecification.TrainingImage and AlgorithmSpecification.AlgorithmName "
                   "must be specified.")
    elif spec.get("AlgorithmName") and _algorithm_name(spec["AlgorithmName"]) not in app.scenario.algorithms:
        out.append(f"Algorithm {spec['AlgorithmName']} does not exist.")
    stopping = params.get("StoppingCondition", {})
    runtime = stopping.get("MaxRuntimeInSeconds")
    if isinstance(runtime, int) and runtime > MAX_RUNTIME_LIMIT:
        out.append(f"Value '{runtime}' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: "
                   f"Member must have value less than or equal to {MAX_RUNTIME_LIMIT}")
    if params.get("EnableManagedSpotTraining"):
        wait = stopping.get("MaxWaitTimeInSeconds")
        if wait is None or (isinstance(runtime, int) and wait < runtime):
            out.append("Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to "
                       "MaxRuntimeInSeconds")
        if not params.get("CheckpointConfig", {}).get("S3Uri"):
            out.append("CheckpointConfig.S3Uri is required when EnableManagedSpotTraining is true.")
    return out


def _algorithm_name(name_or_arn):
    return name_or_arn.rsplit("/", 1)[-1]


def create_training_job(app, params):
    validation.raise_if_invalid(CREATE_SHAPE, params)
    violations = _semantic_violations(app, params)
    if violations:
        raise validation_error("; ".join(violations))
    job = app.jobs.create(params, app.now())
    return {"TrainingJobArn": job.arn}


def describe_training_job(app, params):
    job = app.jobs.get(params.get("TrainingJobName"))
    return app.jobs.describe(job, app.now())


def stop_training_job(app, params):
    app.jobs.stop(params.get("TrainingJobName"), app.now())
    return {}


def describe_algorithm(app, params):
    name = _algorithm_name(params.get("AlgorithmName", ""))
    algorithm = app.scenario.algorithms.get(name)
    if algorithm is None:
        raise validation_error("Requested resource not found.")
    spec = {"TrainingImage": algorithm["TrainingImage"], "SupportedTrainingInstanceTypes":
            algorithm.get("SupportedTrainingInstanceTypes", ["ml.m5.xlarge"]),
            "SupportsDistributedTraining": algorithm.get("SupportsDistributedTraining", True),
            "TrainingChannels": algorithm.get("TrainingChannels", [
                {"Name": "train", "SupportedContentTypes": ["text/csv"], "SupportedInputModes": ["File"]}])}
    return {"AlgorithmName": name, "AlgorithmStatus": "Completed", "CreationTime": app.started,
            "AlgorithmArn": f"arn:aws:sagemaker:{app.scenario.region}:{app.scenario.account_id}:algorithm/{name}",
            "TrainingSpecification": spec, "CertifyForMarketplace": False,
            "AlgorithmStatusDetails": {"ValidationStatuses": [], "ImageScanStatuses": []}}


def list_training_jobs(app, params):
    now = app.now()
    rows = [app.jobs.describe(job, now) for job in app.jobs.all()]
    if params.get("NameContains"):
        rows = [r for r in rows if params["NameContains"].lower() in r["TrainingJobName"].lower()]
    if params.get("StatusEquals"):
        rows = [r for r in rows if r["TrainingJobStatus"] == params["StatusEquals"]]
    key = {"Name": "TrainingJobName", "Status": "TrainingJobStatus"}.get(params.get("SortBy"), "CreationTime")
    rows.sort(key=lambda r: r[key], reverse=params.get("SortOrder", "Descending") == "Descending")
    start = int(params.get("NextToken") or 0)
    size = int(params.get("MaxResults", 10))
    fields = ("TrainingJobName", "TrainingJobArn", "CreationTime", "TrainingEndTime", "LastModifiedTime",
              "TrainingJobStatus", "SecondaryStatus")
    out = {"TrainingJobSummaries": [{k: r[k] for k in fields if k in r} for r in rows[start:start + size]]}
    if start + size < len(rows):
        out["NextToken"] = str(start + size)
    return out


OPERATIONS = {
    "CreateTrainingJob": create_training_job,
    "DescribeTrainingJob": describe_training_job,
    "StopTrainingJob": stop_training_job,
    "DescribeAlgorithm": describe_algorithm,
    "ListTrainingJobs": list_training_jobs,
}
