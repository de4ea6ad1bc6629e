# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv: one non-recursive Makefile.
#   make            build build/fpv (installs missing Debian packages first)
#   make demo       run fpv on the bundled corpus (corpus/*.c, GCC and Clang)
#   make check      run every test; the last line is "N passed, N failed"
#   make bench      benchmarks, printed as ratios against their peers
#   SANITIZE=1      ASan + UBSan, no recovery
#   V=1             show the commands
#   O=dir           build directory (default build)

O ?= build
V ?= 0
SANITIZE ?= 0

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC := gcc
WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
	-Wimplicit-fallthrough -Wno-missing-field-initializers -Werror
# -iquote, not -I: tool/elf.h must not hide <elf.h>, which <gelf.h> and <libdw.h> include.
CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -iquote tool -MMD -MP
LDLIBS := -lelf -ldw -lsframe

ifeq ($(SANITIZE),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif

# The set-up script runs once per build directory, before anything else.
DEPS_STAMP := $(O)/.deps-ok

TOOL_SRCS := $(wildcard tool/*.c tool/arch/aarch64/*.c)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(O)/%.o)
TOOL_LIB_OBJS := $(filter-out $(O)/tool/main.o,$(TOOL_OBJS))

# The freestanding run-time core: no libc headers, no allocation.
LIB_SRCS := $(wildcard lib/*.c)
LIB_OBJS := $(LIB_SRCS:%.c=$(O)/%.o)
LIB_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -ffreestanding -fno-builtin -MMD -MP

FPV := $(O)/fpv

.PHONY: all demo check bench clean deps
all: $(FPV)

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/setup.sh
	$(Q)mkdir -p $(@D)
	$(Q)sh scripts/setup.sh
	$(Q)touch $@

$(O)/%.o: %.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(O)/lib/%.o: lib/%.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(O)/libfpvtool.a: $(TOOL_LIB_OBJS)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

# The tool reuses the run-time core's ORC lookup (fpv dump, fpv orc --expand);
# an archive, so only the members it needs are linked.
$(O)/libfpvcore.a: $(LIB_OBJS)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(FPV): $(O)/tool/main.o $(O)/libfpvtool.a $(O)/libfpvcore.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Per-area rules (tests, corpus, benchmarks) live beside their sources.
include $(wildcard tests/*/rules.mk corpus/rules.mk bench/rules.mk lib/rules.mk kernel/rules.mk)

demo: $(FPV) $(DEMO_DEPS)
	$(Q)sh scripts/demo.sh $(O)

check: $(FPV) $(CHECK_DEPS)
	$(Q)O=$(O) SANITIZE=$(SANITIZE) sh tests/run.sh

bench: $(FPV) $(BENCH_DEPS)
	$(Q)O=$(O) sh bench/run.sh

clean:
	rm -rf $(O)

# dependency files of fpv's own objects (not of the kernel trees under $(O)/kernel)
-include $(shell find $(O) -path $(O)/kernel -prune -o -name '*.d' -type f -print 2>/dev/null)
