// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What refers to what across one file, outside the function being
 * analysed: two indexes built together, by one walk over the executable
 * sections and one over the data, on the first question asked.
 *
 *  - data_refs: the addresses outside code that code computes with "adrp
 *    xN, page ; add xM, xN, #lo12" (linked files).  A jump table with no
 *    compare to bound it ends before the next of them (cfg_jump_table).
 *  - refs: the places in the middle of a function (its start left out)
 *    that something other than the function's own branches and
 *    fall-through may send control to: an address data holds (a 64-bit
 *    absolute relocation in an allocated data section of an object, a
 *    dynamic relocation of a linked file, a pointer-sized word in a data
 *    section of an executable, whose pointers need no relocation), an
 *    address code computes (adr, adrp + add, a relocation in code), and
 *    the target of a direct branch or call from another function.  The
 *    first kind gives a computed goto its labels (GCC's labels as values:
 *    "static void *tbl[] = { &&l1, &&l2 }", relocated pointers in .data);
 *    all of them say where code that looks dead may be entered.
 */
#include <elf.h>
#include <stdlib.h>

#include "cfg.h"
#include "error.h"
#include "grow.h"
#include "search.h"

struct refs_build {
	struct cfg_file *cf;
	size_t cap_data, cap_refs;
};

/* Out of memory: the indexes are dropped and the file fails (check_run). */
static void refs_oom(struct cfg_file *cf)
{
	free(cf->data_refs);
	free(cf->refs);
	cf->data_refs = NULL;
	cf->refs = NULL;
	cf->nr_data_refs = cf->nr_refs = 0;
	if (!cf->failed)
		fpv_oom(cf->elf->path);
	cf->failed = true;
}

static void add_data_ref(struct refs_build *b, uint64_t a)
{
	struct cfg_file *cf = b->cf;
	uint64_t *n;

	if (cf->failed)
		return;
	n = grow_array(cf->data_refs, &b->cap_data, cf->nr_data_refs + 1, sizeof(*n), 1024);
	if (!n) {
		refs_oom(cf);
		return;
	}
	cf->data_refs = n;
	cf->data_refs[cf->nr_data_refs++] = a;
}

/* A reference of this kind to off in sec: kept when it is inside a function, past its start. */
static void add_ref(struct refs_build *b, struct section *sec, uint64_t off, unsigned kind)
{
	struct cfg_file *cf = b->cf;
	const struct cfg_func *f;
	struct cfg_ref *n;

	if (cf->failed || !sec || !sec->text || (off & 3) || off >= sec->size)
		return;
	f = cfg_func_at(cf, sec, off);
	if (!f || off == f->start)
		return;
	n = grow_array(cf->refs, &b->cap_refs, cf->nr_refs + 1, sizeof(*n), 256);
	if (!n) {
		refs_oom(cf);
		return;
	}
	cf->refs = n;
	cf->refs[cf->nr_refs++] = (struct cfg_ref){ sec, off, (uint8_t)kind };
}

/* An address of a linked file: the reference to the code there, if any. */
static void add_ref_addr(struct refs_build *b, uint64_t a, unsigned kind)
{
	struct section *sec = elf_section_at_addr(b->cf->elf, a);

	if (sec)
		add_ref(b, sec, a - sec->addr, kind);
}

/*
 * Linked files: "add xM, xN, #imm" within 16 instructions of "adrp xN,
 * page", xN not written between, gives page + imm; adr gives its address.
 * Addresses outside code go to data_refs (adr anchors and code addresses
 * are not objects in .rodata), those in code to refs.  page[] and at[]
 * hold each register's last ADRP page and the index k of its word.
 */
static void adrp_add(struct refs_build *b, const struct insn *in, uint64_t k,
		     uint64_t page[31], uint64_t at[31])
{
	if (in->dp.kind == DP_ADD_IMM && in->dp.rn <= 30 && at[in->dp.rn] != UINT64_MAX &&
	    k - at[in->dp.rn] <= 16) {
		uint64_t a = page[in->dp.rn] + (uint64_t)in->dp.imm;
		struct section *d = elf_section_at_addr(b->cf->elf, a);

		if (d && !d->text)
			add_data_ref(b, a);
		else if (d)
			add_ref(b, d, a - d->addr, CFG_REF_CODE);
	}
	for (unsigned r = 0; r < 31; r++)
		if (in->regs_written & (UINT64_C(1) << r))
			at[r] = UINT64_MAX;
	if (in->is_adr && !in->adr_page)
		add_ref_addr(b, in->adr_value, CFG_REF_CODE);
	if (in->is_adr && in->reg <= 30 && !(in->adr_value & 0xfff)) {
		page[in->reg] = in->adr_value;
		at[in->reg] = k;
	}
}

/*
 * One executable section, each word decoded once: the addresses its code
 * computes (adrp_add() in a linked file; in an object, a relocation in
 * code, not a branch's, against code takes its address, "adrp x0, .L5 ;
 * add x0, x0, :lo12:.L5" or a literal "ldr x0, =.L5", and an adr to a
 * label of the same section carries no relocation and gives the offset
 * itself), and the direct branches and calls that land in another
 * function's middle.  $d data is no code, though in a linked file it still
 * ends no adrp/add pair.
 */
