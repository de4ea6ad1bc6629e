// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv dump FILE...`: print the ORC tables of an object, a kernel module or
 * a linked image, one record per line, sorted by address, in a form people
 * can read and tests can diff.  In objects the PC of each record comes from
 * its R_AARCH64_PREL32 relocation; in linked images from the PC-relative
 * word itself; .fpv_orc blobs (standard or compact) are decoded too.
 * --expand prints the entry the run-time lookup finds at every instruction,
 * which is how tests compare two tables for the same code.  --funcs prints
 * the .fpv_funcs table of a linked file instead: each function, its owner,
 * whether it may leave other than by returning (any-callee) and whether no
 * indirect call reaches it (direct-only).  --sidecar=DIR reads the tables of
 * an executable or shared library from its sidecar (sidecar.c) and prints
 * them exactly as if the file carried them.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "elf.h"
#include "orc.h"
#include "sidecar.h"
#include "fpv/orc_lookup.h"

const char *orc_find_tables(struct elf_file *elf)
{
	static const char *const names[] = {
		".orc_unwind_ip", ".orc_unwind", ".orc_header", ORC_FILE_SECTION,
		ORC_FUNCS_SECTION,
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (elf_find_section(elf, names[i]))
			return names[i];
	return NULL;
}

/* A copy of a section's bytes with the alignment the lookup code needs. */
static void *orc_sec_copy(const struct section *sec)
{
	void *p = malloc(sec->size ? sec->size : 1);

	if (p && sec->size)
		memcpy(p, sec->data, sec->size);
	return p;
}

static int orc_fail(struct elf_file *elf, const char *what, const char *why)
{
	fprintf(stderr, "fpv: %s: %s: %s\n", elf->path, what, why);
	return -1;
}

/* The PC the relocation of ip[i] gives, in ORC_REL_PC form. */
static int orc_rel_pc(struct elf_file *elf, struct section *ip, size_t i, uint64_t *pc)
{
	struct reloc *r = elf_find_reloc(ip, 4 * i, 4);

	if (!r || r->offset != 4 * i)
		return orc_fail(elf, ".orc_unwind_ip", "entry without a relocation");
	if (r->type != R_AARCH64_PREL32)
		return orc_fail(elf, ".orc_unwind_ip", "relocation is not R_AARCH64_PREL32");
	if (!r->sym || !r->sym->sec || !r->sym->sec->text)
		return orc_fail(elf, ".orc_unwind_ip", "relocation not against a text section");
	*pc = ORC_REL_PC(r->sym->sec->idx, r->sym->value + r->addend);
	return 0;
}

static int orc_read_sections(struct elf_file *elf, struct section *ip, struct section *un,
			     struct orc_list *l)
{
	struct section *hs = elf_find_section(elf, ".orc_header");
	int32_t *ipw = NULL;
	struct orc_entry *e = NULL;
	void *h = NULL;
	int ret = -1;

	if (!un || !ip->data || !un->data || ip->size % 4 || un->size != 2 * ip->size)
		return orc_fail(elf, ".orc_unwind", "missing, or size does not match .orc_unwind_ip");
	if (!hs || !hs->data)
		return orc_fail(elf, ".orc_header", "missing");
	h = orc_sec_copy(hs);
	ipw = orc_sec_copy(ip);
	e = orc_sec_copy(un);
	if (!h || !ipw || !e)
		goto out;
	ret = orc_header_check(h, hs->size);
	if (ret) {
		ret = orc_fail(elf, ".orc_header", orc_strerror(ret));
		goto out;
	}
	for (size_t i = 0; i < ip->size / 4; i++) {
		uint64_t pc = ip->addr + 4 * i + (int64_t)ipw[i];

		if (elf->e_type == ET_REL && (ret = orc_rel_pc(elf, ip, i, &pc)))
			goto out;
		if ((ret = orc_list_add(l, pc, &e[i])))
			goto out;
	}
	ret = 1;
out:
	free(h);
	free(ipw);
	free(e);
	return ret;
}

/* Every record of a compact blob, block by block. */
static int orc_read_compact(struct elf_file *elf, const void *blob, size_t size,
			    struct orc_list *l)
{
	struct orc_compact c;
	int ret = orc_compact_open(&c, blob, size, 0);

	if (ret)
		return orc_fail(elf, ORC_FILE_SECTION, orc_strerror(ret));
	for (uint32_t k = 0; k < c.nr_blocks; k++) {
		uint32_t pos = c.block[k], end = c.block[k + 1], idx, delta;
		uint64_t pc = c.base + ((uint64_t)k << c.block_shift);

		if (orc_uleb_read(c.stream, end, &pos, &idx) || idx >= c.nr_entries)
			return orc_fail(elf, ORC_FILE_SECTION, "corrupt block");
		if (orc_list_add(l, pc, &c.entries[idx]))
			return -1;
		while (pos < end) {
			if (orc_compact_rec(c.stream, end, &pos, &delta, &idx) || idx >= c.nr_entries)
				return orc_fail(elf, ORC_FILE_SECTION, "corrupt block");
			pc += (uint64_t)delta * 4;
			if (orc_list_add(l, pc, &c.entries[idx]))
				return -1;
		}
	}
	return 1;
}

static int orc_read_blob(struct elf_file *elf, struct section *sec, struct orc_list *l)
{
	void *blob = orc_sec_copy(sec);
	struct orc_table t;
	int ret;

	if (!blob || !sec->data)
		return orc_fail(elf, ORC_FILE_SECTION, "unreadable");
	ret = orc_file_check(blob, sec->size);
	if (ret == ORC_FILE_COMPACT) {
		/* blocks restate the entry in effect at their start: drop repeats */
		ret = orc_read_compact(elf, blob, sec->size, l);
		orc_list_normalize(l);
	} else if (ret == ORC_FILE_STD && !(ret = orc_file_table(&t, blob, sec->size, 0))) {
		for (uint32_t i = 0; i < t.nr && !ret; i++)
			ret = orc_list_add(l, orc_table_pc(&t, i), &t.orc[i]);
		ret = ret ? -1 : 1;
	} else {
		ret = orc_fail(elf, ORC_FILE_SECTION, orc_strerror(ret));
	}
	free(blob);
	return ret;
}

int orc_read(struct elf_file *elf, struct orc_list *l)
{
	struct section *ip = elf_find_section(elf, ".orc_unwind_ip");
	struct section *blob = elf_find_section(elf, ORC_FILE_SECTION);
	int ret = 0;

	if (ip)
		ret = orc_read_sections(elf, ip, elf_find_section(elf, ".orc_unwind"), l);
	else if (elf_find_section(elf, ".orc_unwind"))
		ret = orc_fail(elf, ".orc_unwind_ip", "missing");
	if (ret >= 0 && blob) {
		if (ip)
			return orc_fail(elf, ORC_FILE_SECTION, "present beside .orc_unwind_ip");
		ret = orc_read_blob(elf, blob, l);
	}
	if (ret > 0)
		orc_list_sort(l);
	return ret;
}

/* "f_std+0x4", or "-" outside any function. */
static const char *orc_symbolize(struct section *sec, uint64_t addr, char *buf, size_t size)
{
	struct symbol *sym = sec ? elf_find_func_containing(sec, addr) : NULL;

	if (!sym)
		return "-";
	snprintf(buf, size, "%s+0x%llx", sym->name, (unsigned long long)(addr - sym->value));
	return buf;
}

void orc_text_bounds(struct elf_file *elf, uint64_t *lo, uint64_t *hi)
{
	struct section *s;

	*lo = UINT64_MAX;
	*hi = 0;
	for_each_sec(elf, s) {
		if (!s->text || !s->size)
			continue;
		if (s->addr < *lo)
			*lo = s->addr;
		if (s->addr + s->size > *hi)
			*hi = s->addr + s->size;
	}
	if (*lo > *hi)
		*lo = *hi = 0;
}

/* Section and address of a record's pc ("address" is the offset in a .o). */
static struct section *orc_pc_sec(struct elf_file *elf, uint64_t pc, uint64_t *addr)
{
	if (elf->e_type == ET_REL) {
		unsigned idx = ORC_REL_SEC(pc);

		*addr = ORC_REL_OFF(pc);
		for (size_t i = 0; i < elf->nr_sections; i++)
			if (elf->sections[i].idx == idx)
				return &elf->sections[i];
		return NULL;
	}
	*addr = pc;
	return elf_section_at_addr(elf, pc);
}

static void orc_print_line(FILE *out, struct elf_file *elf, uint64_t pc,
			   const struct orc_entry *e)
{
	char sb[256], eb[128];
	uint64_t addr;
	struct section *sec = orc_pc_sec(elf, pc, &addr);

	if (elf->e_type == ET_REL)
		fprintf(out, "%s+0x%llx", sec ? sec->name : "?", (unsigned long long)addr);
	else
		fprintf(out, "0x%llx", (unsigned long long)addr);
	fprintf(out, " %s %s\n", orc_symbolize(sec, addr, sb, sizeof(sb)),
		orc_entry_format(e, eb, sizeof(eb)));
}

void orc_print(FILE *out, struct elf_file *elf, const struct orc_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		orc_print_line(out, elf, l->recs[i].pc, &l->recs[i].e);
}

/* Expand the records lo..hi-1 (one text section's) over [start, end). */
static int orc_expand_range(FILE *out, struct elf_file *elf, const struct orc_rec *r,
			    size_t n, uint64_t key, uint64_t start, uint64_t end)
{
	uint64_t base = n && r[0].pc < key + start ? r[0].pc : key + start;
	orc_u32 *ip = malloc((n + 1) * sizeof(*ip)), *idx = NULL;
	struct orc_entry *e = malloc((n + 1) * sizeof(*e)), undef;
	orc_u32 slots = orc_index_slots(key + start, key + end);
	struct orc_table t;
	int ret = -1;

	memset(&undef, 0, sizeof(undef));
	if (slots)
		idx = malloc(slots * sizeof(*idx));
	if (!ip || !e || (slots && !idx))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (r[i].pc - base > UINT32_MAX)
			goto out;
		ip[i] = (orc_u32)(r[i].pc - base);
		e[i] = r[i].e;
	}
	if (orc_table_init(&t, ip, e, (orc_u32)n, ORC_IP_BASE32, base) ||
	    (slots && orc_index_build(&t, idx, slots, key + start, key + end)))
		goto out;
	for (uint64_t pc = key + start; pc + 4 <= key + end; pc += 4) {
		const struct orc_entry *f = orc_find(&t, pc, NULL);

		orc_print_line(out, elf, pc, f ? f : &undef);
	}
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "fpv: %s: ORC records out of range or out of memory\n", elf->path);
	free(ip);
	free(e);
	free(idx);
	return ret;
}

