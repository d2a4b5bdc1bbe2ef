# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/ecr-apply

.PHONY: setup build test demo bench release format clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The whole test suite; .ci/run calls exactly this.
test: setup
	$(SWIFT) test --parallel

# The main job end to end on a local emulator.
demo: build
	@scripts/demo

# The benchmark against moto and the peers (boto3, the aws CLI); writes docs/benchmarks.md.
bench: setup
	$(SWIFT) build -c release
	@scripts/bench

# One binary to pin: dist/ecr-apply-VERSION-linux-ARCH, its tarball and SHA256SUMS.
release: setup
	@scripts/release

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-release dist
