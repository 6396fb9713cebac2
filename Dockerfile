# syntax=docker/dockerfile:1
# The sagemaker-training image: the binary, its shared libraries, CA certificates, a non-root user.
#
#   docker build -t <registry>/sagemaker-training:<version> .      (from the repository root)
#
# Build stage: the project's own Debian packages and CMake (Release, no tests), binary stripped.
# Runtime stage: FROM scratch + one COPY of the root filesystem that scripts/runtime_closure.sh
# assembles (binary, full `ldd` closure with the loader, CA bundle, passwd/group for uid 65532,
# nsswitch.conf, /tmp, dpkg status and licences for scanners).
#
# Why scratch and not distroless/cc-debian12 or debian:bookworm-slim: either base would still need
# libcurl's closure (~20 libraries) copied or apt-installed on top, and then the image would hold
# files no test here has run. With scratch the image is byte for byte the directory that
# scripts/runtime_closure.sh builds and that tests/e2e/test_runtime_closure.py runs with chroot as
# uid 65532, so "nothing is missing" is proven on the exact file set, without a Docker engine. It is
# distroless in substance: Debian's own files, no shell, no package manager, dpkg metadata for
# scanners. The same script runs that chroot check here, during the build (Docker, BuildKit, Podman
# and Buildah grant RUN the CAP_SYS_CHROOT it needs); builders without it pass
# --build-arg CLOSURE_CHECK=skip.

ARG DEBIAN_IMAGE=debian:bookworm

FROM ${DEBIAN_IMAGE} AS build
# The packages of scripts/setup.sh minus the test-only ones (libgtest-dev, libgmock-dev), plus
# ca-certificates (the bundle we ship) and binutils (strip). tests/e2e/test_runtime_closure.py fails
# if this list and setup.sh's drift apart.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config \
      libcurl4-openssl-dev nettle-dev \
      nlohmann-json3-dev libcli11-dev libexpat1-dev \
      ca-certificates binutils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake/ cmake/
COPY src/ src/
# Release at -O2, as Debian builds its packages: this I/O-bound program gains nothing from -O3.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
 && cmake --build /build --target sagemaker-training \
 && strip --strip-all /build/sagemaker-training

COPY scripts/runtime_closure.sh scripts/
ARG CLOSURE_CHECK=run
RUN if [ "$CLOSURE_CHECK" = skip ]; then set -- --no-run; else set --; fi \
 && bash scripts/runtime_closure.sh "$@" /build/sagemaker-training /rootfs

FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="sagemaker-training" \
      org.opencontainers.image.description="Kubeflow Pipelines component: submit, follow and collect an Amazon SageMaker training job" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/bin \
    HOME=/home/nonroot
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["/usr/local/bin/sagemaker-training"]
CMD ["--help"]
