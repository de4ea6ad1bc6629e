# SPDX-License-Identifier: GPL-2.0-or-later
#
# libfpv against ground truth (tests/runtime/):
#   make reliability SAMPLES=N   the full matrix, N samples in total (the
#                                target's last line: samples=N reliable=R
#                                false_reliable=F ...); JOBS=2 by default
# make check runs tests/runtime/run.sh: the example program and the matrix at
# a reduced count (RUNTIME_SAMPLES, default 5400: 300 per build).
SAMPLES ?= 1000000
JOBS ?= 2

.PHONY: reliability
reliability: $(FPV) $(LIBFPV_A64)
	$(Q)O=$(O) JOBS=$(JOBS) sh tests/runtime/reliability.sh $(SAMPLES)
