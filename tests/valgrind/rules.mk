# SPDX-License-Identifier: GPL-2.0-or-later
# make check-valgrind: the tool's tests with every fpv command under
# valgrind (tests/valgrind/check.sh).  Not part of make check: it is slow.
# The prerequisites are expanded a second time, after every rules.mk has
# added to CHECK_DEPS (this file is included before tests/xcheck's).
.PHONY: check-valgrind
.SECONDEXPANSION:
check-valgrind: $$(FPV) $$(CHECK_DEPS)
	$(Q)O=$(O) sh tests/valgrind/check.sh
