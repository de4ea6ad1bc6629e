// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The .fpv_funcs table `fpv orc` writes beside .fpv_orc (include/fpv/orc.h,
 * docs/orc-format.md): which function each code address of a linked file
 * lies in, the owner of every GCC cold part, and which owners may leave
 * other than by returning to their caller (ORC_FUNC_ANY_CALLEE), so that the
 * run-time unwinder can check that the function a return address's BL calls
 * is the one the callee frame is in.  Built from fpv's analysis of the same
 * file (check.c: the functions, the indirect jumps it could not bound, the
 * paths running past a function's end); direct branches are read here.
 * Every doubt sets the flag: a missing flag makes the run-time check reject
 * a genuine stack, an extra one only weakens the check.  ORC_FUNC_DIRECT_ONLY
 * (no indirect call reaches the owner) comes from orc_indirect.c, and is the
 * other way round: set only where proven.  Reading a table back (fpv dump
 * --funcs) uses the run-time reader, lib/orc_funcs.c.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "error.h"
#include "grow.h"
#include "orc.h"

struct funcs_ctx {
	struct check_result *res;
	struct cfg_file *cf;
	int32_t *enterer;	/* cold parts: the function branching in, -1: none */
	int32_t *owner;		/* function index of each function's owner */
	bool *any;		/* by owner: ORC_FUNC_ANY_CALLEE */
	bool *direct;		/* by owner: ORC_FUNC_DIRECT_ONLY */
};

/* One entry before sorting: an address, its owner's address, the flags. */
struct funcs_ent {
	uint64_t start, owner;
	bool any;
	bool indirect;		/* not ORC_FUNC_DIRECT_ONLY: an indirect call may reach it */
};

struct funcs_list {
	struct funcs_ent *e;
	size_t nr, alloc;
};

static int funcs_add(struct funcs_list *l, uint64_t start, uint64_t owner, bool any,
		     bool indirect)
{
	struct funcs_ent *e = grow_array(l->e, &l->alloc, l->nr + 1, sizeof(*e), 256);

	if (!e)
		return fpv_oom(NULL);
	l->e = e;
	l->e[l->nr++] = (struct funcs_ent){ start, owner, any, indirect };
	return 0;
}

static int32_t func_idx(const struct funcs_ctx *x, const struct cfg_func *f)
{
	return (int32_t)(f - x->cf->funcs);
}

/* Whether parent is the function cold's name is split from ("foo" for "foo.cold.2"). */
static bool cold_of(const struct cfg_func *cold, const struct cfg_func *parent)
{
	const char *c = strstr(cold->sym->name, ".cold");
	size_t len = c ? (size_t)(c - cold->sym->name) : 0;

	return c && !parent->is_cold && strlen(parent->sym->name) == len &&
	       !strncmp(parent->sym->name, cold->sym->name, len);
}

/* The one non-cold function cold's name names, or -1 (none, or several). */
static int32_t cold_parent_by_name(const struct funcs_ctx *x, const struct cfg_func *cold)
{
	int32_t found = -1;

	for (size_t i = 0; i < x->cf->nr_funcs; i++) {
		if (!cold_of(cold, &x->cf->funcs[i]))
			continue;
		if (found >= 0)
			return -1;	/* two local functions of that name */
		found = (int32_t)i;
	}
	return found;
}

/*
 * Who branches into each cold part: GCC's hot part jumps to "foo.cold"
 * (B or B.cond, never a call).  Where several functions do, the one whose
 * name the part carries wins; the others' branches become tail calls.
 */
static void find_enterers(struct funcs_ctx *x)
{
	struct cfg_file *cf = x->cf;
	struct insn insn;
	struct cfg_dest d;

	for (size_t i = 0; i < cf->nr_funcs; i++) {
		struct cfg_func *f = &cf->funcs[i];

		for (uint64_t off = f->start; off < f->end; off += 4) {
			if (f->sec->nr_maps && elf_is_data(f->sec, off))
				continue;
			arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &insn);
			if ((insn.cls != INSN_JUMP_COND && insn.cls != INSN_JUMP_UNCOND) ||
			    !cfg_branch_dest(cf, f->sec, off, &insn, &d) || !d.func ||
			    d.func == f || !d.func->is_cold)
				continue;
			int32_t *e = &x->enterer[func_idx(x, d.func)];

			if (*e < 0 || (!cold_of(d.func, &cf->funcs[*e]) && cold_of(d.func, f)))
				*e = (int32_t)i;
		}
	}
}

/*
 * Owners: every function owns itself but a cold part, owned by the function
 * that branches into it (through other parts, if a part enters a part), or
 * failing that by the function its name names.  A part with neither is its
 * own owner and gets the flag (nothing says where its frames come from).
 */
static void find_owners(struct funcs_ctx *x)
{
	size_t n = x->cf->nr_funcs;

	find_enterers(x);
	for (size_t i = 0; i < n; i++) {
		const struct cfg_func *f = &x->cf->funcs[i];
		int32_t e = (int32_t)i;

		x->owner[i] = (int32_t)i;
		if (!f->is_cold)
			continue;
		for (size_t steps = 0; steps < n && e >= 0 && x->cf->funcs[e].is_cold; steps++)
			e = x->enterer[e];
		if (e < 0 || x->cf->funcs[e].is_cold)
			e = cold_parent_by_name(x, f);
		if (e >= 0)
			x->owner[i] = e;
		else
			x->any[i] = true;
	}
}

