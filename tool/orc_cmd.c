// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv orc FILE...`: ORC tables from one witness's frame states, written
 * into the file.  Per file: open it with its witnesses and run the analysis
 * once (witness.c), build the records from the chosen witness (orc_gen.c),
 * compare that witness with the other two and warn where they differ
 * (xcheck_orc.c), then print the records (--dry-run, --stats) or write them
 * (orc_file.c): .orc_unwind_ip/.orc_unwind/.orc_header into a .o or .ko,
 * .fpv_orc and .fpv_funcs into an executable or shared library, or with
 * --sidecar=DIR into a sidecar keyed by its build-id (sidecar.c), the file
 * only read.  A file
 * that already carries ORC is refused, never doubled.
 */
#include <elf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "elf_file.h"
#include "error.h"
#include "orc.h"
#include "sidecar.h"
#include "witness.h"
#include "xcheck.h"

struct orc_opts {
	const char *from;	/* witness name */
	bool compact;		/* .fpv_orc in the compact encoding (linked files) */
	bool dry_run;		/* print, do not write */
	bool expand;		/* with --dry-run: one line per instruction */
	uint8_t mode;		/* analysis option: enum check_mode (--fp, --no-fp) */
	bool stats;		/* print record count and both encodings' sizes, write nothing */
	const char *end;	/* comma-separated functions that are the last frame of a stack */
	bool allow_empty;	/* a .o with no code: nothing to do, not an error */
	const char *sidecar;	/* linked files: write the tables under this directory,
				   keyed by build-id, and leave the file as it is */
};

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

static int orc_file(const char *path, const struct orc_opts *o, unsigned from)
{
	struct check_opts copts = { .mode = o->mode };
	struct orc_list l = { 0 };
	struct wit_file wf;
	struct wit_ref ref = { &wf, from };
	const char *have;
	int ret = -1;

	if (wit_file_open(&wf, path, (o->dry_run || o->sidecar ? 0 : ELF_OPEN_WRITABLE) |
				     (o->allow_empty ? ELF_OPEN_EMPTY_REL : 0)) < 0)
		goto out;
	if (wf.elf->no_text) {		/* --allow-empty: no code, no table, file untouched */
		ret = 0;
		goto out;
	}
	if (o->sidecar && wf.elf->e_type == ET_REL) {
		fpv_error(path, "--sidecar is for executables and shared libraries; "
			  "a relocatable object gets its tables as sections for the link");
		goto out;
	}
	if (o->sidecar && !o->dry_run) {
		const uint8_t *id;
		size_t len;

		if (sidecar_build_id(wf.elf, &id, &len) < 0)	/* before the analysis: nothing to key */
			goto out;
	}
	have = orc_find_tables(wf.elf);
	if (have && !o->dry_run) {
		fpv_error(path, "already has ORC tables (%s); not adding a second set", have);
		goto out;
	}
	if (wit_file_load(&wf, DWARF_ANY, &copts) < 0)
		goto out;
	if (!wit_present(&wf, from)) {
		fpv_error(path, "no %s", from == WIT_DWARF ? ".eh_frame or .debug_frame" : ".sframe");
		goto out;
	}
	if (orc_gen_file(wf.elf, &l, wit_ref_state, &ref, o->end))
		goto out;
	/* The chosen witness, validated by the other two (warnings only). */
	xcheck_orc_crosscheck(&wf, from);
	if (o->stats)
		ret = orc_print_stats(wf.elf, &l);
	else if (o->dry_run && o->expand)
		ret = orc_expand(stdout, wf.elf, &l);
	else if (o->dry_run)
		orc_print(stdout, wf.elf, &l), ret = 0;
	else
		ret = orc_write(wf.elf, &l, o->compact, &wf.res, o->sidecar);
out:
	orc_list_free(&l);
	wit_file_close(&wf);
	return ret;
}

static int orc_usage(FILE *out)
{
	fprintf(out,
		"usage: fpv orc [--from=W] [--compact] [--fp | --no-fp] [--end=F,...] [--dry-run [--expand]] [--stats]\n"
		"               [--allow-empty] [--sidecar=DIR] FILE...\n"
		"  .o/.ko: add .orc_unwind_ip (PC-relative relocations), .orc_unwind, .orc_header\n"
		"  executables, shared libraries: add the non-allocated %s and %s sections\n"
		"  --from=W    witness giving the frame states: analysis (default), dwarf,\n"
		"              sframe; the other two are compared with it (warnings)\n"
		"  --compact   %s in the compact encoding (linked files)\n"
		"  --no-fp     analyse as code built without frame pointers\n"
		"  --fp        analyse as code with a frame record for every call (default:\n"
		"              whichever the file shows)\n"
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
	static const struct option lo[] = {
		{ "from", required_argument, NULL, 'w' },
		{ "compact", no_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "expand", no_argument, NULL, 'x' },
		{ "no-fp", no_argument, NULL, 'n' },
		{ "fp", no_argument, NULL, 'F' },
		{ "end", required_argument, NULL, 'e' },
		{ "stats", no_argument, NULL, 'S' },
		{ "allow-empty", no_argument, NULL, 'E' },
		{ "sidecar", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int i, ch, from, ret = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'w': o.from = optarg; break;
		case 'c': o.compact = true; break;
		case 'd': o.dry_run = true; break;
		case 'x': o.expand = true; break;
		case 'n': o.mode = CHECK_NO_FP; break;
		case 'F': o.mode = CHECK_FP; break;
		case 'e': o.end = optarg; break;
		case 'S': o.stats = o.dry_run = true; break;
		case 'E': o.allow_empty = true; break;
		case 's':
			if (!*optarg)
				return orc_usage(stderr);
			o.sidecar = optarg;
			break;
		case 'h': return orc_usage(stdout);
		default: return orc_usage(stderr);
		}
	}
	i = optind;
	from = wit_by_name(o.from);
	if (from < 0) {
		fpv_usage_error("orc", "unknown witness '%s'", o.from);
		return 2;
	}
	if (i == argc)
		return orc_usage(stderr);
	for (; i < argc; i++)
		if (orc_file(argv[i], &o, (unsigned)from) < 0)
			ret = 1;
	return ret;
}
