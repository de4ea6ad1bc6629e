// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which functions of a linked file no indirect call (BLR, BLRAA...) can
 * reach: ORC_FUNC_DIRECT_ONLY of .fpv_funcs (include/fpv/orc.h,
 * docs/orc-format.md), computed per owner (a function with its GCC cold
 * parts).  An indirect call reaches a function whose address the program
 * holds somewhere, so every place an address can come from is a seed: the
 * words of allocated sections (pointer tables, literal pools, .dynamic,
 * .init_array), the dynamic relocations, the exported .dynsym symbols, the
 * ELF entry point, and the addresses code computes (ADR, ADRP + ADD, LLVM's
 * relative lookup tables behind them, MOVZ/MOVK in non-PIE executables).
 * From the seeds, reachability follows the ways control stays in a callee
 * frame without a call: direct tail branches and falling through past a
 * function's end.  The flag is a proof obligation: a function reached
 * nowhere by any direct branch, call or fall-through (so entered by some
 * means this analysis does not see) is never flagged, and every doubt
 * leaves the flag off.  What is deliberately not covered is listed in
 * docs/orc-format.md.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "error.h"
#include "grow.h"
#include "orc.h"
#include "search.h"

#define IND_LOOKAHEAD	32	/* words after an ADRP searched for its ADD */
#define IND_RING	64	/* decoded words kept: > IND_LOOKAHEAD, a power of two */
#define IND_MOVK	4	/* words after a MOVZ searched for its MOVKs */
#define IND_MAX_TABLE	65536	/* entries of a relative lookup table */
#define IND_PAGE	4096ull

/* A way from a running owner to a function without a call. */
struct ind_edge {
	uint32_t src;		/* an owner */
	uint32_t dst;		/* a function */
};

/* An address code computes inside its own owner (a jump-table anchor?). */
struct ind_inner {
	uint32_t owner;
	uint64_t addr;
};

struct ind_ctx {
	const struct cfg_file *cf;
	const int32_t *owner;
	size_t n;
	bool *reach;		/* by owner: an indirect call may reach it */
	bool *entered;		/* by owner: a direct branch, call or fall-through enters it */
	bool *has_br;		/* by owner: holds an indirect jump (BR) */
	uint32_t *by_addr;	/* function indices by start address */
	uint64_t *addr;		/* start address of by_addr[k] */
	uint64_t lo, hi;	/* text bounds */
	struct ind_edge *edges;
	size_t nr_edges, cap_edges;
	struct ind_inner *inner;
	size_t nr_inner, cap_inner;
	uint32_t *work;		/* owners to propagate from */
	size_t nr_work;
	bool oom;
};

static uint64_t func_addr(const struct cfg_func *f)
{
	return cfg_addr(f->sec, f->start);
}

static uint32_t own(const struct ind_ctx *x, size_t func)
{
	return (uint32_t)x->owner[func];
}

static void reach_owner(struct ind_ctx *x, uint32_t o)
{
	if (x->reach[o])
		return;
	x->reach[o] = true;
	x->work[x->nr_work++] = o;	/* each owner once: n slots are enough */
}

/* The first position in by_addr whose start is >= a (x->n: none). */
static size_t first_at_or_after(const struct ind_ctx *x, uint64_t a)
{
	return partition_point(x->n, i, x->addr[i] < a);
}

/*
 * The function the run-time table puts a at: the last one starting at or
 * before it (its entry covers the padding after it), or -1.
 */
static int32_t covering(const struct ind_ctx *x, uint64_t a)
{
	size_t k = first_at_or_after(x, a);

	if (k < x->n && x->addr[k] == a)
		return (int32_t)x->by_addr[k];
	return k ? (int32_t)x->by_addr[k - 1] : -1;
}

static bool is_func_start(const struct ind_ctx *x, uint64_t a)
{
	size_t k = first_at_or_after(x, a);

	return k < x->n && x->addr[k] == a;
}

/* An address in a text section is taken: its function may be called indirectly. */
static void seed_addr(struct ind_ctx *x, uint64_t a)
{
	struct section *sec;
	int32_t c;

	if (a < x->lo || a >= x->hi || !(sec = elf_section_at_addr(x->cf->elf, a)) || !sec->text)
		return;
	c = covering(x, a);
	if (c >= 0)
		reach_owner(x, own(x, (size_t)c));
}

