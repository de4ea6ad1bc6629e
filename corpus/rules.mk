# SPDX-License-Identifier: GPL-2.0-or-later
# The bundled corpus: every corpus/*.c program built for AArch64 by three
# compilers at three optimization levels, with and without frame pointers and
# with and without PAC/BTI (3 x 3 x 2 x 2 = 36 configurations), as objects
# $(O)/corpus/<compiler>-<opt>-<fp>-<pac>/<prog>.o and linked executables
# beside them.  Clang objects are linked by the GCC cross driver, which knows
# the cross libc.  GCC objects also carry .sframe (-Wa,--gsframe), the third
# witness for fpv xcheck.  The expected output of each program comes from a
# native build run on the host ($(O)/corpus/expected/<prog>.out); the corpus
# test runs every executable under qemu-aarch64 and compares.
#   make corpus     build all of it

CORPUS_PROGS := $(basename $(notdir $(wildcard corpus/*.c)))
CORPUS_COMPILERS := gcc clang clang16
CORPUS_OPTS := O0 O2 Os
CORPUS_FPS := fp nofp
CORPUS_PACS := nopac pac

CORPUS_CC_gcc := aarch64-linux-gnu-gcc -Wa,--gsframe
CORPUS_CC_clang := clang --target=aarch64-linux-gnu
CORPUS_CC_clang16 := clang-16 --target=aarch64-linux-gnu
CORPUS_FP_fp := -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
CORPUS_FP_nofp := -fomit-frame-pointer
CORPUS_PAC_nopac :=
CORPUS_PAC_pac := -mbranch-protection=standard
CORPUS_LD := aarch64-linux-gnu-gcc

# corpus_config NAME COMPILE-COMMAND
define corpus_config
CORPUS_CONFIGS += $(1)
$(O)/corpus/$(1)/%.o: corpus/%.c | $(DEPS_STAMP)
	$$(Q)mkdir -p $$(@D)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$(2) -c -o $$@ $$<
$(O)/corpus/$(1)/%: $(O)/corpus/$(1)/%.o
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)$(CORPUS_LD) -o $$@ $$<
endef

$(foreach c,$(CORPUS_COMPILERS),$(foreach o,$(CORPUS_OPTS),$(foreach f,$(CORPUS_FPS),\
  $(foreach p,$(CORPUS_PACS),$(eval $(call corpus_config,$(c)-$(o)-$(f)-$(p),\
    $(CORPUS_CC_$(c)) -$(o) $(CORPUS_FP_$(f)) $(CORPUS_PAC_$(p))))))))

# Expected output: the same program built natively and run on the host.
$(O)/corpus/expected/%.out: corpus/%.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(CC) -O0 -o $(@D)/$* $< && $(@D)/$* > $@.tmp && mv $@.tmp $@

CORPUS_OBJS := $(foreach c,$(CORPUS_CONFIGS),$(CORPUS_PROGS:%=$(O)/corpus/$(c)/%.o))
CORPUS_BINS := $(CORPUS_OBJS:%.o=%)
CORPUS_OUTS := $(CORPUS_PROGS:%=$(O)/corpus/expected/%.out)

.PHONY: corpus
corpus: $(CORPUS_OBJS) $(CORPUS_BINS) $(CORPUS_OUTS)

DEMO_DEPS += $(CORPUS_OBJS) $(CORPUS_BINS)
CHECK_DEPS += $(CORPUS_OBJS) $(CORPUS_BINS) $(CORPUS_OUTS)
