// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the DWARF CFI witness (tool/dwarf.c, through libdw) on a
 * fuzzed .eh_frame (variant bit 0 clear) or .debug_frame (set), with its
 * relocations in an object or at its address in an executable (container
 * in fuzz.h, seeds from GCC and Clang output), then `fpv xcheck` or
 * `fpv orc --dry-run --from=dwarf` on the same file (fuzz_witness.h).
 */
#include <elf.h>

#include "dwarf_cfi.h"
#include "fuzz_witness.h"

static long states(void *w, const struct section *s, uint64_t off, size_t n,
		   struct cfi_state *out, uint8_t *cov)
{
	return dwarf_cfi_states(w, s, off, n, out, cov);
}

static int run(struct elf_file *elf, unsigned variant)
{
	struct dwarf_cfi *cfi = NULL;
	int rc;

	fz_capture_begin();
	rc = dwarf_cfi_open(elf, variant & 1 ? DWARF_DEBUG_FRAME : DWARF_EH_FRAME, &cfi);
	if (rc == 0 && cfi) {
		wit_sink += strlen(dwarf_cfi_section(cfi));
		rc = wit_walk_states(elf, cfi, states);
	}
	fz_capture_end(elf->path, rc < 0, false);
	dwarf_cfi_close(cfi);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	struct fz_in in;
	bool debug = fz_parse(buf, len, &in) && (FZ_VARIANT(in.h.flags) & 1);

	return wit_fuzz_one(buf, len, debug ? ".debug_frame" : ".eh_frame", debug ? 0 : SHF_ALLOC,
			    "dwarf", run);
}
