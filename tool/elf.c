// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ELF layer, the only user of libelf (and of libdw's CFI entry reader,
 * for function starts in stripped files).  elf_open() reads the whole file,
 * checks every header, section, segment, string, symbol and relocation
 * against the file's bounds before anything else looks at them, and builds
 * per-section indexes: symbols sorted by address with a running maximum of
 * their end (so "which function contains this address" is a binary search
 * plus a short backward scan, even on a whole vmlinux), $x/$d mapping symbols
 * and relocations sorted by offset.  A validation failure prints one line
 * "fpv: FILE: problem" and elf_open() returns NULL; after a successful open
 * the rest of fpv trusts the structures.
 *
 * Writing (elf_add_section + elf_write) records new sections in memory and
 * commits them atomically: the original bytes are copied into a temporary
 * file in the same directory, libelf edits that copy (new sections, section
 * symbols inserted among the locals, the section-name table), and the copy is
 * fsync'ed and renamed over the original.  Any failure unlinks the copy and
 * leaves the original untouched.  The model is objtool's elf.c.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "arch.h"
#include "eh_frame.h"
#include "elf_file.h"
#include "error.h"
#include "grow.h"
#include "search.h"

/* A section added by elf_add_section(), written by elf_write(). */
struct new_sec {
	char *name;
	uint32_t type;
	uint64_t flags, align;
	void *data;
	size_t size;
	struct new_reloc *relocs;
	size_t nr_relocs;
	bool comdat;			/* alone in a COMDAT group named after it */
};

/* The private side of struct elf_file. */
/* Notes of parts left out while opening a file: a compressed .debug_frame, Go's table. */
#define ELF_MAX_NOTES	2

struct elf_priv {
	struct elf_file f;
	Elf *elf;
	uint8_t *image;			/* the whole file */
	size_t image_size;
	bool image_mapped;		/* image is a private mapping, else malloc'ed */
	mode_t mode;
	uid_t uid;
	gid_t gid;
	bool writable;
	bool empty_rel_ok;		/* ELF_OPEN_EMPTY_REL */
	unsigned symtab_idx, dynsym_idx;	/* section indexes, 0 if absent */
	struct symbol *symtab_syms, *dynsym_syms;	/* slices of f.symbols */
	size_t nr_symtab, nr_dynsym;
	size_t cap_symbols;
	uint64_t **maxend;		/* per section: running max end over syms_by_addr */
	struct section **by_addr;	/* allocated sections with size, sorted by addr */
	size_t nr_by_addr;
	char *synth_names;
	struct new_sec *new_secs;
	size_t nr_new;
	const struct reloc **dyn_by_addr;	/* f.dyn_relocs sorted by offset, built on
						 * the first elf_find_dyn_reloc() */
	struct section *ext_secs;	/* elf_attach_section(): tables kept beside the file */
	size_t nr_ext;
	char notes[ELF_MAX_NOTES][256];	/* parts left out (defer_note()), printed once
					 * the file opened: a file that fails prints its
					 * one error line only */
	unsigned nr_notes;
	uint8_t *inflated;		/* the decompressed .debug_frame (its section's data) */
};

#define priv(file) ((struct elf_priv *)(file))

/* A note for after the open: a part of the file left out, the rest read. */
static void __attribute__((format(printf, 2, 3)))
defer_note(struct elf_priv *p, const char *fmt, ...)
{
	va_list ap;

	if (p->nr_notes == ELF_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(p->notes[p->nr_notes++], sizeof(p->notes[0]), fmt, ap);
	va_end(ap);
}

/* Whether [off, off+len) lies inside [0, size), without overflow. */
static bool in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* A string from a validated (NUL-terminated) string table, or NULL. */
static const char *str_at(const struct section *strtab, uint64_t off)
{
	if (!strtab->data || off >= strtab->size)
		return NULL;
	return (const char *)strtab->data + off;
}

/* ---- reading the file and the ELF header ---- */

static int read_image(struct elf_priv *p)
{
	struct stat st;
	int fd = open(p->f.path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fpv_error(p->f.path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		int err = errno;
		close(fd);
		return fpv_error(p->f.path, "%s", strerror(err));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fpv_error(p->f.path, "not a regular file");
	}
	p->mode = st.st_mode & 07777;
	p->uid = st.st_uid;
	p->gid = st.st_gid;
	p->image_size = st.st_size;
	/*
	 * Map the file rather than read it: a vmlinux with debug info is
	 * 300-400 MB, of which the analysis touches the code, the symbols and
	 * the CFI (a tenth), so only those pages are read and resident.
	 * Private and writable, so that nothing done to the image reaches the
	 * file; fpv writes only through a new file renamed over the old one
	 * (elf_write), which leaves this mapping's inode unchanged.
	 */
	if (p->image_size) {
		void *m = mmap(NULL, p->image_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

		if (m != MAP_FAILED) {
			p->image = m;
			p->image_mapped = true;
			close(fd);
			p->f.fd = -1;
			return 0;
		}
	}
	p->image = malloc(p->image_size ? p->image_size : 1);
	if (!p->image) {
		close(fd);
		return fpv_error(p->f.path, "out of memory reading %zu bytes", p->image_size);
	}
	for (size_t done = 0; done < p->image_size;) {
		ssize_t n = pread(fd, p->image + done, p->image_size - done, done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = errno;
			close(fd);
			return fpv_error(p->f.path, "read failed: %s", n < 0 ? strerror(err) : "file shrank while reading");
		}
		done += n;
	}
	close(fd);
	p->f.fd = -1;
	return 0;
}

static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_X86_64:	return "x86-64";
	case EM_386:	return "i386";
	case EM_ARM:	return "32-bit ARM";
	case EM_RISCV:	return "RISC-V";
	case EM_PPC64:	return "PowerPC64";
	case EM_S390:	return "s390";
	default:	return NULL;
	}
}

/* The identification bytes and the raw ELF header, before libelf sees them. */
static int check_ident(struct elf_priv *p)
{
	const uint8_t *id = p->image;
	size_t size = p->image_size;
	unsigned machine;

	if (size < SELFMAG || memcmp(id, ELFMAG, SELFMAG))
		return fpv_error(p->f.path, "not an ELF file");
	if (size < 20)
		return fpv_error(p->f.path, "truncated ELF header (%zu bytes)", size);
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
		return fpv_error(p->f.path, "invalid ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB)
		return fpv_error(p->f.path, "invalid ELF data encoding %u", id[EI_DATA]);
	machine = id[EI_DATA] == ELFDATA2LSB ? id[18] | id[19] << 8 : id[19] | id[18] << 8;
	if (machine != EM_AARCH64) {
		const char *name = machine_name(machine);
		if (name)
			return fpv_error(p->f.path, "wrong machine: %s, expected AArch64", name);
		return fpv_error(p->f.path, "wrong machine: e_machine %u, expected AArch64 (%u)", machine, EM_AARCH64);
	}
	if (id[EI_DATA] != ELFDATA2LSB)
		return fpv_error(p->f.path, "big-endian AArch64 is not supported, expected little-endian");
	if (id[EI_CLASS] != ELFCLASS64)
		return fpv_error(p->f.path, "32-bit ELF (ILP32) is not supported, expected ELF64");
	if (size < sizeof(Elf64_Ehdr))
		return fpv_error(p->f.path, "truncated ELF header (%zu bytes, need %zu)", size, sizeof(Elf64_Ehdr));
	return 0;
}

static int check_ehdr(struct elf_priv *p, const Elf64_Ehdr *eh)
{
	uint64_t shnum = eh->e_shnum;

	if (eh->e_type != ET_REL && eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return fpv_error(p->f.path, "unsupported ELF type %u (want relocatable, executable or shared object)",
			    eh->e_type);
	if (eh->e_phnum && eh->e_phentsize != sizeof(Elf64_Phdr))
		return fpv_error(p->f.path, "bad program header entry size %u", eh->e_phentsize);
	if (eh->e_phnum && !in_bounds(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr),
				      p->image_size))
		return fpv_error(p->f.path, "program headers (offset 0x%lx, %u entries) past the end of the file",
			    eh->e_phoff, eh->e_phnum);
	if (!eh->e_shoff)
		return 0;
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return fpv_error(p->f.path, "bad section header entry size %u", eh->e_shentsize);
	if (!in_bounds(eh->e_shoff, sizeof(Elf64_Shdr), p->image_size))
		return fpv_error(p->f.path, "section header table offset 0x%lx past the end of the file (%zu bytes)",
			    eh->e_shoff, p->image_size);
	if (!shnum) {			/* extended numbering: the count is in section 0 */
		Elf64_Shdr sh0;
		memcpy(&sh0, p->image + eh->e_shoff, sizeof(sh0));
		shnum = sh0.sh_size;
	}
	if (shnum > p->image_size / sizeof(Elf64_Shdr) ||
	    !in_bounds(eh->e_shoff, shnum * sizeof(Elf64_Shdr), p->image_size))
		return fpv_error(p->f.path, "section header table (offset 0x%lx, %lu entries) past the end of the file",
			    eh->e_shoff, shnum);
	return 0;
}

static int open_libelf(struct elf_priv *p)
{
	Elf64_Ehdr eh;

	memcpy(&eh, p->image, sizeof(eh));
	if (check_ehdr(p, &eh) < 0)
		return -1;
	elf_version(EV_CURRENT);
	p->elf = elf_memory((char *)p->image, p->image_size);
	if (!p->elf || elf_kind(p->elf) != ELF_K_ELF)
		return fpv_error(p->f.path, "libelf cannot read the file: %s", elf_errmsg(-1));
	p->f.elf = p->elf;
	p->f.e_type = eh.e_type;
	p->f.entry = eh.e_entry;
	return 0;
}

static int check_segments(struct elf_priv *p)
{
	size_t n;

	if (elf_getphdrnum(p->elf, &n) < 0)
		return fpv_error(p->f.path, "cannot read the program headers: %s", elf_errmsg(-1));
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(p->elf, i, &ph))
			return fpv_error(p->f.path, "segment %zu: %s", i, elf_errmsg(-1));
		if (!in_bounds(ph.p_offset, ph.p_filesz, p->image_size))
			return fpv_error(p->f.path, "segment %zu: offset 0x%lx + size 0x%lx past the end of the file (%zu bytes)",
				    i, ph.p_offset, ph.p_filesz, p->image_size);
	}
	return 0;
}

/* ---- sections ---- */

static int load_section_headers(struct elf_priv *p)
{
	size_t n;

	if (elf_getshdrnum(p->elf, &n) < 0)
		return fpv_error(p->f.path, "cannot read the section headers: %s", elf_errmsg(-1));
	p->f.sections = calloc(n ? n : 1, sizeof(*p->f.sections));
	p->maxend = calloc(n ? n : 1, sizeof(*p->maxend));
	if (!p->f.sections || !p->maxend)
		return fpv_error(p->f.path, "out of memory for %zu sections", n);
	p->f.nr_sections = n;
	for (size_t i = 0; i < n; i++) {
		struct section *s = &p->f.sections[i];
		GElf_Shdr sh;
		if (!gelf_getshdr(elf_getscn(p->elf, i), &sh))
			return fpv_error(p->f.path, "section %zu: %s", i, elf_errmsg(-1));
		if (i == 0)	/* reserved: its fields hold extended counts, not a section */
			sh = (GElf_Shdr){ .sh_type = SHT_NULL };
		*s = (struct section){ .file = &p->f, .idx = i, .type = sh.sh_type,
			.flags = sh.sh_flags, .addr = sh.sh_addr, .size = sh.sh_size,
			.entsize = sh.sh_entsize, .link = sh.sh_link, .info = sh.sh_info,
			.align = sh.sh_addralign };
		if (i && sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL) {
			if (!in_bounds(sh.sh_offset, sh.sh_size, p->image_size))
				return fpv_error(p->f.path, "section %zu: offset 0x%lx + size 0x%lx past the end of the file (%zu bytes)",
					    i, sh.sh_offset, sh.sh_size, p->image_size);
			s->data = p->image + sh.sh_offset;
		}
		s->text = (sh.sh_flags & SHF_EXECINSTR) && sh.sh_type == SHT_PROGBITS;
		/* sh_name is resolved once the name table is known valid. */
		s->name = (const char *)(uintptr_t)sh.sh_name;
	}
	return 0;
}

