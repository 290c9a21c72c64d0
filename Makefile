# Unspun: build, test, run and benchmark. `make help` lists the targets.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_BIN = .build/release/unspun
SHARED ?= ../shared

.PHONY: help setup deps build release test consumer-test run install uninstall bench bench-stages bench-clean bench-syndication bench-mojibake roundtrip fuzz sanitize-address sanitize-thread clean thesaurus-deps thesaurus news-lm unspin-eval python-test review-test bench-datatrove strip-eval repeated-eval bench-startup docs spark-test bench-spark bench-grouping

help:
	@echo "make setup     install libicu-dev and zlib1g-dev if missing (apt-get), then build a release binary"
	@echo "make run       clean the bundled seed articles into out/ (documents, articles, rejects, report)"
	@echo "make test      swift-format lint (.swift-format), then the test suite, the rule-file examples, the library example"
	@echo "               and consumer-test (Tests/Consumer: another package depending on this one by version)"
	@echo "make bench     release-build figures: stage MB/s beside raw ICU word breaking (bench-stages), then"
	@echo "               clean on a 1 GB synthetic dump beside jusText + MinHash-LSH (bench-clean, BENCH_MB=1000)"
	@echo "make bench-grouping  grouping alone on one core at 1/10, 1/4, 1/2 and all of bench-clean's dump (µs per document)"
	@echo "make bench-syndication  grouping under heavy spinning on generated dumps (SYNDICATION_SEEDS: 1 2 3 4 5), beside datasketch and datatrove"
	@echo "make docs      the library's DocC documentation (overview, getting started) into .build-docs/Unspun.doccarchive"
	@echo "make install   install unspun and its rules under PREFIX (default /usr/local)"
	@echo "make roundtrip the change record rebuilds every WCXB input, and each stage is idempotent on it"
	@echo "make bench-mojibake  normalize's mojibake repairs beside ftfy's fix_encoding on every WCXB text"
	@echo "make fuzz      libFuzzer + ASan over the JSONL reader and every stage for FUZZ_SECONDS (300)"
	@echo "make sanitize-address / sanitize-thread   the tests under ASan / TSan"
	@echo "make thesaurus / news-lm   rebuild the spin restorer's Rules/en/thesaurus.tsv / news.lm;  make unspin-eval  its figures"
	@echo "make python-test  the Python package with real datatrove and Dolma from PyPI in .venv (10,000 generated documents)"
	@echo "make review-test  the review page of the seeds in headless Chromium: screenshots and DOM checks (.build/review-test)"
	@echo "make bench-datatrove  datatrove with UnspunFilter beside its C4 and Gopher filters on BENCH_DT_MB (100) MB"
	@echo "make spark-test  the PySpark job in local[2] beside unspun clean (seeds, 5,015 documents; 1, 3, 8 partitions; a killed task)"
	@echo "make bench-spark the PySpark job beside unspun clean on the BENCH_MB (1000) MB dump, with each step's cost"

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
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Rules/RulesBundle.swift
	$(SWIFT) build --build-tests
	$(SWIFT) run UnspunExample
	.build/debug/unspun rules test
	$(SWIFT) test --skip-build
	$(MAKE) consumer-test

# The library's documentation (Sources/Unspun/Unspun.docc: overview and a getting-started article
# with a stage of one's own) from its symbol graph, with the toolchain's docc, into
# .build-docs/Unspun.doccarchive; `docc preview` on the same inputs serves it.
DOCS = .build-docs
docs:
	$(SWIFT) build --target Unspun --scratch-path $(DOCS) -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc $(CURDIR)/$(DOCS)/graphs
	rm -rf $(DOCS)/unspun-graphs && mkdir -p $(DOCS)/unspun-graphs && cp $(DOCS)/graphs/Unspun.symbols.json $(DOCS)/graphs/Unspun@*.symbols.json $(DOCS)/unspun-graphs/ 2>/dev/null || cp $(DOCS)/graphs/Unspun.symbols.json $(DOCS)/unspun-graphs/
	docc convert Sources/Unspun/Unspun.docc --additional-symbol-graph-dir $(DOCS)/unspun-graphs --fallback-display-name Unspun \
		--fallback-bundle-identifier org.unspun.Unspun --output-path $(DOCS)/Unspun.doccarchive --warnings-as-errors
	@echo "documentation: $(DOCS)/Unspun.doccarchive"

