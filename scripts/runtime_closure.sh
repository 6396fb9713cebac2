#!/usr/bin/env bash
# runtime_closure.sh: assembles the container image's whole root filesystem for the sagemaker-training
# binary, then proves it is complete by running the binary inside it with chroot as the non-root user.
#
#   scripts/runtime_closure.sh [--no-run] [--request-out FILE] BINARY OUTDIR
#
# This script IS the image's file list. The Dockerfile's build stage runs it into /rootfs and the runtime
# stage is `FROM scratch` + `COPY --from=build /rootfs/ /`, so the image holds exactly what this script
# assembles and tests here run exactly what ships (there is no second list to drift from this one).
#
# OUTDIR receives (nothing else):
#   /usr/local/bin/sagemaker-training          the binary
#   its full `ldd` closure incl. the dynamic loader, at Debian's merged-/usr paths (/lib -> usr/lib)
#   /etc/ssl/certs/ca-certificates.crt         libcurl's default CA bundle path on Debian
#   /etc/passwd, /etc/group                    root and nonroot (65532), as in distroless
#   /etc/nsswitch.conf                         files then DNS (honours Kubernetes hostAliases)
#   /etc/os-release, /var/lib/dpkg/status.d/*  so image scanners (ECR, Trivy, Grype) see the Debian
#                                              packages the libraries came from, as in distroless
#                                              (those linked into the binary included)
#   /usr/share/doc/<package>/copyright         the licences of every shipped Debian package
#   /tmp (1777), /home/nonroot (root-owned; the binary needs no writable home)
#
# Then, unless --no-run: `chroot --userspec=65532:65532 OUTDIR` with an empty environment runs
# `--version` and `--dry_run` of a realistic k-means job (the dry run's JSON goes to --request-out FILE
# when given), checks that the runs left no file behind, and reports the size. Needs root (chroot).
# Output: human-readable lines, then `files=N` and `total_bytes=N` for scripts.
set -euo pipefail

readonly kInstallPath=/usr/local/bin/sagemaker-training
readonly kUid=65532
readonly kCaBundle=/etc/ssl/certs/ca-certificates.crt

die() { echo "runtime_closure: $*" >&2; exit 1; }

run_checks=1
request_out=""
while (($#)); do
  case "$1" in
    --no-run) run_checks=0; shift ;;
    --request-out) request_out=${2:?--request-out needs a file}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
