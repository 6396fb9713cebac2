"""The samples under samples/ are runnable as written.

For each sample directory with a step_args.json (the exact argument list its SageMaker step runs):
- the built binary (SAGEMAKER_TRAINING_BIN, default build/sagemaker-training) accepts those arguments
  with --dry_run and prints a CreateTrainingJob request that satisfies the service model: botocore's
  ParamValidator (required members, types, unknown members, min) plus the max, pattern and enum
  constraints it does not check (tests/e2e/service_model_check.py);
- the pipeline .py, executed against a stand-in for the kfp SDK (kfp is not installed here), calls the
  component with exactly the values in step_args.json, in types that match component.yaml's inputs,
  and hands model_artifact_url to a next step;
- every argument name the pipeline or step_args.json uses exists (component.yaml's inputs when it
  exists, and the binary's --list_arguments in any case).
Every .py file under samples/ must also compile.

step_args.json is a golden file: after an intended change to a pipeline or to component.yaml, rewrite
it with `UPDATE_STEP_ARGS=1 python3 -m unittest tests.e2e.test_samples` and review the diff.
"""
import functools
import json
import os
import py_compile
import runpy
import subprocess
import sys
import tempfile
import types
import unittest
from pathlib import Path

import botocore.session
import yaml
from botocore.validate import ParamValidator

from tests.e2e import service_model_check

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
COMPONENT_YAML = REPO / "component.yaml"
THIRD_PARTY = REPO / "third_party"
PROGRAM = "sagemaker-training"
# Where the step's output files go in step_args.json (KFP picks the real paths at run time).
OUTPUT_DIR = "/tmp/outputs"


def binary_path():
    return Path(os.environ.get("SAGEMAKER_TRAINING_BIN", REPO / "build" / PROGRAM))


# ---------------------------------------------------------------------------------------------------
# The request against the service model.

@functools.lru_cache(maxsize=None)
def create_training_job_shape():
    model = botocore.session.get_session().get_service_model("sagemaker")
    return model.operation_model("CreateTrainingJob").input_shape


def check_request(request):
    """Every way `request` breaks the CreateTrainingJob input shape; empty when the service accepts it:
    botocore's ParamValidator, then the max/pattern/enum checks of service_model_check (shared with
    the other e2e tests)."""
    report = ParamValidator().validate(request, create_training_job_shape())
    if report.has_errors():
        return [report.generate_report()]
    return service_model_check.check_request("CreateTrainingJob", request)


def dry_run(args):
    """Runs the binary with `args` and --dry_run; returns the printed request."""
    args = list(args)
    if "--dry_run" in args:
        args[args.index("--dry_run") + 1] = "True"
    else:
        args += ["--dry_run", "True"]
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.gettempdir()}
    result = subprocess.run([str(binary_path()), *args], capture_output=True, text=True, timeout=60,
                            env=environment, check=False)
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
    return json.loads(result.stdout)


@functools.lru_cache(maxsize=None)
def program_arguments():
    """The binary's own argument table (--list_arguments)."""
    result = subprocess.run([str(binary_path()), "--list_arguments"], capture_output=True, text=True,
                            timeout=60, check=True)
    return {entry["name"]: entry for entry in json.loads(result.stdout)}


# ---------------------------------------------------------------------------------------------------
# KFP's side: how a KFP 2 pipeline turns the component call into the container's arguments.

# KFP types (v1 component YAML names, lower-cased) -> the Python type a constant argument must have
# for the KFP 2 compiler's type check to accept it (kfp.dsl.types.type_utils.PARAMETER_TYPES_MAPPING).
KFP_PYTHON_TYPES = {
    "string": str, "str": str, "text": str,
    "integer": int, "int": int,
    "float": float, "double": float,
    "bool": bool, "boolean": bool,
    "jsonobject": dict, "dict": dict,
    "jsonarray": list, "list": list,
}


