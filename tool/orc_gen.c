// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv orc FILE...`: encode a witness's frame states as ORC and write them
 * into the file.  Relocatable objects and kernel modules get .orc_unwind_ip
 * (R_AARCH64_PREL32 against the text sections), .orc_unwind and .orc_header,
 * so a normal link (GNU ld, ld.lld, the kernel's module loader) carries
 * correct tables into the image.  Executables and shared libraries cannot
 * grow allocated sections in place, so they get one non-allocated .fpv_orc
 * section (standard, or --compact) that the run-time front end reads from
 * the file (include/fpv/orc.h, docs/orc-format.md), and .fpv_funcs beside
 * it: the functions, their owners and which may leave other than by
 * returning (orc_funcs.c), for the run-time check of call edges.  Writing is atomic
 * (elf_write); a file that already carries ORC is refused, never doubled.
 * With --sidecar=DIR the two sections of a linked file go to a sidecar keyed
 * by its build-id (sidecar.c) and the file is only read.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "dwarf.h"
#include "elf.h"
#include "orc.h"
#include "sidecar.h"
#include "xcheck.h"

struct orc_opts {
	const char *from;	/* witness name */
	bool compact;		/* .fpv_orc in the compact encoding (linked files) */
	bool dry_run;		/* print, do not write */
	bool expand;		/* with --dry-run: one line per instruction */
	bool no_fp;		/* analysis option: code without frame pointers */
	bool stats;		/* print record count and both encodings' sizes, write nothing */
	const char *end;	/* comma-separated functions that are the last frame of a stack */
	bool allow_empty;	/* a .o with no code: nothing to do, not an error */
	const char *sidecar;	/* linked files: write the tables under this directory,
				   keyed by build-id, and leave the file as it is */
};

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
			fprintf(stderr, "fpv: %s: out of memory\n", elf->path);
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

/* ---- witnesses (--from) ---- */

static const struct cfi_state *orc_analysis_state(void *ctx, const struct section *sec,
						  uint64_t off)
{
	return check_state_at(ctx, sec, off);
}

/* Records from fpv's analysis (res: orc_file() ran it). */
static int orc_from_analysis(struct elf_file *elf, const struct orc_opts *o,
			     struct check_result *res, struct orc_list *l)
{
	return orc_gen_file(elf, l, orc_analysis_state, res, o->end) < 0 ? -1 : 0;
}

/* The compiler's DWARF CFI (.eh_frame, else .debug_frame), per text section. */
struct orc_dwarf_ctx {
	struct cfi_state **states;	/* by section index */
	uint8_t **covered;
	size_t nr;
};

static const struct cfi_state *orc_dwarf_state(void *ctx, const struct section *sec,
					       uint64_t off)
{
	struct orc_dwarf_ctx *d = ctx;

	if (sec->idx >= d->nr || !d->states[sec->idx] || !d->covered[sec->idx][off / 4])
		return NULL;
	return &d->states[sec->idx][off / 4];
}

static int orc_dwarf_load(struct elf_file *elf, struct dwarf_cfi *cfi, struct orc_dwarf_ctx *d)
{
	struct section *sec;

	for_each_sec(elf, sec) {
		size_t n = sec->size / 4;

		if (!sec->text || !n)
			continue;
		if (sec->idx >= d->nr) {
			fprintf(stderr, "fpv: %s: internal: section index %u\n", elf->path, sec->idx);
			return -1;
		}
		d->states[sec->idx] = calloc(n, sizeof(struct cfi_state));
		d->covered[sec->idx] = calloc(n, 1);
		if (!d->states[sec->idx] || !d->covered[sec->idx]) {
			fprintf(stderr, "fpv: %s: out of memory\n", elf->path);
			return -1;
		}
		if (dwarf_cfi_states(cfi, sec, 0, n, d->states[sec->idx], d->covered[sec->idx]) < 0)
			return -1;
	}
	return 0;
}

static int orc_from_dwarf(struct elf_file *elf, const struct orc_opts *o,
			  struct check_result *res, struct orc_list *l)
{
	struct orc_dwarf_ctx d = { .nr = elf->nr_sections + 1 };
	struct dwarf_cfi *cfi = NULL;
	int ret = -1;

	(void)o;
	(void)res;
	if (dwarf_cfi_open(elf, DWARF_ANY, &cfi) < 0)
		return -1;
	if (!cfi) {
		fprintf(stderr, "fpv: %s: no .eh_frame or .debug_frame\n", elf->path);
		return -1;
	}
	d.states = calloc(d.nr, sizeof(*d.states));
	d.covered = calloc(d.nr, sizeof(*d.covered));
	if (d.states && d.covered && !orc_dwarf_load(elf, cfi, &d))
		ret = orc_gen_file(elf, l, orc_dwarf_state, &d, o->end);
	for (size_t i = 0; d.states && i < d.nr; i++) {
		free(d.states[i]);
		free(d.covered[i]);
	}
	free(d.states);
	free(d.covered);
	dwarf_cfi_close(cfi);
	return ret;
}

/* SFrame (.sframe), through xcheck's per-section witness tables. */
static int orc_from_sframe(struct elf_file *elf, const struct orc_opts *o,
			   struct check_result *res, struct orc_list *l)
{
	struct xcheck_wits w;
	struct xcheck_table *t;
	int ret = -1;

	(void)o;
	(void)res;
	if (xcheck_wits_open(elf, DWARF_ANY, &w) < 0)
		return -1;
	if (!w.sframe) {
		fprintf(stderr, "fpv: %s: no .sframe\n", elf->path);
	} else if ((t = xcheck_table_load(elf, &w, WIT_SFRAME)) != NULL) {
		ret = orc_gen_file(elf, l, xcheck_table_state, t, o->end);
		xcheck_table_free(t);
	}
	xcheck_wits_close(&w);
	return ret;
}

static const struct orc_source {
	const char *name;
	int (*gen)(struct elf_file *elf, const struct orc_opts *o, struct check_result *res,
		   struct orc_list *l);
	bool analysis;		/* gen needs fpv's analysis */
} orc_sources[] = {
	{ "analysis", orc_from_analysis, true },
	{ "dwarf", orc_from_dwarf, false },
	{ "sframe", orc_from_sframe, false },
};

/* ---- writing ---- */

static struct section *orc_sec_by_idx(struct elf_file *elf, unsigned idx)
{
	struct section *s;

	for_each_sec(elf, s)
		if (s->idx == idx)
			return s;
	return NULL;
}

/* .orc_unwind_ip + relocations, .orc_unwind, .orc_header into a .o/.ko. */
static int orc_write_rel(struct elf_file *elf, const struct orc_list *l)
{
	size_t n = l->nr;
	int32_t *ip = calloc(n ? n : 1, sizeof(*ip));
	struct orc_entry *e = calloc(n ? n : 1, sizeof(*e));
	struct new_reloc *r = calloc(n ? n : 1, sizeof(*r));
	struct orc_header h = { ORC_MAGIC, ORC_VERSION, orc_format_hash() };
	int ret = -1;

	if (!ip || !e || !r) {
		fprintf(stderr, "fpv: %s: out of memory\n", elf->path);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		r[i].offset = 4 * i;
		r[i].type = R_AARCH64_PREL32;
		r[i].target_sec = orc_sec_by_idx(elf, ORC_REL_SEC(l->recs[i].pc));
		r[i].addend = (int64_t)ORC_REL_OFF(l->recs[i].pc);
		e[i] = l->recs[i].e;
		if (!r[i].target_sec) {
			fprintf(stderr, "fpv: %s: internal: record for unknown section\n", elf->path);
			goto out;
		}
	}
	if (elf_add_section(elf, ".orc_unwind_ip", SHT_PROGBITS, SHF_ALLOC, 4, ip,
			    4 * n, r, n) ||
	    elf_add_section(elf, ".orc_unwind", SHT_PROGBITS, SHF_ALLOC, 2, e,
			    sizeof(*e) * n, NULL, 0) ||
	    elf_add_section(elf, ".orc_header", SHT_PROGBITS, SHF_ALLOC, 8, &h,
			    sizeof(h), NULL, 0))
		goto out;
	ret = elf_write(elf);
out:
	free(ip);
	free(e);
	free(r);
	return ret;
}

/*
 * .fpv_orc and .fpv_funcs into an executable or shared library
 * (non-allocated, no relocations), both relative to the start of the text;
 * .fpv_funcs whatever the witness, from fpv's analysis (res).
 */
static int orc_write_linked(struct elf_file *elf, struct orc_list *l, const struct orc_opts *o,
			    struct check_result *res)
{
	bool compact = o->compact;
	uint64_t lo, hi;
	void *blob = NULL, *funcs = NULL;
	size_t size = 0, fsize = 0, nr_any;
	int ret;

	orc_list_normalize(l);
	orc_text_bounds(elf, &lo, &hi);
	if (compact)
		ret = orc_blob_compact(l, lo, hi - lo, ORC_COMPACT_SHIFT, &blob, &size);
	else
		ret = orc_blob_std(l, lo, &blob, &size);
	if (ret) {
		fprintf(stderr, "fpv: %s: cannot encode .fpv_orc\n", elf->path);
		return -1;
	}
	ret = orc_funcs_blob(res, lo, &funcs, &fsize, &nr_any);
	if (!ret && o->sidecar) {
		const struct sidecar_sec secs[] = {
			{ ORC_FILE_SECTION, blob, size },
			{ ORC_FUNCS_SECTION, funcs, fsize },
		};

		ret = sidecar_write(elf, o->sidecar, secs, 2);
		goto out;
	}
	if (!ret)
		ret = elf_add_section(elf, ORC_FILE_SECTION, SHT_PROGBITS, 0, 8, blob, size, NULL, 0);
	if (!ret)
		ret = elf_add_section(elf, ORC_FUNCS_SECTION, SHT_PROGBITS, 0, 8, funcs, fsize,
				      NULL, 0);
	if (!ret)
		ret = elf_write(elf);
out:
	free(blob);
	free(funcs);
	return ret;
}

/*
 * The bytes both encodings take for l as one image would carry them: text
 * sections of a .o are laid out one after the other (aligned, as a linker
 * would), so the compact size is that of one table, not one per section.
 */
static int orc_sizes(struct elf_file *elf, const struct orc_list *l, size_t *std, size_t *cmp)
{
	struct orc_list v = { 0 };
	struct section *sec;
	uint64_t vaddr = 0, lo = 0, hi = 0;
	size_t j = 0;
	void *blob = NULL;
	int ret = 0;

	if (elf->e_type != ET_REL)
		orc_text_bounds(elf, &lo, &hi);
	for_each_sec(elf, sec) {
		if (elf->e_type != ET_REL || !sec->text || !sec->size)
			continue;
		uint64_t align = sec->align > 4 ? sec->align : 4;

		vaddr = (vaddr + align - 1) & ~(align - 1);
		/* l is sorted by key: this section's records are contiguous */
		while (j < l->nr && ORC_REL_SEC(l->recs[j].pc) < sec->idx)
			j++;
		for (; j < l->nr && ORC_REL_SEC(l->recs[j].pc) == sec->idx && !ret; j++)
			ret = orc_list_add(&v, vaddr + ORC_REL_OFF(l->recs[j].pc), &l->recs[j].e);
		vaddr += sec->size;
		hi = vaddr;
	}
	for (size_t i = 0; elf->e_type != ET_REL && i < l->nr && !ret; i++)
		ret = orc_list_add(&v, l->recs[i].pc, &l->recs[i].e);
	if (!ret) {
		orc_list_normalize(&v);
		*std = v.nr * (sizeof(int32_t) + sizeof(struct orc_entry)) + sizeof(struct orc_header);
		ret = orc_blob_compact(&v, lo, hi - lo, ORC_COMPACT_SHIFT, &blob, cmp);
	}
	free(blob);
	orc_list_free(&v);
	return ret;
}

static int orc_print_stats(struct elf_file *elf, const struct orc_list *l)
{
	size_t std = 0, cmp = 0;

	if (orc_sizes(elf, l, &std, &cmp))
		return -1;
	printf("%s: records %zu degraded %zu standard %zu compact %zu\n", elf->path, l->nr,
	       l->degraded, std, cmp);
	return 0;
}

static int orc_file(const char *path, const struct orc_opts *o, const struct orc_source *src)
{
	struct check_opts copts = { .no_fp = o->no_fp };
	struct check_result res;
	struct orc_list l = { 0 };
	struct elf_file *elf = elf_open_flags(path, (o->dry_run || o->sidecar ? 0 : ELF_OPEN_WRITABLE) |
						    (o->allow_empty ? ELF_OPEN_EMPTY_REL : 0));
	const char *have;
	int ret = -1;

	memset(&res, 0, sizeof(res));
	if (!elf)
		return -1;
	if (elf->no_text) {		/* --allow-empty: no code, no table, file untouched */
		ret = 0;
		goto out;
	}
	if (o->sidecar && elf->e_type == ET_REL) {
		fprintf(stderr, "fpv: %s: --sidecar is for executables and shared libraries; "
			"a relocatable object gets its tables as sections for the link\n", path);
		goto out;
	}
	if (o->sidecar && !o->dry_run) {
		const uint8_t *id;
		size_t len;

		if (sidecar_build_id(elf, &id, &len) < 0)	/* before the analysis: nothing to key */
			goto out;
	}
	have = orc_find_tables(elf);
	if (have && !o->dry_run) {
		fprintf(stderr, "fpv: %s: already has ORC tables (%s); not adding a second set\n",
			path, have);
		goto out;
	}
	/* the witness, and .fpv_funcs of a linked file, need the analysis */
	if ((src->analysis || (!o->dry_run && elf->e_type != ET_REL)) &&
	    check_file(elf, &copts, &res) < 0)
		goto out;
	if (src->gen(elf, o, &res, &l))
		goto out;
	/* The chosen witness, validated by the other two (warnings only). */
	if (xcheck_orc_crosscheck(elf, o->from, o->no_fp) < 0)
		goto out;
	if (o->stats)
		ret = orc_print_stats(elf, &l);
	else if (o->dry_run && o->expand)
		ret = orc_expand(stdout, elf, &l);
	else if (o->dry_run)
		orc_print(stdout, elf, &l), ret = 0;
	else if (elf->e_type == ET_REL)
		ret = orc_write_rel(elf, &l);
	else
		ret = orc_write_linked(elf, &l, o, &res);
out:
	check_free(&res);
	orc_list_free(&l);
	elf_close(elf);
	return ret;
}

static int orc_usage(FILE *out)
{
	fprintf(out,
		"usage: fpv orc [--from=W] [--compact] [--no-fp] [--end=F,...] [--dry-run [--expand]] [--stats]\n"
		"               [--allow-empty] [--sidecar=DIR] FILE...\n"
		"  .o/.ko: add .orc_unwind_ip (R_AARCH64_PREL32), .orc_unwind, .orc_header\n"
		"  executables, shared libraries: add the non-allocated %s and %s sections\n"
		"  --from=W    witness giving the frame states: analysis (default), dwarf,\n"
		"              sframe; the other two are compared with it (warnings)\n"
		"  --compact   %s in the compact encoding (linked files)\n"
		"  --no-fp     analyse as code built without frame pointers\n"
		"  --end=F,... functions that begin a stack: END_OF_STACK (default: _start)\n"
		"  --dry-run   print the records instead of writing; --expand: per instruction\n"
		"  --stats     print the record count and the bytes of both encodings, write nothing\n"
		"  --allow-empty  a relocatable object with no code (no executable section)\n"
		"              is left as it is, exit 0 (kernel builds run fpv on every object);\n"
		"              without it that is an error\n"
		"  --sidecar=DIR  executables, shared libraries: write the tables to\n"
		"              DIR/%s/NN/REST%s (the file's GNU build-id) and leave\n"
		"              the file byte-identical\n",
		ORC_FILE_SECTION, ORC_FUNCS_SECTION, ORC_FILE_SECTION, ORC_SIDECAR_DIR,
		ORC_SIDECAR_SUFFIX);
	return out == stdout ? 0 : 2;
}

int cmd_orc(int argc, char **argv)
{
	struct orc_opts o = { .from = "analysis", .end = "_start" };
	const struct orc_source *src = NULL;
	int i, ret = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strncmp(argv[i], "--from=", 7))
			o.from = argv[i] + 7;
		else if (!strcmp(argv[i], "--compact"))
			o.compact = true;
		else if (!strcmp(argv[i], "--dry-run"))
			o.dry_run = true;
		else if (!strcmp(argv[i], "--expand"))
			o.expand = true;
		else if (!strcmp(argv[i], "--no-fp"))
			o.no_fp = true;
		else if (!strncmp(argv[i], "--end=", 6))
			o.end = argv[i] + 6;
		else if (!strcmp(argv[i], "--stats"))
			o.stats = o.dry_run = true;
		else if (!strcmp(argv[i], "--allow-empty"))
			o.allow_empty = true;
		else if (!strncmp(argv[i], "--sidecar=", 10) && argv[i][10])
			o.sidecar = argv[i] + 10;
		else if (!strcmp(argv[i], "--help"))
			return orc_usage(stdout);
		else
			return orc_usage(stderr);
	}
	for (size_t k = 0; k < sizeof(orc_sources) / sizeof(orc_sources[0]); k++)
		if (!strcmp(o.from, orc_sources[k].name))
			src = &orc_sources[k];
	if (!src) {
		fprintf(stderr, "fpv: orc: unknown witness '%s'\n", o.from);
		return 2;
	}
	if (i == argc)
		return orc_usage(stderr);
	for (; i < argc; i++)
		if (orc_file(argv[i], &o, src) < 0)
			ret = 1;
	return ret;
}
