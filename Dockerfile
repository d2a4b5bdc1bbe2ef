# ecr-apply in a container: the very binary `make release` writes (and the GitHub release
# publishes), on a pinned slim Debian with libcurl, CA certificates and a non-root user. One
# binary for the download and the image. (No HEALTHCHECK: it is a command that runs and
# exits, not a service.)
#
#   make release
#   docker build --build-arg BINARY=dist/ecr-apply-1.2.3-linux-x86_64 -t ecr-apply:1.2.3 .
#   docker run --rm -v "$PWD:/work" -e AWS_REGION -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY ecr-apply:1.2.3 plan
#
# Untested here: this machine has no container engine (docs/release.md).
FROM debian:12.11-slim
ARG BINARY
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work --shell /usr/sbin/nologin ecr-apply
COPY ${BINARY} /usr/local/bin/ecr-apply
USER 10001
WORKDIR /work
ENTRYPOINT ["ecr-apply"]
CMD ["--help"]