def kfp_text(value):
    """The text the KFP 2 launcher substitutes for an {inputValue} of this value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if isinstance(value, float):  # parameters travel as JSON numbers; Go prints 30.0 as "30"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def v1_default(input_spec):
    """A v1 input's default as KFP 2 loads it (kfp's deserialize_v1_component_yaml_default)."""
    default = input_spec["default"]
    python_type = KFP_PYTHON_TYPES.get(str(input_spec.get("type", "string")).lower())
    if python_type is bool and isinstance(default, str):
        return default.strip().lower() in ("true", "1", "yes", "y", "on", "t")
    if python_type in (int, float) and isinstance(default, str):
        return python_type(default)
    if python_type in (dict, list) and isinstance(default, str):
        try:
            return json.loads(default)
        except ValueError:
            return default
    return default


@functools.lru_cache(maxsize=None)
def component_spec():
    return yaml.safe_load(COMPONENT_YAML.read_text()) if COMPONENT_YAML.exists() else None


def render_container_args(spec, arguments):
    """The argv after the program that the component's container runs for these call arguments."""
    inputs = {entry["name"]: entry for entry in spec.get("inputs", [])}

    def value_of(name):
        if name in arguments:
            return arguments[name]
        if "default" in inputs[name]:
            return v1_default(inputs[name])
        raise AssertionError(f"required input {name} is not passed")

    def render(items):
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif "inputValue" in item:
                out.append(kfp_text(value_of(item["inputValue"])))
            elif "outputPath" in item:
                out.append(f"{OUTPUT_DIR}/{item['outputPath']}/data")
            elif "if" in item:
                name = item["if"]["cond"]["isPresent"]
                present = name in arguments or "default" in inputs[name]
                out += render(item["if"].get("then" if present else "else", []))
            elif "concat" in item:
                out.append("".join(render(item["concat"])))
            else:
                raise AssertionError(f"unsupported placeholder in component.yaml: {item}")
        return out

    container = spec["implementation"]["container"]
    argv = render(container.get("command", [])) + render(container.get("args", []))
    if argv and Path(argv[0]).name == PROGRAM:
        argv = argv[1:]
    return argv


class FakeTask:
    def __init__(self, name, kwargs, output_names):
        self.name = name
        self.kwargs = kwargs
        self.outputs = {output: f"<output {name}.{output}>" for output in output_names}
        self.display_name = None

    def set_display_name(self, name):
        self.display_name = name
        return self


class FakeKfp:
    """Just enough of the kfp 2 SDK (components.load_component_from_file, dsl.component,
    dsl.pipeline, compiler.Compiler) to execute a sample pipeline and record its task calls."""

    def __init__(self):
        self.tasks = []
        self.pipelines = []
        self.loaded_components = []

    def modules(self):
        kfp = types.ModuleType("kfp")
        kfp.components = types.ModuleType("kfp.components")
        kfp.components.load_component_from_file = self._load_component_from_file
        kfp.dsl = types.ModuleType("kfp.dsl")
        kfp.dsl.component = self._component
        kfp.dsl.pipeline = self._pipeline
        kfp.dsl.PIPELINE_JOB_ID_PLACEHOLDER = "{{$.pipeline_job_uuid}}"
        kfp.compiler = types.ModuleType("kfp.compiler")
        kfp.compiler.Compiler = lambda: types.SimpleNamespace(compile=lambda *a, **k: None)
        return {"kfp": kfp, "kfp.components": kfp.components, "kfp.dsl": kfp.dsl, "kfp.compiler": kfp.compiler}

    def _load_component_from_file(self, path):
        path = Path(path).resolve()
        self.loaded_components.append(path)
        spec = yaml.safe_load(path.read_text()) if path.exists() else None
        outputs = [o["name"] for o in spec.get("outputs", [])] if spec else [
            "model_artifact_url", "job_name", "training_image"]

        def factory(**kwargs):
            task = FakeTask("train", kwargs, outputs)
            self.tasks.append(task)
            return task
        factory.component_path = path
        return factory

    def _component(self, base_image=None, **_):
        def decorate(function):
            def factory(**kwargs):
                task = FakeTask(function.__name__, kwargs, ["Output"])
                task.function = function
                self.tasks.append(task)
                return task
            return factory
        return decorate

    def _pipeline(self, name=None, description=None, **_):
        def decorate(function):
            self.pipelines.append(function)
            return function
        return decorate


def run_pipeline(path):
    """Executes the pipeline file with a fake kfp and calls its pipeline with the defaults; returns
    the fake (with the recorded tasks) and the module's globals."""
    fake = FakeKfp()
    saved = {name: sys.modules.get(name) for name in fake.modules()}
    sys.modules.update(fake.modules())
    try:
        module_globals = runpy.run_path(str(path), run_name="sample_under_test")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    if len(fake.pipelines) != 1:
        raise AssertionError(f"{path} defines {len(fake.pipelines)} pipelines, expected 1")
    fake.pipelines[0]()
    return fake, module_globals


def same_argument(expected, actual):
    if expected[:1] in "{[" and actual[:1] in "{[":
        try:
            return json.loads(expected) == json.loads(actual)
        except ValueError:
            pass
    return expected == actual


