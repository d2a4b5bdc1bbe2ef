# ecr-apply in a container. Multi-stage: the Swift toolchain builds a release binary with the
# Swift runtime linked in statically; the final image is a pinned slim Debian with libcurl,
# CA certificates, the binary, and a non-root user. (No HEALTHCHECK: it is a command that
# runs and exits, not a service.)
#
#   docker build --build-arg ECR_APPLY_REVISION=$(git rev-parse --short=12 HEAD) -t ecr-apply:0.1.0 .
#   docker run --rm -v "$PWD:/work" -e AWS_REGION -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY ecr-apply:0.1.0 plan

# --- build -------------------------------------------------------------------------------
FROM swift:6.1.2-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifest first: the dependency fetch is cached until Package.swift changes.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY Tests ./Tests
ARG ECR_APPLY_REVISION=unknown
ENV ECR_APPLY_REVISION=${ECR_APPLY_REVISION}
RUN swift build -c release --product ecr-apply --static-swift-stdlib \
    && install -D -m 0755 .build/release/ecr-apply /out/ecr-apply

# --- run ---------------------------------------------------------------------------------
FROM debian:12.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work --shell /usr/sbin/nologin ecr-apply
COPY --from=build /out/ecr-apply /usr/local/bin/ecr-apply
USER 10001
WORKDIR /work
ENTRYPOINT ["ecr-apply"]
CMD ["--help"]
