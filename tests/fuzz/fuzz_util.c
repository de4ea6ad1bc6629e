// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Support for the fuzz targets and seedgen (see fuzz.h): the input
 * container, a minimal AArch64 ELF64 writer (ET_REL with RELA sections and
 * section symbols, or ET_EXEC with one PT_LOAD), the memfd the ELF layer
 * opens, and the stderr oracle for the one-line error contract.  Nothing in
 * here knows fpv's internals: it writes files the way an assembler or a
 * linker would, so the tool is fuzzed through its real entry points
 * (fz_open: the ELF layer; fz_orc_tables: the ORC reader and printer).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_file.h"
#include "fuzz.h"
#include "orc.h"

bool fz_parse(const uint8_t *buf, size_t len, struct fz_in *in)
{
	if (len < sizeof(in->h))
		return false;
	memcpy(&in->h, buf, sizeof(in->h));
	in->nrel = in->h.nrel;
	if ((len - sizeof(in->h)) / sizeof(struct fz_rel) < in->nrel)
		return false;
	in->rel = (const struct fz_rel *)(buf + sizeof(in->h));
	in->data = buf + sizeof(in->h) + in->nrel * sizeof(struct fz_rel);
	in->size = len - sizeof(in->h) - in->nrel * sizeof(struct fz_rel);
	return true;
}

struct fz_rel fz_rel_at(const struct fz_in *in, size_t i)
{
	struct fz_rel r;

	memcpy(&r, (const uint8_t *)in->rel + i * sizeof(r), sizeof(r));
	return r;
}

uint32_t fz_rel_type(uint8_t sel)
{
	static const uint32_t types[FZ_R_RAW] = {
		R_AARCH64_PREL32, R_AARCH64_ABS64, R_AARCH64_ABS32, R_AARCH64_PREL64,
		R_AARCH64_NONE, R_AARCH64_CALL26, R_AARCH64_JUMP26,
		R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_ADD_ABS_LO12_NC,
	};

	return sel < FZ_R_RAW ? types[sel] : 256u + (sel - FZ_R_RAW);
}

/* Two functions as GCC and Clang shape them (PAC, frame record, no-FP leaf). */
static const uint32_t text_pattern[16] = {
	0xd503233f, 0xa9be7bfd, 0x910003fd, 0xf9000bf3,	/* paciasp; stp; mov x29; str x19 */
	0x97fffffc, 0xb4000040, 0xf9400bf3, 0xa8c27bfd,	/* bl; cbz; ldr x19; ldp */
	0xd50323bf, 0xd65f03c0, 0xd10043ff, 0xf90007fe,	/* autiasp; ret; sub sp; str x30 */
	0x97fffff4, 0xf94007fe, 0x910043ff, 0x17fffff1,	/* bl; ldr x30; add sp; b */
};

void fz_text_pattern(uint8_t *out, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i += 4)
		memcpy(out + i, &text_pattern[(i / 4) % 16], 4);
}

/* ---- the ELF writer ---- */

#define MAX_SHDR (2 * FZ_MAX_SECS + 8)
#define MAX_SYMS (FZ_MAX_SECS + FZ_MAX_FUNCS + 8)

struct builder {
	const struct fz_elf *e;
	Elf64_Shdr sh[MAX_SHDR];
	const void *sh_data[MAX_SHDR];
	void *owned[MAX_SHDR];
	unsigned nsh;
	char shstr[512];
	size_t shstr_len;
	char str[2048];
	size_t str_len;
	Elf64_Sym syms[MAX_SYMS];
	unsigned nsyms, first_global;
	unsigned secsym[MAX_SHDR];	/* symbol index of each section's STT_SECTION symbol */
	unsigned funcsym[FZ_MAX_FUNCS];
	unsigned ext, noret, data2;
	unsigned text, sec_idx[FZ_MAX_SECS];
};

static unsigned add_name(char *tab, size_t *len, size_t cap, const char *name)
{
	size_t n = strlen(name) + 1, at = *len;

	if (at + n > cap)
		return 0;
	memcpy(tab + at, name, n);
	*len += n;
	return (unsigned)at;
}

static unsigned add_shdr(struct builder *b, const char *name, uint32_t type, uint64_t flags,
			 uint64_t addr, uint64_t align, const void *data, size_t size)
{
	unsigned i = b->nsh++;

	b->sh[i] = (Elf64_Shdr){ .sh_name = add_name(b->shstr, &b->shstr_len, sizeof(b->shstr), name),
		.sh_type = type, .sh_flags = flags, .sh_addr = addr, .sh_size = size,
		.sh_addralign = align };
	b->sh_data[i] = data;
	return i;
}