/* Whether a direct branch of function self to d leaves self's owner. */
static bool branch_leaves(const struct funcs_ctx *x, int32_t self, const struct cfg_dest *d)
{
	/* nowhere known, another file (PLT), a stub outside every function */
	if (!d->func)
		return true;
	return x->owner[func_idx(x, d->func)] != x->owner[self];
}

/* Whether one instruction of self (at off in sec) may leave self's owner. */
static bool insn_leaves(const struct funcs_ctx *x, int32_t self, struct section *sec,
			uint64_t off, const struct insn *insn, bool reached)
{
	struct cfg_dest d;

	switch (insn->cls) {
	case INSN_JUMP_COND:
	case INSN_JUMP_UNCOND:
		return !cfg_branch_dest(x->cf, sec, off, insn, &d) || branch_leaves(x, self, &d);
	case INSN_JUMP_DYNAMIC:
		/* reached: check.c set dyn_exit unless it was a table; not reached:
		 * nothing bounded it */
		return !reached;
	case INSN_RETURN:
		/* "ret x1" returns to no caller of ours */
		return insn->pac != PAC_AUTH_RA && insn->reg != CFI_RA;
	case INSN_ERET:
		return true;
	default:
		return false;
	}
}

/* The code a kernel alternative or static key may put at off. */
static bool alt_leaves(const struct funcs_ctx *x, int32_t self, const struct cfg_func *f,
		       uint64_t off)
{
	const struct cfg_alt *a = cfg_alt_at(x->cf, f->sec, off);
	const struct cfg_alt *end = x->cf->alts + x->cf->nr_alts;
	struct insn insn;
	struct cfg_dest d;

	for (; a && a < end && a->sec == f->sec && a->off == off; a++) {
		if (a->jump_label) {
			memset(&d, 0, sizeof(d));
			d.func = a->tsec->text ? cfg_func_at(x->cf, a->tsec, a->toff) : NULL;
			if (branch_leaves(x, self, &d))
				return true;
			continue;
		}
		for (uint64_t k = 0; a->rsec && k + 4 <= a->rlen; k += 4) {
			arch_decode(cfg_word(a->rsec, a->roff + k), cfg_addr(a->rsec, a->roff + k), &insn);
			if (insn_leaves(x, self, a->rsec, a->roff + k, &insn, false))
				return true;
		}
	}
	return false;
}

/*
 * Whether f may leave other than by returning to its caller: the analysis
 * did not run (a cold part nobody enters), reached an indirect jump that is
 * not a jump table, or ran past f's end; or a direct branch goes to another
 * owner (a tail call, a PLT entry, a linker stub), "ret xN", ERET.  Every
 * word is read, reached or not (fail safe).
 */
static bool func_leaves(const struct funcs_ctx *x, int32_t self)
{
	const struct cfg_func *f = &x->cf->funcs[self];
	struct insn insn;

	if (f->status == FUNC_NOT_ANALYZED || !f->states || f->dyn_exit || f->fall_exit)
		return true;
	for (uint64_t off = f->start; off < f->end; off += 4) {
		bool reached = f->states[(off - f->start) / 4] != NULL;

		if (f->sec->nr_maps && elf_is_data(f->sec, off))
			continue;
		arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &insn);
		if (insn_leaves(x, self, f->sec, off, &insn, reached))
			return true;
		if (x->cf->nr_alts && alt_leaves(x, self, f, off))
			return true;
	}
	return false;
}

/* Code outside every function: padding (NOP, zero) and data need no entry. */
static bool gap_code(struct section *sec, uint64_t lo, uint64_t hi, uint64_t *at)
{
	struct insn insn;

	for (uint64_t off = (lo + 3) & ~3ull; off + 4 <= hi; off += 4) {
		if (sec->nr_maps && elf_is_data(sec, off))
			continue;
		arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
		if (insn.word && !insn.is_nop) {
			*at = off;
			return true;
		}
	}
	return false;
}

/*
 * Code that belongs to no function (a PLT, a linker's veneers or stubs
 * without symbols) gets an entry of its own, flagged: a BL into it reaches
 * some other function, and without the entry it would count as part of the
 * function before it.
 */
static int add_gaps(const struct funcs_ctx *x, struct funcs_list *l)
{
	struct elf_file *elf = x->cf->elf;
	struct section *sec;
	size_t k = 0;

	for_each_sec(elf, sec) {
		uint64_t cur = 0, at;

		if (!sec->text || !sec->size)
			continue;
		/* cf->funcs is sorted by (section index, start) */
		while (k < x->cf->nr_funcs && x->cf->funcs[k].sec->idx < sec->idx)
			k++;
		for (; k < x->cf->nr_funcs && x->cf->funcs[k].sec == sec; k++) {
			const struct cfg_func *f = &x->cf->funcs[k];

			if (gap_code(sec, cur, f->start, &at) && funcs_add(l, sec->addr + at, sec->addr + at, true, true))
				return -1;
			if (f->end > cur)
				cur = f->end;
		}
		if (gap_code(sec, cur, sec->size, &at) && funcs_add(l, sec->addr + at, sec->addr + at, true, true))
			return -1;
	}
	return 0;
}

