// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One run over one file (see witness.h): open the ELF file, its DWARF CFI
 * and SFrame, run the analysis once, and answer "what does witness w say
 * at this instruction" for all three.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "witness.h"

const char *const wit_name[WIT_ALL] = { "dwarf", "sframe", "analysis" };

/* Instructions per block of a compiler witness's states. */
#define WIT_BLOCK 4096

int wit_by_name(const char *name)
{
	for (int w = 0; w < WIT_ALL; w++)
		if (!strcmp(name, wit_name[w]))
			return w;
	return -1;
}

int wit_file_open(struct wit_file *wf, const char *path, unsigned elf_flags)
{
	memset(wf, 0, sizeof(*wf));
	wf->elf = elf_open_flags(path, elf_flags);
	return wf->elf ? 0 : -1;
}

int wit_file_load(struct wit_file *wf, enum dwarf_which which, const struct check_opts *opts)
{
	if (dwarf_cfi_open(wf->elf, which, &wf->dwarf) < 0 ||
	    sframe_wit_open(wf->elf, &wf->sframe) < 0)
		return -1;
	for (unsigned w = 0; w < WIT_NR; w++) {
		if (!wit_present(wf, w))
			continue;
		wf->block[w].st = malloc(WIT_BLOCK * sizeof(struct cfi_state));
		wf->block[w].cov = malloc(WIT_BLOCK);
		if (!wf->block[w].st || !wf->block[w].cov) {
			fpv_oom(wf->elf->path);
			return -1;
		}
	}
	return check_file(wf->elf, opts, &wf->res) < 0 ? -1 : 0;
}

void wit_file_close(struct wit_file *wf)
{
	for (unsigned w = 0; w < WIT_NR; w++) {
		free(wf->block[w].st);
		free(wf->block[w].cov);
	}
	check_free(&wf->res);
	dwarf_cfi_close(wf->dwarf);
	sframe_wit_close(wf->sframe);
	elf_close(wf->elf);
	memset(wf, 0, sizeof(*wf));
}

bool wit_present(const struct wit_file *wf, unsigned w)
{
	switch (w) {
	case WIT_DWARF: return wf->dwarf != NULL;
	case WIT_SFRAME: return wf->sframe != NULL;
	case WIT_ANALYSIS: return true;
	}
	return false;
}

/* Fill b with witness w's states for the block of sec holding off. */
static void wit_block_fill(struct wit_file *wf, unsigned w, struct wit_block *b,
			   const struct section *sec, uint64_t off)
{
	uint64_t start = off / (4 * WIT_BLOCK) * (4 * WIT_BLOCK);
	size_t n = (sec->size - start) / 4;

	if (n > WIT_BLOCK)
		n = WIT_BLOCK;
	/* neither reader fails once open: every malformed table was refused there */
	if (w == WIT_DWARF)
		dwarf_cfi_states(wf->dwarf, sec, start, n, b->st, b->cov);
	else
		sframe_wit_states(wf->sframe, sec, start, n, b->st, b->cov);
	b->sec = sec;
	b->off = start;
	b->n = n;
}

const struct cfi_state *wit_row(struct wit_file *wf, unsigned w, const struct section *sec,
				uint64_t off)
{
	struct wit_block *b;
	size_t i;

	if (w == WIT_ANALYSIS)
		return check_state_at(&wf->res, sec, off);
	if (w >= WIT_NR || !wit_present(wf, w) || off % 4 || off >= sec->size / 4 * 4)
		return NULL;
	b = &wf->block[w];
	if (b->sec != sec || off < b->off || off >= b->off + 4 * b->n)
		wit_block_fill(wf, w, b, sec, off);
	i = (off - b->off) / 4;
	return b->cov[i] ? &b->st[i] : NULL;
}

const struct cfi_state *wit_state(struct wit_file *wf, unsigned w, const struct section *sec,
				  uint64_t off)
{
	const struct cfi_state *s = wit_row(wf, w, sec, off);

	if (s && w != WIT_ANALYSIS && s->cfa_base == CFA_UNDEF)
		return NULL;
	return s;
}

const struct cfi_state *wit_ref_state(void *ref, const struct section *sec, uint64_t off)
{
	const struct wit_ref *r = ref;

	return wit_state(r->wf, r->w, sec, off);
}