(($# == 2)) || die "usage: runtime_closure.sh [--no-run] [--request-out FILE] BINARY OUTDIR"
binary=$1
outdir=$2
[ -f "$binary" ] && [ -x "$binary" ] || die "$binary is not an executable file"
if [ -e "$outdir" ] && [ -n "$(ls -A "$outdir")" ]; then die "$outdir exists and is not empty"; fi
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

# The Debian package that owns PATH ("" if none). With merged /usr, dpkg knows a file under the path
# its package ships it at (/lib/... for libc6, /usr/lib/... for most others), so try both spellings.
owning_package() {
  local path=$1 alt
  case "$path" in /usr/*) alt=${path#/usr} ;; *) alt=/usr$path ;; esac
  { dpkg-query -S "$path" 2>/dev/null || dpkg-query -S "$alt" 2>/dev/null || true; } |
    head -n1 | sed 's/:.*//; s/,.*//'
}

# Copies the file PATH resolves to into OUTDIR under PATH's own directory (resolved, so that
# /lib/x86_64-linux-gnu/x lands in usr/lib/x86_64-linux-gnu/x behind the lib -> usr/lib link) and
# PATH's own file name (the soname the loader looks for).
copy_resolved() {
  local path=$1 dir
  dir=$(readlink -f "$(dirname "$path")")
  mkdir -p "$outdir$dir"
  cp -L --preserve=mode "$path" "$outdir$dir/$(basename "$path")"
}

# The libraries the binary loads, and the loader, as absolute paths; fails on any unresolved one.
ldd_closure() {
  local out
  out=$(ldd "$1") || die "ldd $1 failed (is it a dynamic executable for this machine?)"
  if grep -q 'not found' <<<"$out"; then die "unresolved libraries: $(grep 'not found' <<<"$out")"; fi
  # "libx.so.1 => /path/libx.so.1 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"; the vDSO has no path.
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$out" | sort -u
}

assemble() {
  # Debian's merged-/usr layout, so the loader's built-in paths and PT_INTERP resolve as on Debian.
  mkdir -p "$outdir/usr/lib" "$outdir/usr/local/bin" "$outdir/etc/ssl/certs"
  local link
  for link in lib lib64; do
    mkdir -p "$outdir/usr/$link"
    ln -s "usr/$link" "$outdir/$link"
  done

  install -m 0755 "$binary" "$outdir$kInstallPath"

  local libs lib packages=() package
  libs=$(ldd_closure "$binary")
  [ -n "$libs" ] || die "$binary has no shared libraries; expected a dynamic executable"
  for lib in $libs; do
    copy_resolved "$lib"
    package=$(owning_package "$lib")
    [ -n "$package" ] || die "no Debian package owns $lib; cannot record its licence"
    packages+=("$package")
  done

  # What CMakeLists.txt links into the binary rather than loading it (-static-libstdc++ -static-libgcc,
  # expat's archive) ships inside it: its packages are recorded as well, for the licences and so that
  # scanners see that code. Skipped for a binary that loads the shared library instead (sanitizer builds).
  local archive library_name
  for archive in libstdc++.a:libstdc++.so libgcc_eh.a:libgcc_s.so libexpat.a:libexpat.so; do
    library_name=${archive#*:}
    archive=${archive%%:*}
    grep -q "/$library_name" <<<"$libs" && continue
    archive=$(g++ -print-file-name="$archive")  # the bare name when the linker would not find it
    [ "$archive" != "${archive#/}" ] || die "g++ does not find $archive, which is linked into the binary"
    package=$(owning_package "$(readlink -f "$archive")")
    [ -n "$package" ] || die "no Debian package owns $archive, which is linked into the binary"
    packages+=("$package")
  done

  [ -s "$kCaBundle" ] || die "$kCaBundle is missing (install ca-certificates)"
  cp -L "$kCaBundle" "$outdir$kCaBundle"
  packages+=(ca-certificates)
  chmod 0644 "$outdir$kCaBundle"

  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%d:%d:nonroot:/home/nonroot:/sbin/nologin\n' \
    "$kUid" "$kUid" >"$outdir/etc/passwd"
  printf 'root:x:0:\nnonroot:x:%d:\n' "$kUid" >"$outdir/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$outdir/etc/nsswitch.conf"
  cp -L /etc/os-release "$outdir/etc/os-release"
  chmod 0644 "$outdir"/etc/passwd "$outdir"/etc/group "$outdir"/etc/nsswitch.conf "$outdir"/etc/os-release

  mkdir -p "$outdir/var/lib/dpkg/status.d"
  for package in $(printf '%s\n' "${packages[@]}" | sort -u); do
    dpkg-query -s "$package" >"$outdir/var/lib/dpkg/status.d/$package"
    if [ -f "/usr/share/doc/$package/copyright" ]; then
      mkdir -p "$outdir/usr/share/doc/$package"
      cp -L "/usr/share/doc/$package/copyright" "$outdir/usr/share/doc/$package/copyright"
    fi
  done

  install -d -m 1777 "$outdir/tmp"
  # Root-owned like everything else: however a builder treats ownership on COPY, /tmp is the one
  # writable place (KFP writes outputs there or to mounted volumes).
  install -d -m 0755 "$outdir/home/nonroot"
}

# Runs the installed binary inside OUTDIR as the non-root user with only the environment a container
# would have, so nothing from this machine (files, credentials, variables) can make it pass.
in_image() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/nonroot \
    "$chroot_bin" --userspec="$kUid:$kUid" "$outdir" "$kInstallPath" "$@"
}

# A k-means training job on MNIST as the simple_train_pipeline sample submits it.
readonly -a kDryRunArgs=(
  --region us-east-1
  --job_name closure-check-kmeans
  --role arn:aws:iam::123456789012:role/SageMakerExecution
  --algorithm_name k-means
  --training_input_mode File
  --hyperparameters '{"k": 10, "feature_dim": 784}'
  --channels '[{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://my-bucket/mnist_kmeans_example/train_data", "S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated"}}, "CompressionType": "None", "RecordWrapperType": "None", "InputMode": "File"}]'
  --instance_type ml.m5.2xlarge
  --instance_count 1
  --volume_size 50
  --max_run_time 3600
  --model_artifact_path s3://my-bucket/mnist_kmeans_example/output
  --network_isolation True
  --traffic_encryption False
  --spot_instance False
  --tags '{"project": "closure-check"}'
  --dry_run True
)

run_checks() {
  local version request before after
  chroot_bin=$(command -v chroot) || die "chroot is not installed (coreutils)"
  before=$(cd "$outdir" && find . | sort)
  version=$(in_image --version) || die "--version failed inside the closure"
  [ -n "$version" ] || die "--version printed nothing"
  echo "runtime_closure: --version as uid $kUid: $version"
  request=$(in_image "${kDryRunArgs[@]}") || die "--dry_run failed inside the closure"
  case "$request" in
    *'"TrainingJobName"'*) ;;
    *) die "--dry_run did not print a CreateTrainingJob request: $request" ;;
  esac
  echo "runtime_closure: --dry_run as uid $kUid printed a ${#request}-byte request"
  [ -z "$request_out" ] || printf '%s\n' "$request" >"$request_out"
  after=$(cd "$outdir" && find . | sort)
  [ "$before" = "$after" ] || die "the checks changed the file set: $(diff <(echo "$before") <(echo "$after") || true)"
}

assemble
if ((run_checks)); then run_checks; fi

files=$(find "$outdir" -type f | wc -l)
total_bytes=$(du -sb "$outdir" | cut -f1)
echo "runtime_closure: $outdir: $files files, $(du -sh "$outdir" | cut -f1) ($total_bytes bytes)"
echo "files=$files"
echo "total_bytes=$total_bytes"
