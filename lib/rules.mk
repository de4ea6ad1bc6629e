# SPDX-License-Identifier: GPL-2.0-or-later
#
# libfpv: the freestanding core's undefined-symbol check (part of make
# check) and the AArch64 libraries: the core plus the Linux user-space front
# end, cross-compiled into $(O)/aarch64/ as libfpv.a, the shared library
# libfpv.so.X.Y.Z (soname LIBFPV_SONAME, with the libfpv.so link) and a
# pkg-config file for the build tree (libfpv.pc; PKG_CONFIG_PATH=$(O)/aarch64).
# `make install` (the top-level Makefile) installs them with a libfpv.pc for
# the installed paths.

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

# libfpv.so gets its own .fpv_orc and .fpv_funcs, so a walk that crosses
# one of its frames (a signal taken inside the library) can prove it.
$(A64)/$(LIBFPV_SO): $(A64_CORE_OBJS) $(A64_FE_OBJS) $(FPV)
	@$(if $(Q),echo "  LD64    $@")
	$(Q)$(A64_CC) -shared -Wl,-soname,$(LIBFPV_SONAME) -Wl,--no-undefined -o $@.tmp \
		$(A64_CORE_OBJS) $(A64_FE_OBJS)
	$(Q)$(FPV) orc $@.tmp
	$(Q)mv $@.tmp $@

$(A64)/libfpv.so: $(A64)/$(LIBFPV_SO)
	$(Q)ln -sf $(LIBFPV_SO) $(@D)/$(LIBFPV_SONAME)
	$(Q)ln -sf $(LIBFPV_SONAME) $@

# libfpv_pc PREFIX LIBDIR INCLUDEDIR: lib/libfpv.pc.in filled in; LIBDIR and
# INCLUDEDIR under PREFIX are written relative to ${prefix}, the
# pkg-config convention (PKG_CONFIG_SYSROOT_DIR then prefixes -I and -L).
libfpv_pc = sed -e 's|@PREFIX@|$(1)|' \
	-e 's|@LIBDIR@|$(patsubst $(1)/%,$${prefix}/%,$(2))|' \
	-e 's|@INCLUDEDIR@|$(patsubst $(1)/%,$${prefix}/%,$(3))|' \
	-e 's|@VERSION@|$(FPV_VERSION)|' lib/libfpv.pc.in

$(A64)/libfpv.pc: lib/libfpv.pc.in include/fpv/version.h
	$(Q)mkdir -p $(@D)
	$(Q)$(call libfpv_pc,$(abspath $(A64)),$(abspath $(A64)),$(abspath include)) > $@

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
