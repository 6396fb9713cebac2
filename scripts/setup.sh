#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the demo need. Safe to re-run: it does nothing
# (and asks no registry) when every package is already installed.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libcurl4-openssl-dev nettle-dev
  nlohmann-json3-dev libcli11-dev libexpat1-dev
  libgtest-dev libgmock-dev
  openssl ca-certificates curl
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

# The emulator and the e2e tests run on the machine's python3 with botocore (part of the machine image).
python3 - <<'PY'
import importlib, sys
missing = [m for m in ("botocore", "boto3", "moto", "regex", "yaml") if importlib.util.find_spec(m) is None]
if missing:
    sys.exit("setup: python3 lacks " + ", ".join(missing) + " (they come with the machine image)")
PY
