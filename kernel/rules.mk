# SPDX-License-Identifier: GPL-2.0-or-later
#
# make kernel-check: apply fpv's patch series to Debian's linux-source-6.12,
# build it for arm64 with the reference configuration and ORC tables, build
# the livepatch selftests' modules, boot it in QEMU with 4 CPUs and run the
# reliable-stack-trace tests, the live-patch transitions under load and the
# kernel's livepatch selftests (kernel/run.sh, kernel/README.md).  Not part
# of `make check`: it is a kernel build, see kernel/README.md for the figures.
.PHONY: kernel-check
kernel-check: $(FPV)
	$(Q)O=$(O) FPV=$(abspath $(FPV)) sh kernel/run.sh

# make kernel-compare: fpv's share of the build and ORC size against
# objtool's on x86-64, from three full builds without ccache
# (kernel/compare.sh, figures in kernel/README.md).
.PHONY: kernel-compare
kernel-compare: $(FPV)
	$(Q)O=$(O) FPV=$(abspath $(FPV)) sh kernel/compare.sh

# make kernel-build-each: build the reference kernel at every patch of the
# series (kernel/build-each.sh).
.PHONY: kernel-build-each
kernel-build-each: $(FPV)
	$(Q)O=$(O) FPV=$(abspath $(FPV)) sh kernel/build-each.sh