static int check_string_tables(struct elf_priv *p)
{
	struct section *s;

	for_each_sec(&p->f, s) {
		if (s->type != SHT_STRTAB || !s->size)
			continue;
		if (s->data[s->size - 1] != '\0')
			return fpv_error(p->f.path, "section %u: string table is not NUL-terminated", s->idx);
	}
	return 0;
}

static int name_sections(struct elf_priv *p)
{
	size_t shstrndx;
	struct section *s, *strtab = NULL;

	if (p->f.nr_sections) {
		if (elf_getshdrstrndx(p->elf, &shstrndx) < 0)
			return fpv_error(p->f.path, "no section name table: %s", elf_errmsg(-1));
		if (shstrndx >= p->f.nr_sections || p->f.sections[shstrndx].type != SHT_STRTAB)
			return fpv_error(p->f.path, "section name table index %zu out of range or not a string table",
				    shstrndx);
		strtab = &p->f.sections[shstrndx];
	}
	for_each_sec(&p->f, s) {
		uintptr_t off = (uintptr_t)s->name;
		s->name = s->idx ? str_at(strtab, off) : "";
		if (!s->name)
			return fpv_error(p->f.path, "section %u: name offset 0x%lx outside the section name table",
				    s->idx, (unsigned long)off);
	}
	return 0;
}

/* Entry size of the section types libelf translates as arrays, or 0. */
static size_t table_entry_size(uint32_t type)
{
	switch (type) {
	case SHT_GROUP: case SHT_HASH: case SHT_SYMTAB_SHNDX:
		return 4;
	case SHT_INIT_ARRAY: case SHT_FINI_ARRAY: case SHT_PREINIT_ARRAY:
		return 8;
	case SHT_DYNAMIC:
		return sizeof(Elf64_Dyn);
	case SHT_GNU_versym:
		return 2;
	default:
		return 0;
	}
}

/* Table entry sizes and the sh_link/sh_info fields that name other sections. */
static int check_section_links(struct elf_priv *p)
{
	struct section *s;
	size_t n = p->f.nr_sections;

	for_each_sec(&p->f, s) {
		if (s->link >= n)
			return fpv_error(p->f.path, "section %s: sh_link %u out of range (%zu sections)",
				    s->name, s->link, n);
		if ((s->type == SHT_REL || s->type == SHT_RELA || (s->flags & SHF_INFO_LINK)) &&
		    s->info >= n)
			return fpv_error(p->f.path, "section %s: sh_info %u out of range (%zu sections)",
				    s->name, s->info, n);
		if (s->type == SHT_SYMTAB || s->type == SHT_DYNSYM) {
			if (s->entsize != sizeof(Elf64_Sym) || s->size % sizeof(Elf64_Sym))
				return fpv_error(p->f.path, "symbol table %s: bad entry size %lu or size %lu",
					    s->name, s->entsize, s->size);
			if (p->f.sections[s->link].type != SHT_STRTAB)
				return fpv_error(p->f.path, "symbol table %s: sh_link %u is not a string table",
					    s->name, s->link);
			if (s->info > s->size / sizeof(Elf64_Sym))
				return fpv_error(p->f.path, "symbol table %s: sh_info %u past its %lu symbols",
					    s->name, s->info, s->size / sizeof(Elf64_Sym));
		}
		if (s->type == SHT_RELA && (s->entsize != sizeof(Elf64_Rela) ||
					    s->size % sizeof(Elf64_Rela)))
			return fpv_error(p->f.path, "relocation section %s: bad entry size %lu or size %lu (entries are %zu bytes)",
				    s->name, s->entsize, s->size, sizeof(Elf64_Rela));
		if (s->type == SHT_SYMTAB_SHNDX &&
		    (s->entsize != 4 || p->f.sections[s->link].type != SHT_SYMTAB ||
		     s->size != p->f.sections[s->link].size / sizeof(Elf64_Sym) * 4))
			return fpv_error(p->f.path, "extended section index table %s: bad entry size %lu, size %lu or symbol table %u",
				    s->name, s->entsize, s->size, s->link);
		if (table_entry_size(s->type) && s->size % table_entry_size(s->type))
			return fpv_error(p->f.path, "section %s: size %lu is not a multiple of its %zu-byte entries",
				    s->name, s->size, table_entry_size(s->type));
		if (s->type == SHT_REL && p->f.e_type == ET_REL)
			return fpv_error(p->f.path, "relocation section %s: SHT_REL is not used on AArch64", s->name);
		if (s->type == SHT_SYMTAB && !p->symtab_idx)
			p->symtab_idx = s->idx;
		if (s->type == SHT_DYNSYM && !p->dynsym_idx)
			p->dynsym_idx = s->idx;
	}
	return 0;
}

/* SHT_GROUP: a flag word, then member section indexes; sh_info names the signature symbol. */
static int check_groups(struct elf_priv *p)
{
	struct section *s;

	for_each_sec(&p->f, s) {
		const struct section *st = &p->f.sections[s->link];
		if (s->type != SHT_GROUP)
			continue;
		if (s->size < 4 || s->size % 4 || st->type != SHT_SYMTAB ||
		    s->info >= st->size / sizeof(Elf64_Sym))
			return fpv_error(p->f.path, "section group %s: bad size %lu, symbol table or signature symbol %u",
				    s->name, s->size, s->info);
		for (uint64_t off = 4; off < s->size; off += 4) {
			uint32_t member;
			memcpy(&member, s->data + off, 4);
			if (!member || member >= p->f.nr_sections)
				return fpv_error(p->f.path, "section group %s: member section index %u out of range",
					    s->name, member);
		}
	}
	return 0;
}

/* The n-byte little-endian value at b (the file is little-endian). */
static uint64_t get_le(const uint8_t *b, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | b[n];
	return v;
}

/* The most a compressed .debug_frame may expand to: 256 MiB. */
#define MAX_DECOMPRESSED	(1ull << 28)

/*
 * A compressed .debug_frame (SHF_COMPRESSED: Go's linker compresses its
 * DWARF, as does ld --compress-debug-sections) is read decompressed: its
 * bytes start with an Elf64_Chdr, then a zlib stream, inflated into a
 * buffer of fpv's own (p->inflated).  The file's image and the section's
 * header stay as they are, so that `fpv orc` writes the section back as it
 * was read.  One that cannot be decompressed is left out with a note, like
 * a file without it; the rest of the file is read.  (GNU's older
 * ".zdebug_frame" is not a name fpv looks for.)
 */
static void decompress_sections(struct elf_priv *p)
{
	struct section *s;

	for_each_sec(&p->f, s) {
		Elf64_Chdr ch;
		uLongf len = 0;
		const char *why = NULL;

		if (!(s->flags & SHF_COMPRESSED) || (s->flags & SHF_ALLOC) || !s->data ||
		    strcmp(s->name, ".debug_frame") || p->inflated)
			continue;
		if (s->size < sizeof(ch)) {
			why = "no compression header";
		} else {
			ch.ch_type = (Elf64_Word)get_le(s->data, 4);
			ch.ch_size = get_le(s->data + 8, 8);
			if (ch.ch_type != ELFCOMPRESS_ZLIB)
				why = "not zlib";
			else if (ch.ch_size > MAX_DECOMPRESSED)
				why = "too large";
			else if (!(p->inflated = malloc(ch.ch_size ? ch.ch_size : 1)))
				why = "out of memory";
		}
		if (!why) {
			len = (uLongf)ch.ch_size;
			if (uncompress(p->inflated, &len, s->data + sizeof(ch),
				       (uLong)(s->size - sizeof(ch))) != Z_OK || len != ch.ch_size)
				why = "a bad zlib stream";
		}
		if (why) {
			defer_note(p, "section %s: cannot decompress it (%s), read without it",
				   s->name, why);
			free(p->inflated);
			p->inflated = NULL;
			s->data = NULL;
			s->size = 0;
			continue;
		}
		s->data = p->inflated;
		s->size = len;
		s->flags &= ~(uint64_t)SHF_COMPRESSED;
	}
}

static int load_sections(struct elf_priv *p)
{
	struct section *s;
	bool any_text = false;

	if (check_segments(p) < 0 || load_section_headers(p) < 0 ||
	    check_string_tables(p) < 0 || name_sections(p) < 0 || check_section_links(p) < 0 ||
	    check_groups(p) < 0)
		return -1;
	decompress_sections(p);
	for_each_sec(&p->f, s) {
		any_text |= s->text && s->size;
		/* Not .modinfo: built-in objects carry it too. */
		if (!strcmp(s->name, ".gnu.linkonce.this_module"))
			p->f.is_module = p->f.e_type == ET_REL;
	}
	if (!any_text && p->empty_rel_ok && p->f.e_type == ET_REL)
		p->f.no_text = true;	/* reported, not refused: the caller decides */
	else if (!any_text)
		return fpv_error(p->f.path, "no executable section (no code to analyze)");
	p->f.stripped = !p->symtab_idx;
	return 0;
}

/* ---- symbols ---- */

/*
 * 'x' or 'd' for a mapping symbol, else 0: $x, $d, the $x.N/$d.N forms of
 * newer GNU as and LLVM, and the same behind a prefix that objcopy
 * --prefix-symbols put before every name (the arm64 kernel's KVM nVHE
 * objects, "__kvm_nvhe_$x", and its EFI stub, "__efistub_$d").
 */
