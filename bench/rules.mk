# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark programs built for `make bench` (bench/run.sh runs bench/*.sh).
BENCH_DECODE := $(O)/bench/decode

$(BENCH_DECODE): bench/decode.c $(O)/libfpvtool.a | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libfpvtool.a $(LDLIBS) -lcapstone

BENCH_DEPS += $(BENCH_DECODE) $(CORPUS_OBJS)
