"""The members beyond the seed's, followed against the emulator (issue 14): instance groups' hosts all
followed, profiler rules waited for and failing the step only with fail_on_rule_issues, attach_only on
a running and on a missing job, and a rerun differing only in a new member refused naming it. Each job
lasts a few seconds.
"""
import json
import os
import shutil
import tempfile
import unittest

from tests.e2e.harness import Emulator, run_program, static_key_env
from tests.e2e.jobs import Background, assert_every_line_once, job_args, operations, read_outputs, replace_arg

RULE_IMAGE = "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"
FAST_STATUSES = [{"status": "Starting", "message": "Starting the training job", "duration": 0.3},
                 {"status": "Training", "message": "Training in progress."},
                 {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.3}]
GROUPS = json.dumps([{"InstanceGroupName": "cpu", "InstanceType": "ml.c5.xlarge", "InstanceCount": 2},
                     {"InstanceGroupName": "gpu", "InstanceType": "ml.g5.xlarge", "InstanceCount": 2}])
PROFILER_ARGS = ["--profiler_config", '{"S3OutputPath": "s3://e2e-bucket/profiler"}',
                 "--profiler_rule_config", json.dumps([{"RuleConfigurationName": "ProfilerReport",
                                                        "RuleEvaluatorImage": RULE_IMAGE}])]


def fast_job(**overrides):
    job = {"secondary_statuses": FAST_STATUSES, "log_lines_per_instance": 10, "log_lines_per_second": 20}
    job.update(overrides)
    return {"job": job}


class ApiMembersTest(unittest.TestCase):
    def setUp(self):
        self.out_dir = tempfile.mkdtemp(prefix="e2e-api-")
        self.addCleanup(shutil.rmtree, self.out_dir, ignore_errors=True)

    def run_job(self, emu, job, extra=(), timeout=60):
        return run_program(job_args(job, self.out_dir, extra=extra), static_key_env(emu), timeout=timeout)

    def test_two_instance_groups_of_two_hosts_all_four_streams_followed(self):
        job = "e2e-instance-groups"
        with Emulator(fast_job(), time_scale=2) as emu:
            args = job_args(job, self.out_dir, ui_outputs=True, extra=[
                "--instance_groups", GROUPS, "--tensorboard_output_config", '{"S3OutputPath": "s3://e2e-bucket/tb"}'])
            args = replace_arg(replace_arg(args, "--instance_type", ""), "--instance_count", "")
            rc, out, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, err)
            state = emu.state(lines=True)
            created = [j for j in state["jobs"] if j["name"] == job][0]
            self.assertEqual(sorted(s["instance"] for s in created["streams"]), [1, 2, 3, 4])
            assert_every_line_once(self, out, state, job)
            with open(os.path.join(self.out_dir, "mlpipeline-ui-metadata.json"), encoding="utf-8") as f:
                outputs = json.load(f)["outputs"]
            self.assertIn({"type": "tensorboard", "source": "s3://e2e-bucket/tb"}, outputs)

    def profiler_job(self, job, fail_on_rule_issues):
        rules = {"ProfilerReport": {"result": "IssuesFound", "delay": 0.5, "details": "GPU memory usage high"}}
        extra = PROFILER_ARGS + (["--fail_on_rule_issues"] if fail_on_rule_issues else [])
        with Emulator(fast_job(profiler_rules=rules), time_scale=2) as emu:
            return self.run_job(emu, job, extra=extra)

    def test_profiler_issues_fail_the_step_only_with_fail_on_rule_issues(self):
        rc, out, err = self.profiler_job("e2e-profiler-issues", fail_on_rule_issues=False)
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"profiler rule ProfilerReport: IssuesFound - GPU memory usage high \(reported only")
        self.assertEqual(read_outputs(self.out_dir)["job_name"], "e2e-profiler-issues")
        rc, out, err = self.profiler_job("e2e-profiler-fails", fail_on_rule_issues=True)
        self.assertEqual(rc, 1, out + err)
        self.assertRegex(out, r"profiler rule ProfilerReport: IssuesFound .*\(fails the step")

    def test_attach_only_follows_a_running_job_and_refuses_a_missing_one(self):
        job = "e2e-attach-only"
        with Emulator(fast_job(log_lines_per_instance=20, log_lines_per_second=10), time_scale=1) as emu:
            env = static_key_env(emu)
            with Background(job_args(job, self.out_dir), env):
                emu.wait_for(lambda state: any(j["name"] == job for j in state["jobs"]), timeout=10)
                attach_dir = tempfile.mkdtemp(prefix="e2e-attach-", dir=self.out_dir)
                rc, out, err = run_program(job_args(job, attach_dir, extra=["--attach_only"]), env, timeout=60)
            self.assertEqual(rc, 0, err)
            self.assertIn("attaching to existing job " + job, out)
            self.assertEqual(read_outputs(attach_dir)["job_name"], job)
            self.assertEqual(len(operations(emu.requests(), "CreateTrainingJob", job)), 1)
            rc, out, err = run_program(job_args("e2e-no-such-job", self.out_dir, extra=["--attach_only"]), env,
                                       timeout=30)
            self.assertEqual(rc, 3, out + err)
            self.assertEqual(operations(emu.requests(), "CreateTrainingJob", "e2e-no-such-job"), [])

    def test_a_rerun_differing_only_in_keep_alive_is_refused_naming_it(self):
        job = "e2e-keep-alive"
        with Emulator(fast_job(), time_scale=4) as emu:
            rc, out, err = self.run_job(emu, job, extra=["--keep_alive_period_in_seconds", "600"])
            self.assertEqual(rc, 0, err)
            self.assertIn("warm pool: Available", out)
            rc, out, err = self.run_job(emu, job, extra=["--keep_alive_period_in_seconds", "1200"])
            self.assertEqual(rc, 3, out + err)
            self.assertIn("ResourceConfig.KeepAlivePeriodInSeconds", out + err)


if __name__ == "__main__":
    unittest.main()
