// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the ELF layer (tool/elf.c) on whole files.  The input is an
 * ELF file (seeds: objects, executables and shared libraries from GCC and
 * Clang).  elf_open() must either accept it or fail with one line naming the
 * file; an accepted file is walked completely (every section's bytes, every
 * symbol's name, every relocation) and every lookup is run over it, so that
 * ASan sees any pointer the layer hands out that does not lie inside the
 * file.  Then the file is opened for writing, a section is added (with a
 * relocation against the first text section of an object) and written back
 * atomically: the result must open again and carry the section, and the
 * directory must hold no temporary file.
 */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_file.h"
#include "fuzz.h"

static volatile uint64_t sink;

static void check_symbol(struct elf_file *f, const struct symbol *sym)
{
	sink += strlen(sym->name);
	if (sym->sec && (sym->sec < f->sections || sym->sec >= f->sections + f->nr_sections))
		fz_bug("symbol %s: section pointer outside the section array", sym->name);
	if (sym->alias && !(sym->alias >= f->symbols && sym->alias < f->symbols + f->nr_symbols))
		fz_bug("symbol %s: alias outside the symbol array", sym->name);
}

static void walk_section(struct elf_file *f, struct section *s)
{
	uint64_t base = f->e_type == ET_REL ? 0 : s->addr, step;

	sink += strlen(s->name);
	if (s->data)
		for (uint64_t i = 0; i < s->size; i += 61)
			sink += s->data[i] + s->data[s->size - 1];
	for (size_t i = 0; i < s->nr_relocs; i++) {
		const struct reloc *r = &s->relocs[i];
		if (r->sec != s || r->offset < base || r->offset - base > s->size)
			fz_bug("section %s: relocation %zu at 0x%llx outside the section", s->name, i,
			       (unsigned long long)r->offset);
		if (r->sym)
			check_symbol(f, r->sym);
		if (elf_find_reloc(s, r->offset, 1) == NULL)
			fz_bug("section %s: relocation at 0x%llx not found", s->name,
			       (unsigned long long)r->offset);
	}
	for (size_t i = 0; i < s->nr_syms; i++) {
		struct symbol *sym = s->syms_by_addr[i];
		check_symbol(f, sym);
		if (elf_find_symbol_at(s, sym->value) == NULL)
			fz_bug("section %s: symbol %s not found at its value", s->name, sym->name);
	}
	for (size_t i = 0; i < s->nr_maps; i++)
		sink += s->maps[i].kind;
	if (!s->text)
		return;
	/* every word of small sections, a sample of large ones */
	step = s->size / 4 > 4096 ? (s->size / 4096 + 3) & ~3ull : 4;
	for (uint64_t off = 0; off < s->size + 8; off += step) {
		struct symbol *sym = elf_find_func_containing(s, base + off);
		if (sym)
			check_symbol(f, sym);
		sink += elf_is_data(s, base + off);
		sink += elf_find_reloc(s, base + off, step) != NULL;
	}
	sink += elf_find_func_containing(s, UINT64_MAX) != NULL;
	sink += elf_find_reloc(s, UINT64_MAX - 2, 16) != NULL;
}

static void walk(struct elf_file *f)
{
	struct section *s;
	struct symbol *sym;

	for_each_sec(f, s) {
		walk_section(f, s);
		if (s->flags & SHF_ALLOC) {
			struct section *at = elf_section_at_addr(f, s->addr);
			if (at)
				sink += at->idx;
			sink += elf_section_at_addr(f, s->addr + s->size) != NULL;
		}
		if (s->rela && (s->rela < f->sections || s->rela >= f->sections + f->nr_sections))
			fz_bug("section %s: rela pointer outside the section array", s->name);
	}
	for_each_sym(f, sym)
		check_symbol(f, sym);
	sink += elf_find_section(f, ".text") != NULL;
	sink += elf_section_at_addr(f, UINT64_MAX) != NULL;
}

static void no_temporaries(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		fz_bug("cannot list %s", dir);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, keep))
			fz_bug("elf_write left %s/%s behind", dir, de->d_name);
	closedir(d);
}

/* Add a section and write the file back; it must open again with the section. */
static void write_back(const uint8_t *data, size_t size)
{
	static const uint8_t payload[16] = "fpv fuzz payload";
	char path[128];
	struct elf_file *f, *g;
	struct section *s, *text = NULL;
	struct new_reloc r = { 0, R_AARCH64_PREL32, NULL, 0 };
	int fd, rc;

	snprintf(path, sizeof(path), "%s/in.o", fz_tmpdir());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) < 0)
		fz_bug("cannot write %s", path);
	fz_capture_begin();
	f = elf_open(path, true);
	fz_capture_end(path, !f, false);
	if (!f)
		return;
	for_each_sec(f, s)
		if (s->text && s->size >= 4 && !text)
			text = s;
	r.target_sec = text;
	fz_capture_begin();
	rc = elf_add_section(f, ".fpv_fuzz", SHT_PROGBITS, 0, 8, payload, sizeof(payload),
			     f->e_type == ET_REL && text ? &r : NULL, f->e_type == ET_REL && text);
	if (rc == 0)
		rc = elf_write(f);
	fz_capture_end(path, rc < 0, false);
	elf_close(f);
	no_temporaries(fz_tmpdir(), "in.o");
	if (rc < 0)
		return;
	fz_capture_begin();
	g = elf_open(path, false);
	fz_capture_end(path, !g, false);
	if (!g)
		fz_bug("elf_write produced a file elf_open rejects (input accepted before)");
	s = elf_find_section(g, ".fpv_fuzz");
	if (!s || s->size != sizeof(payload) || !s->data || memcmp(s->data, payload, sizeof(payload)))
		fz_bug("elf_write lost the added section");
	walk(g);
	elf_close(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_file(data, size);
	struct elf_file *f;

	fz_capture_begin();
	f = elf_open(path, false);
	fz_capture_end(path, !f, false);
	if (!f)
		return 0;
	walk(f);
	elf_close(f);
	write_back(data, size);
	return 0;
}
