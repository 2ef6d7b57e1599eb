# staleness: two commands do everything on a fresh Debian machine.
#   make demo   the staleness distribution of 32 asynchronous workers, fitted, tabled and drawn,
#               a scan over N = 2...256, then LeNet-5 trained for one epoch synchronously and with
#               delays sampled from that distribution (SGD and Adam); see demo/demo.sh
#   make test   the whole test suite (the demo's own recipe included, on reduced sizes)
# `make setup` (a dependency of both) installs missing Debian packages and does nothing otherwise.

SWIFT        ?= swift
APT_PACKAGES := libgsl-dev libopenblas-dev zlib1g-dev pkg-config libsqlite3-dev dataset-fashion-mnist
# The demo's build: release for a user, debug for make test's demo check.
CONFIG       ?= release
BIN          := .build/$(CONFIG)/staleness
# The demo trains on MNIST from MNIST_DIR when it is there, else on whatever STALENESS_DATA or the
# cache holds, else on Debian's Fashion-MNIST (installed by `make setup`).
MNIST_DIR    ?= ../shared/data/mnist
export MNIST_DIR

.PHONY: setup build demo demo-check test benchmark clean notebook-check cluster-check cluster-check

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
	$(SWIFT) build -c $(CONFIG) --product staleness

demo: build
	demo/demo.sh $(BIN)

# The demo's recipe as a user gets it on a bare machine (no MNIST beside the clone, no STALENESS_DATA,
# an empty dataset cache: Debian's Fashion-MNIST), with a debug build and reduced sizes; see the script.
demo-check:
	Tests/Demo/demo-check.sh

# The notebook check runs first so that the Swift test summary is the last thing printed.
test: setup
	$(MAKE) demo-check
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