static int ent_cmp(const void *a, const void *b)
{
	const struct funcs_ent *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static int ent_owner_cmp(const void *key, const void *e)
{
	uint64_t a = *(const uint64_t *)key, b = ((const struct funcs_ent *)e)->start;

	return a != b ? (a < b ? -1 : 1) : 0;
}

/*
 * Entries merged at one address may have had different owners: an owner is
 * reached by an indirect call if any entry it owns is, so that the flag is
 * the same in all its parts.
 */
static void funcs_owner_or(struct funcs_ent *e, size_t n)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct funcs_ent *o = bsearch(&e[i].owner, e, n, sizeof(*e), ent_owner_cmp);

			if (!o || pass)		/* pass 1: copy the owner's */
				e[i].indirect = !o || o->indirect;
			else if (e[i].indirect)	/* pass 0: OR into the owner */
				o->indirect = true;
		}
	}
}

/* Sort, merge entries at the same address (their flags OR), encode. */
static int funcs_encode(struct funcs_list *l, uint64_t base, void **out, size_t *size,
			size_t *nr_any)
{
	struct orc_funcs_header h = { ORC_FUNCS_MAGIC, ORC_FUNCS_VERSION, 0, base, 0, 0 };
	struct orc_func *fn;
	size_t n = 0;
	uint8_t *blob;

	qsort(l->e, l->nr, sizeof(*l->e), ent_cmp);
	for (size_t i = 0; i < l->nr; i++) {
		if (n && l->e[n - 1].start == l->e[i].start) {
			l->e[n - 1].any |= l->e[i].any;
			l->e[n - 1].indirect |= l->e[i].indirect;
			continue;
		}
		if (l->e[i].start < base || l->e[i].start - base > UINT32_MAX ||
		    l->e[i].owner < base || l->e[i].owner - base > UINT32_MAX - ORC_FUNC_FLAGS)
			return fpv_error(NULL, "cannot encode %s: code at 0x%llx beyond 4 GiB of 0x%llx",
					 ORC_FUNCS_SECTION, (unsigned long long)l->e[i].start,
					 (unsigned long long)base);
		l->e[n++] = l->e[i];
	}
	funcs_owner_or(l->e, n);
	*size = sizeof(h) + n * sizeof(*fn);
	if (n > UINT32_MAX)
		return fpv_error(NULL, "cannot encode %s: %zu functions", ORC_FUNCS_SECTION, n);
	blob = calloc(1, *size);
	if (!blob)
		return fpv_oom(NULL);
	h.nr = (orc_u32)n;
	h.size = (orc_u32)*size;
	memcpy(blob, &h, sizeof(h));
	fn = (struct orc_func *)(blob + sizeof(h));
	*nr_any = 0;
	for (size_t i = 0; i < n; i++) {
		fn[i].start = (orc_u32)(l->e[i].start - base);
		fn[i].owner = (orc_u32)(l->e[i].owner - base) | (l->e[i].any ? ORC_FUNC_ANY_CALLEE : 0) |
			      (l->e[i].indirect ? 0 : ORC_FUNC_DIRECT_ONLY);
		*nr_any += l->e[i].any;
	}
	*out = blob;
	return 0;
}

int orc_funcs_blob(struct check_result *res, uint64_t base, void **out, size_t *size,
		   size_t *nr_any)
{
	struct funcs_ctx x = { .res = res, .cf = &res->cfg };
	size_t n = res->cfg.nr_funcs;
	struct funcs_list l = { 0 };
	int ret = -1;

	x.enterer = malloc((n + 1) * sizeof(*x.enterer));
	x.owner = calloc(n + 1, sizeof(*x.owner));
	x.any = calloc(n + 1, sizeof(*x.any));
	x.direct = calloc(n + 1, sizeof(*x.direct));
	if (!x.enterer || !x.owner || !x.any || !x.direct) {
		fpv_oom(res->elf->path);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		x.enterer[i] = -1;
	find_owners(&x);
	for (size_t i = 0; i < n; i++)
		if (func_leaves(&x, (int32_t)i))
			x.any[x.owner[i]] = true;	/* OR over the owner and its parts */
	if (orc_indirect_direct_only(x.cf, x.owner, x.direct))
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct cfg_func *f = &res->cfg.funcs[i], *o = &res->cfg.funcs[x.owner[i]];

		if (funcs_add(&l, cfg_addr(f->sec, f->start), cfg_addr(o->sec, o->start),
			      x.any[x.owner[i]], !x.direct[x.owner[i]]))
			goto out;
	}
	if (add_gaps(&x, &l))
		goto out;
	ret = funcs_encode(&l, base, out, size, nr_any);
out:
	free(l.e);
	free(x.enterer);
	free(x.owner);
	free(x.any);
	free(x.direct);
	return ret;
}