int orc_expand(FILE *out, struct elf_file *elf, struct orc_list *l)
{
	struct section *sec;
	size_t lo = 0;

	orc_list_normalize(l);
	for_each_sec(elf, sec) {
		uint64_t key = 0, start = sec->addr, end = sec->addr + sec->size;
		size_t hi;

		if (!sec->text)
			continue;
		if (elf->e_type == ET_REL) {
			key = ORC_REL_PC(sec->idx, 0);
			/* records are sorted by key: this section's are contiguous */
			for (lo = 0; lo < l->nr && l->recs[lo].pc < key; lo++)
				;
			for (hi = lo; hi < l->nr && l->recs[hi].pc < ORC_REL_PC(sec->idx + 1, 0); hi++)
				;
		} else {
			lo = 0;
			hi = l->nr;
		}
		/* no records at all: recs is NULL, and NULL + 0 is undefined */
		if (orc_expand_range(out, elf, hi > lo ? l->recs + lo : NULL, hi - lo, key, start, end))
			return -1;
	}
	return 0;
}

/*
 * --expand on a linked image with .orc_unwind_ip: the run-time path itself,
 * on a copy of the linked bytes: orc_table_check/orc_table_sort (as the
 * kernel does at boot; GNU ld leaves .text.startup records out of order),
 * the block index and orc_find.  PREL32 words resolve against the copy's
 * address, i.e. to pc + delta with delta = copy - link address, a constant,
 * so the table is searched with addresses shifted by delta.
 */
