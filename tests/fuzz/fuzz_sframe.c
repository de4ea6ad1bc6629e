// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the SFrame witness (tool/sframe.c, through libsframe) on a
 * fuzzed .sframe, with its relocations in an object or at its address in an
 * executable (container in fuzz.h, seeds from `gcc -Wa,--gsframe`), then
 * `fpv xcheck` or `fpv orc --dry-run --from=sframe` on the same file
 * (fuzz_witness.h).
 */
#include <elf.h>

#include "sframe.h"
#include "fuzz_witness.h"

static long states(void *w, const struct section *s, uint64_t off, size_t n,
		   struct cfi_state *out, uint8_t *cov)
{
	return sframe_wit_states(w, s, off, n, out, cov);
}

static int run(struct elf_file *elf, unsigned variant)
{
	struct sframe_wit *w = NULL;
	size_t fdes, fres;
	int rc;

	(void)variant;
	fz_capture_begin();
	rc = sframe_wit_open(elf, &w);
	if (rc == 0 && w) {
		sframe_wit_counts(w, &fdes, &fres);
		rc = wit_walk_states(elf, w, states);
	}
	fz_capture_end(elf->path, rc < 0, false);
	sframe_wit_close(w);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	return wit_fuzz_one(buf, len, ".sframe", SHF_ALLOC, "sframe", run);
}
