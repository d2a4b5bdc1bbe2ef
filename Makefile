# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/ecr-apply

.PHONY: setup build test demo bench format clean

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

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
