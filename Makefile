# Unspun: build, test, run and benchmark. `make help` lists the targets.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_BIN = .build/release/unspun
SHARED ?= ../shared

.PHONY: help setup deps build release test run install uninstall bench bench-stages bench-clean sanitize-address sanitize-thread clean

help:
	@echo "make setup     install libicu-dev and zlib1g-dev if missing (apt-get), then build a release binary"
	@echo "make run       clean the bundled seed articles into out/ (documents, articles, rejects, report)"
	@echo "make test      build and run the test suite, the rule-file examples and the library example"
	@echo "make bench     release-build figures: stage MB/s beside raw ICU word breaking (bench-stages), then"
	@echo "               clean on a 1 GB synthetic dump beside jusText + MinHash-LSH (bench-clean, BENCH_MB=1000)"
	@echo "make install   install unspun and its rules under PREFIX (default /usr/local)"
	@echo "make sanitize-address / sanitize-thread   the tests under ASan / TSan"

# The system libraries the C targets link: ICU (word and sentence breaks, NFC, case) and zlib.
deps:
	@if [ ! -f /usr/include/unicode/ubrk.h ] || [ ! -f /usr/include/zlib.h ]; then \
		echo "installing libicu-dev and zlib1g-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev zlib1g-dev pkg-config; \
	fi

setup: deps release

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product unspun

test:
	$(SWIFT) build --build-tests
	$(SWIFT) run UnspunExample
	.build/debug/unspun rules test
	$(SWIFT) test --skip-build

run: $(RELEASE_BIN)
	$(RELEASE_BIN) clean Fixtures/seeds --out out
	@echo "out/: $$(ls out | tr '\n' ' ')"

$(RELEASE_BIN):
	$(SWIFT) build -c release --product unspun

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/unspun
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/unspun
	rm -rf $(DESTDIR)$(PREFIX)/share/unspun/Rules
	cp -R Rules $(DESTDIR)$(PREFIX)/share/unspun/Rules

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/unspun
	rm -rf $(DESTDIR)$(PREFIX)/share/unspun

# Stage throughput in process, then `unspun clean` on a synthetic dump of BENCH_MB megabytes
# (generated once into bench-data/) beside jusText + datasketch MinHash-LSH in Python.
BENCH_MB ?= 1000
VENV ?= .venv

bench: bench-stages bench-clean

bench-stages:
	$(SWIFT) build -c release --product unspun
	$(SWIFT) build -c release --product UnspunBench
	.build/release/UnspunBench --corpus $(SHARED)/corpora/wcxb-dev-articles.jsonl.gz --rules Rules

bench-clean: $(RELEASE_BIN)
	@[ -d /usr/share/wordnet ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import justext, datasketch" 2>/dev/null || $(VENV)/bin/pip install -q justext datasketch \
		|| echo "could not install jusText and datasketch; the Python comparison will be skipped"
	$(VENV)/bin/python Tests/Benchmarks/bench_clean.py $(SHARED)/corpora/wcxb-dev-articles.jsonl.gz --mb $(BENCH_MB) \
		--steps $$(( $(BENCH_MB) / 10 )),$$(( $(BENCH_MB) / 4 )),$$(( $(BENCH_MB) / 2 )),$(BENCH_MB) --baseline-mb $$(( $(BENCH_MB) / 10 ))

# The test suite under AddressSanitizer and ThreadSanitizer (separate build folders; slow).
sanitize-address:
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan

sanitize-thread:
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan out bench-data