# Tests/Consumer, a package that depends on Unspun by version (from: 0.9.0), resolved and built
# the way a user's package is, then run on the seeds with a stage of its own inside DumpCleaner.
# It resolves against a release of this tree made here: the files git tracks or would track, as
# they stand in the working tree (the whole tree outside a git checkout), committed and tagged
# with Version.current in .build/consumer/release/unspun. So it sees the code being tested and
# needs no tags in the checkout (a CI clone has none).
CONSUMER = .build/consumer
UNSPUN_VERSION = $(shell sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Unspun/Version.swift)
consumer-test:
	rm -rf $(CONSUMER)/release Tests/Consumer/Package.resolved $(CONSUMER)/repositories $(CONSUMER)/checkouts $(CONSUMER)/workspace-state.json
	mkdir -p $(CONSUMER)/release/unspun
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C $(CONSUMER)/release/unspun; \
	else \
		tar --exclude=./.build --exclude=./.git -cf - . | tar -xf - -C $(CONSUMER)/release/unspun; \
	fi
	cd $(CONSUMER)/release/unspun && git init -q && git add -A && \
		git -c user.name=unspun -c user.email=unspun@localhost -c commit.gpgsign=false commit -q -m "Unspun $(UNSPUN_VERSION)" && \
		git -c user.name=unspun -c user.email=unspun@localhost -c tag.gpgsign=false tag -a $(UNSPUN_VERSION) -m "Unspun $(UNSPUN_VERSION)"
	UNSPUN_PACKAGE_URL=file://$(CURDIR)/$(CONSUMER)/release/unspun $(SWIFT) package --package-path Tests/Consumer --scratch-path $(CONSUMER) --disable-dependency-cache resolve
	UNSPUN_PACKAGE_URL=file://$(CURDIR)/$(CONSUMER)/release/unspun $(SWIFT) build --package-path Tests/Consumer --scratch-path $(CONSUMER) --disable-dependency-cache
	rm -rf .build/consumer-out
	$(CONSUMER)/debug/consumer Fixtures/seeds .build/consumer-out

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
WCXB = $(SHARED)/corpora/wcxb-dev-articles.jsonl.gz
# The benchmarks and the round trip run on the WCXB corpus, which a checkout does not ship.
need-wcxb = @[ -f $(WCXB) ] || { echo "make $@: needs $(WCXB), the WCXB development corpus; set SHARED=DIR to the folder that holds corpora/"; exit 1; }

bench: bench-stages bench-clean

# One record through repair --pack science at --jobs 1 and 8: rule files are parsed once per run.
bench-startup: release
	python3 Tests/Benchmarks/bench_startup.py --binary $(RELEASE_BIN)

bench-stages:
	$(need-wcxb)
	$(SWIFT) build -c release --product unspun
	$(SWIFT) build -c release --product UnspunBench
	.build/release/UnspunBench --corpus $(WCXB) --rules Rules

