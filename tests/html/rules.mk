# SPDX-License-Identifier: GPL-2.0-or-later
# The fixture of the HTML report test (tests/html/run.sh): an object whose
# function names and .comment are markup, built from source.
HTML_DIR := $(O)/tests/html

$(HTML_DIR)/names.o: tests/html/names.s
	$(Q)mkdir -p $(@D)
	$(Q)aarch64-linux-gnu-as --gsframe -o $@ $<

CHECK_DEPS += $(HTML_DIR)/names.o