static int orc_expand_prel32(FILE *out, struct elf_file *elf, struct section *ips,
			     struct section *uns)
{
	orc_s32 *ip = orc_sec_copy(ips);
	struct orc_entry *e = orc_sec_copy(uns), undef;
	uint64_t delta = (uint64_t)(uintptr_t)ip - ips->addr, lo, hi;
	orc_u32 n = (orc_u32)(ips->size / 4), slots, *idx = NULL;
	struct orc_table t;
	struct section *sec;
	int ret = -1;

	memset(&undef, 0, sizeof(undef));
	orc_text_bounds(elf, &lo, &hi);
	slots = orc_index_slots(lo + delta, hi + delta);
	idx = slots ? calloc(slots, sizeof(*idx)) : NULL;
	if (!ip || !e || !idx || orc_table_init(&t, ip, e, n, ORC_IP_PREL32, 0))
		goto out;
	if (orc_table_check(&t))
		orc_table_sort(&t, ip, e);
	if (orc_table_check(&t) || orc_index_build(&t, idx, slots, lo + delta, hi + delta))
		goto out;
	for_each_sec(elf, sec) {
		if (!sec->text)
			continue;
		for (uint64_t a = sec->addr; a + 4 <= sec->addr + sec->size; a += 4) {
			const struct orc_entry *f = orc_find(&t, a + delta, NULL);

			orc_print_line(out, elf, a, f ? f : &undef);
		}
	}
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "fpv: %s: .orc_unwind_ip: cannot sort or index the linked table\n",
			elf->path);
	free(ip);
	free(e);
	free(idx);
	return ret;
}