/* An ADRP of a text page with no ADD found: any function in the page. */
static void seed_page(struct ind_ctx *x, uint64_t page)
{
	if (page + IND_PAGE <= x->lo || page >= x->hi)
		return;
	seed_addr(x, page);
	for (size_t k = first_at_or_after(x, page); k < x->n && x->addr[k] < page + IND_PAGE; k++)
		reach_owner(x, own(x, x->by_addr[k]));
}

static void add_edge(struct ind_ctx *x, uint32_t src, int32_t dst)
{
	if (dst < 0 || own(x, (size_t)dst) == src)
		return;
	x->entered[own(x, (size_t)dst)] = true;
	struct ind_edge *n = grow_array(x->edges, &x->cap_edges, x->nr_edges + 1, sizeof(*n), 256);

	if (!n) {
		x->oom = true;
		return;
	}
	x->edges = n;
	x->edges[x->nr_edges++] = (struct ind_edge){ src, (uint32_t)dst };
}

static int32_t le32s(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			 (uint32_t)p[3] << 24);
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * LLVM's RelLookupTableConverter turns "static const fp tab[] = { f, g }"
 * indexed by a switch into 32-bit entries f - tab (ldrsw + add + blr): from
 * a base code computes, read entries while base + entry (or the entry's own
 * address + entry, the PREL32 form) is exactly a function start.
 */
static void rel_table(struct ind_ctx *x, const struct section *sec, uint64_t base)
{
	uint64_t off = base - sec->addr;

	for (uint64_t k = 0; k < IND_MAX_TABLE && off + 4 * k + 4 <= sec->size; k++) {
		int64_t e = le32s(sec->data + off + 4 * k);
		uint64_t t1 = base + (uint64_t)e, t2 = base + 4 * k + (uint64_t)e;
		bool hit = false;

		if (is_func_start(x, t1)) {
			seed_addr(x, t1);
			hit = true;
		}
		if (is_func_start(x, t2)) {
			seed_addr(x, t2);
			hit = true;
		}
		if (!hit)
			return;
	}
}

/*
 * An address code computes (ADR, ADRP + ADD) in owner src (-1: code outside
 * every function).  A label inside its own owner that is not a function
 * start is, in an owner with an indirect jump, a jump-table anchor or a
 * computed goto: decided after the scan (resolve_inner).  A label inside
 * another function is none of its entries: compilers call only function
 * starts, and the look-ahead pairs an ADRP with every later ADD of its
 * register, most of them not its own (an address is then made up).
 */
static void code_addr(struct ind_ctx *x, int32_t src, uint64_t a)
{
	struct section *sec = elf_section_at_addr(x->cf->elf, a);
	int32_t c;

	if (!sec || !(sec->flags & SHF_ALLOC) || !sec->data)
		return;
	if (!sec->text) {
		rel_table(x, sec, a);
		return;
	}
	c = covering(x, a);
	if (src >= 0 && c >= 0 && own(x, (size_t)c) == (uint32_t)src && !is_func_start(x, a)) {
		struct ind_inner *n = grow_array(x->inner, &x->cap_inner, x->nr_inner + 1,
						 sizeof(*n), 256);

		if (!n) {
			x->oom = true;
			return;
		}
		x->inner = n;
		x->inner[x->nr_inner++] = (struct ind_inner){ (uint32_t)src, a };
		return;
	}
	if (is_func_start(x, a))
		seed_addr(x, a);
}

/*
 * A pointer held in data or a dynamic relocation: to a function's first
 * instruction, a seed; into data, possibly the base of a relative table
 * (loaded from a GOT entry).  A word pointing inside a function is no
 * function pointer (a jump table's or computed goto's label, which BR
 * uses), and most are not pointers at all: in a position-independent file
 * text starts near address 0, so small constants in .rodata fall in it.
 */
static void seed_word(struct ind_ctx *x, uint64_t v)
{
	struct section *sec;

	if (v >= x->lo && v < x->hi) {
		if (is_func_start(x, v))
			seed_addr(x, v);
		return;
	}
	sec = elf_section_at_addr(x->cf->elf, v);
	if (sec && !sec->text && (sec->flags & SHF_ALLOC) && sec->data)
		rel_table(x, sec, v);
}

static void resolve_inner(struct ind_ctx *x)
{
	for (size_t i = 0; i < x->nr_inner; i++)
		if (!x->has_br[x->inner[i].owner])
			seed_addr(x, x->inner[i].addr);
}