char elf_mapping_kind(const char *name)
{
	const char *d = strrchr(name, '$');

	if (!d || (d != name && d[-1] != '_'))
		return 0;
	for (const char *c = name; c < d; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			return 0;
	if ((d[1] != 'x' && d[1] != 'd') || (d[2] != '\0' && d[2] != '.'))
		return 0;
	return d[1];
}

static bool is_mapping_symbol(const char *name)
{
	return elf_mapping_kind(name) != 0;
}

/* Attach sym to its section, checking that it lies inside it. */
static int place_symbol(struct elf_priv *p, struct symbol *sym, unsigned shndx)
{
	struct section *sec;
	uint64_t lo, hi;

	if (shndx == SHN_UNDEF || shndx == SHN_ABS || shndx == SHN_COMMON)
		return 0;
	if (shndx >= p->f.nr_sections)
		return fpv_error(p->f.path, "symbol %u (%s): section index %u out of range (%zu sections)",
			    sym->idx, sym->name, shndx, p->f.nr_sections);
	sec = &p->f.sections[shndx];
	if (sym->type == STT_TLS) {	/* value is an offset in the TLS block */
		sym->sec = sec;
		return 0;
	}
	lo = p->f.e_type == ET_REL ? 0 : sec->addr;
	hi = lo + sec->size;
	if (sym->value < lo || sym->value > hi) {
		if (p->f.e_type != ET_REL && !sym->size)
			return 0;	/* linker-script symbol between sections: absolute */
		return fpv_error(p->f.path, "symbol %u (%s): value 0x%lx outside section %s",
			    sym->idx, sym->name, sym->value, sec->name);
	}
	if (sym->size > hi - sym->value)
		return fpv_error(p->f.path, "symbol %u (%s): size 0x%lx runs past the end of section %s",
			    sym->idx, sym->name, sym->size, sec->name);
	sym->sec = sec;
	return 0;
}

/* The SHT_SYMTAB_SHNDX section extending symtab idx, or NULL. */
static const struct section *shndx_table(struct elf_priv *p, unsigned idx, size_t nsyms)
{
	struct section *s;

	for_each_sec(&p->f, s)
		if (s->type == SHT_SYMTAB_SHNDX && s->link == idx)
			return s->size / 4 >= nsyms ? s : NULL;
	return NULL;
}

static int load_symbol_table(struct elf_priv *p, unsigned idx, struct symbol *out, uint8_t origin)
{
	struct section *st = &p->f.sections[idx], *strtab = &p->f.sections[st->link];
	size_t n = st->size / sizeof(Elf64_Sym);
	const struct section *xs = shndx_table(p, idx, n);
	Elf_Data *d = elf_getdata(elf_getscn(p->elf, idx), NULL);

	if (!d || d->d_size < n * sizeof(Elf64_Sym))
		return fpv_error(p->f.path, "symbol table %s: %s", st->name, elf_errmsg(-1));
	for (size_t i = 0; i < n; i++) {
		struct symbol *sym = &out[i];
		GElf_Sym s;
		Elf32_Word xndx = 0;
		unsigned shndx;

		if (!gelf_getsym(d, i, &s))
			return fpv_error(p->f.path, "symbol table %s: %s", st->name, elf_errmsg(-1));
		*sym = (struct symbol){ .idx = i, .type = GELF_ST_TYPE(s.st_info),
			.bind = GELF_ST_BIND(s.st_info), .origin = origin,
			.value = s.st_value, .size = s.st_size };
		sym->alias = sym;
		sym->name = str_at(strtab, s.st_name);
		if (!sym->name)
			return fpv_error(p->f.path, "symbol %zu in %s: name offset 0x%x outside %s",
				    i, st->name, s.st_name, strtab->name);
		shndx = s.st_shndx;
		if (shndx == SHN_XINDEX) {
			if (!xs)
				return fpv_error(p->f.path, "symbol %zu (%s): SHN_XINDEX without a valid .symtab_shndx",
					    i, sym->name);
			memcpy(&xndx, xs->data + i * 4, 4);
			shndx = xndx;
		} else if (shndx >= SHN_LORESERVE && shndx != SHN_ABS && shndx != SHN_COMMON) {
			return fpv_error(p->f.path, "symbol %zu (%s): reserved section index 0x%x",
				    i, sym->name, shndx);
		}
		if (place_symbol(p, sym, shndx) < 0)
			return -1;
	}
	return 0;
}

/* ---- .eh_frame: function starts for stripped files ---- */

struct fde_range {
	uint64_t start, end;
};

/* Collect the FDE ranges of .eh_frame in a linked file (*out is malloc'ed). */
static int read_eh_frame(struct elf_priv *p, struct fde_range **out, size_t *nr)
{
	struct section *eh = elf_find_section(&p->f, ".eh_frame");
	struct eh_iter it;
	struct eh_fde fde;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*nr = 0;
	if (p->f.e_type == ET_REL || !eh || !eh->data || !eh->size)
		return 0;
	eh_iter_init(&it, &p->f, eh, NULL, true);
	while ((rc = eh_next(&it, &fde)) > 0) {
		if (!fde.pc.ok || !fde.range || fde.pc.val + fde.range < fde.pc.val)
			continue;
		struct fde_range *n = grow_array(*out, &cap, *nr + 1, sizeof(*n), 256);

		if (!n)
			return fpv_error(p->f.path, "out of memory reading .eh_frame");
		*out = n;
		(*out)[(*nr)++] = (struct fde_range){ fde.pc.val, fde.pc.val + fde.range };
	}
	return rc < 0 ? fpv_error(p->f.path, ".eh_frame: %s", it.err) : 0;
}

/* ---- .gopclntab: the functions of a Go binary ---- */

/*
 * A Go binary lists its functions in .gopclntab (the runtime's pcHeader,
 * runtime/symtab.go).  Go 1.16 and 1.17 (magic 0xfffffffa):
 *   magic u32, pad u8 u8, minLC u8, ptrSize u8, nfunc, nfiles,
 *   funcnameOffset, cuOffset, filetabOffset, pctabOffset, pclnOffset
 * (pointer-sized words); the functab at pclnOffset is nfunc pairs
 * {entry PC, funcoff} of pointer-sized words and one last entry PC (the end
 * of the last function).  Go 1.18 and 1.19 (0xfffffff0) and 1.20 and later
 * (0xfffffff1) put textStart after nfiles, and the functab entries are
 * u32 {entryoff, funcoff} with entry PC = textStart + entryoff.  funcoff
 * is the offset of the function's _func from pclnOffset; its name offset
 * (int32, at 8 in 1.16's _func, 4 later) indexes the NUL-terminated names
 * at funcnameOffset; deferreturn (u32) follows args, at 16 and 12; flag
 * (u8) is at 37 in 1.18's _func and at 41 in 1.20's (after startLine).
 * Every offset is checked against the section.
 */
#define GO_MAGIC_116	0xfffffffau
#define GO_MAGIC_118	0xfffffff0u
#define GO_MAGIC_120	0xfffffff1u

/*
 * A table fpv cannot use is left out, never the file: the cause goes to
 * elf_file.go_why for the coverage lines, read_gopclntab() leaves a note
 * naming the file and the cause (printed once the file opened), and the
 * rest of the file is read.
 */
static int __attribute__((format(printf, 2, 3)))
go_unusable(struct elf_priv *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->f.go_why, sizeof(p->f.go_why), fmt, ap);
	va_end(ap);
	for (char *c = p->f.go_why; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	free(p->f.go_funcs);
	p->f.go_funcs = NULL;
	p->f.nr_go_funcs = 0;
	p->f.go_table = GO_TABLE_BAD;
	return 0;
}

/*
 * The addend of the R_AARCH64_RELATIVE dynamic relocation at addr, which a
 * PIE's loader writes there (the file may hold 0): *v, or false.  The
 * dynamic relocations are read later (load_relocations()); this looks at
 * the allocated SHT_RELA sections directly, for the one word.
 */
static bool relative_addend(struct elf_priv *p, uint64_t addr, uint64_t *v)
{
	struct section *s;

	for_each_sec(&p->f, s) {
		Elf_Data *d;
		size_t n = s->size / sizeof(Elf64_Rela);

		if (s->type != SHT_RELA || !(s->flags & SHF_ALLOC) ||
		    !(d = elf_getdata(elf_getscn(p->elf, s->idx), NULL)))
			continue;
		for (size_t i = 0; i < n && (i + 1) * sizeof(Elf64_Rela) <= d->d_size; i++) {
			GElf_Rela r;

			if (gelf_getrela(d, i, &r) && r.r_offset == addr &&
			    GELF_R_TYPE(r.r_info) == R_AARCH64_RELATIVE) {
				*v = (uint64_t)r.r_addend;
				return true;
			}
		}
	}
	return false;
}

/* Whether addr is inside an executable section. */
static bool in_text(struct elf_priv *p, uint64_t addr)
{
	struct section *sec = elf_section_at_addr(&p->f, addr);

	return sec && sec->text;
}

/*
 * The Go function table at d (size bytes to the end of its section, at
 * address addr) into p->f.go_funcs, and p->f.go_table says what became of
 * it (GO_TABLE_BAD: go_why says why).  -1: out of memory.
 */
static int parse_gopclntab(struct elf_priv *p, const uint8_t *d, uint64_t size, uint64_t addr)
{
	uint64_t nfunc, text = 0, names, pcln, hdr, ent, fieldsz, nameat, need, flagat;
	struct go_func *out;
	uint32_t magic;
	bool old;

	magic = size >= 4 ? (uint32_t)get_le(d, 4) : 0;
	p->f.go_magic = magic;
	if (magic != GO_MAGIC_116 && magic != GO_MAGIC_118 && magic != GO_MAGIC_120) {
		p->f.go_table = GO_TABLE_LAYOUT;
		return 0;
	}
	old = magic == GO_MAGIC_116;
	hdr = old ? 64 : 72;
	if (size < hdr)
		return go_unusable(p, "header truncated (%" PRIu64 " bytes)", size);
	if (d[4] || d[5] || d[6] != 4 || d[7] != 8)
		return go_unusable(p, "header says instruction size %u, pointer size %u, want 4 and 8",
				   d[6], d[7]);
	nfunc = get_le(d + 8, 8);
	if (!old) {
		text = get_le(d + 24, 8);
		if (!in_text(p, text)) {
			uint64_t stored = text;

			if (!relative_addend(p, addr + 24, &text))
				return go_unusable(p, "text start 0x%" PRIx64 " is not in an executable "
						   "section, and no dynamic relocation gives it", stored);
			if (!in_text(p, text))
				return go_unusable(p, "text start 0x%" PRIx64 " (from its dynamic "
						   "relocation) is not in an executable section", text);
		}
	}
	names = get_le(d + (old ? 24 : 32), 8);
	pcln = get_le(d + (old ? 56 : 64), 8);
	fieldsz = old ? 8 : 4;
	nameat = old ? 8 : 4;
	flagat = magic == GO_MAGIC_118 ? 37 : 41;
	need = old ? 20 : flagat + 1;	/* the bytes of _func read */
	/* nfunc pairs and one end entry, all inside the section */
	if (pcln > size || nfunc > (size - pcln) / (2 * fieldsz) ||
	    (nfunc * 2 + 1) * fieldsz > size - pcln)
		return go_unusable(p, "%" PRIu64 " functions at 0x%" PRIx64 " do not fit in the "
				   "section (%" PRIu64 " bytes)", nfunc, pcln, size);
	if (names >= size)
		return go_unusable(p, "function names at 0x%" PRIx64 " outside the section", names);
	if (!nfunc) {
		p->f.go_table = GO_TABLE_READ;
		return 0;
	}
	out = p->f.go_funcs = malloc(nfunc * sizeof(*out));
	if (!out)
		return fpv_oom(p->f.path);
	ent = pcln;
	for (uint64_t i = 0; i < nfunc; i++, ent += 2 * fieldsz) {
		uint64_t start = get_le(d + ent, fieldsz) + text;
		uint64_t funcoff = get_le(d + ent + fieldsz, fieldsz);
		uint64_t end = get_le(d + ent + 2 * fieldsz, fieldsz) + text;
		uint64_t nameoff;
		struct section *sec;

		if (end < start)
			return go_unusable(p, "function %" PRIu64 " ends at 0x%" PRIx64 ", before its "
					   "start 0x%" PRIx64, i, end, start);
		if (end == start)
			continue;
		sec = elf_section_at_addr(&p->f, start);
		if (!sec || !sec->text || end - sec->addr > sec->size)
			return go_unusable(p, "function %" PRIu64 " at 0x%" PRIx64 "-0x%" PRIx64
					   " is not in an executable section", i, start, end);
		if (funcoff > size - pcln || !in_bounds(pcln + funcoff, need, size))
			return go_unusable(p, "function %" PRIu64 ": its record at 0x%" PRIx64
					   " is outside the section", i, funcoff);
		nameoff = (uint32_t)get_le(d + pcln + funcoff + nameat, 4);
		if (nameoff >= size - names || !memchr(d + names + nameoff, 0, size - names - nameoff))
			return go_unusable(p, "function %" PRIu64 ": its name at 0x%" PRIx64
					   " is outside the section", i, nameoff);
		out[p->f.nr_go_funcs++] = (struct go_func){ start, end,
			(const char *)d + names + nameoff,
			(uint32_t)get_le(d + pcln + funcoff + (old ? 16 : 12), 4),
			old ? 0 : d[pcln + funcoff + flagat] };
	}
	p->f.go_table = GO_TABLE_READ;
	return 0;
}

/* Whether the 8 bytes at d start a pcHeader of a layout fpv reads, for AArch64. */
static bool go_header_at(const uint8_t *d)
{
	uint32_t magic = (uint32_t)get_le(d, 4);

	return (magic == GO_MAGIC_116 || magic == GO_MAGIC_118 || magic == GO_MAGIC_120) &&
	       !d[4] && !d[5] && d[6] == 4 && d[7] == 8;
}

/*
 * The function table of a linked Go binary into p->f.go_funcs: .gopclntab,
 * or .data.rel.ro.gopclntab in a PIE, whose textStart the loader fills from
 * a dynamic relocation.  A PIE linked externally (-linkmode=external: GNU
 * ld) has the table inside .data.rel.ro: in a file Go's linker marked
 * (.note.go.buildid, .go.buildinfo), the allocated data is searched for a
 * pcHeader at an 8-byte boundary that passes every check of the table; at
 * most GO_MAX_CANDIDATES of them are tried, so that a file full of such
 * words costs no more than a few passes over its data.
 */
#define GO_MAX_CANDIDATES	8

static int read_gopclntab(struct elf_priv *p)
{
	struct section *gs = elf_find_section(&p->f, ".gopclntab"), *s;
	unsigned tried = 0;

	if (!gs)
		gs = elf_find_section(&p->f, ".data.rel.ro.gopclntab");
	if (gs && p->f.e_type == ET_REL) {
		p->f.go_table = GO_TABLE_UNLINKED;
		return 0;
	}
	if (gs) {
		if (parse_gopclntab(p, gs->data, gs->data ? gs->size : 0, gs->addr) < 0)
			return -1;
		if (p->f.go_table == GO_TABLE_BAD)
			defer_note(p, ".gopclntab: %s; its functions are not read", p->f.go_why);
		return 0;
	}
	if (p->f.e_type == ET_REL || (!elf_find_section(&p->f, ".note.go.buildid") &&
				      !elf_find_section(&p->f, ".go.buildinfo")))
		return 0;
	for_each_sec(&p->f, s) {
		if (s->type != SHT_PROGBITS || !(s->flags & SHF_ALLOC) || s->text || !s->data)
			continue;
		for (uint64_t off = (8 - (s->addr & 7)) & 7; off + 8 <= s->size; off += 8) {
			if (!go_header_at(s->data + off))
				continue;
			if (tried++ == GO_MAX_CANDIDATES)
				goto none;	/* each try reads up to the section's end */
			if (parse_gopclntab(p, s->data + off, s->size - off, s->addr + off) < 0)
				return -1;
			if (p->f.go_table == GO_TABLE_READ && p->f.nr_go_funcs)
				return 0;
			free(p->f.go_funcs);
			p->f.go_funcs = NULL;
			p->f.nr_go_funcs = 0;
		}
	}
none:
	p->f.go_table = GO_TABLE_NOT_FOUND;	/* a candidate that failed is not the table */
	p->f.go_magic = 0;
	p->f.go_why[0] = '\0';
	return 0;
}

/* ---- indexes ---- */

static int sym_rank(const struct symbol *s)
{
	int t = s->type == STT_FUNC || s->type == STT_GNU_IFUNC ? 0 : s->type == STT_NOTYPE ? 1 : 2;
	int b = s->bind == STB_GLOBAL ? 0 : s->bind == STB_WEAK ? 1 : 2;

	return t * 8 + b * 2 + (s->origin != SYM_FROM_SYMTAB);
}

static int cmp_sym(const void *a, const void *b)
{
	const struct symbol *x = *(struct symbol *const *)a, *y = *(struct symbol *const *)b;
	int rx, ry;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	rx = sym_rank(x);
	ry = sym_rank(y);
	if (rx != ry)
		return rx - ry;
	if (x->origin != y->origin)
		return x->origin - y->origin;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_map(const void *a, const void *b)
{
	const struct mapsym *x = a, *y = b;

	return x->value < y->value ? -1 : x->value > y->value;
}

static int cmp_reloc(const void *a, const void *b)
{
	const struct reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int cmp_sec_addr(const void *a, const void *b)
{
	const struct section *x = *(struct section *const *)a, *y = *(struct section *const *)b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Which symbols index by address: real code/data names, not sections, files or $x/$d. */
static bool indexed_symbol(const struct elf_priv *p, const struct symbol *s)
{
	if (!s->sec || !s->name[0] || s->type == STT_SECTION || s->type == STT_FILE ||
	    s->type == STT_TLS)
		return false;
	if (s->origin == SYM_FROM_DYNSYM && !p->f.stripped)
		return false;	/* the same names are in .symtab */
	return !is_mapping_symbol(s->name);
}

static void free_indexes(struct elf_priv *p)
{
	struct section *s;

	for_each_sec(&p->f, s) {
		free(s->syms_by_addr);
		free(s->maps);
		free(p->maxend[s->idx]);
		s->syms_by_addr = NULL;
		s->maps = NULL;
		p->maxend[s->idx] = NULL;
		s->nr_syms = s->nr_maps = 0;
	}
}

static int count_and_alloc(struct elf_priv *p)
{
	struct symbol *sym;
	struct section *s;

	for_each_sym(&p->f, sym) {
		if (indexed_symbol(p, sym))
			sym->sec->nr_syms++;
		else if (sym->sec && sym->origin == SYM_FROM_SYMTAB && is_mapping_symbol(sym->name))
			sym->sec->nr_maps++;
	}
	for_each_sec(&p->f, s) {
		if (s->nr_syms) {
			s->syms_by_addr = malloc(s->nr_syms * sizeof(*s->syms_by_addr));
			p->maxend[s->idx] = malloc(s->nr_syms * sizeof(uint64_t));
			if (!s->syms_by_addr || !p->maxend[s->idx])
				return fpv_error(p->f.path, "out of memory indexing symbols");
		}
		if (s->nr_maps && !(s->maps = malloc(s->nr_maps * sizeof(*s->maps))))
			return fpv_error(p->f.path, "out of memory indexing mapping symbols");
		s->nr_syms = s->nr_maps = 0;
	}
	return 0;
}

static int build_symbol_index(struct elf_priv *p)
{
	struct symbol *sym;
	struct section *s;

	free_indexes(p);
	if (count_and_alloc(p) < 0)
		return -1;
	for_each_sym(&p->f, sym) {
		sym->alias = sym;
		if (indexed_symbol(p, sym))
			sym->sec->syms_by_addr[sym->sec->nr_syms++] = sym;
		else if (sym->sec && sym->origin == SYM_FROM_SYMTAB && is_mapping_symbol(sym->name))
			/* section offsets, as elf_is_data() is asked (symbol values are
			 * addresses in linked files) */
			sym->sec->maps[sym->sec->nr_maps++] = (struct mapsym){
				.value = sym->value - (p->f.e_type == ET_REL ? 0 : sym->sec->addr),
				.kind = elf_mapping_kind(sym->name) == 'd' ? MAP_DATA : MAP_CODE };
	}
	for_each_sec(&p->f, s) {
		uint64_t *me = p->maxend[s->idx], m = 0;
		if (s->nr_syms > 1)
			qsort(s->syms_by_addr, s->nr_syms, sizeof(*s->syms_by_addr), cmp_sym);
		if (s->nr_maps > 1)
			qsort(s->maps, s->nr_maps, sizeof(*s->maps), cmp_map);
		for (size_t i = 0; i < s->nr_syms; i++) {
			struct symbol *y = s->syms_by_addr[i];
			if (i && y->value == s->syms_by_addr[i - 1]->value)
				y->alias = s->syms_by_addr[i - 1]->alias;
			if (y->value + y->size > m)
				m = y->value + y->size;
			me[i] = m;
		}
	}
	return 0;
}

static int build_addr_index(struct elf_priv *p)
{
	struct section *s;

	p->by_addr = malloc((p->f.nr_sections ? p->f.nr_sections : 1) * sizeof(*p->by_addr));
	if (!p->by_addr)
		return fpv_error(p->f.path, "out of memory");
	for_each_sec(&p->f, s)
		if ((s->flags & SHF_ALLOC) && s->size && p->f.e_type != ET_REL)
			p->by_addr[p->nr_by_addr++] = s;
	if (p->nr_by_addr > 1)
		qsort(p->by_addr, p->nr_by_addr, sizeof(*p->by_addr), cmp_sec_addr);
	return 0;
}

/* Whether a function symbol starts at or covers the FDE's start. */
static bool fde_covered(struct elf_priv *p, const struct fde_range *r)
{
	struct section *sec = elf_section_at_addr(&p->f, r->start);
	struct symbol *sym;

	if (!sec || !sec->text || r->end > sec->addr + sec->size)
		return true;	/* not code we analyze: nothing to synthesize */
	sym = elf_find_symbol_at(sec, r->start);
	if (sym)
		return true;
	sym = elf_find_func_containing(sec, r->start);
	return sym && sym->size;
}

/* Synthesize fde_<addr> symbols for FDE ranges no symbol covers. */
static int add_fde_symbols(struct elf_priv *p, const struct fde_range *r, size_t nr)
{
	size_t added = 0;
	char *names;

	if (!nr)
		return 0;
	names = p->synth_names = malloc(nr * 24);
	if (!names)
		return fpv_error(p->f.path, "out of memory");
	for (size_t i = 0; i < nr; i++) {
		struct symbol *sym;
		if (fde_covered(p, &r[i]))
			continue;
		sym = &p->f.symbols[p->f.nr_symbols + added++];
		snprintf(names, 24, "fde_%lx", r[i].start);
		*sym = (struct symbol){ .name = names, .type = STT_FUNC, .bind = STB_LOCAL,
			.origin = SYM_FROM_EH_FRAME, .sec = elf_section_at_addr(&p->f, r[i].start),
			.value = r[i].start, .size = r[i].end - r[i].start };
		sym->alias = sym;
		names += 24;
	}
	p->f.nr_symbols += added;
	return added ? build_symbol_index(p) : 0;
}

/* Symbols for the Go functions (.gopclntab) no symbol or FDE covers. */
static int add_go_symbols(struct elf_priv *p, const struct go_func *g, size_t nr)
{
	size_t added = 0;

	for (size_t i = 0; i < nr; i++) {
		struct fde_range r = { g[i].start, g[i].end };
		struct symbol *sym;

		if (fde_covered(p, &r))
			continue;
		sym = &p->f.symbols[p->f.nr_symbols + added++];
		*sym = (struct symbol){ .name = g[i].name, .type = STT_FUNC, .bind = STB_LOCAL,
			.origin = SYM_FROM_GOPCLNTAB, .sec = elf_section_at_addr(&p->f, r.start),
			.value = r.start, .size = r.end - r.start };
		sym->alias = sym;
	}
	p->f.nr_symbols += added;
	return added ? build_symbol_index(p) : 0;
}

static int load_symbols(struct elf_priv *p)
{
	size_t nsym = 0, ndyn = 0, nfde = 0;
	struct fde_range *fdes = NULL;
	int rc = -1;

	if (p->symtab_idx)
		nsym = p->f.sections[p->symtab_idx].size / sizeof(Elf64_Sym);
	if (p->dynsym_idx)
		ndyn = p->f.sections[p->dynsym_idx].size / sizeof(Elf64_Sym);
	if (build_addr_index(p) < 0 || read_eh_frame(p, &fdes, &nfde) < 0 ||
	    read_gopclntab(p) < 0)
		goto out;
	p->cap_symbols = nsym + ndyn + nfde + p->f.nr_go_funcs;
	p->f.symbols = calloc(p->cap_symbols ? p->cap_symbols : 1, sizeof(struct symbol));
	if (!p->f.symbols) {
		fpv_error(p->f.path, "out of memory for %zu symbols", p->cap_symbols);
		goto out;
	}
	p->symtab_syms = p->f.symbols;
	p->nr_symtab = nsym;
	p->dynsym_syms = p->f.symbols + nsym;
	p->nr_dynsym = ndyn;
	if ((nsym && load_symbol_table(p, p->symtab_idx, p->symtab_syms, SYM_FROM_SYMTAB) < 0) ||
	    (ndyn && load_symbol_table(p, p->dynsym_idx, p->dynsym_syms, SYM_FROM_DYNSYM) < 0))
		goto out;
	p->f.nr_symbols = nsym + ndyn;
	if (build_symbol_index(p) < 0 || add_fde_symbols(p, fdes, nfde) < 0 || add_go_symbols(p, p->f.go_funcs, p->f.nr_go_funcs) < 0)
		goto out;
	rc = 0;
out:
	free(fdes);
	return rc;
}

/* ---- relocations ---- */

/* Bytes a relocation patches, for the bounds check (instruction fields: 4). */
static uint64_t reloc_width(uint32_t type)
{
	return arch_reloc(type).size;
}

/* The symbols a relocation section's sh_link names, or -1 if it names none. */
static int reloc_symbols(struct elf_priv *p, const struct section *rs,
			 struct symbol **base, size_t *n)
{
	if (rs->link && rs->link == p->symtab_idx) {
		*base = p->symtab_syms;
		*n = p->nr_symtab;
	} else if (rs->link && rs->link == p->dynsym_idx) {
		*base = p->dynsym_syms;
		*n = p->nr_dynsym;
	} else if (rs->link == 0 && p->f.e_type != ET_REL) {
		*base = NULL;		/* e.g. .rela.plt of IRELATIVE in a static binary */
		*n = 1;
	} else {
		return fpv_error(p->f.path, "relocation section %s: sh_link %u is not the symbol table",
			    rs->name, rs->link);
	}
	return 0;
}

/* The section rs applies to, if its relocations index by offset in it. */
static int reloc_target(struct elf_priv *p, struct section *rs, struct section **target)
{
	*target = NULL;
	if (p->f.e_type == ET_REL) {
		if (!rs->info)
			return fpv_error(p->f.path, "relocation section %s: sh_info 0 names no section", rs->name);
		*target = &p->f.sections[rs->info];
	} else if (rs->info && !(rs->flags & SHF_ALLOC)) {
		*target = &p->f.sections[rs->info];	/* --emit-relocs */
	}
	if (!*target)
		return 0;	/* dynamic relocations: kept apart (keep_dyn_reloc) */
	if ((*target)->type == SHT_RELA || (*target)->type == SHT_SYMTAB || (*target)->type == SHT_NULL)
		return fpv_error(p->f.path, "relocation section %s: sh_info %u names section %s, which cannot be relocated",
			    rs->name, rs->info, (*target)->name);
	if ((*target)->rela)
		return fpv_error(p->f.path, "sections %s and %s both relocate %s",
			    (*target)->rela->name, rs->name, (*target)->name);
	return 0;
}

/*
 * The dynamic relocations of a linked file (an allocated SHT_RELA section
 * that applies to no section of its own) are kept in file.dyn_relocs: room
 * for n more, or -1.  *keep says whether rs is such a section.
 */
static int reserve_dyn_relocs(struct elf_priv *p, const struct section *rs,
			      const struct section *target, size_t n, bool *keep)
{
	struct elf_file *f = &p->f;
	struct reloc *nr;

	*keep = f->e_type != ET_REL && (rs->flags & SHF_ALLOC) && !target;
	if (!*keep || !n)
		return 0;
	nr = realloc(f->dyn_relocs, (f->nr_dyn_relocs + n) * sizeof(*nr));
	if (!nr)
		return fpv_error(p->f.path, "out of memory for %zu dynamic relocations", f->nr_dyn_relocs + n);
	f->dyn_relocs = nr;
	return 0;
}

static int load_rela_section(struct elf_priv *p, struct section *rs)
{
	size_t n = rs->size / sizeof(Elf64_Rela), nsyms = 0;
	struct symbol *base = NULL;
	struct section *target;
	bool keep;
	Elf_Data *d;

	if (reloc_symbols(p, rs, &base, &nsyms) < 0 || reloc_target(p, rs, &target) < 0 ||
	    reserve_dyn_relocs(p, rs, target, n, &keep) < 0)
		return -1;
	/* A section still compressed (gcc -gz, objcopy --compress-debug-sections:
	 * .debug_info, .debug_line, ...) is never read through its data here;
	 * its relocations apply to the bytes it decompresses to, and are left
	 * to libdwfl, which reads it on its own. */
	if (target && (target->flags & SHF_COMPRESSED))
		target = NULL;
	d = elf_getdata(elf_getscn(p->elf, rs->idx), NULL);
	if (n && (!d || d->d_size < n * sizeof(Elf64_Rela)))
		return fpv_error(p->f.path, "relocation section %s: %s", rs->name, elf_errmsg(-1));
	if (target && n && !(target->relocs = calloc(n, sizeof(struct reloc))))
		return fpv_error(p->f.path, "out of memory for %zu relocations", n);
	for (size_t i = 0; i < n; i++) {
		GElf_Rela r;
		uint64_t sym, lo;
		if (!gelf_getrela(d, i, &r))
			return fpv_error(p->f.path, "relocation section %s: %s", rs->name, elf_errmsg(-1));
		sym = GELF_R_SYM(r.r_info);
		if (sym >= nsyms)
			return fpv_error(p->f.path, "relocation %zu in %s: symbol index %lu out of range (%zu symbols)",
				    i, rs->name, sym, nsyms);
		if (keep)
			p->f.dyn_relocs[p->f.nr_dyn_relocs++] = (struct reloc){
				.sec = elf_section_at_addr(&p->f, r.r_offset), .offset = r.r_offset,
				.type = GELF_R_TYPE(r.r_info), .sym = sym && base ? &base[sym] : NULL,
				.addend = r.r_addend };
		if (!target)
			continue;
		lo = p->f.e_type == ET_REL ? 0 : target->addr;
		if (r.r_offset < lo || !in_bounds(r.r_offset - lo, reloc_width(GELF_R_TYPE(r.r_info)),
						  target->size))
			return fpv_error(p->f.path, "relocation %zu in %s: offset 0x%lx outside section %s (size 0x%lx)",
				    i, rs->name, r.r_offset, target->name, target->size);
		target->relocs[i] = (struct reloc){ .sec = target, .offset = r.r_offset,
			.type = GELF_R_TYPE(r.r_info), .sym = sym && base ? &base[sym] : NULL,
			.addend = r.r_addend };
	}
	if (target) {
		target->nr_relocs = n;
		target->rela = rs;
		rs->base = target;
		if (n > 1)
			qsort(target->relocs, n, sizeof(struct reloc), cmp_reloc);
	}
	return 0;
}

static int load_relocations(struct elf_priv *p)
{
	struct section *s;

	for_each_sec(&p->f, s)
		if (s->type == SHT_RELA && load_rela_section(p, s) < 0)
			return -1;
	return 0;
}

/* ---- open, close, lookups ---- */

struct elf_file *elf_open(const char *path, bool writable)
{
	return elf_open_flags(path, writable ? ELF_OPEN_WRITABLE : 0);
}

struct elf_file *elf_open_flags(const char *path, unsigned flags)
{
	struct elf_priv *p = calloc(1, sizeof(*p));

	fpv_objname = path;
	if (!p) {
		fpv_oom(path);
		return NULL;
	}
	p->f.path = path;
	p->f.fd = -1;
	p->writable = flags & ELF_OPEN_WRITABLE;
	p->empty_rel_ok = flags & ELF_OPEN_EMPTY_REL;
	if (read_image(p) < 0 || check_ident(p) < 0 || open_libelf(p) < 0 ||
	    load_sections(p) < 0 || load_symbols(p) < 0 || load_relocations(p) < 0) {
		elf_close(&p->f);
		return NULL;
	}
	for (unsigned i = 0; i < p->nr_notes; i++)
		fpv_note(path, "%s", p->notes[i]);
	return &p->f;
}

static void free_new_secs(struct elf_priv *p)
{
	for (size_t i = 0; i < p->nr_new; i++) {
		free(p->new_secs[i].name);
		free(p->new_secs[i].data);
		free(p->new_secs[i].relocs);
	}
	free(p->new_secs);
	p->new_secs = NULL;
	p->nr_new = 0;
}

void elf_close(struct elf_file *file)
{
	struct elf_priv *p = priv(file);
	struct section *s;

	if (!file)
		return;
	if (fpv_objname == file->path)
		fpv_objname = NULL;
	if (p->f.sections && p->maxend)
		free_indexes(p);
	if (p->f.sections)	/* NULL when the file failed before its sections were read */
		for_each_sec(&p->f, s)
			free(s->relocs);
	free(p->f.sections);
	free(p->f.dyn_relocs);
	free(p->dyn_by_addr);
	free(p->maxend);
	free(p->f.symbols);
	free(p->by_addr);
	free(p->synth_names);
	free(p->f.go_funcs);
	free(p->inflated);
	free_new_secs(p);
	for (size_t i = 0; i < p->nr_ext; i++) {
		free((char *)p->ext_secs[i].name);
		free((void *)p->ext_secs[i].data);
	}
	free(p->ext_secs);
	if (p->elf)
		elf_end(p->elf);
	if (p->image_mapped)
		munmap(p->image, p->image_size);
	else
		free(p->image);
	free(p);
}

struct section *elf_find_section(struct elf_file *file, const char *name)
{
	struct elf_priv *p = priv(file);
	struct section *s;

	for_each_sec(file, s)
		if (s->name && !strcmp(s->name, name))
			return s;
	for (size_t i = 0; i < p->nr_ext; i++)
		if (!strcmp(p->ext_secs[i].name, name))
			return &p->ext_secs[i];
	return NULL;
}

/* A defined symbol of .symtab called name, or NULL. */
static const struct symbol *find_defined(struct elf_file *file, const char *name)
{
	const struct symbol *sym;

	if (!name)
		return NULL;
	for_each_sym(file, sym)
		if (sym->sec && sym->origin == SYM_FROM_SYMTAB && !strcmp(sym->name, name))
			return sym;
	return NULL;
}

bool elf_find_table(struct elf_file *file, const char *name, const char *start,
		    const char *stop, struct elf_range *r)
{
	const struct symbol *a = NULL, *b = NULL;

	if (file->e_type != ET_REL) {
		a = find_defined(file, start);
		b = a ? find_defined(file, stop) : NULL;
	}
	if (a && b && a->sec == b->sec && a->value <= b->value &&
	    b->value - a->sec->addr <= a->sec->size) {
		r->sec = a->sec;
		r->off = a->value - a->sec->addr;
		r->size = b->value - a->value;
	} else {
		r->sec = name ? elf_find_section(file, name) : NULL;
		if (!r->sec)
			return false;
		r->off = 0;
		r->size = r->sec->size;
	}
	return r->sec->data && r->size;
}

int elf_attach_section(struct elf_file *file, const char *name, const void *data, size_t size)
{
	struct elf_priv *p = priv(file);
	struct section *n = realloc(p->ext_secs, (p->nr_ext + 1) * sizeof(*n));
	char *name_copy = strdup(name);
	void *copy = malloc(size ? size : 1);

	if (n)
		p->ext_secs = n;
	if (!n || !name_copy || !copy) {
		free(name_copy);
		free(copy);
		return fpv_error(p->f.path, "out of memory");
	}
	memcpy(copy, data, size);
	n = &p->ext_secs[p->nr_ext++];
	memset(n, 0, sizeof(*n));
	n->file = file;
	n->idx = (unsigned)(p->f.nr_sections + p->nr_ext);	/* no header of the file */
	n->name = name_copy;
	n->type = SHT_PROGBITS;
	n->align = 8;
	n->size = size;
	n->data = copy;
	return 0;
}

/*
 * The GNU build-id: the descriptor of the first NT_GNU_BUILD_ID note named
 * "GNU" in an SHT_NOTE section (ld --build-id puts it in
 * .note.gnu.build-id).  Note headers and sizes are checked against the
 * section, which elf_open() checked against the file.
 */
int elf_build_id(struct elf_file *file, const uint8_t **id, size_t *len)
{
	struct section *s;

	for_each_sec(file, s) {
		if (s->type != SHT_NOTE || !s->data)
			continue;
		for (uint64_t off = 0; off + sizeof(Elf64_Nhdr) <= s->size;) {
			Elf64_Nhdr nh;
			uint64_t name_off = off + sizeof(nh), desc_off;

			memcpy(&nh, s->data + off, sizeof(nh));
			desc_off = name_off + (((uint64_t)nh.n_namesz + 3) & ~3ull);
			if (!in_bounds(name_off, nh.n_namesz, s->size) ||
			    !in_bounds(desc_off, nh.n_descsz, s->size))
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    !memcmp(s->data + name_off, "GNU", 4) && nh.n_descsz) {
				*id = s->data + desc_off;
				*len = nh.n_descsz;
				return 0;
			}
			off = desc_off + (((uint64_t)nh.n_descsz + 3) & ~3ull);
		}
	}
	return -1;
}

/* Index of the first symbol in sec with value > off (upper bound). */
static size_t sym_upper(const struct section *sec, uint64_t off)
{
	return partition_point(sec->nr_syms, i, sec->syms_by_addr[i]->value <= off);
}

static bool better_container(const struct symbol *cand, const struct symbol *best)
{
	bool cf = cand->type == STT_FUNC || cand->type == STT_GNU_IFUNC;
	bool bf = best->type == STT_FUNC || best->type == STT_GNU_IFUNC;

	if (cf != bf)
		return cf;
	return false;	/* scanning backwards: the first found starts latest (innermost) */
}

struct symbol *elf_find_func_containing(struct section *sec, uint64_t off)
{
	const uint64_t *maxend = priv(sec->file)->maxend[sec->idx];
	size_t i = sym_upper(sec, off);
	struct symbol *best = NULL;

	for (size_t j = i; j > 0 && maxend[j - 1] > off; j--) {
		struct symbol *s = sec->syms_by_addr[j - 1];
		if (s->size && off - s->value < s->size && (!best || better_container(s, best)))
			best = s;
	}
	if (best)
		return best;
	/* An unsized assembly label covers up to the next symbol. */
	if (i > 0 && !sec->syms_by_addr[i - 1]->size) {
		struct symbol *s = sec->syms_by_addr[i - 1]->alias;
		if (s->type == STT_FUNC || s->type == STT_NOTYPE)
			return s;
	}
	return NULL;
}

struct symbol *elf_find_symbol_at(struct section *sec, uint64_t off)
{
	size_t i = sym_upper(sec, off);

	if (i == 0 || sec->syms_by_addr[i - 1]->value != off)
		return NULL;
	return sec->syms_by_addr[i - 1]->alias;	/* the best-ranked of the run */
}

const struct go_func *elf_go_func(const struct elf_file *file, uint64_t addr)
{
	size_t n = file->nr_go_funcs, lo;

	lo = partition_point(n, i, file->go_funcs[i].end <= addr);
	return lo < n && file->go_funcs[lo].start <= addr ? &file->go_funcs[lo] : NULL;
}

struct section *elf_section_at_addr(struct elf_file *file, uint64_t addr)
{
	struct elf_priv *p = priv(file);
	size_t lo = partition_point(p->nr_by_addr, i, p->by_addr[i]->addr <= addr);

	/* Sections may be empty-adjacent (e.g. .tbss overlaps): scan back a little. */
	for (size_t j = lo; j > 0 && lo - j < 4; j--) {
		struct section *s = p->by_addr[j - 1];
		if (addr - s->addr < s->size && !(s->type == SHT_NOBITS && (s->flags & SHF_TLS)))
			return s;
	}
	return NULL;
}

struct reloc *elf_find_reloc(struct section *sec, uint64_t off, uint64_t len)
{
	size_t lo = partition_point(sec->nr_relocs, i, sec->relocs[i].offset < off);

	if (lo < sec->nr_relocs && sec->relocs[lo].offset - off < len)
		return &sec->relocs[lo];
	return NULL;
}

static int cmp_dyn(const void *a, const void *b)
{
	const struct reloc *x = *(const struct reloc *const *)a, *y = *(const struct reloc *const *)b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

int elf_index_dyn_relocs(struct elf_file *file)
{
	struct elf_priv *p = priv(file);
	size_t n = file->nr_dyn_relocs;

	if (!n || p->dyn_by_addr)
		return 0;
	p->dyn_by_addr = malloc(n * sizeof(*p->dyn_by_addr));
	if (!p->dyn_by_addr)
		return fpv_oom(file->path);
	for (size_t i = 0; i < n; i++)
		p->dyn_by_addr[i] = &file->dyn_relocs[i];
	qsort(p->dyn_by_addr, n, sizeof(*p->dyn_by_addr), cmp_dyn);
	return 0;
}

const struct reloc *elf_find_dyn_reloc(struct elf_file *file, uint64_t addr)
{
	struct elf_priv *p = priv(file);
	size_t lo, hi = file->nr_dyn_relocs;

	if (!hi || elf_index_dyn_relocs(file) < 0)
		return NULL;
	lo = partition_point(hi, i, p->dyn_by_addr[i]->offset < addr);
	return lo < file->nr_dyn_relocs && p->dyn_by_addr[lo]->offset == addr ?
	       p->dyn_by_addr[lo] : NULL;
}

bool elf_is_data(struct section *sec, uint64_t off)
{
	size_t lo, hi = sec->nr_maps, h = sec->map_hint;

	/* the region of the last lookup, or the next one */
	for (size_t k = h; k < h + 2 && k < hi; k++) {
		if (sec->maps[k].value > off)
			break;
		if (k + 1 == hi || sec->maps[k + 1].value > off) {
			sec->map_hint = k;
			return sec->maps[k].kind == MAP_DATA;
		}
	}
	lo = partition_point(hi, i, sec->maps[i].value <= off);
	if (lo)
		sec->map_hint = lo - 1;
	return lo > 0 && sec->maps[lo - 1].kind == MAP_DATA;
}

/* ---- writing ---- */

int elf_add_section(struct elf_file *file, const char *name, uint32_t type,
		    uint64_t flags, uint64_t align, const void *data, size_t size,
		    const struct new_reloc *relocs, size_t nr_relocs)
{
	struct elf_priv *p = priv(file);
	struct new_sec *ns;
	size_t phnum;

	assert(p->writable);
	for (size_t i = 0; i < p->nr_new; i++)
		if (!strcmp(p->new_secs[i].name, name))
			return fpv_error(p->f.path, "section %s added twice", name);
	if (elf_find_section(file, name))
		return fpv_error(p->f.path, "section %s already exists", name);
	if (file->e_type != ET_REL && ((flags & SHF_ALLOC) || nr_relocs))
		return fpv_error(p->f.path, "cannot add %s to a linked file: only non-allocated sections without relocations can be appended",
			    name);
	/* a relocatable object is laid out anew, which would leave segments
	 * pointing at what moved (compilers and ld -r never write them) */
	if (file->e_type == ET_REL && (elf_getphdrnum(p->elf, &phnum) < 0 || phnum))
		return fpv_error(p->f.path, "cannot add %s to a relocatable object with program headers", name);
	if (nr_relocs && !p->symtab_idx)
		return fpv_error(p->f.path, "cannot add relocations for %s: the file has no .symtab", name);
	for (size_t i = 0; i < nr_relocs; i++) {
		assert(relocs[i].target_sec && relocs[i].target_sec->file == file);
		if (!in_bounds(relocs[i].offset, reloc_width(relocs[i].type), size))
			return fpv_error(p->f.path, "relocation %zu for %s: offset 0x%lx outside the section (size 0x%zx)",
				    i, name, relocs[i].offset, size);
	}
	ns = realloc(p->new_secs, (p->nr_new + 1) * sizeof(*ns));
	if (!ns)
		return fpv_error(p->f.path, "out of memory");
	p->new_secs = ns;
	ns = &ns[p->nr_new];
	*ns = (struct new_sec){ .name = strdup(name), .type = type, .flags = flags,
		.align = align ? align : 1, .size = size, .nr_relocs = nr_relocs };
	if (type != SHT_NOBITS && size)
		ns->data = malloc(size);
	if (nr_relocs)
		ns->relocs = malloc(nr_relocs * sizeof(*relocs));
	if (!ns->name || (type != SHT_NOBITS && size && !ns->data) || (nr_relocs && !ns->relocs)) {
		free(ns->name);
		free(ns->data);
		free(ns->relocs);
		return fpv_error(p->f.path, "out of memory");
	}
	if (ns->data)
		memcpy(ns->data, data, size);
	if (nr_relocs)
		memcpy(ns->relocs, relocs, nr_relocs * sizeof(*relocs));
	p->nr_new++;
	return 0;
}

int elf_set_comdat(struct elf_file *file, const char *name)
{
	struct elf_priv *p = priv(file);

	for (size_t i = 0; i < p->nr_new; i++)
		if (!strcmp(p->new_secs[i].name, name)) {
			if (file->e_type != ET_REL || !p->symtab_idx)
				return fpv_error(file->path, "cannot put %s in a group: only a relocatable object with a .symtab has groups",
						 name);
			if (p->new_secs[i].nr_relocs)
				return fpv_error(file->path, "internal: %s has relocations, which its group would leave out",
						 name);
			p->new_secs[i].comdat = true;
			return 0;
		}
	return fpv_error(file->path, "internal: no new section %s to put in a group", name);
}

/* Buffers handed to libelf for the copy being edited; freed after elf_end(). */
struct edit {
	struct elf_priv *p;
	Elf *e;
	void *bufs[8];
	size_t nr_bufs;
	unsigned *secsym;		/* section index -> its STT_SECTION symbol index */
	size_t *groupsym;		/* per new section: its group's signature symbol */
	size_t *groupname;		/* per new section: the signature's name in .strtab */
	size_t *name_off;		/* per new section: name, ".rela" name, ".group";
					 * last entry: the new size of the name table */
};

/*
 * The index a new section gets: they are appended in order, each preceded
 * by its group section (a group's section comes before its members) and
 * followed by its relocation section.
 */
static size_t new_section_index(const struct elf_priv *p, size_t i)
{
	size_t idx = p->f.nr_sections;

	for (size_t j = 0; j < i; j++)
		idx += p->new_secs[j].comdat + 1 + !!p->new_secs[j].nr_relocs;
	return idx + p->new_secs[i].comdat;
}

static void *edit_alloc(struct edit *ed, size_t size)
{
	void *b;

	assert(ed->nr_bufs < sizeof(ed->bufs) / sizeof(ed->bufs[0]));
	b = calloc(1, size ? size : 1);
	if (b)
		ed->bufs[ed->nr_bufs++] = b;
	return b;
}

/* Append the new section names to the section-name table. */
static int append_names(struct edit *ed)
{
	struct elf_priv *p = ed->p;
	size_t shstrndx, size, off;
	Elf_Scn *scn;
	Elf_Data *d;
	GElf_Shdr sh;
	char *buf;

	if (elf_getshdrstrndx(ed->e, &shstrndx) < 0 || !(scn = elf_getscn(ed->e, shstrndx)) ||
	    !(d = elf_getdata(scn, NULL)) || !gelf_getshdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot read the section name table in the new file: %s",
				 elf_errmsg(-1));
	size = d->d_size;
	for (size_t i = 0; i < p->nr_new; i++)
		size += (strlen(p->new_secs[i].name) + 1) * (p->new_secs[i].nr_relocs ? 2 : 1) +
			(p->new_secs[i].nr_relocs ? strlen(".rela") : 0) +
			(p->new_secs[i].comdat ? sizeof(".group") : 0);
	if (!(buf = edit_alloc(ed, size)))
		return fpv_error(p->f.path, "out of memory");
	memcpy(buf, d->d_buf, d->d_size);
	off = d->d_size;
	for (size_t i = 0; i < p->nr_new; i++) {
		ed->name_off[3 * i] = off;
		off += sprintf(buf + off, "%s", p->new_secs[i].name) + 1;
		ed->name_off[3 * i + 1] = off;
		if (p->new_secs[i].nr_relocs)
			off += sprintf(buf + off, ".rela%s", p->new_secs[i].name) + 1;
		ed->name_off[3 * i + 2] = off;
		if (p->new_secs[i].comdat)
			off += sprintf(buf + off, ".group") + 1;
	}
	ed->name_off[3 * p->nr_new] = off;	/* the table's new size */
	d->d_buf = buf;
	d->d_size = off;
	sh.sh_size = off;
	if (!gelf_update_shdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot update the section name table in the new file: %s",
				 elf_errmsg(-1));
	elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	return 0;
}

/* Add k to every symbol index >= first in the relocations and groups using the symtab. */
static int renumber_symbols(struct edit *ed, size_t first, size_t k)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(ed->e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_link != ed->p->symtab_idx)
			continue;
		if (sh.sh_type == SHT_GROUP && sh.sh_info >= first) {
			sh.sh_info += k;
			if (!gelf_update_shdr(scn, &sh))
				return fpv_error(ed->p->f.path, "cannot update a section group in the new file: %s",
						 elf_errmsg(-1));
		}
		if (sh.sh_type != SHT_RELA || !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < d->d_size / sizeof(Elf64_Rela); i++) {
			GElf_Rela r;
			if (!gelf_getrela(d, i, &r))
				return fpv_error(ed->p->f.path, "cannot read a relocation in the new file: %s",
						 elf_errmsg(-1));
			if (GELF_R_SYM(r.r_info) < first)
				continue;
			r.r_info = GELF_R_INFO(GELF_R_SYM(r.r_info) + k, GELF_R_TYPE(r.r_info));
			if (!gelf_update_rela(d, i, &r))
				return fpv_error(ed->p->f.path, "cannot update a relocation in the new file: %s",
						 elf_errmsg(-1));
		}
		elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	}
	return 0;
}

/* Grow a table section (symtab or its shndx) by k entries at index first. */
static int insert_entries(struct edit *ed, Elf_Scn *scn, size_t entsize, size_t first,
			  const void *entries, size_t k)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	uint8_t *buf;

	if (!d || d->d_size < first * entsize)
		return fpv_error(ed->p->f.path, "cannot read a symbol table in the new file: %s",
				 elf_errmsg(-1));
	if (!(buf = edit_alloc(ed, d->d_size + k * entsize)))
		return fpv_error(ed->p->f.path, "out of memory");
	memcpy(buf, d->d_buf, first * entsize);
	memcpy(buf + first * entsize, entries, k * entsize);
	memcpy(buf + (first + k) * entsize, (uint8_t *)d->d_buf + first * entsize,
	       d->d_size - first * entsize);
	d->d_buf = buf;
	d->d_size += k * entsize;
	elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	return 0;
}

/*
 * Map every section a new relocation targets to its STT_SECTION symbol;
 * the missing ones are planned at index first onwards (entries in syms, and
 * their extended section indexes in xidx).  Returns how many are missing.
 */
static size_t plan_section_symbols(struct edit *ed, size_t first, Elf64_Sym *syms,
				   Elf32_Word *xidx)
{
	struct elf_priv *p = ed->p;
	size_t k = 0;

	for (size_t i = 0; i < p->nr_symtab; i++) {
		struct symbol *y = &p->symtab_syms[i];
		if (y->type == STT_SECTION && y->sec && !ed->secsym[y->sec->idx])
			ed->secsym[y->sec->idx] = i;
	}
	for (size_t i = 0; i < p->nr_new; i++)
		for (size_t j = 0; j < p->new_secs[i].nr_relocs; j++) {
			unsigned t = p->new_secs[i].relocs[j].target_sec->idx;
			if (ed->secsym[t])
				continue;
			ed->secsym[t] = first + k;
			syms[k].st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
			syms[k].st_shndx = t < SHN_LORESERVE ? t : SHN_XINDEX;
			xidx[k++] = t < SHN_LORESERVE ? 0 : t;
		}
	/* a COMDAT group's signature: a local symbol at the start of the
	 * member, named after it, so the linkers (which key groups by the
	 * signature's name) keep one copy of the section */
	for (size_t i = 0; i < p->nr_new; i++)
		if (p->new_secs[i].comdat) {
			size_t t = new_section_index(p, i);
			ed->groupsym[i] = first + k;
			syms[k].st_name = ed->groupname[i];
			syms[k].st_info = ELF64_ST_INFO(STB_LOCAL, STT_NOTYPE);
			syms[k].st_shndx = t < SHN_LORESERVE ? t : SHN_XINDEX;
			xidx[k++] = t < SHN_LORESERVE ? 0 : t;
		}
	return k;
}

/* Append the names of the COMDAT signatures to the symbol string table. */
static int comdat_names(struct edit *ed)
{
	struct elf_priv *p = ed->p;
	size_t extra = 0, off;
	Elf_Scn *scn;
	Elf_Data *d;
	GElf_Shdr sh;
	char *buf;

	for (size_t i = 0; i < p->nr_new; i++)
		if (p->new_secs[i].comdat)
			extra += strlen(p->new_secs[i].name) + 1;
	if (!extra)
		return 0;
	scn = elf_getscn(ed->e, p->f.sections[p->symtab_idx].link);
	if (!scn || !(d = elf_getdata(scn, NULL)) || !gelf_getshdr(scn, &sh) ||
	    sh.sh_type != SHT_STRTAB)
		return fpv_error(p->f.path, "cannot read the symbol string table in the new file: %s",
				 elf_errmsg(-1));
	if (!(buf = edit_alloc(ed, d->d_size + extra)))
		return fpv_oom(p->f.path);
	memcpy(buf, d->d_buf, d->d_size);
	off = d->d_size;
	for (size_t i = 0; i < p->nr_new; i++)
		if (p->new_secs[i].comdat) {
			ed->groupname[i] = off;
			off += sprintf(buf + off, "%s", p->new_secs[i].name) + 1;
		}
	d->d_buf = buf;
	d->d_size = off;
	sh.sh_size = off;
	if (!gelf_update_shdr(scn, &sh))
		return fpv_error(p->f.path, "cannot update the symbol string table in the new file: %s",
				 elf_errmsg(-1));
	elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	return 0;
}

/* Find or create (among the locals) an STT_SECTION symbol for every relocated section. */
static int section_symbols(struct edit *ed)
{
	struct elf_priv *p = ed->p;
	size_t n = p->f.nr_sections + p->nr_new, k = 0, first;
	Elf64_Sym *syms = calloc(n, sizeof(*syms));
	Elf32_Word *xidx = calloc(n, sizeof(*xidx));
	Elf_Scn *st = elf_getscn(ed->e, p->symtab_idx), *xs = NULL;
	GElf_Shdr sh;
	struct section *s;
	int rc = -1;

	if (!syms || !xidx) {
		rc = fpv_error(p->f.path, "out of memory");
		goto out;
	}
	if (!gelf_getshdr(st, &sh)) {
		rc = fpv_error(ed->p->f.path, "cannot read the symbol table header in the new file: %s",
			       elf_errmsg(-1));
		goto out;
	}
	first = sh.sh_info;
	k = plan_section_symbols(ed, first, syms, xidx);
	if (!k) {
		rc = 0;
		goto out;
	}
	for_each_sec(&p->f, s)
		if (s->type == SHT_SYMTAB_SHNDX && s->link == p->symtab_idx)
			xs = elf_getscn(ed->e, s->idx);
	for (size_t i = 0; i < k && !xs; i++)
		if (syms[i].st_shndx == SHN_XINDEX) {
			rc = fpv_error(p->f.path, "section index %u needs a .symtab_shndx table, which the file lacks",
				  xidx[i]);
			goto out;
		}
	sh.sh_info += k;
	if (!gelf_update_shdr(st, &sh)) {
		rc = fpv_error(ed->p->f.path, "cannot update the symbol table header in the new file: %s",
			       elf_errmsg(-1));
		goto out;
	}
	if (renumber_symbols(ed, first, k) < 0 ||
	    insert_entries(ed, st, sizeof(Elf64_Sym), first, syms, k) < 0 ||
	    (xs && insert_entries(ed, xs, sizeof(Elf32_Word), first, xidx, k) < 0))
		goto out;
	rc = 0;
out:
	free(syms);
	free(xidx);
	return rc;
}

static int new_rela_section(struct edit *ed, const struct new_sec *ns, size_t i, size_t base_idx)
{
	Elf_Scn *scn = elf_newscn(ed->e);
	Elf_Data *d = scn ? elf_newdata(scn) : NULL;
	Elf64_Rela *r = edit_alloc(ed, ns->nr_relocs * sizeof(*r));
	GElf_Shdr sh;

	if (!d || !gelf_getshdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot add a relocation section in the new file: %s",
				 elf_errmsg(-1));
	if (!r)
		return fpv_error(ed->p->f.path, "out of memory");
	for (size_t j = 0; j < ns->nr_relocs; j++) {
		const struct new_reloc *nr = &ns->relocs[j];
		r[j].r_offset = nr->offset;
		r[j].r_info = ELF64_R_INFO(ed->secsym[nr->target_sec->idx], nr->type);
		r[j].r_addend = nr->addend;
	}
	d->d_buf = r;
	d->d_size = ns->nr_relocs * sizeof(*r);
	d->d_type = ELF_T_RELA;
	d->d_align = 8;
	d->d_version = EV_CURRENT;
	sh.sh_name = ed->name_off[3 * i + 1];
	sh.sh_type = SHT_RELA;
	sh.sh_flags = SHF_INFO_LINK;
	sh.sh_link = ed->p->symtab_idx;
	sh.sh_info = base_idx;
	sh.sh_entsize = sizeof(Elf64_Rela);
	sh.sh_addralign = 8;
	sh.sh_size = d->d_size;
	if (!gelf_update_shdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot add a relocation section in the new file: %s",
				 elf_errmsg(-1));
	return 0;
}

/* The SHT_GROUP section of new section i, which must come next. */
static int new_group_section(struct edit *ed, size_t i)
{
	Elf_Scn *scn = elf_newscn(ed->e);
	Elf_Data *d = scn ? elf_newdata(scn) : NULL;
	uint32_t *w = edit_alloc(ed, 2 * sizeof(*w));
	GElf_Shdr sh;

	if (!d || !gelf_getshdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot add a group section in the new file: %s",
				 elf_errmsg(-1));
	if (!w)
		return fpv_oom(ed->p->f.path);
	w[0] = GRP_COMDAT;
	w[1] = elf_ndxscn(scn) + 1;
	d->d_buf = w;
	d->d_size = 2 * sizeof(*w);
	d->d_type = ELF_T_WORD;
	d->d_align = 4;
	d->d_version = EV_CURRENT;
	sh.sh_name = ed->name_off[3 * i + 2];
	sh.sh_type = SHT_GROUP;
	sh.sh_link = ed->p->symtab_idx;
	sh.sh_info = ed->groupsym[i];
	sh.sh_entsize = sizeof(*w);
	sh.sh_addralign = 4;
	sh.sh_size = d->d_size;
	if (!gelf_update_shdr(scn, &sh))
		return fpv_error(ed->p->f.path, "cannot add a group section in the new file: %s",
				 elf_errmsg(-1));
	return 0;
}

/* Append the new sections, their group sections and their relocation sections. */
static int new_sections(struct edit *ed)
{
	struct elf_priv *p = ed->p;

	for (size_t i = 0; i < p->nr_new; i++) {
		const struct new_sec *ns = &p->new_secs[i];
		Elf_Scn *scn;
		Elf_Data *d;
		GElf_Shdr sh;

		if (ns->comdat && new_group_section(ed, i) < 0)
			return -1;
		scn = elf_newscn(ed->e);
		d = scn ? elf_newdata(scn) : NULL;
		if (!d || !gelf_getshdr(scn, &sh))
			return fpv_error(ed->p->f.path, "cannot add a section in the new file: %s",
					 elf_errmsg(-1));
		if (elf_ndxscn(scn) != new_section_index(p, i))
			return fpv_error(p->f.path, "internal: section %s got index %zu, not %zu",
					 ns->name, elf_ndxscn(scn), new_section_index(p, i));
		d->d_buf = ns->data;
		d->d_size = ns->size;
		d->d_type = ELF_T_BYTE;
		d->d_align = ns->align;
		d->d_version = EV_CURRENT;
		sh.sh_name = ed->name_off[3 * i];
		sh.sh_type = ns->type;
		sh.sh_flags = ns->flags | (ns->comdat ? SHF_GROUP : 0);
		sh.sh_addralign = ns->align;
		sh.sh_size = ns->size;
		if (!gelf_update_shdr(scn, &sh))
			return fpv_error(ed->p->f.path, "cannot add a section in the new file: %s",
					 elf_errmsg(-1));
		if (ns->nr_relocs && new_rela_section(ed, ns, i, elf_ndxscn(scn)) < 0)
			return -1;
	}
	return 0;
}

/* Load every section's data so libelf can move it when it lays out the file. */
static int load_all_data(struct edit *ed)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(ed->e, scn)))
		if (!elf_getdata(scn, NULL) && elf_errno())
			return fpv_error(ed->p->f.path, "cannot read section data in the new file: %s",
					 elf_errmsg(-1));
	return 0;
}