/*
 * --funcs: one line per .fpv_funcs entry, "0x760 main owner:0x760" with
 * " any-callee" when ORC_FUNC_ANY_CALLEE is set and " direct-only" when
 * ORC_FUNC_DIRECT_ONLY is; "-" names an entry no symbol starts at (a PLT, a
 * linker stub).
 */
static int orc_dump_funcs(struct elf_file *elf, bool many)
{
	struct section *sec = elf_find_section(elf, ORC_FUNCS_SECTION);
	struct orc_funcs f;
	void *blob;
	int err;

	if (!sec) {
		fprintf(stderr, "fpv: %s: no %s section\n", elf->path, ORC_FUNCS_SECTION);
		return -1;
	}
	blob = orc_sec_copy(sec);
	if (!blob || !sec->data) {
		free(blob);
		return orc_fail(elf, ORC_FUNCS_SECTION, "unreadable");
	}
	/* the run-time reader: the table is shown only if libfpv would use it */
	if ((err = orc_funcs_open(&f, blob, sec->size, 0)) ||
	    f.nr * sizeof(struct orc_func) + sizeof(struct orc_funcs_header) != sec->size) {
		free(blob);
		return orc_fail(elf, ORC_FUNCS_SECTION,
				err ? orc_strerror(err) : "size does not match the function count");
	}
	if (many)
		printf("%s:\n", elf->path);
	for (uint32_t i = 0; i < f.nr; i++) {
		uint64_t a = f.base + f.func[i].start, o = f.base + (f.func[i].owner & ~ORC_FUNC_FLAGS);
		struct section *ts = elf_section_at_addr(elf, a);
		struct symbol *sym = ts ? elf_find_symbol_at(ts, a) : NULL;

		printf("0x%llx %s owner:0x%llx%s%s\n", (unsigned long long)a, sym ? sym->name : "-",
		       (unsigned long long)o, f.func[i].owner & ORC_FUNC_ANY_CALLEE ? " any-callee" : "",
		       f.func[i].owner & ORC_FUNC_DIRECT_ONLY ? " direct-only" : "");
	}
	free(blob);
	return 0;
}