/* The decoded words of one text section, each decoded once, the next
 * IND_LOOKAHEAD kept for the ADRP and MOVZ look-ahead. */
struct ind_ring {
	struct section *sec;
	uint64_t nw, done;
	struct insn insn[IND_RING];
};

static const struct insn *ring_at(struct ind_ring *r, uint64_t k)
{
	while (r->done <= k) {
		uint64_t off = 4 * r->done;

		arch_decode(cfg_word(r->sec, off), cfg_addr(r->sec, off), &r->insn[r->done % IND_RING]);
		r->done++;
	}
	return &r->insn[k % IND_RING];
}

static bool is_data(struct section *sec, uint64_t off)
{
	return sec->nr_maps && elf_is_data(sec, off);
}

/*
 * ADRP xN, page: every ADD (or SUB) of an immediate to xN in the next
 * IND_LOOKAHEAD words gives an address, whatever happened to xN in between
 * (a pairing on another path is found too; a wrong one only seeds more).
 * A load or store based on xN reads data (a GOT entry, a literal: their
 * words are seeds of their own).  Neither found: any function in the page
 * may be the one meant.
 */
static void scan_adrp(struct ind_ctx *x, struct ind_ring *r, uint64_t k, int32_t src)
{
	uint64_t page = ring_at(r, k)->adr_value;
	uint8_t reg = ring_at(r, k)->reg;
	bool found = false;

	for (uint64_t j = k + 1; j <= k + IND_LOOKAHEAD && j < r->nw; j++) {
		const struct insn *a;

		if (is_data(r->sec, 4 * j))
			continue;
		a = ring_at(r, j);
		if (a->dp.kind == DP_ADD_IMM && a->dp.rn == reg) {
			code_addr(x, src, page + (uint64_t)a->dp.imm);
			found = true;
		}
		if (a->mem_base == reg)
			found = true;
	}
	if (!found)
		seed_page(x, page);
}

/*
 * A non-PIE executable may build an absolute address with MOVZ and MOVKs
 * (clang -mcmodel=large); a position-independent file cannot without a
 * dynamic relocation (seen there instead).
 */
static void scan_movz(struct ind_ctx *x, struct ind_ring *r, uint64_t k)
{
	const struct insn *in = ring_at(r, k);
	uint64_t v = (uint64_t)in->dp.imm;
	uint8_t reg = in->dp.rd;

	if (in->dp.kind != DP_MOV_IMM || reg > 30)
		return;
	seed_addr(x, v);
	for (uint64_t j = k + 1; j <= k + IND_MOVK && j < r->nw; j++) {
		const struct insn *a = ring_at(r, j);

		if (a->dp.kind == DP_MOVK && a->dp.rd == reg) {
			v = (v & ~(0xffffull << a->dp.shift)) | ((uint64_t)a->dp.imm << a->dp.shift);
			seed_addr(x, v);
		} else if (a->regs_written & (UINT64_C(1) << reg)) {
			return;
		}
	}
}

/*
 * A direct branch or call of owner src (-1: code outside every function,
 * which may always run: what it branches to is reached).  A call enters its
 * target; a branch (a tail call) also runs the target in the caller's
 * callee frame.
 */
static void scan_branch(struct ind_ctx *x, struct section *sec, uint64_t off,
			const struct insn *in, int32_t src)
{
	struct cfg_dest d;
	int32_t t;

	if (!in->has_target || !cfg_branch_dest(x->cf, sec, off, in, &d) || !d.sec || !d.sec->text)
		return;
	t = covering(x, cfg_addr(d.sec, d.off));
	if (t < 0 || (src >= 0 && own(x, (size_t)t) == (uint32_t)src))
		return;
	x->entered[own(x, (size_t)t)] = true;
	if (in->cls == INSN_CALL)
		return;
	if (src < 0)
		reach_owner(x, own(x, (size_t)t));
	else
		add_edge(x, (uint32_t)src, t);
}

static void scan_insn(struct ind_ctx *x, struct ind_ring *r, uint64_t k, int32_t src)
{
	const struct insn *in = ring_at(r, k);

	if (in->cls == INSN_JUMP_DYNAMIC && src >= 0)
		x->has_br[src] = true;
	scan_branch(x, r->sec, 4 * k, in, src);
	if (in->is_adr && (in->word >> 31))
		scan_adrp(x, r, k, src);
	else if (in->is_adr)
		code_addr(x, src, in->adr_value);
	else if (x->cf->elf->e_type == ET_EXEC)
		scan_movz(x, r, k);
}

