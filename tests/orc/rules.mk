# SPDX-License-Identifier: GPL-2.0-or-later
# ORC round trips (tests/orc/run.sh): `make orc-check` runs only this area.
# The bundled corpus objects are used when corpus/rules.mk built them.
.PHONY: orc-check
orc-check: $(FPV) $(CHECK_DEPS)
	$(Q)O=$(O) TESTS=orc sh tests/run.sh