static unsigned add_sym(struct builder *b, const char *name, unsigned char info, unsigned shndx,
			uint64_t value, uint64_t size)
{
	unsigned i = b->nsyms++;

	b->syms[i] = (Elf64_Sym){ .st_name = name ? add_name(b->str, &b->str_len, sizeof(b->str), name) : 0,
		.st_info = info, .st_shndx = shndx, .st_value = value, .st_size = size };
	return i;
}

/* Symbols: null, section symbols, f0..fN, $x/$d (locals), then ext/abort/data2 (globals). */
static void build_symbols(struct builder *b)
{
	const struct fz_elf *e = b->e;
	uint64_t base = e->exec ? e->text_addr : 0, fsize;
	unsigned n = e->nr_funcs ? e->nr_funcs : 1;

	if (n > FZ_MAX_FUNCS)
		n = FZ_MAX_FUNCS;
	fsize = (e->text_size / n) & ~3ull;
	add_sym(b, NULL, 0, SHN_UNDEF, 0, 0);
	for (unsigned i = 1; i < b->nsh; i++)
		b->secsym[i] = add_sym(b, NULL, ELF64_ST_INFO(STB_LOCAL, STT_SECTION), i,
				       e->exec ? b->sh[i].sh_addr : 0, 0);
	add_sym(b, "$x", ELF64_ST_INFO(STB_LOCAL, STT_NOTYPE), b->text, base, 0);
	if (e->data_map && fsize >= 8) {
		add_sym(b, "$d", ELF64_ST_INFO(STB_LOCAL, STT_NOTYPE), b->text, base + fsize / 2, 0);
		add_sym(b, "$x", ELF64_ST_INFO(STB_LOCAL, STT_NOTYPE), b->text, base + fsize / 2 + 4, 0);
	}
	b->first_global = b->nsyms;
	for (unsigned i = 0; i < n; i++) {
		char name[16];
		uint64_t size = i == n - 1 ? e->text_size - i * fsize : fsize;
		snprintf(name, sizeof(name), "f%u", i);
		b->funcsym[i] = add_sym(b, name, ELF64_ST_INFO(STB_GLOBAL, e->labels ? STT_NOTYPE : STT_FUNC),
					b->text, base + i * fsize, e->labels ? 0 : size);
	}
	for (unsigned i = n; i < FZ_MAX_FUNCS; i++)
		b->funcsym[i] = b->funcsym[i % n];
	b->ext = add_sym(b, "ext", ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), SHN_UNDEF, 0, 0);
	b->noret = add_sym(b, "abort", ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), SHN_UNDEF, 0, 0);
	unsigned d = e->nr_secs ? b->sec_idx[0] : b->text;
	b->data2 = add_sym(b, "fz_data", ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), d,
			   e->exec ? b->sh[d].sh_addr : 0, 0);
}

static unsigned rel_symbol(const struct builder *b, uint8_t sel, unsigned self)
{
	switch (sel & 7) {
	case FZ_S_TEXT: return b->secsym[b->text];
	case FZ_S_SELF: return b->secsym[self];
	case FZ_S_FUNC: return b->funcsym[(sel >> 3) % FZ_MAX_FUNCS];
	case FZ_S_EXTERN: return b->ext;
	case FZ_S_NULL: return 0;
	case FZ_S_NORETURN: return b->noret;
	default: return b->data2;
	}
}

/*
 * RELA entries of the container for the section at image index target:
 * with text_relocs, even fz_rel.target values relocate .text and odd ones
 * the first fz_sec with relocs; without, all go to that fz_sec.
 */
static void *build_rela(struct builder *b, unsigned target, bool is_text, size_t *size)
{
	const struct fz_in *in = b->e->in;
	Elf64_Rela *r = calloc(in->nrel ? in->nrel : 1, sizeof(*r));
	size_t n = 0;

	if (!r)
		return NULL;
	for (size_t i = 0; i < in->nrel; i++) {
		struct fz_rel fr = fz_rel_at(in, i);
		if (b->e->text_relocs && (fr.target % 2 == 0) != is_text)
			continue;
		r[n].r_offset = fr.off + (b->e->exec ? b->sh[target].sh_addr : 0);
		r[n].r_info = ELF64_R_INFO(rel_symbol(b, fr.sym, target), fz_rel_type(fr.type));
		r[n].r_addend = fr.addend;
		n++;
	}
	*size = n * sizeof(*r);
	return r;
}

static void add_rela(struct builder *b, unsigned target, bool is_text)
{
	char name[64];
	size_t size;
	void *data = build_rela(b, target, is_text, &size);

	if (!data)
		return;
	snprintf(name, sizeof(name), ".rela%s", b->shstr + b->sh[target].sh_name);
	unsigned i = add_shdr(b, name, SHT_RELA, SHF_INFO_LINK, 0, 8, data, size);
	b->owned[i] = data;
	b->sh[i].sh_entsize = sizeof(Elf64_Rela);
	b->sh[i].sh_info = target;
}

