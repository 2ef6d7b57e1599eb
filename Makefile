# staleness: two commands do everything on a fresh Debian machine.
#   make demo   the staleness distribution of 32 asynchronous workers, fitted, tabled and drawn,
#               and a scan over N = 2...256
#   make test   the whole test suite
# `make setup` (a dependency of both) installs missing Debian packages and does nothing otherwise.

SWIFT        ?= swift
APT_PACKAGES := libgsl-dev libopenblas-dev zlib1g-dev pkg-config libsqlite3-dev dataset-fashion-mnist
BIN          := .build/release/staleness

.PHONY: setup build demo test benchmark clean

setup:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make setup: installing$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c release

demo: build
	$(BIN) simulate --workers 2,4,8,16,32,64,128,256 --sigma 0.2 --per-worker 20000 --seed 1
	$(BIN) simulate --workers 32 --sigma 0.2 --gradients 1000000 --seed 1

test: setup
	$(SWIFT) test

benchmark: build
	benchmarks/simulator.sh

clean:
	rm -rf .build
