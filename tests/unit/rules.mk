# SPDX-License-Identifier: GPL-2.0-or-later
# Unit tests: every tests/unit/test_*.c is one binary linked against the tool
# objects (without main) and the run-time core.
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(O)/%)

$(O)/tests/unit/%: tests/unit/%.c $(O)/libfpvtool.a $(LIB_OBJS) | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(O)/libfpvtool.a $(LIB_OBJS) $(LDLIBS) -lcapstone

CHECK_DEPS += $(UNIT_BINS)
