# SPDX-License-Identifier: GPL-2.0-or-later
# make check-valgrind: the tool's tests with every fpv command under
# valgrind (tests/valgrind/check.sh).  Not part of make check: it is slow.
.PHONY: check-valgrind
check-valgrind: $(FPV) $(CHECK_DEPS)
	$(Q)O=$(O) sh tests/valgrind/check.sh