static bool ends_path(const struct insn *in)
{
	return in->cls == INSN_JUMP_UNCOND || in->cls == INSN_JUMP_DYNAMIC ||
	       in->cls == INSN_RETURN || in->cls == INSN_ERET || in->cls == INSN_TRAP;
}

/*
 * Every word of a text section, in functions or not, reached by the
 * analysis or not ($d data skipped).  Code outside every function (a PLT,
 * linker stubs) that runs into a function's first word reaches it.
 */
static void scan_text(struct ind_ctx *x, struct section *sec)
{
	struct ind_ring r = { .sec = sec, .nw = sec->size / 4 };
	const struct cfg_func *next = x->cf->funcs, *end = x->cf->funcs + x->cf->nr_funcs;
	bool gap_falls = false;

	/* cf->funcs is sorted by (section index, start): walk it along */
	while (next < end && next->sec->idx < sec->idx)
		next++;
	for (uint64_t k = 0; k < r.nw; k++) {
		uint64_t off = 4 * k;
		const struct cfg_func *f;
		int32_t src;
		const struct insn *in;

		while (next < end && next->sec == sec && next->end <= off)
			next++;
		f = next < end && next->sec == sec && next->start <= off ? next : NULL;
		src = f ? (int32_t)own(x, (size_t)(f - x->cf->funcs)) : -1;

		if (is_data(sec, off))
			continue;
		in = ring_at(&r, k);
		if (f && off == f->start && gap_falls) {
			x->entered[src] = true;
			reach_owner(x, (uint32_t)src);
		}
		if (f)
			gap_falls = false;
		else if (in->word && !in->is_nop)	/* padding changes nothing */
			gap_falls = !ends_path(in);
		scan_insn(x, &r, k, src);
	}
}

/*
 * Whether f may run past its last word into whatever follows: the analysis
 * says so (fall_exit: a path from the entry runs past it; a call to a
 * noreturn function ends a path) or did not run; or the last word, which no
 * path from the entry reaches, does not end a path (code entered some other
 * way may run through it).  The run-time unwinder looks a call frame up at
 * its return address - 4, so a call that never returns hands nothing on to
 * the next function.
 */
static bool may_fall(const struct ind_ctx *x, const struct cfg_func *f)
{
	uint64_t last = f->end - 4;
	struct cfg_dest d;
	struct insn in;

	if (f->status == FUNC_NOT_ANALYZED || !f->states || f->fall_exit)
		return true;
	if (is_data(f->sec, last))
		return false;	/* a literal pool: code before it branched away */
	if (f->states[(last - f->start) / 4])
		return false;	/* reached: fall_exit said it all */
	arch_decode(cfg_word(f->sec, last), cfg_addr(f->sec, last), &in);
	if (in.cls == INSN_CALL && in.has_target &&
	    cfg_branch_dest(x->cf, f->sec, last, &in, &d) && cfg_dest_noreturn(&d))
		return false;
	return !ends_path(&in);
}

static void fall_edges(struct ind_ctx *x)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct cfg_func *f = &x->cf->funcs[i];
		uint64_t end = cfg_addr(f->sec, f->end);
		size_t k = first_at_or_after(x, end);

		if (!may_fall(x, f))
			continue;
		add_edge(x, own(x, i), covering(x, end));
		if (k < x->n)
			add_edge(x, own(x, i), (int32_t)x->by_addr[k]);
	}
}

/*
 * Seeds that need no decoding: every 64-bit word of allocated sections
 * (8-byte aligned; 4-byte in text, whose literal pools may be less
 * aligned), the dynamic relocations, the exported symbols, the entry.
 */
