// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * seedgen: turn real compiler output into seed corpora for the fuzz targets
 * (tests/fuzz/seeds.sh runs it at build time; nothing it writes is
 * committed).  For every ELF file given it writes containers (fuzz.h) into
 * OUTDIR/<target>/:
 *
 *   check   one per function: its code, the relocations inside it and the
 *           .rodata it uses (objects built with -ffunction-sections; for
 *           linked files the function's bytes at its address)
 *   dwarf   .eh_frame and .debug_frame with their relocations
 *   sframe  .sframe with its relocations
 *   orc     .orc_unwind_ip/.orc_unwind/.orc_header (+ relocations) or .fpv_orc
 *   orc_lookup, unwind   .fpv_orc blobs and linked ORC arrays, raw
 *
 * Relocation symbols are mapped onto the few symbols fz_build() provides:
 * a text section symbol (addend adjusted to the function's offset), the
 * data symbol, an external and a noreturn function.
 *
 * usage: seedgen OUTDIR FILE...
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elf_file.h"
#include "fpv/orc.h"
#include "fuzz.h"

static const char *outdir;
static unsigned nr_written;

static void put(const char *target, const char *file, const char *what, const void *a,
		size_t na, const void *b, size_t nb)
{
	char path[4096];
	const char *base = strrchr(file, '/');
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s-%s", outdir, target, base ? base + 1 : file, what);
	for (char *p = path + strlen(outdir) + strlen(target) + 2; *p; p++)
		if (*p == '/')
			*p = '_';
	f = fopen(path, "wb");
	if (!f || fwrite(a, 1, na, f) != na || (nb && fwrite(b, 1, nb, f) != nb) || fclose(f)) {
		fprintf(stderr, "seedgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	nr_written++;
}

static uint8_t type_sel(uint32_t type)
{
	for (uint8_t s = 0; s < FZ_R_RAW; s++)
		if (fz_rel_type(s) == type)
			return s;
	if (type >= 256 && type - 256 <= 255u - FZ_R_RAW)
		return (uint8_t)(FZ_R_RAW + type - 256);
	return FZ_R_NONE;
}

static bool is_noreturn(const char *name)
{
	return !strcmp(name, "abort") || !strcmp(name, "exit") || !strcmp(name, "__stack_chk_fail") ||
	       !strcmp(name, "longjmp") || !strcmp(name, "panic");
}

/*
 * One relocation as a container entry.  func_sec/func_off: where the code
 * the container's .text holds comes from; data: the section it calls .rodata.
 */
static struct fz_rel map_rel(const struct reloc *r, uint64_t off, const struct section *func_sec,
			     uint64_t func_off, const struct section *data, uint16_t target)
{
	struct fz_rel fr = { (uint32_t)off, (int32_t)r->addend, type_sel(r->type), FZ_S_EXTERN, target };
	const struct symbol *s = r->sym;

	if (!s) {
		fr.sym = FZ_S_NULL;
	} else if (s->sec && s->sec == func_sec) {
		fr.sym = FZ_S_TEXT;
		fr.addend = (int32_t)(r->addend + (int64_t)s->value - (int64_t)func_off);
	} else if (s->sec && s->sec == data) {
		fr.sym = FZ_S_DATA2;
		fr.addend = (int32_t)(r->addend + (int64_t)s->value);
	} else if (!s->sec && is_noreturn(s->name)) {
		fr.sym = FZ_S_NORETURN;
	} else if (s->sec && s->sec->text) {
		fr.sym = FZ_S_TEXT;	/* another text section: folded onto .text */
		fr.addend = (int32_t)(r->addend + (int64_t)s->value);
	}
	return fr;
}

struct buf {
	uint8_t *p;
	size_t n, cap;
};

static void buf_add(struct buf *b, const void *d, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 256;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(1);
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

/* The .rodata* section a function's relocations point into, if any. */
static const struct section *func_rodata(const struct section *text)
{
	for (size_t i = 0; i < text->nr_relocs; i++) {
		const struct symbol *s = text->relocs[i].sym;
		if (s && s->sec && !s->sec->text && s->sec->data && !strncmp(s->sec->name, ".rodata", 7) &&
		    s->sec->size <= 0xffff)
			return s->sec;
	}
	return NULL;
}

/* fuzz_check: one container per text section of an object (-ffunction-sections). */
static void check_rel(struct elf_file *f)
{
	struct section *s;

	for_each_sec(f, s) {
		const struct section *ro;
		struct fz_hdr h = { 0 };
		struct buf b = { 0 };
		size_t nrel = 0;

		if (!s->text || !s->data || !s->size || s->size > 64 * 1024)
			continue;
		ro = func_rodata(s);
		h.aux = (ro ? (uint32_t)ro->size : 0) | 1u << 16;
		for (size_t i = 0; i < s->nr_relocs && nrel < 255; i++, nrel++) {
			struct fz_rel fr = map_rel(&s->relocs[i], s->relocs[i].offset, s, 0, ro, 0);
			buf_add(&b, &fr, sizeof(fr));
		}
		for (size_t i = 0; ro && i < ro->nr_relocs && nrel < 255; i++, nrel++) {
			struct fz_rel fr = map_rel(&ro->relocs[i], ro->relocs[i].offset, s, 0, ro, 1);
			buf_add(&b, &fr, sizeof(fr));
		}
		h.nrel = (uint8_t)nrel;
		if (ro)
			buf_add(&b, ro->data, ro->size);
		buf_add(&b, s->data, s->size);
		put("check", f->path, s->name, &h, sizeof(h), b.p, b.n);
		free(b.p);
	}
}

/* fuzz_check: one container per function of a linked file, at its address. */
static void check_exec(struct elf_file *f)
{
	struct section *ro = elf_find_section(f, ".rodata");
	struct symbol *sym;
	unsigned n = 0;

	for_each_sym(f, sym) {
		struct fz_hdr h = { FZ_EXEC, 0, 0, 0, 0, 0 };
		uint64_t off;
		size_t rs = ro && ro->data && ro->size <= 0xffff ? ro->size : 0;
		char what[64];

		if (sym->type != STT_FUNC || !sym->sec || !sym->sec->text || !sym->size ||
		    sym->size > 64 * 1024 || n++ > 40)
			continue;
		off = sym->value - sym->sec->addr;
		h.text_addr = (uint32_t)sym->value;
		h.data_addr = rs ? (uint32_t)ro->addr : 0;
		h.aux = (uint32_t)rs | 1u << 16;
		snprintf(what, sizeof(what), "%s", sym->name);
		struct buf b = { 0 };
		buf_add(&b, &h, sizeof(h));
		if (rs)
			buf_add(&b, ro->data, rs);
		buf_add(&b, sym->sec->data + off, sym->size);
		put("check", f->path, what, b.p, b.n, NULL, 0);
		free(b.p);
	}
}

/* A section (and its relocations, in an object) as a container. */
static void section_seed(struct elf_file *f, const char *target, const struct section *s,
			 uint8_t variant, uint32_t aux, const void *extra, size_t nextra)
{
	struct section *text = elf_find_section(f, ".text");
	struct fz_hdr h = { 0 };
	struct buf b = { 0 };
	size_t nrel = 0;

	if (!s || !s->data || !s->size || s->size > 256 * 1024)
		return;
	h.flags = (uint8_t)((f->e_type == ET_REL ? 0 : FZ_EXEC) | variant << 1);
	h.text_words = text && text->size / 4 < 0xffff ? (uint16_t)(text->size / 4) : 0xffff;
	h.text_addr = text ? (uint32_t)text->addr : 0;
	h.data_addr = (uint32_t)s->addr;
	h.aux = aux;
	for (size_t i = 0; f->e_type == ET_REL && i < s->nr_relocs && nrel < 255; i++, nrel++) {
		struct fz_rel fr = map_rel(&s->relocs[i], s->relocs[i].offset, text, 0, s, 0);
		buf_add(&b, &fr, sizeof(fr));
	}
	h.nrel = (uint8_t)nrel;
	buf_add(&b, s->data, s->size);
	if (nextra)
		buf_add(&b, extra, nextra);
	put(target, f->path, s->name + 1, &h, sizeof(h), b.p, b.n);
	free(b.p);
}

/*
 * The linked arrays as fuzz_orc_lookup input (mode 1: base-relative PC
 * words) and as fuzz_unwind input (its header, up to 255 records relative to
 * 0x400000, then a stack holding a frame-record chain).
 */
static void orc_raw_seeds(struct elf_file *f, const struct section *ip, const struct section *un)
{
	size_t n = ip->size / 4 < un->size / 8 ? ip->size / 4 : un->size / 8;
	uint64_t base = UINT64_MAX;
	struct buf b = { 0 }, u = { 0 };
	uint8_t mode = 1;

	for (size_t i = 0; i < n; i++) {
		int32_t w;
		memcpy(&w, ip->data + 4 * i, 4);
		uint64_t pc = ip->addr + 4 * i + (int64_t)w;
		base = pc < base ? pc : base;
	}
	buf_add(&b, &mode, 1);
	buf_add(&b, &base, 8);
	for (size_t i = 0; i < n; i++) {
		int32_t w;
		memcpy(&w, ip->data + 4 * i, 4);
		uint32_t off = (uint32_t)(ip->addr + 4 * i + (int64_t)w - base);
		buf_add(&b, &off, 4);
	}
	buf_add(&b, un->data, 8 * n);
	put("orc_lookup", f->path, "arrays", b.p, b.n, NULL, 0);

	/* fuzz_unwind: flags (sort, read_insn), va_bits, max_frames, count, pc, sp, fp, lr */
	uint8_t hdr[20] = { 0x14, 0, 0, (uint8_t)(n > 255 ? 255 : n) };
	uint32_t regs[4] = { 0x14, 0x100, 0x110, 0x34 };
	memcpy(hdr + 4, regs, sizeof(regs));
	buf_add(&u, hdr, sizeof(hdr));
	for (size_t i = 0; i < n && i < 255; i++) {
		int32_t w;
		memcpy(&w, ip->data + 4 * i, 4);
		uint32_t off = (uint32_t)(ip->addr + 4 * i + (int64_t)w - 0x400000);
		buf_add(&u, &off, 4);
		buf_add(&u, un->data + 8 * i, 8);
	}
	for (uint64_t k = 0; k < 64; k++) {	/* {x29, x30} records, 16 bytes apart from 0x100 */
		uint64_t fp = k >= 16 && k < 60 && !(k & 1) ? 0xa000000000000000ull | (8 * k + 16) : 0;
		uint64_t ra = 0xb000000000000000ull | (0x14 + 0x40 * (k % 7));
		buf_add(&u, k & 1 ? &ra : &fp, 8);
	}
	put("unwind", f->path, "chain", u.p, u.n, NULL, 0);
	free(b.p);
	free(u.p);
}

/* ORC: the three sections as one container (ip | unwind | header), or the blob. */
static void orc_seeds(struct elf_file *f)
{
	struct section *ip = elf_find_section(f, ".orc_unwind_ip");
	struct section *un = elf_find_section(f, ".orc_unwind");
	struct section *hd = elf_find_section(f, ".orc_header");
	struct section *blob = elf_find_section(f, ORC_FILE_SECTION);

	if (ip && un && hd && un->data && hd->data && ip->data) {
		struct buf b = { 0 };
		buf_add(&b, un->data, un->size);
		buf_add(&b, hd->data, hd->size);
		section_seed(f, "orc", ip, 0, (uint32_t)ip->size, b.p, b.n);
		if (f->e_type != ET_REL)
			orc_raw_seeds(f, ip, un);
		free(b.p);
	}
	if (blob && blob->data) {
		uint8_t pre[9] = { 0 };
		section_seed(f, "orc", blob, 1, 0, NULL, 0);
		put("orc_lookup", f->path, "blob", pre, sizeof(pre), blob->data, blob->size);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: seedgen OUTDIR FILE...\n");
		return 2;
	}
	outdir = argv[1];
	mkdir(outdir, 0755);
	for (int i = 2; i < argc; i++) {
		struct elf_file *f = elf_open(argv[i], false);
		if (!f)
			continue;
		if (f->e_type == ET_REL)
			check_rel(f);
		else
			check_exec(f);
		section_seed(f, "dwarf", elf_find_section(f, ".eh_frame"), 0, 0, NULL, 0);
		section_seed(f, "dwarf", elf_find_section(f, ".debug_frame"), 1, 0, NULL, 0);
		section_seed(f, "sframe", elf_find_section(f, ".sframe"), 0, 0, NULL, 0);
		orc_seeds(f);
		elf_close(f);
	}
	printf("seedgen: %u seeds in %s\n", nr_written, outdir);
	return 0;
}
