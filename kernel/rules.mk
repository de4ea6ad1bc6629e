# SPDX-License-Identifier: GPL-2.0-or-later
#
# make kernel-check: build linux-source-6.1 for arm64 with fpv's patch series
# and ORC tables, boot it in QEMU and run the reliable-stack-trace and live
# patching test (kernel/run.sh, kernel/README.md).  Not part of `make check`:
# it takes minutes (a kernel build), see kernel/README.md for the figures.
.PHONY: kernel-check
kernel-check: $(FPV)
	$(Q)O=$(O) FPV=$(abspath $(FPV)) sh kernel/run.sh $(KERNEL_FLAVOUR)
