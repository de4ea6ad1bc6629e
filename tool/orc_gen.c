// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ORC records for a whole file from one witness's frame states
 * (orc_gen_file, orc.h): per text section, one record where the entry
 * changes, keyed by ORC_REL_PC in a relocatable object and by address in a
 * linked file; then the functions that begin a stack (--end, user _start)
 * get ORC_TYPE_END_OF_STACK, where a reliable walk must stop.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_file.h"
#include "error.h"
#include "orc.h"

/* ---- end of stack ---- */

/* The entry in effect at pc in a sorted list (the zero entry before the first). */
static struct orc_entry orc_entry_at(const struct orc_list *l, uint64_t pc)
{
	struct orc_entry e;

	memset(&e, 0, sizeof(e));
	for (size_t i = 0; i < l->nr && l->recs[i].pc <= pc; i++)
		e = l->recs[i].e;
	return e;
}

/*
 * Make [lo, hi) ORC_TYPE_END_OF_STACK wherever it is unwindable (CALL): the
 * first frame of a stack (user _start, a thread's entry) is where a reliable
 * walk must end.  Records are added at lo and hi so the change is confined
 * to the function.
 */
static int orc_mark_end(struct orc_list *l, uint64_t lo, uint64_t hi)
{
	struct orc_entry at_lo = orc_entry_at(l, lo), at_hi = orc_entry_at(l, hi);

	if (orc_list_add(l, lo, &at_lo) || orc_list_add(l, hi, &at_hi))
		return -1;
	/* sort, not normalize: the record at lo may repeat its predecessor */
	orc_list_sort(l);
	for (size_t i = 0; i < l->nr; i++) {
		struct orc_entry *e = &l->recs[i].e;

		if (l->recs[i].pc >= lo && l->recs[i].pc < hi && orc_type(e) == ORC_TYPE_CALL)
			e->info = (e->info & ~(ORC_INFO_TYPE_MASK << ORC_INFO_TYPE_SHIFT)) |
				  ORC_TYPE_END_OF_STACK << ORC_INFO_TYPE_SHIFT;
	}
	orc_list_normalize(l);
	return 0;
}

struct orc_range {
	uint64_t lo, hi;
};

/* Whether sym's name is in the comma-separated list names. */
static bool orc_name_in(const char *names, const char *name)
{
	size_t n = strlen(name);
	const char *p = names;

	while (n && (p = strstr(p, name))) {
		if ((p == names || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* The ranges of --end=f,g,...: sized function symbols in text sections. */
static int orc_end_ranges(struct elf_file *elf, const char *names, struct orc_range **out,
			  size_t *nr)
{
	struct symbol *sym;

	*out = NULL;
	*nr = 0;
	for_each_sym(elf, sym) {
		uint64_t key;
		struct orc_range *r;

		if (!sym->sec || !sym->sec->text || !sym->size || !orc_name_in(names, sym->name))
			continue;
		r = realloc(*out, (*nr + 1) * sizeof(*r));
		if (!r) {
			fpv_oom(elf->path);
			return -1;
		}
		*out = r;
		key = elf->e_type == ET_REL ? ORC_REL_PC(sym->sec->idx, 0) : 0;
		r[*nr].lo = key + sym->value;
		r[*nr].hi = key + sym->value + sym->size;
		(*nr)++;
	}
	return 0;
}

struct orc_gen_ctx {
	struct orc_list *l;
	orc_sec_state_fn fn;
	void *wctx;
	const struct section *sec;
	uint64_t key;
	const struct orc_range *end;	/* --end functions */
	size_t nr_end;
	struct cfi_state copy;
};

static const struct cfi_state *orc_gen_adapt(void *ctx, uint64_t pc)
{
	struct orc_gen_ctx *g = ctx;
	/* pc is key + address; witnesses take section offsets */
	const struct cfi_state *st = g->fn(g->wctx, g->sec, pc - g->key - g->sec->addr);

	if (!st || st->ra_where != REG_UNDEF)
		return st;
	/*
	 * The first frame of a stack has no caller: glibc's _start clears x30
	 * (mov x30, #0) on purpose.  There a lost return address is the end
	 * of the walk, not a failure; orc_mark_end() turns the entry into
	 * END_OF_STACK, whose RA the unwinder never reads.
	 */
	for (size_t i = 0; i < g->nr_end; i++)
		if (pc >= g->end[i].lo && pc < g->end[i].hi) {
			g->copy = *st;
			g->copy.ra_where = REG_SAME;
			return &g->copy;
		}
	return st;
}

int orc_gen_file(struct elf_file *elf, struct orc_list *l, orc_sec_state_fn fn, void *ctx,
		 const char *end)
{
	struct orc_gen_ctx g = { .l = l, .fn = fn, .wctx = ctx };
	struct orc_range *r = NULL;
	struct section *sec;
	size_t nr = 0;
	int ret = -1;

	if (end && *end && orc_end_ranges(elf, end, &r, &nr))
		return -1;
	g.end = r;
	g.nr_end = nr;
	for_each_sec(elf, sec) {
		if (!sec->text || !sec->size)
			continue;
		g.sec = sec;
		/* a .o keys records by section; a linked file by address */
		g.key = elf->e_type == ET_REL ? ORC_REL_PC(sec->idx, 0) : 0;
		if (orc_gen_range(l, g.key + sec->addr, g.key + sec->addr + sec->size,
				  orc_gen_adapt, &g))
			goto out;
	}
	for (size_t i = 0; i < nr; i++)
		if (orc_mark_end(l, r[i].lo, r[i].hi))
			goto out;
	ret = 0;
out:
	free(r);
	return ret;
}
