"""The container image's runtime file set works, is small, and is the one the Dockerfile ships.

There is no Docker engine here, so scripts/runtime_closure.sh (which the Dockerfile's build stage runs
to make the image's root filesystem) assembles that file set from the built binary, stripped as the
Dockerfile strips it, and runs the binary inside it with chroot as uid 65532: --version and a
--dry_run of a k-means job. This test checks what the script reports and looks at the tree itself:
exactly the binary's ldd closure as executables, root-owned, no set-id bits, /tmp sticky, under
40 MB. It also reads the Dockerfile to check that the runtime stage is nothing but that tree and that
the build stage installs the packages scripts/setup.sh installs. Needs root (chroot).
"""
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

from tests.e2e.test_samples import binary_path, check_request

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "runtime_closure.sh"
DOCKERFILE = REPO / "Dockerfile"
INSTALL_PATH = "/usr/local/bin/sagemaker-training"
SIZE_LIMIT_BYTES = 40_000_000
# Files the script adds besides the binary and its libraries (paths relative to the tree's root).
NON_ELF_FILES = re.compile(
    r"etc/(passwd|group|nsswitch\.conf|os-release|ssl/certs/ca-certificates\.crt)"
    r"|var/lib/dpkg/status\.d/[a-z0-9.+-]+"
    r"|usr/share/doc/[a-z0-9.+-]+/copyright")


def project_version():
    match = re.search(r"project\(sagemaker-training VERSION (\S+)", (REPO / "CMakeLists.txt").read_text())
    return match.group(1)


