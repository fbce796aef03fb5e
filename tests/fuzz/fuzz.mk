# tests/fuzz/fuzz.mk - libFuzzer targets, included from the Makefile.
# Not for Check suites or sanitizer test builds (make SAN=1 does those; the
# seeds and crash reproducers are replayed by tests/test_fuzz.c in make test).
#
#   make fuzz                   build every target, run each FUZZ_SECONDS
#   make fuzz-query             build and run one (analyzer jsonl sgml text
#                               gzip date query index)
#   make fuzz FUZZ_SECONDS=600  run longer; FUZZ_ARGS=... adds libFuzzer flags
#   make fuzz-build             only build build-fuzz/fuzz_*
#   make fuzz-clean             remove build-fuzz/
#
# Needs clang with libFuzzer (Debian: clang and libclang-rt-14-dev).  The
# library's sources are compiled once more into build-fuzz/ with
# -fsanitize=fuzzer-no-link,address,undefined, because the coverage
# instrumentation has to cover them; libbyline.a is not used.  Each target's
# logic is in tests/fuzz/targets.c; fuzz_<name>.c is only its entry point.
# New inputs go to build-fuzz/corpus/<name>; the seeds in
# tests/fuzz/seeds/<name> and the reproducers in tests/fuzz/crashes/<name>
# are only read.  A crash is written to build-fuzz/crash-<name>-*: shrink
# it (fuzz_<name> -minimize_crash=1 ...), fix the bug, and add it to
# tests/fuzz/crashes/<name>/.
# Every name here starts with FUZZ_ so that nothing clashes with the Makefile.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_DIR     ?= build-fuzz
FUZZ_ARGS    ?=
FUZZ_TARGETS := analyzer jsonl sgml text gzip date query index
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_LIBSRC  := $(sort $(wildcard common/*/*.c)) tests/fuzz/targets.c
FUZZ_OBJ     := $(FUZZ_LIBSRC:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_SAN     := address,undefined
# A small reader window: records straddle refills, and no input costs an mmap.
FUZZ_CFLAGS  := -std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE -pthread \
                -DBYL_RD_CHUNK=4096 \
                -fsanitize=$(FUZZ_SAN) -fno-sanitize-recover=undefined -MMD -MP \
                -Icommon $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CAIRO_CFLAGS)
# The library's own packages (PKGS of the Makefile); cairo only for its
# headers: plot.c loads it when it draws, as in the normal build.
FUZZ_LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
                $(shell pkg-config --libs libstemmer 2>/dev/null || echo -lstemmer) -lm -pthread
# Largest input per target: a segment needs room, a date or query little.
FUZZ_MAXLEN_index := 65536
FUZZ_MAXLEN_gzip  := 16384
FUZZ_MAXLEN_date  := 128
FUZZ_MAXLEN_query := 512

.PHONY: fuzz fuzz-build fuzz-clean $(FUZZ_TARGETS:%=fuzz-%)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  FUZZLD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(FUZZ_LIBS)

fuzz-build: $(FUZZ_BINS)

# One target: fresh inputs in build-fuzz/corpus/NAME, seeds and reproducers
# read; -timeout catches hangs, -rss_limit_mb runaway allocations.
$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$*
	BYL_TEST_DATA=tests/data $(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=$(or $(FUZZ_MAXLEN_$*),4096) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(FUZZ_DIR)/$*- -print_final_stats=1 $(FUZZ_ARGS) \
	  $(FUZZ_DIR)/corpus/$* tests/fuzz/seeds/$* $(wildcard tests/fuzz/crashes/$*)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-$$t || exit 1; done

fuzz-clean:
	rm -rf $(FUZZ_DIR)

-include $(FUZZ_OBJ:.o=.d)