static void seed_file(struct ind_ctx *x)
{
	struct elf_file *elf = x->cf->elf;
	struct section *sec;
	struct symbol *sym;

	for_each_sec(elf, sec) {
		uint64_t step = sec->text ? 4 : 8;

		if (!(sec->flags & SHF_ALLOC) || !sec->data || sec->type == SHT_NOBITS)
			continue;
		for (uint64_t off = (step - sec->addr % step) % step; off + 8 <= sec->size; off += step)
			seed_word(x, le64(sec->data + off));
	}
	for (size_t i = 0; i < elf->nr_dyn_relocs; i++) {
		const struct reloc *r = &elf->dyn_relocs[i];

		struct arch_reloc a = arch_reloc(r->type);

		if (a.kind == ARCH_RELOC_RELATIVE || a.kind == ARCH_RELOC_IRELATIVE)
			seed_word(x, (uint64_t)r->addend);
		else if ((a.kind == ARCH_RELOC_SLOT || (a.kind == ARCH_RELOC_ABS && a.size == 8)) &&
			 r->sym && r->sym->sec)
			seed_word(x, r->sym->value + (uint64_t)r->addend);
	}
	for_each_sym(elf, sym)
		if (sym->origin == SYM_FROM_DYNSYM && sym->sec && sym->sec->text &&
		    sym->bind != STB_LOCAL)
			seed_addr(x, sym->value);
	if (elf->entry)
		seed_addr(x, elf->entry);
}

static int edge_cmp(const void *a, const void *b)
{
	const struct ind_edge *x = a, *y = b;

	return x->src != y->src ? (x->src < y->src ? -1 : 1) : 0;
}

/* From the seeds along the edges, to the fixed point. */
static void propagate(struct ind_ctx *x)
{
	qsort(x->edges, x->nr_edges, sizeof(*x->edges), edge_cmp);
	while (x->nr_work) {
		uint32_t o = x->work[--x->nr_work];
		/* the first edge from o */
		size_t lo = partition_point(x->nr_edges, i, x->edges[i].src < o);

		for (; lo < x->nr_edges && x->edges[lo].src == o; lo++)
			reach_owner(x, own(x, x->edges[lo].dst));
	}
}

static const struct ind_ctx *sort_ctx;

static int addr_cmp(const void *a, const void *b)
{
	uint64_t x = func_addr(&sort_ctx->cf->funcs[*(const uint32_t *)a]);
	uint64_t y = func_addr(&sort_ctx->cf->funcs[*(const uint32_t *)b]);

	return x != y ? (x < y ? -1 : 1) : 0;
}

static int ind_init(struct ind_ctx *x)
{
	size_t n = x->n;

	x->reach = calloc(n, sizeof(*x->reach));
	x->entered = calloc(n, sizeof(*x->entered));
	x->has_br = calloc(n, sizeof(*x->has_br));
	x->by_addr = malloc(n * sizeof(*x->by_addr));
	x->addr = malloc(n * sizeof(*x->addr));
	x->work = malloc(n * sizeof(*x->work));
	if (!x->reach || !x->entered || !x->has_br || !x->by_addr || !x->addr || !x->work)
		return -1;
	for (size_t i = 0; i < n; i++)
		x->by_addr[i] = (uint32_t)i;
	sort_ctx = x;
	qsort(x->by_addr, n, sizeof(*x->by_addr), addr_cmp);
	for (size_t k = 0; k < n; k++)
		x->addr[k] = func_addr(&x->cf->funcs[x->by_addr[k]]);
	orc_text_bounds(x->cf->elf, &x->lo, &x->hi);
	return 0;
}

static void ind_free(struct ind_ctx *x)
{
	free(x->reach);
	free(x->entered);
	free(x->has_br);
	free(x->by_addr);
	free(x->addr);
	free(x->work);
	free(x->edges);
	free(x->inner);
}

int orc_indirect_direct_only(const struct cfg_file *cf, const int32_t *owner, bool *direct)
{
	struct ind_ctx x = { .cf = cf, .owner = owner, .n = cf->nr_funcs };
	struct section *sec;
	int ret = -1;

	memset(direct, 0, cf->nr_funcs * sizeof(*direct));
	/* kernel alternatives and static keys: code the file does not show */
	if (cf->nr_alts || !cf->nr_funcs)
		return 0;
	if (ind_init(&x))
		goto out;
	seed_file(&x);
	for_each_sec(cf->elf, sec)
		if (sec->text && sec->data)
			scan_text(&x, sec);
	resolve_inner(&x);
	fall_edges(&x);
	if (x.oom)
		goto out;
	propagate(&x);
	for (size_t o = 0; o < x.n; o++)
		direct[o] = owner[o] == (int32_t)o && !x.reach[o] && x.entered[o];
	ret = 0;
out:
	if (ret)
		fpv_oom(cf->elf->path);
	ind_free(&x);
	return ret;
}