static void add_relas(struct builder *b)
{
	bool done = false;

	if (!b->e->in)
		return;
	if (b->e->text_relocs)
		add_rela(b, b->text, true);
	for (unsigned k = 0; k < b->e->nr_secs && !done; k++)
		if (b->e->secs[k].relocs) {
			add_rela(b, b->sec_idx[k], false);
			done = true;
		}
}

/* Lay the sections out after the ELF and program headers; return the image. */
static uint8_t *layout(struct builder *b, size_t *size)
{
	size_t off = sizeof(Elf64_Ehdr) + (b->e->exec ? sizeof(Elf64_Phdr) : 0);
	uint8_t *img;

	for (unsigned i = 1; i < b->nsh; i++) {
		size_t al = b->sh[i].sh_addralign > 1 && b->sh[i].sh_addralign <= 64 ? b->sh[i].sh_addralign : 1;
		off = (off + al - 1) & ~(al - 1);
		b->sh[i].sh_offset = off;
		if (b->sh[i].sh_type != SHT_NOBITS)
			off += b->sh[i].sh_size;
	}
	off = (off + 7) & ~7ul;
	*size = off + b->nsh * sizeof(Elf64_Shdr);
	img = calloc(1, *size);
	if (!img)
		return NULL;
	for (unsigned i = 1; i < b->nsh; i++)
		if (b->sh[i].sh_type != SHT_NOBITS && b->sh[i].sh_size && b->sh_data[i])
			memcpy(img + b->sh[i].sh_offset, b->sh_data[i], b->sh[i].sh_size);
	memcpy(img + off, b->sh, b->nsh * sizeof(Elf64_Shdr));

	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = b->e->exec ? ET_EXEC : ET_REL;
	eh->e_machine = EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_shoff = off;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = b->nsh;
	eh->e_shstrndx = b->nsh - 1;
	if (b->e->exec) {
		Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));
		eh->e_phoff = sizeof(*eh);
		eh->e_phentsize = sizeof(*ph);
		eh->e_phnum = 1;
		eh->e_entry = b->e->text_addr;
		ph->p_type = PT_LOAD;
		ph->p_flags = PF_R | PF_X;
		ph->p_offset = b->sh[b->text].sh_offset;
		ph->p_vaddr = ph->p_paddr = b->e->text_addr;
		ph->p_filesz = ph->p_memsz = b->e->text_size;
		ph->p_align = 4;
	}
	return img;
}

void fz_elf_init(struct fz_elf *e, const struct fz_in *in)
{
	e->exec = in->h.flags & FZ_EXEC;
	e->text_size = 4 * (size_t)(in->h.text_words ? in->h.text_words : 64);
	if (e->text_size > 64 * 1024)
		e->text_size = 64 * 1024;
	e->text_addr = in->h.text_addr & ~3u;
	e->nr_funcs = (unsigned)(e->text_size / 64 > FZ_MAX_FUNCS ? FZ_MAX_FUNCS : e->text_size / 64 + 1);
	e->in = in;
}

uint8_t *fz_build(const struct fz_elf *e, size_t *size)
{
	struct builder *b = calloc(1, sizeof(*b));
	uint8_t *text = NULL, *img = NULL;
	unsigned symtab, strtab;

	if (!b)
		return NULL;
	b->e = e;
	b->shstr_len = b->str_len = 1;
	b->nsh = 1;
	if (!e->text) {
		text = malloc(e->text_size ? e->text_size : 1);
		if (!text)
			goto out;
		fz_text_pattern(text, e->text_size);
	}
	b->text = add_shdr(b, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, e->exec ? e->text_addr : 0,
			   4, e->text ? e->text : text, e->text_size);
	for (unsigned k = 0; k < e->nr_secs && k < FZ_MAX_SECS; k++) {
		const struct fz_sec *s = &e->secs[k];
		b->sec_idx[k] = add_shdr(b, s->name, s->type, s->flags, e->exec ? s->addr : 0,
					 s->align ? s->align : 1, s->data, s->size);
	}
	build_symbols(b);
	add_relas(b);
	symtab = add_shdr(b, ".symtab", SHT_SYMTAB, 0, 0, 8, b->syms, b->nsyms * sizeof(Elf64_Sym));
	strtab = add_shdr(b, ".strtab", SHT_STRTAB, 0, 0, 1, b->str, b->str_len);
	b->sh[symtab].sh_entsize = sizeof(Elf64_Sym);
	b->sh[symtab].sh_link = strtab;
	b->sh[symtab].sh_info = b->first_global;
	for (unsigned i = 1; i < b->nsh; i++)
		if (b->sh[i].sh_type == SHT_RELA)
			b->sh[i].sh_link = symtab;
	/* the name table's own name must be in it before its size is taken */
	unsigned shstrtab = add_shdr(b, ".shstrtab", SHT_STRTAB, 0, 0, 1, b->shstr, 0);
	b->sh[shstrtab].sh_size = b->shstr_len;
	img = layout(b, size);
out:
	for (unsigned i = 0; i < b->nsh; i++)
		free(b->owned[i]);
	free(text);
	free(b);
	return img;
}

