# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv: one non-recursive Makefile.
#   make            build build/fpv (installs missing Debian packages first)
#   make demo       run fpv on the bundled corpus (corpus/*.c, GCC and Clang)
#   make check      run every test; the last line is "N passed, N failed"
#   make bench      benchmarks, printed as ratios against their peers
#   make install    install fpv, its man pages, the headers and libfpv
#                   (PREFIX, DESTDIR, BINDIR, MANDIR, INCLUDEDIR, LIBDIR);
#                   make uninstall removes what it installed
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
# -iquote, not -I: a tool header never stands in for a system one.
CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -iquote tool -MMD -MP
LDLIBS := -lelf -ldw -lsframe -lz

ifeq ($(SANITIZE),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif

# The version has one source, include/fpv/version.h.  The shared library's
# soname carries X.Y while X is 0 (every 0.Y may change the ABI), X after.
FPV_VERSION := $(shell sed -n 's/^\#define FPV_VERSION "\(.*\)"$$/\1/p' include/fpv/version.h)
fpv_version_word = $(word $(1),$(subst ., ,$(FPV_VERSION)))
FPV_SOVERSION := $(if $(filter 0,$(call fpv_version_word,1)),0.$(call fpv_version_word,2),$(call fpv_version_word,1))
LIBFPV_SO := libfpv.so.$(FPV_VERSION)
LIBFPV_SONAME := libfpv.so.$(FPV_SOVERSION)

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

# Per-area rules (tests, corpus, benchmarks) live beside their sources.  The
# library and the corpus come first: the tests' and benchmarks' rules name
# their variables (LIBFPV_A64, CORPUS_*) as prerequisites, which make expands
# when it reads the rule.
include lib/rules.mk corpus/rules.mk
include $(wildcard tests/*/rules.mk bench/rules.mk kernel/rules.mk)

demo: $(FPV) $(DEMO_DEPS)
	$(Q)sh scripts/demo.sh $(O)

check: $(FPV) $(CHECK_DEPS)
	$(Q)O=$(O) SANITIZE=$(SANITIZE) sh tests/run.sh

bench: $(FPV) $(BENCH_DEPS)
	$(Q)O=$(O) sh bench/run.sh

clean:
	rm -rf $(O)

# Installation, GNU style: DESTDIR stages the tree (packaging), the others
# are the paths the installed files will have.  fpv runs on the build
# machine; libfpv is AArch64 code, so its library directory is the
# multiarch one.  The installed libfpv.pc names the installed paths;
# `pkg-config --cflags --libs libfpv` then works for a cross build with
# PKG_CONFIG_SYSROOT_DIR and PKG_CONFIG_LIBDIR pointing into the sysroot.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib/aarch64-linux-gnu
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL ?= install

MAN1 := $(wildcard docs/man/*.1)
MAN3 := $(wildcard docs/man/*.3)
HEADERS := $(wildcard include/fpv/*.h)

.PHONY: install uninstall
install: $(FPV) $(LIBFPV_A64)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
		$(DESTDIR)$(INCLUDEDIR)/fpv $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(FPV) $(DESTDIR)$(BINDIR)/fpv
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/fpv/
	$(INSTALL) -m 644 $(A64)/libfpv.a $(DESTDIR)$(LIBDIR)/libfpv.a
	$(INSTALL) -m 755 $(A64)/$(LIBFPV_SO) $(DESTDIR)$(LIBDIR)/$(LIBFPV_SO)
	ln -sf $(LIBFPV_SO) $(DESTDIR)$(LIBDIR)/$(LIBFPV_SONAME)
	ln -sf $(LIBFPV_SONAME) $(DESTDIR)$(LIBDIR)/libfpv.so
	$(call libfpv_pc,$(PREFIX),$(LIBDIR),$(INCLUDEDIR)) > $(DESTDIR)$(PKGCONFIGDIR)/libfpv.pc

# Removes exactly what install put there, then the directories fpv owns.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fpv
	rm -f $(MAN1:docs/man/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN3:docs/man/%=$(DESTDIR)$(MANDIR)/man3/%)
	rm -f $(HEADERS:include/fpv/%=$(DESTDIR)$(INCLUDEDIR)/fpv/%)
	[ ! -d $(DESTDIR)$(INCLUDEDIR)/fpv ] || rmdir --ignore-fail-on-non-empty $(DESTDIR)$(INCLUDEDIR)/fpv
	rm -f $(DESTDIR)$(LIBDIR)/libfpv.a $(DESTDIR)$(LIBDIR)/$(LIBFPV_SO) \
		$(DESTDIR)$(LIBDIR)/$(LIBFPV_SONAME) $(DESTDIR)$(LIBDIR)/libfpv.so
	rm -f $(DESTDIR)$(PKGCONFIGDIR)/libfpv.pc

# dependency files of fpv's own objects (not of the kernel trees under $(O)/kernel)
-include $(shell find $(O) -path $(O)/kernel -prune -o -name '*.d' -type f -print 2>/dev/null)
