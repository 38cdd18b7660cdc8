# The two commands of README.md:
#   make run    install what is missing, build, profile a bundled real dataset, print the table
#   make test   install what is missing, build optimised (with testable imports), run every test (Swift Testing
#               only: no empty XCTest run). Optimised because the end-to-end tests start dqcli about 2,000 times,
#               and a debug dqcli spends about 0.25 s of processor time starting (swift-argument-parser checks its
#               command tree in debug builds): the suite takes about 80 s so, against 8 minutes in debug.
.PHONY: run test deps build release static bench lint format

DQCLI := .build/debug/dqcli

deps:
	./scripts/install-deps.sh

build: deps
	swift build

run: build
	$(DQCLI) profile Fixtures/real/penguins.csv

test: deps
	swift test -c release --disable-xctest

# swift format (ships with the toolchain) with the committed .swift-format: lint fails on any difference.
SWIFT_FORMAT_PATHS := Package.swift Sources Tests examples Fuzz

lint:
	swift format lint --strict --recursive $(SWIFT_FORMAT_PATHS)

format:
	swift format format --in-place --recursive $(SWIFT_FORMAT_PATHS)

release: deps
	swift build -c release

# dqcli for machines without a Swift toolchain or libcsv (Spark executors): .build-static/release/dqcli
static: deps
	./scripts/build-static.sh

bench:
	./bench/run.sh
