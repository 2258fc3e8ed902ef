# Two commands a newcomer needs: `make serve` and `make test`. Every target sets up the
# environment it needs from the exactly pinned requirements files.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
NODE_DEPS := node_modules/.installed
# `make site generator=properdocs` (or serve): the same build by ProperDocs, the MkDocs 1.6
# fork that is the exit path from MkDocs (README: "End of life of the theme").
generator ?= mkdocs
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS := $(PROPERDOCS_VENV)/.installed
ifeq ($(generator),properdocs)
SITE_TOOL := $(PROPERDOCS_VENV)/bin/properdocs
SITE_PYTHON := $(PROPERDOCS_VENV)/bin/python
SITE_DEPS := $(PROPERDOCS)
else
SITE_TOOL := $(BIN)/mkdocs
SITE_PYTHON := $(BIN)/python
SITE_DEPS := $(RUNTIME)
endif
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve site validate changes ids new-plan test audit bench clean browser libical voikko

install: $(DEV) $(NODE_DEPS)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 tai uudempi tarvitaan (mkdocs-material 9.8).")'
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.txt
	@touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-dev.txt
	@touch $@

$(PROPERDOCS): requirements.txt requirements-properdocs.txt
	@test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	grep -vE '^(mkdocs|mkdocs-get-deps|mergedeep)==' requirements.txt > $(PROPERDOCS_VENV)/requirements-site.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps -r requirements-properdocs.txt -r $(PROPERDOCS_VENV)/requirements-site.txt
	@touch $@

$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# `make serve lang=sv` previews a plan's Swedish pages (their own build, mkdocs.sv.yml).
serve: $(SITE_DEPS)
	$(SITE_TOOL) serve --dev-addr 127.0.0.1:8000 --config-file mkdocs.$(if $(filter-out fi,$(lang)),$(lang).)yml

# The Finnish site, then one build per extra language some plan declares, into site/<lang>/.
# Each build writes its search index (<site>/pagefind/: Pagefind indexes each page as the
# hook hands it over, the index is written in on_post_build), so the indexing step is part
# of every build here and in `make serve`.
site: $(SITE_DEPS)
	$(SITE_TOOL) build --strict --clean --config-file mkdocs.yml --site-dir site
	@set -e; for lang in $$(cd hooks && ../$(SITE_PYTHON) -m ngoplan.web.i18n languages ..); do \
	  $(SITE_TOOL) build --strict --clean --config-file mkdocs.$$lang.yml --site-dir site/$$lang; \
	done

validate: $(RUNTIME)
	@cd hooks && ../$(BIN)/python -m ngoplan validate ..

# `make changes since=origin/main`: what a reader would see change since that revision
# (the working tree against it), in the changelog's sentences, grouped by plan.
changes: $(RUNTIME)
	@cd hooks && ../$(BIN)/python -m ngoplan changes "$(since)" ..

# `make ids since=origin/main`: ids of that published revision (default: the newest tag, else
# origin/main or main) that are gone from the working tree (a warning) or that come back
# naming something else (an error). Ids are addresses and calendar UIDs: they never change.
ids: $(RUNTIME)
	@cd hooks && ../$(BIN)/python -m ngoplan ids "$(since)" ..

# `make new-plan id=etela-savo county="Etelä-Savon hyvinvointialue"`: a new county's plan as
# a valid draft in data/<id>/ and content/<id>/ (nothing is written on bad input), then the
# data check. CONTRIBUTING.md, "Uusi hyvinvointialue tunnissa", says what to fill first.
new-plan: $(RUNTIME)
	@cd hooks && ../$(BIN)/python -m ngoplan new-plan .. "$(id)" "$(county)"
	@$(MAKE) --no-print-directory validate

# Chromium for the browser tests: Debian's packages, installed when missing. The tests run
# its headless build (chromium-headless-shell) when there is one, else the full browser.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
	  && [ -x /usr/lib/chromium/chromium-headless-shell ]; then :; \
	elif command -v apt-get >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver chromium-headless-shell; \
	elif [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then :; \
	else \
	  echo "Selaintestit tarvitsevat Chromiumin polussa /usr/bin/chromium. Asenna se käyttöjärjestelmäsi paketeista (Debian/Ubuntu: chromium ja chromium-driver) tai aseta CHROMIUM=/polku/chromiumiin." >&2; \
	  exit 1; \
	fi

# libical for the feed tests: the library Evolution, GNOME and KDE calendars parse with,
# through Debian's GObject bindings for the system Python 3 (not the virtual environment).
libical:
	@if /usr/bin/python3 -c 'import gi; gi.require_version("ICalGLib", "3.0")' 2>/dev/null; then :; \
	elif command -v apt-get >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gir1.2-ical-3.0 python3-gi; \
	else \
	  echo "Syötetestit tarvitsevat libicalin: asenna käyttöjärjestelmäsi paketeista libical 3 ja sen GObject-liitokset järjestelmän Python 3:lle (Debian/Ubuntu: gir1.2-ical-3.0 ja python3-gi)." >&2; \
	  exit 1; \
	fi

# Voikko for proofreading: the Finnish dictionary and library, Debian's packages, installed
# when missing. `make validate` runs without them (it says the spelling was not checked).
voikko:
	@if [ -e /usr/lib/voikko/5/mor-standard/mor.vfst ] && /sbin/ldconfig -p | grep -q 'libvoikko\.so\.1 '; then :; \
	elif command -v apt-get >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq voikko-fi libvoikko1; \
	else \
	  echo "Oikoluku tarvitsee Voikon: asenna käyttöjärjestelmäsi paketeista libvoikko ja sen suomen sanasto (Debian/Ubuntu: voikko-fi ja libvoikko1)." >&2; \
	  exit 1; \
	fi

# One pytest worker per core (pytest-xdist); a module's tests stay on one worker, so its
# module-scoped site build is made once; the browser modules start first (tests/conftest.py).
test: $(DEV) $(NODE_DEPS) $(PROPERDOCS) browser libical voikko
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The seed plans' transcription checks: values as the source documents state them. Not in
# `make test`, because a correct edit after a new decision changes them on purpose.
audit: $(DEV) voikko
	$(BIN)/python -m pytest tests/audit

# The search part drives Chromium (Playwright) and Lighthouse (package.json).
bench: $(DEV) $(NODE_DEPS) browser
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache
