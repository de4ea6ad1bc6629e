# SPDX-License-Identifier: GPL-2.0-or-later
#
# Fuzz targets (libFuzzer, clang): `make fuzz` builds them into $(O)/fuzz/
# with every tool and library source recompiled there under
# -fsanitize=fuzzer-no-link,address,undefined, plus the seed corpora
# (tests/fuzz/seeds.sh, from real compiler output).  `make fuzz-run
# FUZZ_TARGET=elf FUZZ_TIME=1800` runs one target for long; tests/fuzz/run.sh
# (part of make check) replays the regressions and seeds and runs each
# target briefly.  When clang's fuzzer runtime is missing the fuzzers are not
# built and run.sh reports SKIP.

FUZZ_CC ?= $(shell command -v clang-14 || command -v clang)
FUZZ_RT := $(if $(FUZZ_CC),$(wildcard $(shell $(FUZZ_CC) -print-resource-dir 2>/dev/null)/lib/linux/libclang_rt.fuzzer-x86_64.a))
FUZZ_O := $(O)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# No -Werror: other compilers' warnings in files under change must not stop the fuzz build.
FUZZ_WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
FUZZ_CFLAGS := -std=gnu11 -O1 -g $(FUZZ_WARN) -Iinclude -iquote tool -iquote tests/fuzz -MMD -MP \
	$(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LIB_CFLAGS := -std=gnu11 -O1 -g $(FUZZ_WARN) -Iinclude -ffreestanding -fno-builtin -MMD -MP \
	$(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_TARGETS := elf check dwarf sframe orc orc_lookup unwind sidecar
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_O)/fuzz_%)
FUZZ_TOOL_OBJS := $(filter-out $(FUZZ_O)/tool/main.o,$(TOOL_SRCS:%.c=$(FUZZ_O)/%.o))
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_O)/%.o)
FUZZ_HARNESS_OBJS := $(FUZZ_TARGETS:%=$(FUZZ_O)/tests/fuzz/fuzz_%.o) $(FUZZ_O)/tests/fuzz/fuzz_util.o
.SECONDARY: $(FUZZ_HARNESS_OBJS)
FUZZ_SEEDS := $(FUZZ_O)/seeds/.stamp
SEEDGEN := $(O)/tests/fuzz/seedgen

$(FUZZ_O)/tool/%.o: tool/%.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_O)/lib/%.o: lib/%.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

$(FUZZ_O)/tests/fuzz/%.o: tests/fuzz/%.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_O)/libtool.a: $(FUZZ_TOOL_OBJS) $(FUZZ_LIB_OBJS)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(FUZZ_O)/fuzz_%: $(FUZZ_O)/tests/fuzz/fuzz_%.o $(FUZZ_O)/tests/fuzz/fuzz_util.o $(FUZZ_O)/libtool.a
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# seedgen runs on the host with the ordinary build of the ELF layer.
$(SEEDGEN): tests/fuzz/seedgen.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h $(O)/libfpvtool.a | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) -iquote tests/fuzz $(LDFLAGS) -o $@ tests/fuzz/seedgen.c tests/fuzz/fuzz_util.c \
		$(O)/libfpvtool.a $(O)/libfpvcore.a $(LDLIBS)

$(FUZZ_SEEDS): tests/fuzz/seeds.sh tests/fuzz/fixture.c $(SEEDGEN) $(FPV)
	$(Q)O=$(O) sh tests/fuzz/seeds.sh $(FPV) $(SEEDGEN) $(FUZZ_O)/seeds >/dev/null
	$(Q)touch $@

.PHONY: fuzz fuzz-run
fuzz: $(FUZZ_BINS) $(FUZZ_SEEDS)

FUZZ_TARGET ?= elf
FUZZ_TIME ?= 1800
FUZZ_RUNS ?= 10000000
fuzz-run: fuzz
	$(Q)O=$(O) sh tests/fuzz/run.sh --long $(FUZZ_TARGET) $(FUZZ_TIME) $(FUZZ_RUNS)

# make check runs the smoke test when the fuzzer runtime is there.
ifneq ($(FUZZ_RT),)
CHECK_DEPS += fuzz
endif