def is_elf(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def run_script(*args):
    return subprocess.run(["bash", str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=300, check=False)


@unittest.skipUnless(os.geteuid() == 0 and shutil.which("chroot"), "needs root and chroot")
class RuntimeClosureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        binary = binary_path()
        if not binary.is_file():
            raise AssertionError(f"{binary} is not built (set SAGEMAKER_TRAINING_BIN)")
        cls.scratch = tempfile.TemporaryDirectory(prefix="runtime-closure-")
        scratch = Path(cls.scratch.name)
        cls.stripped = scratch / "sagemaker-training"
        shutil.copy2(binary, cls.stripped)
        subprocess.run(["strip", "--strip-all", str(cls.stripped)], check=True)  # as the Dockerfile does
        cls.root = scratch / "rootfs"
        cls.request_path = scratch / "request.json"
        cls.result = run_script("--request-out", cls.request_path, cls.stripped, cls.root)
        if cls.result.returncode != 0:
            raise AssertionError(f"runtime_closure.sh failed:\n{cls.result.stdout}\n{cls.result.stderr}")
        cls.report = dict(line.split("=", 1) for line in cls.result.stdout.splitlines() if re.match(r"^\w+=", line))

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_version_runs_as_non_root_inside_the_tree(self):
        self.assertIn(f"--version as uid 65532: sagemaker-training {project_version()}\n", self.result.stdout)

    def test_dry_run_inside_the_tree_prints_a_valid_request(self):
        request = json.loads(self.request_path.read_text())
        self.assertEqual(request["TrainingJobName"], "closure-check-kmeans")
        self.assertEqual(request["AlgorithmSpecification"]["TrainingImage"],
                         "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1")
        self.assertEqual(request["HyperParameters"], {"k": "10", "feature_dim": "784"})
        self.assertEqual(check_request(request), [])

    def test_size_is_under_the_limit_and_reported(self):
        du = subprocess.run(["du", "-sb", str(self.root)], capture_output=True, text=True, check=True)
        total = int(du.stdout.split()[0])
        self.assertEqual(int(self.report["total_bytes"]), total)
        self.assertLess(total, SIZE_LIMIT_BYTES, f"runtime file set is {total} bytes")
        print(f"\nruntime file set: {total} bytes ({total / 1e6:.1f} MB), {self.report['files']} files")

    def test_executables_are_exactly_the_binary_and_its_ldd_closure(self):
        ldd = subprocess.run(["ldd", str(self.stripped)], capture_output=True, text=True, check=True).stdout
        sonames = set(re.findall(r"^\s*(\S+) => /", ldd, re.M))
        sonames |= {Path(p).name for p in re.findall(r"^\s*(/\S+) \(0x", ldd, re.M)}  # the loader
        elves = {}
        for path in self.root.rglob("*"):
            if path.is_file() and not path.is_symlink() and is_elf(path):
                elves[path.name] = path
        self.assertEqual(set(elves), sonames | {"sagemaker-training"})
        self.assertTrue((self.root / INSTALL_PATH.lstrip("/")).is_file())
        # The binary's PT_INTERP (the loader path compiled into it) resolves inside the tree.
        interp = subprocess.run(["readelf", "-l", str(self.stripped)], capture_output=True, text=True,
                                check=True).stdout
        loader = re.search(r"Requesting program interpreter: (\S+)\]", interp).group(1)
        self.assertTrue((self.root / loader.lstrip("/")).resolve().is_file(), loader)

    def test_other_files_are_configuration_and_package_metadata_only(self):
        for path in self.root.rglob("*"):
            relative = path.relative_to(self.root).as_posix()
            if path.is_file() and not path.is_symlink() and not is_elf(path):
                self.assertRegex(relative, NON_ELF_FILES)

    def test_tree_is_root_owned_without_set_id_bits_and_tmp_is_sticky(self):
        for path in [self.root, *self.root.rglob("*")]:
            info = path.lstat()
            self.assertEqual((info.st_uid, info.st_gid), (0, 0), path)
            self.assertFalse(info.st_mode & (stat.S_ISUID | stat.S_ISGID), path)
        self.assertEqual(stat.S_IMODE((self.root / "tmp").stat().st_mode), 0o1777)
        passwd = (self.root / "etc/passwd").read_text()
        self.assertIn("nonroot:x:65532:65532:", passwd)
        self.assertTrue((self.root / "etc/ssl/certs/ca-certificates.crt").stat().st_size > 100_000)
        status_d = self.root / "var/lib/dpkg/status.d"
        for package in ("libc6", "ca-certificates"):  # scanners see what shipped
            self.assertIn("Status: install ok installed", (status_d / package).read_text())
        # Loaded or linked into the binary (libstdc++6, or libstdc++-12-dev for the static runtime),
        # the C++ runtime and expat are recorded, with their licences.
        recorded = sorted(path.name for path in status_d.iterdir())
        for library in ("libstdc++", "expat"):
            packages = [name for name in recorded if library in name]
            self.assertTrue(packages, f"no package of {library} in {recorded}")
            for package in packages:
                self.assertTrue((self.root / "usr/share/doc" / package / "copyright").is_file(), package)


@unittest.skipUnless(os.geteuid() == 0 and shutil.which("chroot") and shutil.which("g++"), "needs root, g++")
class RuntimeClosureRefusesTest(unittest.TestCase):
    def test_unresolvable_library_fails_the_assembly(self):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            (scratch / "lib.cc").write_text("int answer() { return 42; }\n")
            (scratch / "main.cc").write_text("int answer();\nint main() { return answer() == 42 ? 0 : 1; }\n")
            subprocess.run(["g++", "-shared", "-fPIC", "-o", str(scratch / "libanswer.so"),
                            str(scratch / "lib.cc")], check=True)
            subprocess.run(["g++", "-o", str(scratch / "prog"), str(scratch / "main.cc"),
                            f"-L{scratch}", "-lanswer"], check=True)
            (scratch / "libanswer.so").unlink()
            result = run_script("--no-run", scratch / "prog", scratch / "rootfs")
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("unresolved libraries", result.stderr)
            self.assertIn("libanswer.so", result.stderr)

    def test_non_empty_output_directory_is_refused(self):
        with tempfile.TemporaryDirectory() as scratch:
            (Path(scratch) / "left-over").write_text("x")
            result = run_script("--no-run", "/bin/true", scratch)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("is not empty", result.stderr)


def dockerfile_stages():
    """[(from line, [instructions])] with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append((line, []))
        elif stages:
            stages[-1][1].append(re.sub(r"\s+", " ", line))
    return stages


def setup_sh_packages():
    body = re.search(r"^PACKAGES=\((.*?)^\)", (REPO / "scripts/setup.sh").read_text(), re.S | re.M).group(1)
    return set(body.split())


class DockerfileTest(unittest.TestCase):
    """The Dockerfile cannot drift from what the closure test proves (no Docker engine here)."""

    def setUp(self):
        self.stages = dockerfile_stages()
        self.build_from, self.build = self.stages[0]
        self.runtime_from, self.runtime = self.stages[-1]

    def test_two_stages_with_scratch_runtime(self):
        self.assertEqual(len(self.stages), 2)
        self.assertRegex(self.build_from, r"^FROM \S+ AS build$")
        self.assertEqual(self.runtime_from, "FROM scratch")

    def test_runtime_stage_is_the_script_tree_only(self):
        copies = [i for i in self.runtime if i.split()[0].upper() in ("COPY", "ADD", "RUN")]
        self.assertEqual(copies, ["COPY --from=build /rootfs/ /"])
        self.assertIn(f'ENTRYPOINT ["{INSTALL_PATH}"]', self.runtime)
        self.assertIn("USER 65532:65532", self.runtime)
        self.assertIn(f"readonly kInstallPath={INSTALL_PATH}", SCRIPT.read_text())
        self.assertIn("readonly kUid=65532", SCRIPT.read_text())

    def test_build_stage_builds_strips_and_runs_the_script(self):
        build = "\n".join(self.build)
        self.assertIn("-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF", build)
        self.assertIn("strip --strip-all /build/sagemaker-training", build)
        self.assertRegex(build, r'bash scripts/runtime_closure\.sh "\$@" /build/sagemaker-training /rootfs')

    def test_build_packages_are_setup_sh_packages(self):
        install = next(i for i in self.build if "apt-get install" in i)
        listed = set(re.search(r"--no-install-recommends (.*?) &&", install).group(1).split())
        # TLS, emulator and browser tests
        test_only = {"libgtest-dev", "libgmock-dev", "openssl", "curl", "chromium-headless-shell"}
        self.assertEqual(listed - {"binutils"}, setup_sh_packages() - test_only)

    def test_build_context_holds_every_copied_source(self):
        ignore = (REPO / ".dockerignore").read_text().split()
        allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
        for instruction in self.build:
            if instruction.startswith("COPY ") and "--from" not in instruction:
                for source in instruction.split()[1:-1]:
                    self.assertIn(source.rstrip("/"), allowed, instruction)
                    self.assertTrue((REPO / source).exists(), source)

    def test_version_label_defaults_to_the_project_version(self):
        self.assertIn(f"ARG VERSION={project_version()}", self.runtime)


if __name__ == "__main__":
    unittest.main()
