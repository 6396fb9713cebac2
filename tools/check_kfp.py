#!/usr/bin/env python3
"""Compiles the README's pipelines and the samples with whatever Kubeflow Pipelines SDK is importable.

    python3 tools/check_kfp.py                    # with the kfp on this python3's path
    PYTHONPATH=/path/to/kfp-sdk python3 tools/check_kfp.py

The pipelines are taken from README.md itself (every ```python block holding a `@dsl.pipeline`, whose
first line says which SDK it is written for: `# KFP 2` or `# KFP 1.8`), so what a user copies is what
is compiled. Under KFP 2 the samples (samples/*/*_pipeline.py, KFP 2 pipelines) and the KFP 2 component
definition are compiled too. Exit status 0 when everything compiled, 1 when something did not.

When kfp cannot be imported (CI cannot download it), this says so plainly and exits 0: nothing was
checked. See docs/kfp.md for building the SDKs from their source.
"""
import ast
import glob
import os
import re
import sys
import tempfile
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
KFP2_COMPONENT = os.path.join(ROOT, "component-kfp2.yaml")


def readme_pipelines(text):
    """[(marker, line number, code)] for every ```python block with a @dsl.pipeline."""
    blocks = []
    for match in re.finditer(r"^```python\n(.*?)^```", text, re.S | re.M):
        code = match.group(1)
        if "@dsl.pipeline" not in code:
            continue
        first = code.splitlines()[0].strip()
        marker = re.fullmatch(r"#\s*(KFP [0-9.]+)\b.*", first)
        line = text.count("\n", 0, match.start()) + 2
        blocks.append((marker.group(1) if marker else None, line, code))
    return blocks


def pipeline_names(code):
    """Names of the functions `code` decorates with dsl.pipeline."""
    names = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, ast.Attribute) and target.attr == "pipeline":
                    names.append(node.name)
    return names


def compile_code(kfp, label, code, filename, out_dir):
    """Runs `code` from the repository root and compiles each of its pipelines; True when all did."""
    names = pipeline_names(code)
    if not names:
        print(f"FAIL {label}: no @dsl.pipeline function found")
        return False
    if filename == README:
        # KFP reads a @dsl.component's source back (inspect), so the snippet runs from a file of its own.
        filename = os.path.join(out_dir, re.sub(r"\W+", "_", label) + ".py")
        with open(filename, "w", encoding="utf-8") as f:
            f.write(code)
    namespace = {"__name__": "check_kfp_snippet", "__file__": filename}
    ok = True
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, filename, "exec"), namespace)
        for name in names:
            package = os.path.join(out_dir, f"{name}.yaml")
            kfp.compiler.Compiler().compile(namespace[name], package)
            print(f"ok   {label}: pipeline {name!r} compiled")
    except Exception as error:  # every SDK error is a finding to print, whatever its class
        ok = False
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        print(f"FAIL {label}: {last}")
    finally:
        os.chdir(cwd)
    return ok


def main():
    try:
        import kfp
        import kfp.compiler
        import kfp.components
    except Exception as error:
        print(f"check_kfp: kfp is not importable by {sys.executable} ({type(error).__name__}: {error});"
              " nothing was checked. Put a KFP SDK on PYTHONPATH to check (docs/kfp.md).")
        return 0
    version = kfp.__version__
    major = version.split(".")[0]
    print(f"check_kfp: kfp {version} from {os.path.dirname(kfp.__file__)} on python {sys.version.split()[0]}")
    with open(README, encoding="utf-8") as f:
        blocks = readme_pipelines(f.read())
    ok = True
    wanted = [b for b in blocks if b[0] is not None and b[0].split()[1].split(".")[0] == major]
    unmarked = [b for b in blocks if b[0] is None]
    for _, line, _ in unmarked:
        print(f"FAIL README.md:{line}: a pipeline block whose first line does not say '# KFP 2' or '# KFP 1.8'")
        ok = False
    if not wanted:
        print(f"FAIL README.md: no pipeline block for KFP {major}")
        ok = False
    with tempfile.TemporaryDirectory() as out_dir:
        for marker, line, code in wanted:
            ok &= compile_code(kfp, f"README.md:{line} ({marker})", code, README, out_dir)
        if major == "2":
            component = kfp.components.load_component_from_file(KFP2_COMPONENT)
            print(f"ok   component-kfp2.yaml: loaded ({component.name})")
            for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "*_pipeline.py"))):
                with open(path, encoding="utf-8") as f:
                    code = f.read()
                ok &= compile_code(kfp, os.path.relpath(path, ROOT), code, path, out_dir)
        else:
            print(f"note samples/: KFP 2 pipelines (typed parameters, @dsl.component), not compiled under kfp {version}")
    print("check_kfp: " + ("everything compiled" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