def flag_values(argv):
    """{name: value} of a `--name value ...` list."""
    if len(argv) % 2:
        raise AssertionError(f"odd argument list: {argv}")
    out = {}
    for flag, value in zip(argv[::2], argv[1::2]):
        if not flag.startswith("--"):
            raise AssertionError(f"{flag!r} is not a --name")
        out[flag[2:]] = value
    return out


# ---------------------------------------------------------------------------------------------------

def sample_dirs():
    return sorted(p.parent for p in SAMPLES.glob("*/step_args.json"))


class SampleCase:
    """The checks every sample gets; subclasses name the directory."""
    directory = None

    @classmethod
    def setUpClass(cls):
        cls.dir = SAMPLES / cls.directory
        cls.step_args_path = cls.dir / "step_args.json"
        cls.step_args = json.loads(cls.step_args_path.read_text())
        pipelines = sorted(cls.dir.glob("*.py"))
        assert len(pipelines) == 1, f"{cls.dir}: expected one pipeline file, found {pipelines}"
        cls.pipeline_path = pipelines[0]
        cls.fake, cls.module_globals = run_pipeline(cls.pipeline_path)
        cls.train_task = next(t for t in cls.fake.tasks if t.name == "train")

    def expected_step_args(self):
        spec = component_spec()
        if spec is not None:
            return render_container_args(spec, self.train_task.kwargs)
        return None

    def test_step_args_are_what_the_pipeline_runs(self):
        expected = self.expected_step_args()
        if expected is not None and os.environ.get("UPDATE_STEP_ARGS") == "1":
            self.step_args_path.write_text(json.dumps(expected, indent=2) + "\n")
            self.step_args = expected
        actual = self.step_args
        if expected is not None:
            self.assertEqual(len(expected), len(actual), f"component.yaml renders {expected}")
            for index, (want, got) in enumerate(zip(expected, actual)):
                self.assertTrue(same_argument(want, got), f"argument {index}: expected {want!r}, got {got!r}")
        # Without component.yaml (or in addition to it): every value the pipeline passes is in the file.
        values = flag_values(actual)
        for name, value in self.train_task.kwargs.items():
            self.assertIn(name, values, f"the pipeline passes {name} but step_args.json lacks it")
            self.assertTrue(same_argument(kfp_text(value), values[name]),
                            f"{name}: pipeline passes {kfp_text(value)!r}, step_args.json has {values[name]!r}")

    def test_argument_names_exist(self):
        known = program_arguments()
        for name in flag_values(self.step_args):
            self.assertIn(name, known, f"step_args.json: the binary has no --{name}")
        spec = component_spec()
        if spec is None:
            for name in self.train_task.kwargs:
                self.assertIn(name, known, f"the pipeline passes {name}; the binary has no --{name}")
            return
        inputs = {entry["name"]: entry for entry in spec.get("inputs", [])}
        outputs = {entry["name"]: entry for entry in spec.get("outputs", [])}
        for name, value in self.train_task.kwargs.items():
            self.assertIn(name, inputs, f"the pipeline passes {name}; component.yaml has no such input")
            declared = str(inputs[name].get("type", "")).lower()
            self.assertIn(declared, KFP_PYTHON_TYPES, f"component.yaml input {name} has type {declared!r}")
            self.assertIsInstance(value, KFP_PYTHON_TYPES[declared],
                                  f"{name}: KFP 2 rejects a {type(value).__name__} for a {declared} input")
        for name in ("model_artifact_url", "job_name", "training_image"):
            # An untyped v1 output becomes an artifact in KFP 2 and cannot feed a `str` parameter.
            self.assertEqual(str(outputs.get(name, {}).get("type", "")).lower(), "string",
                             f"component.yaml output {name} must have type String")

    def test_loads_the_repository_component(self):
        self.assertEqual(self.fake.loaded_components, [COMPONENT_YAML.resolve()])

    def test_model_artifact_url_feeds_the_next_step(self):
        url = self.train_task.outputs["model_artifact_url"]
        consumers = [t for t in self.fake.tasks if t is not self.train_task and url in t.kwargs.values()]
        self.assertTrue(consumers, "no step receives the training step's model_artifact_url")

    def test_dry_run_request_is_valid(self):
        request = dry_run(self.step_args)
        self.assertEqual(check_request(request), [])
        values = flag_values(self.step_args)
        self.assertEqual(request["RoleArn"], values["role"])
        self.assertEqual(request["OutputDataConfig"]["S3OutputPath"], values["model_artifact_path"])
        self.assertEqual([c["ChannelName"] for c in request["InputDataConfig"]],
                         [c["ChannelName"] for c in json.loads(values["channels"])])
        self.assertEqual(request["HyperParameters"], json.loads(values["hyperparameters"]))
        self.check_sample_request(request, values)

    def check_sample_request(self, request, values):
        raise NotImplementedError


