# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of the decoder (tests/diff/run.sh, part of `make check`):
# diff.c decodes every word with fpv, capstone and llvm-mc-16.
#   make diff-full     10 million random words plus the compiled corpus
#   make diff-kernel   every text word of the arm64 kernel objects of
#                      build/kernel/arm64/{kernel,mm,lib} (scripts/kernel-corpus.sh)
DIFF_BIN := $(O)/tests/diff/diff

$(DIFF_BIN): tests/diff/diff.c $(O)/libfpvtool.a | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libfpvtool.a $(LDLIBS) -lcapstone

CHECK_DEPS += $(DIFF_BIN)

.PHONY: diff-full diff-kernel
diff-full: $(DIFF_BIN) corpus
	$(Q)O=$(O) DIFF_RANDOM=10000000 sh tests/diff/run.sh

diff-kernel: $(DIFF_BIN)
	$(Q)O=$(O) sh tests/diff/run.sh --kernel
