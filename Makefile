# Byline - non-recursive Makefile.
#   make            library, byline-index, byline-search (objects in build/)
#   make test       unit + end-to-end tests, normally and under ASan+UBSan; unit tests under valgrind
#   make demo       install deps if missing, build, index tests/data/corpus, search it
#   make deps       install build dependencies (Debian/Ubuntu apt-get)
#   make install    PREFIX=/usr/local DESTDIR= (programs, man pages, library, byline.pc, Python module); make uninstall
#   make bench      benchmarks on ../shared/corpora when present
#   make valgrind   unit tests under valgrind
#   make crash      kill/disk-full/concurrency/damage tests of the index (part of make test)
#   make fuzz       libFuzzer targets (clang), FUZZ_SECONDS each; make fuzz-query runs one
#                   (tests/fuzz/fuzz.mk; make test replays their seeds and crashes)
#   V=1             show full commands
# A sanitizer build lives in its own tree: make SAN=1 (build-asan/).

PREFIX  ?= /usr/local
SAN     ?= 0
CC      ?= cc
ifeq ($(SAN),1)
BUILD   ?= build-asan
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT      = -O1 -g
else
BUILD   ?= build
SANFLAGS =
OPT      = -O2 -g
endif

PKGS      = zlib libdeflate libutf8proc jansson
# cairo draws --plot images.  Only its headers are needed to build: it is
# loaded when an image is drawn (common/query/plot.c), since linking its
# twenty-odd libraries would cost every search some 160 page faults at
# start-up.  The unit test that reads a PNG back links it.
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo fontconfig 2>/dev/null)
CAIRO_LIBS   := $(shell pkg-config --libs cairo fontconfig 2>/dev/null)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Debian's libstemmer-dev ships no .pc file; fall back to plain -lstemmer.
STEM_LIBS  := $(shell pkg-config --libs libstemmer 2>/dev/null || echo -lstemmer)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

WARN    = -Wall -Wextra -Wshadow -Wno-unused-parameter
# The user's CPPFLAGS and CFLAGS (make CFLAGS=-O0, or from the environment
# as dpkg-buildflags sets them) come after the project's flags, so that
# they win where they disagree (-O0 after -O2); the user's LDFLAGS are
# kept and the sanitizers added to them.
USER_CFLAGS := $(CFLAGS)
override CFLAGS := -std=c11 $(OPT) $(WARN) $(SANFLAGS) -D_GNU_SOURCE -pthread -MMD -MP -Icommon $(PKG_CFLAGS) $(CAIRO_CFLAGS) $(CPPFLAGS) $(USER_CFLAGS)
ifeq ($(WERROR),1)
override CFLAGS += -Werror
endif
LDLIBS  = $(PKG_LIBS) $(STEM_LIBS) -lm -ldl -pthread
override LDFLAGS += $(SANFLAGS)

ifndef V
Q = @
QCC = @echo "  CC      $@";
QLD = @echo "  LD      $@";
QAR = @echo "  AR      $@";
endif

