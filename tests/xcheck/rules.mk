# SPDX-License-Identifier: GPL-2.0-or-later
# Fixtures of the xcheck tests (tests/xcheck/run.sh) and of the witness unit
# test (tests/unit/test_witness.c), built from source with the cross tools.
XCK_DIR := $(O)/tests/xcheck
XCK_FIXTURES := $(XCK_DIR)/cfi.o $(XCK_DIR)/cfi.elf $(XCK_DIR)/funcs.o $(XCK_DIR)/nosframe.o \
	$(XCK_DIR)/stalefp.o $(XCK_DIR)/clang_sync.o $(XCK_DIR)/clang_async.o \
	$(XCK_DIR)/undef_cfa.o $(XCK_DIR)/many.o

$(XCK_DIR)/cfi.o: tests/xcheck/cfi.s
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-as --gsframe -o $@ $<

$(XCK_DIR)/many.o: tests/xcheck/many.s
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-as -o $@ $<

$(XCK_DIR)/undef_cfa.o: tests/xcheck/undef_cfa.s
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-as --gsframe -o $@ $<

# Linked: ext is given an address; the code never runs.
$(XCK_DIR)/cfi.elf: $(XCK_DIR)/cfi.o
	$(Q)aarch64-linux-gnu-ld --defsym=ext=0x400000 -e fp_based -o $@ $<

$(XCK_DIR)/funcs.o: tests/xcheck/funcs.c
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-gcc -O2 -ffunction-sections -fno-omit-frame-pointer \
		-Wa,--gsframe -c -o $@ $<

$(XCK_DIR)/nosframe.o: tests/xcheck/funcs.c
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-gcc -O2 -c -o $@ $<

$(XCK_DIR)/stalefp.o: tests/xcheck/stalefp.c
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -c -o $@ $<

# clang 16 with the arm64 kernel's unwind-table flags, and with its default
$(XCK_DIR)/clang_sync.o: tests/xcheck/clang_sync.c
	$(Q)mkdir -p $(@D)
	$(Q)clang-16 --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer \
		-fno-asynchronous-unwind-tables -fno-unwind-tables -g -c -o $@ $<

$(XCK_DIR)/clang_async.o: tests/xcheck/clang_sync.c
	$(Q)mkdir -p $(@D)
	$(Q)clang-16 --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer -g0 -c -o $@ $<

CHECK_DEPS += $(XCK_FIXTURES)

# The xcheck study: the generated tables (BEGIN/END markers) of
# docs/xcheck-study.md and docs/check-notes.md, rewritten in place.  Builds
# the bundled programs with every compiler of the matrix, and runs xcheck and
# check on them and on the cross libraries, on the kernel objects if built
# (scripts/kernel-corpus.sh arm64 and arm64-clang; KERNEL_CORPUS=build builds
# the missing ones first) and on Debian's binaries if downloaded (sh
# scripts/vmlinux-check.sh download vmlinux modules userspace, into
# $(O)/debian or FPV_DL).  Prints the versions used.
.PHONY: xcheck-study
xcheck-study: $(FPV)
	$(Q)O=$(O) sh scripts/xcheck-study.sh --write all
