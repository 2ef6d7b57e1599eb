# staleness: two commands do everything on a fresh Debian machine.
#   make demo   the staleness distribution of 32 asynchronous workers, fitted, tabled and drawn,
#               a scan over N = 2...256, then LeNet-5 trained for one epoch synchronously and with
#               delays sampled from that distribution (SGD and Adam)
#   make test   the whole test suite
# `make setup` (a dependency of both) installs missing Debian packages and does nothing otherwise.

SWIFT        ?= swift
APT_PACKAGES := libgsl-dev libopenblas-dev zlib1g-dev pkg-config libsqlite3-dev dataset-fashion-mnist
BIN          := .build/release/staleness
# The demo trains on MNIST from ../shared/data/mnist when it is there, else on whatever
# STALENESS_DATA or the cache holds, else on Debian's Fashion-MNIST (installed by `make setup`).
DEMO_DATA    := $(if $(wildcard ../shared/data/mnist/train-images-idx3-ubyte*),--data ../shared/data/mnist,$(if $(STALENESS_DATA)$(wildcard $(HOME)/.cache/staleness/mnist),,--dataset fashion-mnist))
DEMO_DIST    := notebooks-data/staleness-N32-normal-sigma0.2.json

.PHONY: setup build demo test benchmark clean notebook-check cluster-check

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
	$(BIN) train $(DEMO_DATA) --epochs 1 --optimizer sgd --lr 0.01
	$(BIN) train $(DEMO_DATA) --epochs 1 --optimizer sgd --lr 0.01 --delay-dist $(DEMO_DIST) --delay-sampling empirical
	$(BIN) train $(DEMO_DATA) --epochs 1 --optimizer adam --lr 0.0001 --delay-dist $(DEMO_DIST) --delay-sampling empirical

# The notebook check runs first so that the Swift test summary is the last thing printed.
test: setup
	$(MAKE) notebook-check
	$(MAKE) cluster-check
	$(SWIFT) test

# Submits the README's Slurm job arrays (cluster/*.sbatch) to a private single-node Slurm brought up on
# this machine (installing slurm-wlm and munge when missing; skipped, saying so, where they cannot be).
cluster-check:
	$(SWIFT) build --product staleness
	Tests/Cluster/slurm-job-array.sh .build/debug/staleness

# Executes notebooks-data/reproduction.ipynb headless on the CSV tables of a tiny sweep
# (synthetic IDX data, 8 one-epoch runs), installing the Python packages it needs if missing.
NOTEBOOK_CHECK := .build/notebook-check
notebook-check:
	@python3 -c "import nbconvert, ipykernel, pandas, matplotlib, numpy" 2>/dev/null || \
	  python3 -m pip install --quiet jupyter nbconvert ipykernel pandas matplotlib numpy || \
	  python3 -m pip install --quiet --user --break-system-packages jupyter nbconvert ipykernel pandas matplotlib numpy
	$(SWIFT) build --product staleness
	rm -rf $(NOTEBOOK_CHECK) && mkdir -p $(NOTEBOOK_CHECK)/csv
	python3 notebooks-data/tools/tiny_idx.py $(NOTEBOOK_CHECK)/data
	.build/debug/staleness sweep --data $(NOTEBOOK_CHECK)/data --optimizer sgd,adam --lr 0.01,0.05 --delay 0,4 \
	  --batch 20 --store $(NOTEBOOK_CHECK)/runs.sqlite --jobs 2
	.build/debug/staleness export --store $(NOTEBOOK_CHECK)/runs.sqlite --out $(NOTEBOOK_CHECK)/csv
	STALENESS_CSV=$(CURDIR)/$(NOTEBOOK_CHECK)/csv python3 -m jupyter nbconvert --to notebook --execute \
	  notebooks-data/reproduction.ipynb --output-dir $(NOTEBOOK_CHECK) --ExecutePreprocessor.timeout=300

benchmark: build
	benchmarks/simulator.sh

clean:
	rm -rf .build