#define EDIT_MAX_ALIGN (1ul << 24)

/*
 * Relocatable objects: apply the pending sections to the copy open
 * read-write as fd and let libelf lay the file out again.
 */
static int edit_copy(struct elf_priv *p, int fd)
{
	struct edit ed = { .p = p };
	struct section *s;
	int rc = -1;

	/* libelf pads every section to its alignment: 2^40 would mean a 1 TiB file */
	for_each_sec(&p->f, s)
		if (s->align > EDIT_MAX_ALIGN)
			return fpv_error(p->f.path, "section %s: alignment 0x%lx too large to rewrite the object",
				    s->name, s->align);
	ed.secsym = calloc(p->f.nr_sections, sizeof(*ed.secsym));
	ed.groupsym = calloc(p->nr_new + 1, sizeof(*ed.groupsym));
	ed.groupname = calloc(p->nr_new + 1, sizeof(*ed.groupname));
	ed.name_off = calloc(3 * p->nr_new + 1, sizeof(*ed.name_off));
	ed.e = elf_begin(fd, ELF_C_RDWR, NULL);
	if (!ed.secsym || !ed.groupsym || !ed.groupname || !ed.name_off || !ed.e) {
		rc = ed.e ? fpv_error(p->f.path, "out of memory") : fpv_error(ed.p->f.path, "cannot open the copy in the new file: %s",
				      elf_errmsg(-1));
		goto out;
	}
	if (load_all_data(&ed) < 0 || comdat_names(&ed) < 0 || section_symbols(&ed) < 0 ||
	    append_names(&ed) < 0 ||
	    new_sections(&ed) < 0)
		goto out;
	/*
	 * Rewrite everything.  Without the file-level dirty flag, libelf 0.188
	 * writes the section header table from its copy of the old one, sized
	 * for the old count, whenever the new layout happens to put the table
	 * at its old offset (found by fuzzing: a heap over-read).
	 */
	elf_flagelf(ed.e, ELF_C_SET, ELF_F_DIRTY);
	errno = 0;
	if (elf_update(ed.e, ELF_C_WRITE) < 0) {
		int err = errno;
		rc = fpv_error(p->f.path, "writing the new file failed: %s%s%s", elf_errmsg(-1),
			  err ? ": " : "", err ? strerror(err) : "");
		goto out;
	}
	rc = 0;
out:
	if (ed.e)
		elf_end(ed.e);
	for (size_t i = 0; i < ed.nr_bufs; i++)
		free(ed.bufs[i]);
	free(ed.secsym);
	free(ed.groupsym);
	free(ed.groupname);
	free(ed.name_off);
	return rc;
}