/* ---- files ---- */

const char *fz_file(const void *img, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-input", MFD_CLOEXEC);
		if (fd < 0)
			fz_bug("memfd_create failed");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size && pwrite(fd, img, size, 0) != (ssize_t)size))
		fz_bug("cannot write the memfd");
	/* FUZZ_SAVE=FILE: keep the last built image, to run fpv on a reproducer */
	const char *save = getenv("FUZZ_SAVE");
	if (save) {
		FILE *f = fopen(save, "wb");
		if (!f || fwrite(img, 1, size, f) != size || fclose(f))
			fz_bug("cannot write %s", save);
	}
	return path;
}

static char tmpdir[64];

/* At exit: the directory holds at most the target's one file. */
static void fz_tmpdir_remove(void)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/in.o", tmpdir);
	unlink(path);
	rmdir(tmpdir);
}

const char *fz_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(tmpdir, sizeof(tmpdir), "%s/fpv-fuzz-%d", base, (int)getpid());
		if (mkdir(tmpdir, 0700) < 0)
			fz_bug("cannot create %s", tmpdir);
		atexit(fz_tmpdir_remove);
	}
	return tmpdir;
}

/* ---- the stderr oracle ---- */

static FILE *real_stderr;
static char *cap_buf;
static size_t cap_len;

void fz_capture_begin(void)
{
	if (!real_stderr)
		real_stderr = stderr;
	stderr = open_memstream(&cap_buf, &cap_len);
	if (!stderr) {
		stderr = real_stderr;
		fz_bug("open_memstream failed");
	}
}

/*
 * Lines "fpv: PATH: ..." are errors, "PATH: warning: ..." findings (allowed
 * beside an error); anything else on a failure breaks the contract.
 */
void fz_capture_end(const char *path, bool failed, bool allow_extra)
{
	char prefix[128], warn[128];
	size_t errs = 0, other = 0, plen, wlen;

	fclose(stderr);
	stderr = real_stderr;
	snprintf(prefix, sizeof(prefix), "fpv: %s: ", path);
	snprintf(warn, sizeof(warn), "%s: warning: ", path);
	plen = strlen(prefix);
	wlen = strlen(warn);
	for (char *p = cap_buf; p && *p;) {
		char *nl = strchr(p, '\n');
		if (!strncmp(p, prefix, plen))
			errs++;
		else if (strncmp(p, warn, wlen))
			other++;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (failed && (errs == 0 || other || (!allow_extra && errs != 1)))
		fz_bug("error contract: a failure printed %zu error lines naming the file and %zu other lines, want %s:\n%s",
		       errs, other, allow_extra ? "at least one, no other" : "exactly one, no other",
		       cap_buf ? cap_buf : "");
	free(cap_buf);
	cap_buf = NULL;
	cap_len = 0;
}

void fz_bug(const char *fmt, ...)
{
	va_list ap;
	FILE *out = real_stderr ? real_stderr : stderr;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	fflush(out);
	abort();
}

struct elf_file *fz_open(const struct fz_elf *e, const char **path)
{
	struct elf_file *elf;
	uint8_t *img;
	size_t size;

	img = fz_build(e, &size);
	if (!img)
		return NULL;
	*path = fz_file(img, size);
	free(img);
	fz_capture_begin();
	elf = elf_open(*path, false);
	fz_capture_end(*path, !elf, false);
	return elf;
}

int fz_orc_tables(struct elf_file *elf, FILE *out)
{
	struct orc_list l = { 0 };
	int rc, ret;

	fz_capture_begin();
	ret = rc = orc_read(elf, &l);
	fz_capture_end(elf->path, rc < 0, false);
	for (size_t i = 1; rc > 0 && i < l.nr; i++)
		if (l.recs[i].pc < l.recs[i - 1].pc)
			fz_bug("orc_read: records not sorted at %zu", i);
	if (rc > 0) {
		orc_print(out, elf, &l);
		fz_capture_begin();
		rc = orc_expand(out, elf, &l);
		fz_capture_end(elf->path, rc < 0, false);
	}
	orc_list_free(&l);
	return ret;
}