bench-clean: $(RELEASE_BIN)
	$(need-wcxb)
	@[ -d /usr/share/wordnet ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import justext, lxml_html_clean, datasketch" 2>/dev/null || $(VENV)/bin/pip install -q justext lxml_html_clean datasketch \
		|| echo "could not install jusText and datasketch; the Python comparison will be skipped"
	$(VENV)/bin/python Tests/Benchmarks/bench_clean.py $(WCXB) --mb $(BENCH_MB) \
		--steps $$(( $(BENCH_MB) / 10 )),$$(( $(BENCH_MB) / 4 )),$$(( $(BENCH_MB) / 2 )),$(BENCH_MB) --baseline-mb $$(( $(BENCH_MB) / 10 ))

# Grouping alone, on one core, at each size of bench-clean's dump (issue #17: it should grow
# linearly): the documents' signatures (`group --emit-keys` after normalize, strip and repair,
# kept in bench-data/), then UnspunBench --group-keys prints microseconds per document.
GROUPING_STEPS = $$(( $(BENCH_MB) / 10 )) $$(( $(BENCH_MB) / 4 )) $$(( $(BENCH_MB) / 2 )) $(BENCH_MB)
bench-grouping: $(RELEASE_BIN)
	$(SWIFT) build -c release --product UnspunBench
	@for mb in $(GROUPING_STEPS); do [ -f bench-data/synthetic-$${mb}mb.jsonl ] \
		|| { echo "make bench-grouping: bench-data/synthetic-$${mb}mb.jsonl is missing; make bench-clean writes it"; exit 1; }; done
	@for mb in $(GROUPING_STEPS); do keys=bench-data/keys-$${mb}mb.jsonl; [ -f $$keys ] || { echo "signatures of $${mb} MB"; \
		bash -o pipefail -c "$(RELEASE_BIN) normalize < bench-data/synthetic-$${mb}mb.jsonl | $(RELEASE_BIN) strip \
		| $(RELEASE_BIN) repair | $(RELEASE_BIN) group --emit-keys > $$keys.partial" && mv $$keys.partial $$keys || exit 1; }; done
	.build/release/UnspunBench $$(for mb in $(GROUPING_STEPS); do printf -- '--group-keys bench-data/keys-%smb.jsonl ' $$mb; done)

# Grouping under heavy spinning (issue #17): generated dumps (seed 1 tuned on, seed 2 held out, 3 and
# 4 not tuned on), Unspun beside datasketch MinHash-LSH and datatrove's MinHash stages.
SYNDICATION_SEEDS ?= 1 2 3 4 5
bench-syndication: $(RELEASE_BIN)
	$(need-wcxb)
	@[ -d /usr/share/wordnet ] && [ -d /usr/share/aiksaurus ] && [ -d /usr/share/games/fortunes/ru ] && [ -f /usr/share/games/fortunes/tang300.u8 ] \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base libaiksaurus-1.2-data fortunes-ru fortunes-zh)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import datasketch, rapidfuzz, datatrove, spacy, orjson, regex, tokenizers" 2>/dev/null \
		|| $(VENV)/bin/pip install -q datasketch rapidfuzz datatrove==0.10.1 "xxhash<3.6" orjson regex tokenizers spacy
	mkdir -p bench-data
	for seed in $(SYNDICATION_SEEDS); do python3 Tests/Benchmarks/make_dump.py $(WCXB) bench-data/hard-$$seed.jsonl --hard --stories 720 --seed $$seed --seeds Fixtures/seeds \
		&& $(VENV)/bin/python Tests/Benchmarks/group_eval.py bench-data/hard-$$seed.jsonl --bin $(RELEASE_BIN) --datatrove 2>/dev/null || exit 1; done

# Strip on every input of the WCXB texts corpus (held-out pages and all, beside C4 and jusText), and
# clean's repetition cue on a generated dump of sites that repeat their boilerplate (issue 15).
WCXB_TEXTS = $(SHARED)/corpora/wcxb-dev-texts.jsonl.gz

strip-eval: $(RELEASE_BIN)
	$(need-wcxb)
	@$(VENV)/bin/python -c "import justext" 2>/dev/null || { python3 -m venv --system-site-packages $(VENV) && $(VENV)/bin/pip install -q justext lxml_html_clean; }
	$(VENV)/bin/python Tests/Benchmarks/strip_inputs_eval.py $(WCXB_TEXTS) --bin $(RELEASE_BIN) --baselines --markdown

repeated-eval: $(RELEASE_BIN)
	$(need-wcxb)
	python3 Tests/Benchmarks/repeated_lines_eval.py $(WCXB_TEXTS) --bin $(RELEASE_BIN) --work bench-data/repeated

# libFuzzer over the JSONL reader and every stage (Tests/Fuzz/FuzzTarget.swift compiled in one module with
# the library's sources, under ASan), for FUZZ_SECONDS. Crashes and broken properties land in .build-fuzz/.
FUZZ_SECONDS ?= 300
FUZZ_DIR = .build-fuzz

fuzz: $(FUZZ_DIR)/fuzz-unspun
	@mkdir -p $(FUZZ_DIR)/corpus
	python3 Tests/Fuzz/make_corpus.py Fixtures/seeds $(FUZZ_DIR)/corpus
	$(FUZZ_DIR)/fuzz-unspun -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -detect_leaks=0 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