static int write_all(int fd, const uint8_t *buf, size_t size)
{
	while (size) {
		ssize_t n = write(fd, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		size -= n;
	}
	return 0;
}

static int pwrite_all(int fd, const void *buf, size_t size, uint64_t off)
{
	const uint8_t *b = buf;

	while (size) {
		ssize_t n = pwrite(fd, b, size, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		b += n;
		off += n;
		size -= n;
	}
	return 0;
}

/* Section headers of a linked file with the name table moved and new entries. */
static Elf64_Shdr *linked_headers(struct elf_priv *p, const Elf64_Ehdr *eh, size_t shstrndx,
				  uint64_t *off, size_t names_size)
{
	size_t n = p->f.nr_sections, total = n + p->nr_new, name = p->f.sections[shstrndx].size;
	Elf64_Shdr *sh = calloc(total, sizeof(*sh));

	if (!sh)
		return NULL;
	memcpy(sh, p->image + eh->e_shoff, n * sizeof(*sh));
	sh[shstrndx].sh_offset = *off;
	sh[shstrndx].sh_size = names_size;
	*off += names_size;
	for (size_t i = 0; i < p->nr_new; i++) {
		const struct new_sec *ns = &p->new_secs[i];
		Elf64_Shdr *h = &sh[n + i];
		*off = (*off + ns->align - 1) / ns->align * ns->align;
		*h = (Elf64_Shdr){ .sh_name = name, .sh_type = ns->type, .sh_flags = ns->flags,
			.sh_offset = *off, .sh_size = ns->size, .sh_addralign = ns->align };
		name += strlen(ns->name) + 1;
		*off += ns->type == SHT_NOBITS ? 0 : ns->size;
	}
	if (total >= SHN_LORESERVE)	/* extended numbering: the count goes in entry 0 */
		sh[0].sh_size = total;
	return sh;
}

/*
 * Linked files keep every byte where it is (segments must not move): the
 * original image, then the grown section-name table, the new non-allocated
 * sections and a new section header table, all past the old end of file.
 */
static int write_linked(struct elf_priv *p, int fd, const char *tmpname)
{
	size_t shstrndx, names_size, n = p->f.nr_sections, total = n + p->nr_new;
	const struct section *names;
	Elf64_Ehdr eh;
	Elf64_Shdr *sh = NULL;
	uint64_t off = p->image_size, shoff;
	char *buf = NULL;
	int rc = -1;

	memcpy(&eh, p->image, sizeof(eh));
	if (elf_getshdrstrndx(p->elf, &shstrndx) < 0 || !n)
		return fpv_error(p->f.path, "cannot add sections to a file without section headers");
	names = &p->f.sections[shstrndx];
	names_size = names->size;
	for (size_t i = 0; i < p->nr_new; i++)
		names_size += strlen(p->new_secs[i].name) + 1;
	buf = malloc(names_size);
	sh = buf ? linked_headers(p, &eh, shstrndx, &off, names_size) : NULL;
	if (!sh) {
		rc = fpv_error(p->f.path, "out of memory");
		goto out;
	}
	memcpy(buf, names->data, names->size);
	for (size_t i = 0, o = names->size; i < p->nr_new; i++)
		o += sprintf(buf + o, "%s", p->new_secs[i].name) + 1;
	shoff = (off + 7) & ~7ULL;
	eh.e_shoff = shoff;
	eh.e_shnum = total < SHN_LORESERVE ? total : 0;
	if (pwrite_all(fd, &eh, sizeof(eh), 0) < 0 ||
	    pwrite_all(fd, buf, names_size, sh[shstrndx].sh_offset) < 0)
		goto io;
	for (size_t i = 0; i < p->nr_new; i++)
		if (p->new_secs[i].data &&
		    pwrite_all(fd, p->new_secs[i].data, p->new_secs[i].size, sh[n + i].sh_offset) < 0)
			goto io;
	if (pwrite_all(fd, sh, total * sizeof(*sh), shoff) < 0)
		goto io;
	rc = 0;
	goto out;
io:
	rc = fpv_error(p->f.path, "cannot write %s: %s", tmpname, strerror(errno ? errno : EIO));
out:
	free(buf);
	free(sh);
	return rc;
}

/* Fill the temporary file fd (original bytes, then the edits) and sync it. */
static int fill_temp(struct elf_priv *p, int fd, const char *tmpname)
{
	/* Keep the owner where we may (root editing someone's object); the mode always. */
	if (fchown(fd, p->uid, p->gid) < 0 && errno != EPERM)
		return fpv_error(p->f.path, "cannot set the owner of %s: %s", tmpname, strerror(errno));
	if (fchmod(fd, p->mode) < 0)
		return fpv_error(p->f.path, "cannot set the mode of %s: %s", tmpname, strerror(errno));
	if (write_all(fd, p->image, p->image_size) < 0)
		return fpv_error(p->f.path, "cannot write %s: %s", tmpname, strerror(errno ? errno : EIO));
	if ((p->f.e_type == ET_REL ? edit_copy(p, fd) : write_linked(p, fd, tmpname)) < 0)
		return -1;
	if (fsync(fd) < 0)
		return fpv_error(p->f.path, "cannot sync %s: %s", tmpname, strerror(errno));
	return 0;
}

/*
 * Publish the anonymous (O_TMPFILE) file fd as path: link it under a unique
 * temporary name, then rename that over path.  A kill between the two steps
 * is the only way to leave a temporary name behind.  The file is flock()ed
 * before it gets a name, and the lock lives as long as this process, so
 * remove_stale_temps() can tell a live writer's file from a dead one's
 * without trusting process IDs, which the system reuses.
 */
static int publish_tmpfile(int fd, const char *dir, const char *base, const char *path,
			   char *tmpname, size_t size)
{
	char proc[64];
	unsigned n;

	if (flock(fd, LOCK_EX) < 0)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (n = 0; n < 100; n++) {
		snprintf(tmpname, size, "%s/.%s.fpv-%d-%u", dir, base, (int)getpid(), n);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmpname, AT_SYMLINK_FOLLOW) == 0)
			break;
		if (errno != EEXIST)
			return -1;
	}
	if (n == 100) {
		errno = EEXIST;
		return -1;
	}
	if (rename(tmpname, path) < 0) {
		int err = errno;
		unlink(tmpname);
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * A kill between publish_tmpfile's link and its rename leaves a complete
 * copy of a new file under ".BASE.fpv-PID-N" (the object itself is intact).
 * Remove those whose writer is gone before writing again, so the directory
 * heals on the next write.  The writer holds an flock() on its file until it
 * exits; a file we can lock has no writer.  (The PID in the name only makes
 * names unique: a killed writer's PID may already belong to another process.)
 */
static void remove_stale_temps(const char *dir, const char *base)
{
	char prefix[NAME_MAX + 8];
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t len;

	if (!d)
		return;
	snprintf(prefix, sizeof(prefix), ".%s.fpv-", base);
	len = strlen(prefix);
	while ((de = readdir(d))) {
		char *end;
		long pid;
		int tfd;

		if (strncmp(de->d_name, prefix, len))
			continue;
		pid = strtol(de->d_name + len, &end, 10);
		if (end == de->d_name + len || *end != '-' || pid <= 0)
			continue;	/* mkstemp's names have no pid: left alone */
		tfd = openat(dirfd(d), de->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (tfd < 0)
			continue;
		if (flock(tfd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), de->d_name, 0);
		close(tfd);
	}
	closedir(d);
}

static void sync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd >= 0) {
		fsync(dfd);	/* best effort: the rename is already atomic */
		close(dfd);
	}
}

int elf_write(struct elf_file *file)
{
	struct elf_priv *p = priv(file);
	char *path = realpath(p->f.path, NULL), *slash, dir[PATH_MAX], tmpname[PATH_MAX + 64];
	const char *base;
	int fd, rc = -1;

	assert(p->writable);
	if (!p->nr_new)
		return 0;
	if (!path || strlen(path) >= sizeof(dir)) {
		free(path);
		return fpv_error(p->f.path, "cannot resolve the path: %s", strerror(errno ? errno : ENAMETOOLONG));
	}
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	*slash = '\0';
	base = slash + 1;
	if (!dir[0])
		strcpy(dir, "/");
	remove_stale_temps(dir, base);
	/* Preferred: an unnamed file, so a crash mid-write leaves nothing behind. */
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		bool fallback = false;
		snprintf(tmpname, sizeof(tmpname), "%s/(unnamed temporary)", dir);
		rc = fill_temp(p, fd, tmpname);
		if (rc == 0 && publish_tmpfile(fd, dir, base, path, tmpname, sizeof(tmpname)) < 0) {
			/* linkat() through /proc failed (no /proc?): retry with a named file */
			fallback = errno == ENOENT || errno == EPERM || errno == EOPNOTSUPP;
			rc = fallback ? -1 : fpv_error(p->f.path, "cannot replace the file: %s", strerror(errno));
		}
		close(fd);
		if (!fallback)
			goto done;
	}
	snprintf(tmpname, sizeof(tmpname), "%s/.%s.fpv-XXXXXX", dir, base);
	fd = mkstemp(tmpname);
	if (fd < 0) {
		rc = fpv_error(p->f.path, "cannot create a temporary file in %s: %s", dir, strerror(errno));
		goto done;
	}
	rc = fill_temp(p, fd, tmpname);
	if (close(fd) < 0 && rc == 0)
		rc = fpv_error(p->f.path, "cannot write %s: %s", tmpname, strerror(errno));
	if (rc == 0 && rename(tmpname, path) < 0)
		rc = fpv_error(p->f.path, "cannot rename %s over the file: %s", tmpname, strerror(errno));
	if (rc < 0)
		unlink(tmpname);
done:
	if (rc == 0) {
		sync_dir(dir);
		free_new_secs(p);
	}
	free(path);
	return rc;
}
