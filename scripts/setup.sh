#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the demo need. Safe to re-run: it does nothing
# (and asks no registry) when every package is already installed.
set -euo pipefail

# chromium-headless-shell renders the training-curves page in the browser test.
PACKAGES=(
  g++ cmake ninja-build pkg-config
  libcurl4-openssl-dev nettle-dev
  nlohmann-json3-dev libcli11-dev libexpat1-dev
  libgtest-dev libgmock-dev
  openssl ca-certificates curl
  chromium-headless-shell
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The emulator and the e2e tests run on the machine's python3; tests/requirements.txt pins the packages
# they import. pip runs only when one of them is missing, so a machine that has them needs no index.
if ! python3 - <<'PY'
import importlib.util, shutil, sys
modules = ("botocore", "boto3", "moto", "flask", "flask_cors", "regex", "yaml")
missing = [m for m in modules if importlib.util.find_spec(m) is None]
if shutil.which("moto_server") is None:
    missing.append("moto_server")
if missing:
    print("setup: python3 lacks " + ", ".join(missing))
    sys.exit(1)
PY
then
  echo "setup: installing tests/requirements.txt with pip"
  python3 -m pip install --quiet -r "$(dirname "$0")/../tests/requirements.txt" ||
    { echo "setup: pip could not install tests/requirements.txt; install it into the python3 on PATH" \
           "(e.g. a virtual environment activated before running this)" >&2; exit 1; }
fi
