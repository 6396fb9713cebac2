"""The outputs a next step reads, from the real binary against the emulator: the job ARN, training and
billable seconds, the final metrics as JSON, the DescribeTrainingJob answer, and under KFP 2 the
executor output that makes the model a system.Model artifact and the metrics the run's metrics. All of
them only for a job that completed; a bad --executor_input is refused before anything is sent.
"""
import json
import os
import tempfile
import unittest

from tests.e2e.harness import Emulator, run_program, static_key_env
from tests.e2e.jobs import OUTPUT_PATH, job_args, read_outputs

FAST_STATUSES = [{"status": "Starting", "message": "Starting the training job", "duration": 0.3},
                 {"status": "Training", "message": "Training in progress.", "duration": 0.5},
                 {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.3}]
METRICS = [{"MetricName": "validation:accuracy", "Value": 0.9375}, {"MetricName": "train:loss", "Value": 0.0412}]


def scenario(outcome, billable_seconds=None):
    return {"job": {"secondary_statuses": FAST_STATUSES, "outcome": outcome, "log_lines_per_instance": 3,
                    "final_metrics": METRICS, "training_seconds": 1234, "billable_seconds": billable_seconds}}


NEW_OUTPUTS = ("job_arn", "training_seconds", "billable_seconds", "final_metrics", "job_description")


class StepOutputsTest(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="e2e-outputs-")
        self.addCleanup(tmp.cleanup)
        self.out = tmp.name
        self.executor_output = os.path.join(self.out, "kfp_outputs", "output_metadata.json")

    def executor_input(self):
        """An ExecutorInput as KFP 2's launcher passes it for component-kfp2.yaml (the parts that matter)."""
        def artifact(schema):
            return {"artifacts": [{"name": "", "type": {"schemaTitle": schema, "schemaVersion": "0.0.1"},
                                   "uri": f"minio://mlpipeline/v2/artifacts/train/run/{schema}", "metadata": {}}]}
        return json.dumps({
            "inputs": {"parameterValues": {"region": "us-east-1", "instance_count": 1}},
            "outputs": {"artifacts": {"model": artifact("system.Model"), "metrics": artifact("system.Metrics")},
                        "parameters": {name: {"outputFile": os.path.join(self.out, name)} for name in NEW_OUTPUTS},
                        "outputFile": self.executor_output}})

    def args(self, job, extra=()):
        paths = []
        for name in NEW_OUTPUTS:
            paths += [f"--{name}_output_path", os.path.join(self.out, name)]
        return job_args(job, self.out, poll="0.2", extra=[*paths, "--executor_input", self.executor_input(), *extra])

    def read(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8") as f:
            return f.read()

    def test_a_completed_job_writes_every_output_and_the_kfp2_artifacts(self):
        job = "e2e-step-outputs"
        with Emulator(scenario({"status": "Completed"}, billable_seconds=400)) as emu:
            rc, out, err = run_program(self.args(job), static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, out + err)
        description = json.loads(self.read("job_description"))
        self.assertEqual(description["TrainingJobName"], job)
        self.assertEqual(description["TrainingJobStatus"], "Completed")
        self.assertEqual(self.read("job_arn"), description["TrainingJobArn"])
        self.assertRegex(self.read("job_arn"), rf"^arn:aws:sagemaker:us-east-1:\d{{12}}:training-job/{job}$")
        self.assertEqual(self.read("training_seconds"), "1234")
        self.assertEqual(self.read("billable_seconds"), "400")
        metrics = {"validation:accuracy": 0.9375, "train:loss": 0.0412}
        self.assertEqual(json.loads(self.read("final_metrics")), metrics)

        model = f"{OUTPUT_PATH}/{job}/output/model.tar.gz"
        self.assertEqual(read_outputs(self.out)["model_artifact_url"], model)
        bucket, key = model[len("s3://"):].split("/", 1)
        with open(self.executor_output, encoding="utf-8") as f:
            executor_output = json.load(f)
        self.assertEqual(executor_output, {"artifacts": {
            "model": {"artifacts": [{
                "uri": f"https://{bucket}.s3.us-east-1.amazonaws.com/{key}",
                "metadata": {"s3_uri": model, "training_job_name": job,
                             "training_job_arn": description["TrainingJobArn"], "region": "us-east-1",
                             "training_image": read_outputs(self.out)["training_image"]}}]},
            "metrics": {"artifacts": [{"metadata": metrics}]}}})
        self.assertEqual(sorted(os.listdir(os.path.dirname(self.executor_output))), ["output_metadata.json"],
                         "no temporary file left beside the executor output")

    def test_a_failed_job_writes_none_of_them(self):
        with Emulator(scenario({"status": "Failed", "failure_reason": "AlgorithmError: boom"})) as emu:
            rc, out, err = run_program(self.args("e2e-step-outputs-failed"), static_key_env(emu), timeout=60)
            self.assertEqual(rc, 1, out + err)
        for name in NEW_OUTPUTS:
            self.assertFalse(os.path.exists(os.path.join(self.out, name)), name)
        self.assertFalse(os.path.exists(self.executor_output))

    def test_an_executor_input_without_an_output_file_is_refused_before_anything_is_sent(self):
        with Emulator(scenario({"status": "Completed"})) as emu:
            for bad in ("not json", '{"outputs": {}}', "[]"):
                args = job_args("e2e-bad-executor-input", self.out, extra=["--executor_input", bad])
                rc, out, err = run_program(args, static_key_env(emu), timeout=30)
                self.assertEqual(rc, 2, out + err)
                self.assertIn("executor_input", err)
            self.assertEqual(emu.requests(), [])


if __name__ == "__main__":
    unittest.main()
