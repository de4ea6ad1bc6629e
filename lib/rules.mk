# SPDX-License-Identifier: GPL-2.0-or-later
#
# libfpv: the freestanding core's undefined-symbol check (part of make
# check) and the AArch64 libraries: the core plus the Linux user-space front
# end, cross-compiled into $(O)/aarch64/ as libfpv.a, libfpv.so and a
# pkg-config file (libfpv.pc; PKG_CONFIG_PATH=$(O)/aarch64).

A64_CC := aarch64-linux-gnu-gcc
A64_LD := aarch64-linux-gnu-ld
A64_NM := aarch64-linux-gnu-nm
A64 := $(O)/aarch64
A64_CORE_OBJS := $(LIB_SRCS:%.c=$(A64)/%.o)
A64_FE_SRCS := $(wildcard lib/linux-aarch64/*.c)
A64_FE_OBJS := $(A64_FE_SRCS:%.c=$(A64)/%.o)
A64_LIB_CFLAGS := $(filter-out -MMD -MP,$(LIB_CFLAGS)) -fPIC -fno-omit-frame-pointer
A64_FE_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -fPIC -fno-omit-frame-pointer

$(A64)/lib/%.o: lib/%.c include/fpv/unwind.h include/fpv/orc.h include/fpv/orc_lookup.h | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC64    $@")
	$(Q)$(A64_CC) $(A64_LIB_CFLAGS) -c -o $@ $<

$(A64)/lib/linux-aarch64/%.o: lib/linux-aarch64/%.c include/fpv/unwind.h | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC64    $@")
	$(Q)$(A64_CC) $(A64_FE_CFLAGS) -c -o $@ $<

$(A64)/libfpv.a: $(A64_CORE_OBJS) $(A64_FE_OBJS)
	$(Q)rm -f $@
	$(Q)aarch64-linux-gnu-ar rcs $@ $^

$(A64)/libfpv.so: $(A64_CORE_OBJS) $(A64_FE_OBJS)
	@$(if $(Q),echo "  LD64    $@")
	$(Q)$(A64_CC) -shared -Wl,-soname,libfpv.so.0 -Wl,--no-undefined -o $@ $^
	$(Q)ln -sf libfpv.so $(@D)/libfpv.so.0

$(A64)/libfpv.pc: lib/libfpv.pc.in
	$(Q)mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(abspath $(A64))|' -e 's|@INCLUDEDIR@|$(abspath include)|' $< > $@

# The core may reference nothing beyond lib/undefined-allowed.txt (host and aarch64).
$(O)/lib/.undefined-ok: $(LIB_OBJS) $(A64_CORE_OBJS) lib/undefined-allowed.txt lib/check-undefined.sh
	$(Q)sh lib/check-undefined.sh ld nm $(LIB_OBJS) | grep -q '^PASS' || sh lib/check-undefined.sh ld nm $(LIB_OBJS)
	$(Q)sh lib/check-undefined.sh $(A64_LD) $(A64_NM) $(A64_CORE_OBJS) | grep -q '^PASS' || \
		sh lib/check-undefined.sh $(A64_LD) $(A64_NM) $(A64_CORE_OBJS)
	$(Q)touch $@

LIBFPV_A64 := $(A64)/libfpv.a $(A64)/libfpv.so $(A64)/libfpv.pc
.PHONY: libfpv
libfpv: $(LIBFPV_A64)

CHECK_DEPS += $(O)/lib/.undefined-ok $(LIBFPV_A64)
BENCH_DEPS += $(LIBFPV_A64)