$(FUZZ_DIR)/fuzz-unspun: Tests/Fuzz/FuzzTarget.swift $(shell find Sources/Unspun Sources/CICU Sources/CZlib -name '*.swift' -o -name '*.c' -o -name '*.h')
	@mkdir -p $(FUZZ_DIR)
	printf 'module CICU {\n  header "$(CURDIR)/Sources/CICU/include/cicu.h"\n  export *\n}\nmodule CZlib {\n  header "$(CURDIR)/Sources/CZlib/include/czlib.h"\n  export *\n}\n' > $(FUZZ_DIR)/module.modulemap
	for source in Sources/CICU/*.c; do \
		clang -O1 -g -fsanitize=fuzzer-no-link,address -c $$source -I Sources/CICU/include -o $(FUZZ_DIR)/$$(basename $$source .c).o || exit 1; \
	done
	clang -O1 -g -fsanitize=fuzzer-no-link,address -c Sources/CZlib/czlib.c -I Sources/CZlib/include -o $(FUZZ_DIR)/czlib.o
	swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name UnspunFuzz -swift-version 6 \
		-enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault \
		-Xcc -fmodule-map-file=$(FUZZ_DIR)/module.modulemap $$(find Sources/Unspun -name '*.swift') Tests/Fuzz/FuzzTarget.swift \
		$(patsubst Sources/CICU/%.c,$(FUZZ_DIR)/%.o,$(wildcard Sources/CICU/*.c)) $(FUZZ_DIR)/czlib.o -licui18n -licuuc -licudata -lz -o $@ 2>&1 | grep -v "Cannot export local symbol" || true
	@test -x $@

roundtrip: $(RELEASE_BIN)
	$(need-wcxb)
	python3 Tests/Benchmarks/roundtrip.py $(WCXB)

# ftfy only for the comparison, in the venv; the product does not need Python.
bench-mojibake: $(RELEASE_BIN)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import ftfy" 2>/dev/null || $(VENV)/bin/pip install -q ftfy==6.3.1
	$(VENV)/bin/python Tests/Benchmarks/mojibake_vs_ftfy.py $(SHARED)/corpora/wcxb-dev-texts.jsonl.gz --binary $(RELEASE_BIN)

# The test suite under AddressSanitizer and ThreadSanitizer (separate build folders; slow).
sanitize-address:
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan

sanitize-thread:
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz out bench-data

# The spin restorer's data (README, "repair"): the inverse thesaurus from Debian's wordnet-base and
# mythes-en-us, the default model from the WCXB gold texts, and its evaluation (both halves).
THESAURUS_PACKAGES = wordnet-base mythes-en-us libaiksaurus-1.2-data aiksaurus
thesaurus-deps:
	@[ -d /usr/share/wordnet ] && [ -f /usr/share/mythes/th_en_US_v2.dat ] && command -v aiksaurus >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(THESAURUS_PACKAGES))

thesaurus: thesaurus-deps
	python3 Rules/tools/make_thesaurus.py > Rules/en/thesaurus.tsv

news-lm: $(RELEASE_BIN)
	python3 Rules/tools/gold_texts.py $(SHARED)/corpora/wcxb-dev-articles.jsonl.gz | $(RELEASE_BIN) lm build --out Rules/en/news.lm \
		--header "$$(python3 Rules/tools/gold_texts.py --header)"

unspin-eval: release thesaurus-deps
	python3 Tests/Benchmarks/unspin_eval.py $(SHARED)/corpora/wcxb-dev-articles.jsonl.gz

# The Python package (Sources/Integrations/python) against real datatrove and Dolma from PyPI. Dolma
# pins numpy<2 and an old s3fs, so it gets a venv of its own inside .venv. The 10,000-document
# dump comes from make_dump.py (WCXB sentences plus the seeds).
PY_PACKAGE = ./Sources/Integrations/python
DOLMA_VENV = $(VENV)/dolma-env
PY_DUMP = bench-data/dump-10k.jsonl

$(PY_DUMP):
	$(need-wcxb)
	@[ -d /usr/share/wordnet ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base)
	@mkdir -p bench-data
	python3 Tests/Benchmarks/make_dump.py $(WCXB) $@ --synthetic --stories 3500 --seeds Fixtures/seeds

python-test: release $(PY_DUMP)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q "datatrove[io,processing]==0.10.1" pytest $(PY_PACKAGE)
	@[ -x $(DOLMA_VENV)/bin/python ] || python3 -m venv $(DOLMA_VENV)
	$(DOLMA_VENV)/bin/pip install -q "dolma==1.2.1" "aiobotocore==2.5.4" "boto3==1.28.17" pytest $(PY_PACKAGE)
	UNSPUN_BINARY=$(CURDIR)/$(RELEASE_BIN) UNSPUN_TEST_DUMP=$(CURDIR)/$(PY_DUMP) $(VENV)/bin/python -m pytest -q Sources/Integrations/python/tests
	UNSPUN_BINARY=$(CURDIR)/$(RELEASE_BIN) $(DOLMA_VENV)/bin/python -m pytest -q Sources/Integrations/python/tests/test_dolma.py
	PATH=$(CURDIR)/.build/release:$$PATH $(VENV)/bin/python $(PY_PACKAGE)/examples/datatrove_seeds.py 2>/dev/null \
		| diff - $(PY_PACKAGE)/examples/datatrove_seeds.out && echo "the README's datatrove example prints what it shows"

# The review page in a real browser (Debian's chromium, installed if missing).
review-test:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)
	$(SWIFT) build --product unspun
	python3 Tests/Review/check_review.py --binary .build/debug/unspun --out .build/review-test

# datatrove with UnspunFilter against datatrove's C4 and Gopher quality filters, one task each.
BENCH_DT_MB ?= 100
bench-datatrove: release
	$(need-wcxb)
	@[ -f bench-data/dump-100k.jsonl ] || python3 Tests/Benchmarks/make_dump.py $(WCXB) bench-data/dump-100k.jsonl --synthetic --stories 36000 --seed 2
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q "datatrove[io,processing]==0.10.1" "spacy==3.8.18" $(PY_PACKAGE)
	UNSPUN_BINARY=$(CURDIR)/$(RELEASE_BIN) $(VENV)/bin/python Tests/Benchmarks/bench_datatrove.py bench-data/dump-100k.jsonl --mb $(BENCH_DT_MB)

# The PySpark job (Sources/Integrations/spark, issue 22) in local[2] beside `unspun clean`: PySpark in
# .venv, Java 17 from Debian if missing; the seeds and a generated dump of 5,015 documents.
SPARK_DUMP = bench-data/spark-5k.jsonl
PYSPARK = pyspark==4.3.0
# bench-spark: 64 partitions of the 1 GB dump, 16 MB of input each (a task's share of memory).
SPARK_PARTITIONS ?= 64
need-spark = @command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless); \
	[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV); \
	$(VENV)/bin/python -c "import pyspark" 2>/dev/null || $(VENV)/bin/pip install -q "$(PYSPARK)"

$(SPARK_DUMP):
	$(need-wcxb)
	@mkdir -p bench-data
	python3 Tests/Benchmarks/make_dump.py $(WCXB) $@ --synthetic --stories 1800 --seeds Fixtures/seeds

spark-test: release $(SPARK_DUMP)
	$(need-spark)
	$(VENV)/bin/python Sources/Integrations/spark/test_spark.py --binary $(RELEASE_BIN) --work .build/spark-test Fixtures/seeds $(SPARK_DUMP)

# The same job on the BENCH_MB dump of bench-clean (generated once into bench-data/), beside clean:
# MB/s, peak memory, each step's seconds, and the outputs compared sorted by id.
bench-spark: release
	$(need-wcxb)
	$(need-spark)
	@[ -d /usr/share/wordnet ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base)
	@mkdir -p bench-data
	python3 -c "import sys; sys.path.insert(0, 'Tests/Benchmarks'); import bench_clean; bench_clean.make_dump('$(WCXB)', 'bench-data/synthetic-$(BENCH_MB)mb.jsonl', $(BENCH_MB))"
	$(VENV)/bin/python Tests/Benchmarks/bench_spark.py bench-data/synthetic-$(BENCH_MB)mb.jsonl --binary $(RELEASE_BIN) --work bench-data/spark-$(BENCH_MB)mb --partitions $(SPARK_PARTITIONS)
