# SPDX-License-Identifier: GPL-2.0-or-later
# Bad-input tests: elfopen opens files with the ELF layer alone (tool/elf.c),
# so the layer's validation is tested whether or not a subcommand reads ELF.
BADINPUT_ELFOPEN := $(O)/tests/badinput/elfopen

$(BADINPUT_ELFOPEN): tests/badinput/elfopen.c $(O)/libfpvtool.a | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libfpvtool.a $(LDLIBS)

CHECK_DEPS += $(BADINPUT_ELFOPEN)
