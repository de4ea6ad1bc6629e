// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exception landing pads.  Code compiled with exceptions (C++, or C with
 * -fexceptions such as glibc's stdio) has blocks that no branch reaches:
 * the unwinder enters them from a call that threw, as listed in the
 * function's LSDA (.gcc_except_table), which its .eh_frame FDE points to.
 * This file takes the FDEs' pc_begin and LSDA pointers from the call-frame
 * reader (eh_frame.c) and reads the LSDA call-site tables, so that the
 * analysis can enter each landing pad with the state at the call that leads
 * there.  Only section bytes from the ELF layer are read, every offset
 * bounds-checked; libdw's CFI interface does not expose the LSDA.
 *
 *   LSDA: lpstart enc (+ value), ttype enc (+ uleb offset), call-site enc,
 *         uleb length, { start, length, landing pad, uleb action }...
 */
#include <dwarf.h>
#include <stdlib.h>

#include "cfg.h"
#include "eh_frame.h"
#include "error.h"
#include "grow.h"
#include "search.h"

static int lsda_cmp(const void *a, const void *b)
{
	const struct cfg_lsda *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Record the LSDA of one FDE, if it has one and covers code. */
static int eh_add_lsda(struct cfg_file *cf, const struct eh_fde *fde, size_t *cap)
{
	struct cfg_lsda l;

	if (!fde->lsda.ok || !eh_ptr_place(cf->elf, &fde->pc, &l.sec, &l.off) ||
	    !eh_ptr_place(cf->elf, &fde->lsda, &l.lsec, &l.loff) || !l.sec->text || !l.lsec->data)
		return 0;
	struct cfg_lsda *n = grow_array(cf->lsdas, cap, cf->nr_lsdas + 1, sizeof(*n), 64);

	if (!n)
		return -1;
	cf->lsdas = n;
	cf->lsdas[cf->nr_lsdas++] = l;
	return 0;
}

int cfg_load_lsdas(struct cfg_file *cf)
{
	struct section *eh = elf_find_section(cf->elf, ".eh_frame");
	struct eh_iter it;
	struct eh_fde fde;
	size_t cap = 0;

	if (!eh || !eh->data || !elf_find_section(cf->elf, ".gcc_except_table"))
		return 0;
	/* a malformed entry ends the list: the ELF layer and the DWARF witness report it */
	eh_iter_init(&it, cf->elf, eh, NULL, true);
	while (eh_next(&it, &fde) > 0)
		if (eh_add_lsda(cf, &fde, &cap) < 0)
			return fpv_oom(cf->elf->path);
	if (cf->nr_lsdas)
		qsort(cf->lsdas, cf->nr_lsdas, sizeof(*cf->lsdas), lsda_cmp);
	return 0;
}

static const struct cfg_lsda *lsda_of(const struct cfg_file *cf, const struct cfg_func *f)
{
	const struct cfg_lsda *l = cf->lsdas;
	size_t lo = partition_point(cf->nr_lsdas, i, l[i].sec->idx < f->sec->idx ||
				    (l[i].sec == f->sec && l[i].off < f->start));

	if (lo < cf->nr_lsdas && cf->lsdas[lo].sec == f->sec && cf->lsdas[lo].off == f->start)
		return &cf->lsdas[lo];
	return NULL;
}

size_t cfg_landing_pads(const struct cfg_file *cf, const struct cfg_func *f,
			struct cfg_lp *out, size_t max)
{
	const struct cfg_lsda *l = lsda_of(cf, f);
	struct eh_cursor c;
	uint8_t tt_enc, cs_enc;
	uint64_t cs_len, start, len, lp;
	size_t n = 0;

	if (!l)
		return 0;
	c = (struct eh_cursor){ l->lsec->data, l->loff, l->lsec->size, false };
	if (eh_u8(&c) != DW_EH_PE_omit || c.bad)
		return 0;	/* landing pads relative to another base: not seen from GCC/Clang */
	tt_enc = eh_u8(&c);
	if (tt_enc != DW_EH_PE_omit)
		eh_uleb(&c);	/* the type table's offset */
	cs_enc = eh_u8(&c);
	cs_len = eh_uleb(&c);
	if (c.bad || (cs_enc & EH_PE_APPLY) || cs_len > c.end - c.pos)
		return 0;
	c.end = c.pos + cs_len;
	while (c.pos < c.end && n < max) {
		start = eh_encoded(&c, cs_enc);
		len = eh_encoded(&c, cs_enc);
		lp = eh_encoded(&c, cs_enc);
		eh_uleb(&c);	/* the action */
		if (c.bad)
			break;
		if (!lp || lp >= f->end - f->start || start >= f->end - f->start)
			continue;
		out[n].start = f->start + start;
		out[n].end = f->start + start + len;
		out[n].pad = f->start + (lp & ~3ull);
		n++;
	}
	return n;
}