static void scan_code(struct refs_build *b, struct section *sec)
{
	struct cfg_file *cf = b->cf;
	bool obj = cf->elf->e_type == ET_REL;
	const struct cfg_func *from = NULL;
	uint64_t page[31], at[31];
	struct cfg_dest d;

	for (unsigned r = 0; r < 31; r++)
		at[r] = UINT64_MAX;
	for (size_t k = 0; obj && k < sec->nr_relocs; k++) {
		const struct reloc *r = &sec->relocs[k];

		if (arch_reloc(r->type).kind != ARCH_RELOC_BRANCH && r->sym && r->sym->sec)
			add_ref(b, r->sym->sec, r->sym->value + (uint64_t)r->addend, CFG_REF_CODE);
	}
	for (uint64_t off = 0; off + 4 <= sec->size; off += 4) {
		bool data = sec->nr_maps && elf_is_data(sec, off);
		struct insn in;

		if (data && obj)
			continue;
		arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &in);
		if (!obj)
			adrp_add(b, &in, off / 4, page, at);
		else if (in.is_adr && !in.adr_page && !elf_find_reloc(sec, off, 4))
			add_ref(b, sec, in.adr_value - sec->addr, CFG_REF_CODE);
		if (data || !in.has_target || !cfg_branch_dest(cf, sec, off, &in, &d) || !d.func)
			continue;
		if (!from || off < from->start || off >= from->end)
			from = cfg_func_at(cf, sec, off);
		if (d.func != from)
			add_ref(b, d.sec, d.off, CFG_REF_BRANCH);
	}
}

/* The code addresses data holds, from relocations or, in an executable, the words themselves. */
static void scan_data(struct refs_build *b)
{
	struct elf_file *elf = b->cf->elf;
	struct section *s;
	uint64_t lo = UINT64_MAX, hi = 0;

	if (elf->e_type == ET_REL) {
		for_each_sec(elf, s) {
			if (s->text || !(s->flags & SHF_ALLOC))
				continue;	/* .debug_* holds code addresses no control reaches */
			for (size_t k = 0; k < s->nr_relocs; k++) {
				const struct reloc *r = &s->relocs[k];

				if (arch_reloc_is(r->type, ARCH_RELOC_ABS, 8) && r->sym && r->sym->sec)
					add_ref(b, r->sym->sec, r->sym->value + (uint64_t)r->addend,
						CFG_REF_DATA);
			}
		}
		return;
	}
	for (size_t k = 0; k < elf->nr_dyn_relocs; k++) {
		const struct reloc *r = &elf->dyn_relocs[k];
		struct arch_reloc a = arch_reloc(r->type);

		if (a.kind == ARCH_RELOC_RELATIVE)
			add_ref_addr(b, (uint64_t)r->addend, CFG_REF_DATA);
		else if (((a.kind == ARCH_RELOC_ABS && a.size == 8) || a.kind == ARCH_RELOC_SLOT) &&
			 r->sym && r->sym->sec)
			add_ref_addr(b, r->sym->value + (uint64_t)r->addend, CFG_REF_DATA);
	}
	if (elf->e_type != ET_EXEC)
		return;
	for_each_sec(elf, s) {
		if (s->text && s->addr < lo)
			lo = s->addr;
		if (s->text && s->addr + s->size > hi)
			hi = s->addr + s->size;
	}
	for_each_sec(elf, s) {
		if (s->text || !(s->flags & SHF_ALLOC) || s->type != SHT_PROGBITS || !s->data)
			continue;
		for (uint64_t off = (8 - (s->addr & 7)) & 7; off + 8 <= s->size; off += 8) {
			uint64_t v = 0;

			for (unsigned i = 0; i < 8; i++)
				v |= (uint64_t)s->data[off + i] << (8 * i);
			if (v >= lo && v < hi)
				add_ref_addr(b, v, CFG_REF_DATA);
		}
	}
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct cfg_ref *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Sort refs and merge the kinds of each place into one entry. */
static void refs_sort(struct cfg_file *cf)
{
	size_t n = 0;

	if (!cf->nr_refs)
		return;
	qsort(cf->refs, cf->nr_refs, sizeof(*cf->refs), ref_cmp);
	for (size_t k = 0; k < cf->nr_refs; k++) {
		if (n && cf->refs[n - 1].sec == cf->refs[k].sec && cf->refs[n - 1].off == cf->refs[k].off)
			cf->refs[n - 1].kinds |= cf->refs[k].kinds;
		else
			cf->refs[n++] = cf->refs[k];
	}
	cf->nr_refs = n;
}

static void load_refs(struct cfg_file *cf)
{
	struct refs_build b = { cf, 0, 0 };
	struct section *sec;

	cf->refs_loaded = true;
	for_each_sec(cf->elf, sec) {
		if (!sec->text || !sec->data)
			continue;
		scan_code(&b, sec);
	}
	scan_data(&b);
	if (cf->failed)
		return;
	if (cf->nr_data_refs)
		qsort(cf->data_refs, cf->nr_data_refs, sizeof(*cf->data_refs), u64_cmp);
	refs_sort(cf);
}

uint64_t cfg_next_data_ref(struct cfg_file *cf, uint64_t addr)
{
	size_t lo;

	if (!cf->refs_loaded)
		load_refs(cf);
	lo = partition_point(cf->nr_data_refs, i, cf->data_refs[i] <= addr);
	return lo < cf->nr_data_refs ? cf->data_refs[lo] : UINT64_MAX;
}

size_t cfg_refs_in(struct cfg_file *cf, const struct cfg_func *f, const struct cfg_ref **out)
{
	const struct cfg_ref *r;
	size_t lo, hi;

	if (!cf->refs_loaded)
		load_refs(cf);
	*out = r = cf->refs;
	if (!cf->nr_refs)
		return 0;	/* none: no arithmetic on the NULL index */
	lo = partition_point(cf->nr_refs, i, r[i].sec->idx < f->sec->idx ||
			     (r[i].sec == f->sec && r[i].off < f->start));
	hi = lo + partition_point(cf->nr_refs - lo, i, r[lo + i].sec == f->sec &&
				  r[lo + i].off < f->end);
	*out = r + lo;
	return hi - lo;
}