class SimpleTrainPipelineTest(SampleCase, unittest.TestCase):
    directory = "simple_train_pipeline"

    def check_sample_request(self, request, values):
        region = values["region"]
        accounts = json.loads((THIRD_PARTY / "aws/image_uri_config/kmeans.json").read_text())
        account = accounts["versions"]["1"]["registries"][region]
        self.assertEqual(values["algorithm_name"], "k-means")
        self.assertEqual(request["AlgorithmSpecification"]["TrainingImage"],
                         f"{account}.dkr.ecr.{region}.amazonaws.com/kmeans:1")
        self.assertEqual(request["ResourceConfig"]["InstanceType"], values["instance_type"])
        self.assertTrue(request["EnableNetworkIsolation"])


class SageMakerDebuggerDemoTest(SampleCase, unittest.TestCase):
    directory = "sagemaker_debugger_demo"

    def debugger_registries(self):
        data = json.loads((THIRD_PARTY / "aws/image_uri_config/debugger.json").read_text())
        return data["versions"]["latest"]["registries"]

    def test_rule_accounts_are_the_sdk_table(self):
        self.assertEqual(self.module_globals["DEBUGGER_RULES_ACCOUNTS"], self.debugger_registries())

    def check_sample_request(self, request, values):
        region = values["region"]
        account = self.debugger_registries()[region]
        rules_image = f"{account}.dkr.ecr.{region}.amazonaws.com/sagemaker-debugger-rules:latest"
        rules = request["DebugRuleConfigurations"]
        self.assertEqual([r["RuleConfigurationName"] for r in rules], ["LossNotDecreasing", "Overtraining"])
        for rule in rules:
            self.assertEqual(rule["RuleEvaluatorImage"], rules_image)
            self.assertEqual(rule["RuleParameters"]["rule_to_invoke"], rule["RuleConfigurationName"])
        self.assertEqual(request["DebugHookConfig"], json.loads(values["debug_hook_config"]))
        self.assertIn("/sagemaker-xgboost:1.5-1", request["AlgorithmSpecification"]["TrainingImage"])


class CheckRequestTest(unittest.TestCase):
    """check_request catches what the service rejects, so a clean result above means something."""

    VALID = {
        "TrainingJobName": "job-1",
        "RoleArn": "arn:aws:iam::123456789012:role/Execution",
        "AlgorithmSpecification": {"TrainingImage": "img:1", "TrainingInputMode": "File"},
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }

    def with_change(self, path, value):
        request = json.loads(json.dumps(self.VALID))
        target = request
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return check_request(request)

    def test_valid_request_passes(self):
        self.assertEqual(check_request(self.VALID), [])

    def test_each_constraint_kind_is_reported(self):
        cases = {
            "pattern": (["TrainingJobName"], "bad_name"),
            "max length": (["TrainingJobName"], "a" * 64),
            "enum": (["ResourceConfig", "InstanceType"], "ml.huge"),
            "max value": (["RetryStrategy"], {"MaximumRetryAttempts": 31}),
            "max items": (["DebugRuleConfigurations"],
                          [{"RuleConfigurationName": f"r{i}", "RuleEvaluatorImage": "i"} for i in range(21)]),
            "required": (["AlgorithmSpecification"], {"TrainingImage": "img:1"}),
            "type": (["ResourceConfig", "InstanceCount"], "1"),
            "unknown member": (["OutputDataConfig"], {"S3OutputPath": "s3://b/o", "Bogus": 1}),
        }
        for kind, (path, value) in cases.items():
            with self.subTest(kind):
                self.assertNotEqual(self.with_change(path, value), [])


class EverySampleIsTestedTest(unittest.TestCase):
    def test_each_sample_directory_has_a_test_class(self):
        tested = {SimpleTrainPipelineTest.directory, SageMakerDebuggerDemoTest.directory}
        self.assertEqual({d.name for d in sample_dirs()}, tested)

    def test_every_sample_python_file_compiles(self):
        files = sorted(SAMPLES.rglob("*.py"))
        self.assertTrue(files)
        with tempfile.TemporaryDirectory() as scratch:
            for index, path in enumerate(files):
                py_compile.compile(str(path), cfile=os.path.join(scratch, f"{index}.pyc"), doraise=True)


if __name__ == "__main__":
    unittest.main()