static int orc_dump_file(const char *path, bool expand, bool funcs, bool many,
			 const char *sidecar)
{
	struct orc_list l = { 0 };
	struct elf_file *elf = elf_open(path, false);
	const char *have;
	int ret;

	if (!elf)
		return 1;
	if (sidecar && (have = orc_find_tables(elf))) {
		fprintf(stderr, "fpv: %s: carries its own ORC tables (%s); --sidecar is for files "
			"without\n", path, have);
		elf_close(elf);
		return 1;
	}
	if (sidecar && (elf->e_type == ET_REL || sidecar_attach(elf, sidecar) < 0)) {
		if (elf->e_type == ET_REL)
			fprintf(stderr, "fpv: %s: --sidecar is for executables and shared libraries\n",
				path);
		elf_close(elf);
		return 1;
	}
	if (funcs) {
		ret = orc_dump_funcs(elf, many);
		elf_close(elf);
		return ret ? 1 : 0;
	}
	ret = orc_read(elf, &l);
	if (ret == 0)
		fprintf(stderr, "fpv: %s: no ORC tables (.orc_unwind_ip or %s)\n", path,
			ORC_FILE_SECTION);
	if (ret > 0) {
		if (many)
			printf("%s:\n", path);
		struct section *ips = elf_find_section(elf, ".orc_unwind_ip");

		if (expand && ips && elf->e_type != ET_REL)
			ret = orc_expand_prel32(stdout, elf, ips,
						elf_find_section(elf, ".orc_unwind")) ? -1 : 1;
		else if (expand)
			ret = orc_expand(stdout, elf, &l) ? -1 : 1;
		else
			orc_print(stdout, elf, &l);
	}
	orc_list_free(&l);
	elf_close(elf);
	return ret > 0 ? 0 : 1;
}

#define DUMP_USAGE "usage: fpv dump [--expand | --funcs] [--sidecar=DIR] FILE...\n"

int cmd_dump(int argc, char **argv)
{
	bool expand = false, funcs = false;
	const char *sidecar = NULL;
	int i, ret = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--expand")) {
			expand = true;
		} else if (!strcmp(argv[i], "--funcs")) {
			funcs = true;
		} else if (!strncmp(argv[i], "--sidecar=", 10) && argv[i][10]) {
			sidecar = argv[i] + 10;
		} else if (!strcmp(argv[i], "--help")) {
			printf(DUMP_USAGE
			       "  print ORC records, one per line, sorted by address\n"
			       "  --expand  one line per instruction: the entry the lookup finds\n"
			       "  --funcs   the %s table instead: function, owner, any-callee,\n"
			       "            direct-only\n"
			       "  --sidecar=DIR  the tables of FILE from DIR/%s/NN/REST%s\n"
			       "            (its GNU build-id; fpv orc --sidecar) instead of FILE\n",
			       ORC_FUNCS_SECTION, ORC_SIDECAR_DIR, ORC_SIDECAR_SUFFIX);
			return 0;
		} else {
			fprintf(stderr, "fpv: dump: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if (i == argc) {
		fprintf(stderr, DUMP_USAGE);
		return 2;
	}
	for (int first = i; i < argc; i++)
		ret |= orc_dump_file(argv[i], expand, funcs, argc - first > 1, sidecar);
	return ret;
}