LIB_SRC   := $(sort $(wildcard common/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/common/libbyline.a
IDX_SRC   := $(wildcard indexer/*.c)
SRCH_SRC  := $(wildcard searcher/*.c)
IDX_OBJ   := $(IDX_SRC:%.c=$(BUILD)/%.o)
SRCH_OBJ  := $(SRCH_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BIN  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

PROGS = $(BUILD)/byline-index $(BUILD)/byline-search

.SECONDARY:

.PHONY: all test unit e2e crash test-normal test-asan demo deps install clean bench valgrind check-deps peers
.PHONY: shlib uninstall install-check python-test

all: $(PROGS) $(if $(filter build,$(BUILD)),common/libbyline.a byline-index byline-search)

# The top-level names the issue asks for; they point into build/.
common/libbyline.a: $(BUILD)/common/libbyline.a
	$(Q)cp $< $@
byline-index: $(BUILD)/byline-index
	$(Q)ln -sf $< $@
byline-search: $(BUILD)/byline-search
	$(Q)ln -sf $< $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(CFLAGS) $(CHECK_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(QAR)rm -f $@ && $(AR) rcs $@ $^

# The shared library, for programs and bindings that use byline.h
# (docs/LIBRARY.md).  Its objects are compiled again with -fPIC in their
# own tree, so the programs stay position-dependent (below).  Only the
# public byline_* symbols are exported (common/byline.map); the soname
# changes with BYLINE_ABI, the file name with BYLINE_VERSION (byline.h).
BYLINE_VERSION := $(shell sed -n 's/^\#define BYLINE_VERSION "\(.*\)"/\1/p' common/byline.h)
BYLINE_ABI     := $(shell sed -n 's/^\#define BYLINE_ABI \([0-9]*\).*/\1/p' common/byline.h)
PIC_OBJ   := $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
SONAME    := libbyline.so.$(BYLINE_ABI)
SHLIB     := $(BUILD)/common/libbyline.so.$(BYLINE_VERSION)
SHLIB_LINKS := $(BUILD)/common/$(SONAME) $(BUILD)/common/libbyline.so

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(CFLAGS) -fPIC -c $< -o $@

$(SHLIB): $(PIC_OBJ) common/byline.map
	@mkdir -p $(dir $@)
	$(QLD)$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=common/byline.map \
	  -Wl,-z,defs -o $@ $(PIC_OBJ) $(LDLIBS)
$(SHLIB_LINKS): $(SHLIB)
	$(Q)ln -sf $(notdir $<) $@

shlib: $(SHLIB) $(SHLIB_LINKS)
all: shlib
-include $(PIC_OBJ:.o=.d)

# The programs start once per search from the shell, and on these
# machines a page fault costs some 15 us: linked as position-dependent
# executables with the libraries' static archives, byline-search takes
# about 210 page faults for a search instead of 320 (libstemmer's tables
# need some 11,000 relocations, 84 pages, when loaded position-
# independent).  PIE=1 builds them position-independent and dynamically
# linked; sanitizer builds always are.  docs/PERFORMANCE.md has the figures.
PIE ?= 0
ifeq ($(SAN)$(PIE),00)
PROG_LDFLAGS = -no-pie
PROG_LDLIBS  = -Wl,-Bstatic $(PKG_LIBS) $(STEM_LIBS) -Wl,-Bdynamic -lm -ldl -pthread
else
PROG_LDFLAGS =
PROG_LDLIBS  = $(LDLIBS)
endif

$(BUILD)/byline-index: $(IDX_OBJ) $(LIB)
	$(QLD)$(CC) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $^ $(PROG_LDLIBS)

# byline-search is linked wholly static (SRCH_STATIC): without ld.so a
# search takes 34 fewer page faults and 1.7 ms less CPU (round 17 in
# docs/PERFORMANCE.md).  A static program cannot dlopen cairo for --plot,
# so --plot runs the same objects linked dynamically (searcher/plotexec.c):
# $(BUILD)/libexec/byline/byline-search, installed in PREFIX/libexec/byline.
# The linker's warning about dlopen in a static program is that case.
ifeq ($(SAN)$(PIE),00)
SRCH_STATIC = -static
SRCH_LDLIBS = $(PKG_LIBS) $(STEM_LIBS) -lm -ldl -pthread
PLOT_TWIN   = $(BUILD)/libexec/byline/byline-search
$(PLOT_TWIN): $(SRCH_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(QLD)$(CC) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $^ $(PROG_LDLIBS)
else
SRCH_LDLIBS = $(PROG_LDLIBS)
endif

$(BUILD)/byline-search: $(SRCH_OBJ) $(LIB) $(PLOT_TWIN)
	$(QLD)$(CC) $(LDFLAGS) $(PROG_LDFLAGS) $(SRCH_STATIC) -o $@ $(SRCH_OBJ) $(LIB) $(SRCH_LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(QLD)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS) $(CAIRO_LIBS)

# The replay of the fuzz seeds and crash reproducers runs the targets' code.
$(BUILD)/tests/test_fuzz: $(BUILD)/tests/test_fuzz.o $(BUILD)/tests/fuzz/targets.o $(LIB)
	$(QLD)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS) $(CAIRO_LIBS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIB)
	$(QLD)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Unit tests (Check) then end-to-end tests, in this build tree.  A case may
# take 120 s (CK_DEFAULT_TIMEOUT) rather than Check's 4: these machines are
# shared, and a loaded one is not a failure.
# The suites run side by side, one per core (tests/run_suites.sh).
# Under the sanitizers every suite runs 2-4 times slower, and a suite's own
# tcase_set_timeout would then fail a loaded machine's run (test_search's
# 120 s did, beside two other jobs): CK_TIMEOUT_MULTIPLIER scales them all.
unit: $(TEST_BIN)
	$(Q)CK_DEFAULT_TIMEOUT=$${CK_DEFAULT_TIMEOUT:-120} \
	  CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-$(if $(filter 1,$(SAN)),4,1)} \
	  BYL_TEST_DATA=tests/data tests/run_suites.sh $(TEST_BIN)

e2e: $(PROGS)
	$(Q)BUILD=$(BUILD) tests/e2e.sh
	$(Q)BUILD=$(BUILD) tests/e2e_safety.sh
	$(Q)BUILD=$(BUILD) tests/layers.sh

# crash safety, full disks, concurrent searches, damaged files (slow on
# fsync, so only in the normal build)
crash: $(PROGS)
	$(Q)BUILD=$(BUILD) tests/crash.sh

# The suites of a run side by side, as many as the machine has cores (at
# most 4): most of them (e2e, install-check, the Python module) keep one
# core busy, so one after another left the other idle; each one's output is
# printed whole when it ends (-Otarget).  CI's make test took 1,647 s one
# suite at a time (round 28).
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

test-normal: all
	$(Q)$(MAKE) --no-print-directory -j$(TEST_JOBS) -Otarget unit e2e install-check python-test cluster-test crash

# The sanitizers look for memory and undefined behaviour on every path the
# normal run takes; the long property suites (query logs, thousands of
# random queries) run a part of their cases there (BYL_TEST_SHORT, as under
# valgrind): whole, the ASan unit run was the longest step of make test
# (950 s of it beside two other jobs, round 22).
test-asan:
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  BYL_TEST_SHORT=1 $(MAKE) --no-print-directory -j$(TEST_JOBS) -Otarget SAN=1 unit e2e

# Like demo, test installs what it needs when it is missing (a fresh machine).
test:
	@$(MAKE) --no-print-directory check-deps 2>/dev/null || $(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory check-deps
	$(Q)$(MAKE) --no-print-directory WERROR=1 test-normal
	$(Q)$(MAKE) --no-print-directory WERROR=1 test-asan
	$(Q)if command -v valgrind >/dev/null 2>&1; then $(MAKE) --no-print-directory WERROR=1 valgrind; \
	  else echo "valgrind not installed: unit tests not run under it (make deps installs it)"; fi
	@echo "make test: all suites passed (normal, ASan+UBSan, valgrind)"

valgrind: $(TEST_BIN)
	$(Q)BYL_TEST_SHORT=1 BYL_TEST_DATA=tests/data tests/run_suites.sh --valgrind $(TEST_BIN)

bench: all $(BENCH_BIN) peers
	$(Q)BUILD=$(BUILD) bench/run.sh

# The peers as compiled programs (bench/peers/*_peer.*), built when their
# libraries are installed (bench/peers/setup.sh installs them); never
# linked into Byline.
PEER_BIN := $(if $(shell pkg-config --exists sqlite3 2>/dev/null && echo y),$(BUILD)/bench/peers/fts5_peer) \
            $(if $(shell pkg-config --exists xapian-core 2>/dev/null && echo y),$(BUILD)/bench/peers/xapian_peer)
peers: $(PEER_BIN)
$(BUILD)/bench/peers/fts5_peer: bench/peers/fts5_peer.c bench/peers/peer_common.h bench/bench.h
	@mkdir -p $(dir $@)
	$(QLD)$(CC) -std=c11 -O2 -g $(WARN) -D_GNU_SOURCE -o $@ $< $$(pkg-config --cflags --libs sqlite3 jansson zlib) -lm
$(BUILD)/bench/peers/xapian_peer: bench/peers/xapian_peer.cc bench/peers/peer_common.h bench/bench.h
	@mkdir -p $(dir $@)
	$(QLD)$(CXX) -std=c++17 -O2 -g $(WARN) -D_GNU_SOURCE -o $@ $< $$(pkg-config --cflags --libs xapian-core jansson zlib) -lm

DEB_PKGS = build-essential pkg-config zlib1g-dev libdeflate-dev libutf8proc-dev libjansson-dev libstemmer-dev check libsubunit-dev valgrind python3 libcairo2-dev
# Dask for the sharded cluster (cluster/, its tests): installed without
# Debian's recommends, which would bring scipy, matplotlib and numba.
DEB_PKGS_NR = python3-distributed
deps:
	@if command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEB_PKGS) && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEB_PKGS_NR); \
	else echo "Install these (Debian names): $(DEB_PKGS) $(DEB_PKGS_NR)"; fi

# The Python that runs the cluster code: $(PYTHON) if it imports Dask's
# distributed, else the system's (Debian's python3-distributed is for
# /usr/bin/python3, which a pyenv or venv python3 does not see).  Recursive,
# so it is worked out only by the targets that use it.
DASK_PYTHON = $(firstword $(foreach p,$(PYTHON) /usr/bin/python3,$(if $(shell $(p) -c 'import importlib.util as u, sys; sys.exit(u.find_spec("distributed") is None)' 2>/dev/null && echo y),$(p))))

check-deps:
	@pkg-config --exists $(PKGS) cairo fontconfig check && [ -f /usr/include/libstemmer.h ] && \
	  command -v python3 >/dev/null && command -v valgrind >/dev/null && [ -n "$(DASK_PYTHON)" ] || { \
	  echo "Missing build dependencies; run 'make deps' (Debian: $(DEB_PKGS) $(DEB_PKGS_NR))" >&2; exit 1; }

demo:
	@$(MAKE) --no-print-directory check-deps 2>/dev/null || $(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@tests/demo.sh

# make install [PREFIX=/usr/local] [DESTDIR=/staging]: the programs, their
# man pages, byline.h, libbyline.a, libbyline.so and its links, byline.pc
# and the Python module (docs/LIBRARY.md, docs/PYTHON.md).  The module goes
# where python3 already looks for PREFIX's packages (Debian:
# /usr/local/lib/python3.11/dist-packages for /usr/local,
# /usr/lib/python3/dist-packages for /usr), else PREFIX/lib/python3/
# dist-packages; PYTHONDIR= sets it.  make uninstall removes the same files.
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
PYTHON       ?= python3
PYTHONDIR    ?= $(or $(shell $(PYTHON) -c 'import sys; print(next((p for p in sys.path if p.startswith("$(PREFIX)/lib/") and p.endswith("-packages")), ""))' 2>/dev/null),$(PREFIX)/lib/python3/dist-packages)
MAN1         := $(wildcard docs/*.1)
MAN3         := $(wildcard docs/*.3)
PY_SRC       := $(wildcard python/byline/*.py)
# byline-cluster and its package (Dask, cluster/): installed beside the
# module; they need python3-distributed only when run.
CLUSTER_SRC  := $(wildcard cluster/bylinecluster/*.py)
# ldconfig makes the new soname known to the dynamic loader (and to
# Python's ctypes.util.find_library) when installing for this system as root.
LDCONFIG = if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(INCLUDEDIR) \
	  $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(PYTHONDIR)/byline \
	  $(DESTDIR)$(PYTHONDIR)/bylinecluster
	install -m 755 $(PROGS) cluster/byline-cluster $(DESTDIR)$(BINDIR)/
	$(if $(PLOT_TWIN),install -d $(DESTDIR)$(PREFIX)/libexec/byline && install -m 755 $(PLOT_TWIN) $(DESTDIR)$(PREFIX)/libexec/byline/)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 common/byline.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/libbyline.so
	sed -e 's|@prefix@|$(PREFIX)|' -e 's|@version@|$(BYLINE_VERSION)|' \
	  -e 's|@libdir@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	  -e 's|@includedir@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	  byline.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/byline.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/byline.pc
	install -m 644 $(PY_SRC) $(DESTDIR)$(PYTHONDIR)/byline/
	install -m 644 $(CLUSTER_SRC) $(DESTDIR)$(PYTHONDIR)/bylinecluster/
	$(Q)$(LDCONFIG)

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS)) byline-cluster) \
	  $(addprefix $(DESTDIR)$(PYTHONDIR)/bylinecluster/,$(notdir $(CLUSTER_SRC))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
	  $(DESTDIR)$(INCLUDEDIR)/byline.h $(DESTDIR)$(LIBDIR)/libbyline.a \
	  $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libbyline.so \
	  $(DESTDIR)$(PKGCONFIGDIR)/byline.pc $(addprefix $(DESTDIR)$(PYTHONDIR)/byline/,$(notdir $(PY_SRC)))
	rm -rf $(DESTDIR)$(PYTHONDIR)/byline/__pycache__ $(DESTDIR)$(PYTHONDIR)/bylinecluster/__pycache__
	rm -f $(DESTDIR)$(PREFIX)/libexec/byline/byline-search
	if [ -d $(DESTDIR)$(PREFIX)/libexec/byline ]; then rmdir $(DESTDIR)$(PREFIX)/libexec/byline; fi
	for d in byline bylinecluster; do if [ -d $(DESTDIR)$(PYTHONDIR)/$$d ]; then rmdir $(DESTDIR)$(PYTHONDIR)/$$d; fi; done
	$(Q)$(LDCONFIG)

# Installs into a scratch DESTDIR, builds docs/example.c against it with
# pkg-config (shared and static), runs it and the Python module from there,
# then uninstalls and checks that nothing is left (tests/install_check.sh).
install-check: all
	$(Q)BUILD=$(BUILD) MAKE="$(MAKE)" tests/install_check.sh

# The Python module over $(SHLIB), against byline-search --json.
python-test: all
	$(Q)BYLINE_LIB=$(SHLIB) BUILD=$(BUILD) PYTHONPATH=python $(PYTHON) tests/test_python.py

# The sharded path (cluster/) on a LocalCluster, with the first python that
# imports Dask's distributed (Debian: /usr/bin/python3 with
# python3-distributed); skipped, saying so, when none does.
.PHONY: cluster-test
cluster-test: all
	$(Q)py="$(DASK_PYTHON)"; \
	if [ -z "$$py" ]; then echo "cluster-test: skipped: no python imports distributed (apt-get install --no-install-recommends python3-distributed, or make deps)"; \
	else BYLINE_LIB=$(CURDIR)/$(SHLIB) BUILD=$(BUILD) PYTHONPATH=$(CURDIR)/python $$py -W ignore::DeprecationWarning tests/test_cluster.py; fi

clean:
	rm -rf build build-asan common/libbyline.a byline-index byline-search

-include $(LIB_OBJ:.o=.d) $(IDX_OBJ:.o=.d) $(SRCH_OBJ:.o=.d) $(TEST_BIN:=.d) $(BENCH_BIN:=.d) $(BUILD)/tests/fuzz/targets.d

# Fault points (common/util/fault.h) exist only in test builds: the
# programs in $(BUILD)/faults/ link the objects that call byl_fault(),
# compiled again with -DBYL_FAULTS, ahead of the library (whose copies the
# linker then leaves out); tests/crash.sh runs them.  The library and the
# programs of $(BUILD)/ have none.
FAULT_SRC   := common/util/fault.c common/util/durable.c common/index/segwriter.c
FAULT_OBJ   := $(FAULT_SRC:%.c=$(BUILD)/faults/%.o)
FAULT_PROGS := $(BUILD)/faults/byline-index
$(BUILD)/faults/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(CFLAGS) -DBYL_FAULTS -c $< -o $@
$(BUILD)/faults/byline-index: $(FAULT_OBJ) $(IDX_OBJ) $(LIB)
	$(QLD)$(CC) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $^ $(PROG_LDLIBS)
crash: $(FAULT_PROGS)
-include $(FAULT_OBJ:.o=.d)

# Fuzz targets (libFuzzer, clang) live in their own makefile fragment.
-include tests/fuzz/fuzz.mk

# test_commit kills the fault-point program at every point of a change:
# it needs that program built from the same sources.
$(BUILD)/tests/test_commit: $(BUILD)/tests/test_commit.o $(LIB) $(FAULT_PROGS)
	$(QLD)$(CC) $(LDFLAGS) -o $@ $(filter-out $(FAULT_PROGS),$^) $(CHECK_LIBS) $(LDLIBS) $(CAIRO_LIBS)
