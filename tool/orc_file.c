// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ORC tables in a file, read and written: `fpv orc` writes them, `fpv dump`
 * and `fpv orc --dry-run` print them.  Relocatable objects and kernel
 * modules carry .orc_unwind_ip (one PC-relative relocation per record against the
 * text section), .orc_unwind and .orc_header, so a normal link (GNU ld,
 * ld.lld, the kernel's module loader) carries them into the image; in
 * objects the PC of each record comes from its relocation, in linked images
 * from the PC-relative word itself.  Executables and shared libraries
 * cannot grow allocated sections in place, so they get one non-allocated
 * .fpv_orc section (standard or compact, include/fpv/orc.h) that the
 * run-time front end reads from the file, and .fpv_funcs beside it
 * (orc_funcs.c).  Writing is atomic (elf_write).  With a sidecar directory
 * the two sections of a linked file go to a sidecar keyed by its build-id
 * (sidecar.c) and the file is only read.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "elf_file.h"
#include "error.h"
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

void *orc_sec_copy(const struct section *sec)
{
	void *p = malloc(sec->size ? sec->size : 1);

	if (p && sec->size)
		memcpy(p, sec->data, sec->size);
	return p;
}

static struct section *orc_sec_by_idx(struct elf_file *elf, unsigned idx)
{
	struct section *s;

	for_each_sec(elf, s)
		if (s->idx == idx)
			return s;
	return NULL;
}

/* The PC the relocation of ip[i] gives, in ORC_REL_PC form. */
static int orc_rel_pc(struct elf_file *elf, struct section *ip, size_t i, uint64_t *pc)
{
	struct reloc *r = elf_find_reloc(ip, 4 * i, 4);

	if (!r || r->offset != 4 * i)
		return fpv_error(elf->path, ".orc_unwind_ip: entry without a relocation");
	if (!arch_reloc_is(r->type, ARCH_RELOC_PCREL, 4))
		return fpv_error(elf->path, ".orc_unwind_ip: relocation is not 32-bit PC-relative");
	if (!r->sym || !r->sym->sec || !r->sym->sec->text)
		return fpv_error(elf->path, ".orc_unwind_ip: relocation not against a text section");
	*pc = ORC_REL_PC(r->sym->sec->idx, r->sym->value + r->addend);
	return 0;
}

/* .orc_header: present, and of the format this fpv reads. */
static int orc_check_header(struct elf_file *elf)
{
	struct section *hs = elf_find_section(elf, ".orc_header");
	void *h;
	int err;

	if (!hs || !hs->data)
		return fpv_error(elf->path, ".orc_header: missing");
	h = orc_sec_copy(hs);
	if (!h)
		return -1;
	err = orc_header_check(h, hs->size);
	free(h);
	return err ? fpv_error(elf->path, ".orc_header: %s", orc_strerror(err)) : 0;
}

static int orc_read_sections(struct elf_file *elf, struct section *ip, struct section *un,
			     struct orc_list *l)
{
	int32_t *ipw;
	struct orc_entry *e;
	int ret = 1;

	if (!un || !ip->data || !un->data || ip->size % 4 || un->size != 2 * ip->size)
		return fpv_error(elf->path, ".orc_unwind: missing, or size does not match .orc_unwind_ip");
	if (orc_check_header(elf) < 0)
		return -1;
	ipw = orc_sec_copy(ip);
	e = orc_sec_copy(un);
	if (!ipw || !e)
		ret = -1;
	for (size_t i = 0; ret > 0 && i < ip->size / 4; i++) {
		uint64_t pc = ip->addr + 4 * i + (int64_t)ipw[i];

		if ((elf->e_type == ET_REL && orc_rel_pc(elf, ip, i, &pc)) ||
		    orc_list_add(l, pc, &e[i]))
			ret = -1;
	}
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
		return fpv_error(elf->path, "%s: %s", ORC_FILE_SECTION, orc_strerror(ret));
	for (uint32_t k = 0; k < c.nr_blocks; k++) {
		uint32_t pos = c.block[k], end = c.block[k + 1], idx, delta;
		uint64_t pc = c.base + ((uint64_t)k << c.block_shift);

		if (orc_uleb_read(c.stream, end, &pos, &idx) || idx >= c.nr_entries)
			return fpv_error(elf->path, "%s: corrupt block", ORC_FILE_SECTION);
		if (orc_list_add(l, pc, &c.entries[idx]))
			return -1;
		while (pos < end) {
			if (orc_compact_rec(c.stream, end, &pos, &delta, &idx) || idx >= c.nr_entries)
				return fpv_error(elf->path, "%s: corrupt block", ORC_FILE_SECTION);
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
		return fpv_error(elf->path, "%s: unreadable", ORC_FILE_SECTION);
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
		ret = fpv_error(elf->path, "%s: %s", ORC_FILE_SECTION, orc_strerror(ret));
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
		ret = fpv_error(elf->path, ".orc_unwind_ip: missing");
	if (ret >= 0 && blob) {
		if (ip)
			return fpv_error(elf->path, "%s: present beside .orc_unwind_ip", ORC_FILE_SECTION);
		ret = orc_read_blob(elf, blob, l);
	}
	if (ret > 0)
		orc_list_sort(l);
	return ret;
}

void *orc_read_funcs(struct elf_file *elf, struct orc_funcs *f)
{
	struct section *sec = elf_find_section(elf, ORC_FUNCS_SECTION);
	void *blob;
	int err;

	if (!sec) {
		fpv_error(elf->path, "no %s section", ORC_FUNCS_SECTION);
		return NULL;
	}
	blob = orc_sec_copy(sec);
	if (!blob || !sec->data) {
		free(blob);
		fpv_error(elf->path, "%s: unreadable", ORC_FUNCS_SECTION);
		return NULL;
	}
	/* the run-time reader: the table is shown only if libfpv would use it */
	if ((err = orc_funcs_open(f, blob, sec->size, 0)) ||
	    f->nr * sizeof(struct orc_func) + sizeof(struct orc_funcs_header) != sec->size) {
		free(blob);
		fpv_error(elf->path, "%s: %s", ORC_FUNCS_SECTION,
			 err ? orc_strerror(err) : "size does not match the function count");
		return NULL;
	}
	return blob;
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
		*addr = ORC_REL_OFF(pc);
		return orc_sec_by_idx(elf, ORC_REL_SEC(pc));
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

/*
 * One line per instruction word in [from, to): the entry the lookup finds
 * at the word's address plus delta, or an undefined entry.
 */
static void orc_print_found(FILE *out, struct elf_file *elf, const struct orc_table *t,
			    uint64_t from, uint64_t to, uint64_t delta)
{
	static const struct orc_entry undef;

	for (uint64_t a = from; a + 4 <= to; a += 4) {
		const struct orc_entry *f = orc_find(t, a + delta, NULL);

		orc_print_line(out, elf, a, f ? f : &undef);
	}
}

/* Expand the records lo..hi-1 (one text section's) over [start, end). */
static int orc_expand_range(FILE *out, struct elf_file *elf, const struct orc_rec *r,
			    size_t n, uint64_t key, uint64_t start, uint64_t end)
{
	uint64_t base = n && r[0].pc < key + start ? r[0].pc : key + start;
	orc_u32 *ip = malloc((n + 1) * sizeof(*ip)), *idx = NULL;
	struct orc_entry *e = malloc((n + 1) * sizeof(*e));
	orc_u32 slots = orc_index_slots(key + start, key + end);
	struct orc_table t;
	int ret = -1, rc;

	if (slots)
		idx = malloc(slots * sizeof(*idx));
	if (!ip || !e || (slots && !idx)) {
		fpv_oom(elf->path);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (r[i].pc - base > UINT32_MAX) {
			fpv_error(elf->path, "ORC record at 0x%llx beyond 4 GiB of 0x%llx",
				  (unsigned long long)r[i].pc, (unsigned long long)base);
			goto out;
		}
		ip[i] = (orc_u32)(r[i].pc - base);
		e[i] = r[i].e;
	}
	rc = orc_table_init(&t, ip, e, (orc_u32)n, ORC_IP_BASE32, base);
	if (!rc && slots)
		rc = orc_index_build(&t, idx, slots, key + start, key + end);
	if (rc)
		fpv_error(elf->path, "cannot index the ORC records: %s", orc_strerror(rc));
	else
		orc_print_found(out, elf, &t, key + start, key + end, 0);
	ret = rc ? -1 : 0;
out:
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
int orc_expand_linked(FILE *out, struct elf_file *elf)
{
	struct section *ips = elf_find_section(elf, ".orc_unwind_ip");
	struct section *uns = elf_find_section(elf, ".orc_unwind");
	orc_s32 *ip = orc_sec_copy(ips);
	struct orc_entry *e = orc_sec_copy(uns);
	uint64_t delta = (uint64_t)(uintptr_t)ip - ips->addr, lo, hi;
	orc_u32 n = (orc_u32)(ips->size / 4), slots, *idx = NULL;
	struct orc_table t;
	struct section *sec;
	int ret = -1, rc;

	orc_text_bounds(elf, &lo, &hi);
	slots = orc_index_slots(lo + delta, hi + delta);
	idx = slots ? calloc(slots, sizeof(*idx)) : NULL;
	if (!ip || !e || (slots && !idx)) {
		fpv_oom(elf->path);
		goto out;
	}
	if (!slots) {
		fpv_error(elf->path, ".orc_unwind_ip: no text to index");
		goto out;
	}
	rc = orc_table_init(&t, ip, e, n, ORC_IP_PREL32, 0);
	if (!rc && orc_table_check(&t))
		orc_table_sort(&t, ip, e);
	if (!rc)
		rc = orc_table_check(&t);
	if (!rc)
		rc = orc_index_build(&t, idx, slots, lo + delta, hi + delta);
	if (rc) {
		fpv_error(elf->path, ".orc_unwind_ip: cannot sort or index the linked table: %s",
			  orc_strerror(rc));
		goto out;
	}
	for_each_sec(elf, sec)
		if (sec->text)
			orc_print_found(out, elf, &t, sec->addr, sec->addr + sec->size, delta);
	ret = 0;
out:
	free(ip);
	free(e);
	free(idx);
	return ret;
}

/* Each record's entry, and the PC-relative relocation of its .orc_unwind_ip word. */
static int orc_rel_records(struct elf_file *elf, const struct orc_list *l, struct new_reloc *r,
			   struct orc_entry *e)
{
	for (size_t i = 0; i < l->nr; i++) {
		r[i] = (struct new_reloc){
			.offset = 4 * i,
			.type = arch_reloc_pcrel32(),
			.target_sec = orc_sec_by_idx(elf, ORC_REL_SEC(l->recs[i].pc)),
			.addend = (int64_t)ORC_REL_OFF(l->recs[i].pc),
		};
		e[i] = l->recs[i].e;
		if (!r[i].target_sec) {
			fpv_error(elf->path, "internal: record for unknown section");
			return -1;
		}
	}
	return 0;
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

	if (!ip || !e || !r)
		fpv_oom(elf->path);
	else if (!orc_rel_records(elf, l, r, e) &&
		 !elf_add_section(elf, ".orc_unwind_ip", SHT_PROGBITS, SHF_ALLOC, 4, ip,
				  4 * n, r, n) &&
		 !elf_add_section(elf, ".orc_unwind", SHT_PROGBITS, SHF_ALLOC, 2, e,
				  sizeof(*e) * n, NULL, 0) &&
		 !elf_add_section(elf, ".orc_header", SHT_PROGBITS, SHF_ALLOC, 8, &h,
				  sizeof(h), NULL, 0) &&
		 (!elf_find_section(elf, ".symtab") || !elf_set_comdat(elf, ".orc_header")))
		ret = elf_write(elf);
	free(ip);
	free(e);
	free(r);
	return ret;
}

/*
 * .fpv_orc and .fpv_funcs into an executable or shared library
 * (non-allocated, no relocations), both relative to the start of the text;
 * .fpv_funcs whatever the witness, from fpv's analysis (res).  With sidecar,
 * into a sidecar under that directory instead, the file left as it is.
 */
static int orc_write_linked(struct elf_file *elf, struct orc_list *l, bool compact,
			    struct check_result *res, const char *sidecar)
{
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
	if (ret)
		return -1;	/* the encoder said why */
	ret = orc_funcs_blob(res, lo, &funcs, &fsize, &nr_any);
	if (!ret && sidecar) {
		const struct sidecar_sec secs[] = {
			{ ORC_FILE_SECTION, blob, size },
			{ ORC_FUNCS_SECTION, funcs, fsize },
		};

		ret = sidecar_write(elf, sidecar, secs, 2);
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

int orc_write(struct elf_file *elf, struct orc_list *l, bool compact, struct check_result *res,
	      const char *sidecar)
{
	if (elf->e_type == ET_REL)
		return orc_write_rel(elf, l);
	return orc_write_linked(elf, l, compact, res, sidecar);
}
