# tests/fuzz.mk - libFuzzer target for the analyzer, included from the
# Makefile (-include tests/fuzz.mk).  Not for Check suites or sanitizer test
# builds (make SAN=1 does those).
#
#   make fuzz                   build build-fuzz/fuzz_analyzer, run it FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=600  run longer
#   make fuzz-clean             remove build-fuzz/
#
# Needs clang with libFuzzer (Debian: clang and libclang-rt-14-dev).  The
# analyzer's sources (common/text, common/util) are compiled straight into
# the fuzz binary with -fsanitize=fuzzer,address,undefined, because the
# instrumentation has to cover them; libbyline.a is not used.  New inputs
# go to build-fuzz/corpus; the seeds in tests/data/fuzz/analyzer are only read.
# Every name here starts with FUZZ_ so that nothing clashes with the Makefile.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     ?= build-fuzz
FUZZ_SEEDS   ?= tests/data/fuzz/analyzer
FUZZ_BIN     := $(FUZZ_DIR)/fuzz_analyzer
FUZZ_SRC     := $(sort $(wildcard common/text/*.c common/util/*.c))
FUZZ_HDR     := $(wildcard common/text/*.h common/util/*.h)
FUZZ_CFLAGS  := -std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -Icommon $(shell pkg-config --cflags libutf8proc 2>/dev/null)
FUZZ_LIBS    := $(shell pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc) \
                $(shell pkg-config --libs libstemmer 2>/dev/null || echo -lstemmer) -lm

.PHONY: fuzz fuzz-clean

$(FUZZ_BIN): tests/fuzz_analyzer.c $(FUZZ_SRC) $(FUZZ_HDR)
	@mkdir -p $(FUZZ_DIR)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz_analyzer.c $(FUZZ_SRC) $(FUZZ_LIBS)

fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -print_final_stats=1 $(FUZZ_DIR)/corpus $(FUZZ_SEEDS)

fuzz-clean:
	rm -rf $(FUZZ_DIR)
