/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ELF layer: the only user of libelf.  It opens an AArch64 ELF64
 * little-endian file (relocatable object, kernel module, executable or shared
 * library, stripped or not), validates it, and gives the rest of fpv
 * sections, symbols, mapping symbols ($x/$d) and RELA relocations with
 * lookups by address.  Writing new sections back is atomic (temporary file +
 * rename), so a failure never leaves a half-written object.  The model is
 * objtool's elf.c.
 */
#ifndef FPV_ELF_H
#define FPV_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_file;

struct section {
	struct elf_file *file;
	unsigned idx;			/* section header index */
	const char *name;
	uint32_t type;			/* SHT_* */
	uint64_t flags;			/* SHF_* */
	uint64_t addr;			/* sh_addr (0 in relocatable objects) */
	uint64_t size;
	uint64_t entsize;
	uint32_t link, info;
	uint64_t align;
	const uint8_t *data;		/* NULL for SHT_NOBITS; bounds-checked at load */
	bool text;			/* SHF_EXECINSTR and SHT_PROGBITS */
	struct section *rela;		/* the SHT_RELA section applying to this one */
	struct section *base;		/* for a RELA section: the section it applies to */
	struct reloc *relocs;		/* for a section with relocations: sorted by offset */
	size_t nr_relocs;
	struct symbol **syms_by_addr;	/* symbols defined here, sorted by value */
	size_t nr_syms;
	struct mapsym *maps;		/* $x/$d mapping symbols, sorted by value */
	size_t nr_maps;
	size_t map_hint;		/* elf_is_data(): the last region found (callers
					 * walk a section in order) */
};

enum sym_origin {
	SYM_FROM_SYMTAB,
	SYM_FROM_DYNSYM,
	SYM_FROM_EH_FRAME,		/* synthetic: an FDE range with no symbol */
	SYM_FROM_GOPCLNTAB,		/* synthetic: a Go function of .gopclntab that no
					 * symbol or FDE covers, named by its Go name */
};

/* What became of a Go binary's function table, .gopclntab (struct elf_file). */
enum go_table {
	GO_TABLE_NONE,			/* no .gopclntab section */
	GO_TABLE_READ,			/* its functions are symbols (SYM_FROM_GOPCLNTAB) */
	GO_TABLE_LAYOUT,		/* a layout fpv does not read (go_magic says which) */
	GO_TABLE_UNLINKED,		/* in a relocatable object: read only in linked files */
	GO_TABLE_BAD,			/* a table fpv cannot use, left out with a note
					 * (go_why says why) */
	GO_TABLE_NOT_FOUND,		/* a Go binary (.note.go.buildid, .go.buildinfo)
					 * with no table section, and none found in its
					 * data */
};

/* A function of a Go binary's .gopclntab (elf_file.go_funcs). */
struct go_func {
	uint64_t start, end;		/* addresses; end is the next function's start */
	const char *name;		/* its Go name, in the section's data */
	uint32_t deferreturn;		/* 0, or the offset from start of the call the
					 * runtime resumes a frame at when a deferred
					 * call recovers a panic (_func.deferreturn) */
	uint8_t flag;			/* _func.flag (0 before Go 1.18): GO_FUNC_ASM ... */
};

#define GO_FUNC_ASM	4		/* funcFlag_ASM: written in Go's assembly */

struct symbol {
	unsigned idx;			/* index in its table (0 for synthetic) */
	const char *name;		/* never NULL; synthetic: "fde_<addr>" */
	uint8_t type;			/* STT_* */
	uint8_t bind;			/* STB_* */
	uint8_t origin;			/* enum sym_origin */
	struct section *sec;		/* NULL for undefined/absolute */
	uint64_t value;			/* st_value: offset in sec for ET_REL, address otherwise */
	uint64_t size;
	struct symbol *alias;		/* first symbol at the same place, or itself */
};

enum map_kind { MAP_CODE, MAP_DATA };

struct mapsym {
	uint64_t value;			/* offset in the section (also in linked files) */
	uint8_t kind;			/* enum map_kind */
};

/*
 * Relocations are attached to the section they apply to in relocatable
 * objects (offset in the section) and, for linked files, only from
 * non-allocated --emit-relocs sections (offset is then an address, like
 * symbol values).  The dynamic relocations of a linked file (allocated
 * SHT_RELA sections: .rela.dyn, .rela.plt) are kept apart, in
 * elf_file.dyn_relocs: offset is an address, sym a .dynsym symbol or NULL,
 * sec the section holding offset or NULL.
 */
struct reloc {
	struct section *sec;		/* section the relocation applies to */
	uint64_t offset;		/* r_offset: same coordinates as symbol values */
	uint32_t type;			/* ELF relocation type: arch_reloc() says what it does */
	struct symbol *sym;		/* may be NULL (symbol index 0) */
	int64_t addend;
};

struct elf_file {
	const char *path;
	int fd;
	void *elf;			/* Elf *, opaque to the rest of fpv */
	uint16_t e_type;		/* ET_REL, ET_EXEC, ET_DYN */
	bool is_module;			/* ET_REL with .gnu.linkonce.this_module (a .ko;
					 * .modinfo alone is also in built-in objects) */
	struct section *sections;
	size_t nr_sections;
	struct symbol *symbols;		/* .symtab, then .dynsym, then synthetic; entry i of
					 * a table is at its base + i, the null symbol included */
	size_t nr_symbols;
	bool stripped;			/* no .symtab */
	bool no_text;			/* opened with ELF_OPEN_EMPTY_REL: a relocatable
					 * object with no code (lib/bitrev.o holds only
					 * tables), nothing to analyse */
	uint64_t entry;			/* e_entry (0: none) */
	uint8_t go_table;		/* enum go_table */
	uint32_t go_magic;		/* .gopclntab's first word (GO_TABLE_LAYOUT) */
	char go_why[160];		/* GO_TABLE_BAD: the cause, one line */
	struct go_func *go_funcs;	/* GO_TABLE_READ: every function of .gopclntab,
					 * by address (elf_go_func()) */
	size_t nr_go_funcs;
	struct reloc *dyn_relocs;	/* linked files: every allocated SHT_RELA section's
					 * relocations, in file order (see struct reloc) */
	size_t nr_dyn_relocs;
};

/*
 * Open and validate path.  On failure returns NULL after printing one line
 * "fpv: PATH: problem" to stderr.  Checks: a readable regular file, ELF,
 * EM_AARCH64, little-endian, ELF64, a relocatable/executable/shared type;
 * header tables, sections and segments inside the file (so no count can be
 * huge); sh_link/sh_info in range; entry sizes of symbol, relocation,
 * extended-index and other array sections; NUL-terminated string tables and
 * every name offset inside its table; symbol section indexes, values and
 * sizes inside their sections; relocation symbol indexes in range and
 * offsets (plus the patched width) inside their section; section groups;
 * the .eh_frame entries used for function starts; at least one non-empty
 * executable section.  The function table of a linked Go binary (.gopclntab:
 * every offset inside the section, entries in order and inside executable
 * sections, names NUL-terminated) is used only when it passes these checks:
 * else it is left out with a note, not the file (GO_TABLE_BAD).  Section header 0 is never treated as a section.
 * writable: elf_add_section()/elf_write() may be used.
 */
struct elf_file *elf_open(const char *path, bool writable);

/* elf_open_flags(): elf_open() with options. */
enum elf_open_flag {
	ELF_OPEN_WRITABLE = 1,		/* as elf_open()'s writable */
	ELF_OPEN_EMPTY_REL = 2,		/* a relocatable object (ET_REL) without a non-empty
					 * executable section opens, with no_text set, instead
					 * of failing; the command decides (fpv check/orc
					 * --allow-empty: nothing to do).  Other file types
					 * without code still fail. */
};
struct elf_file *elf_open_flags(const char *path, unsigned flags);
void elf_close(struct elf_file *file);

struct section *elf_find_section(struct elf_file *file, const char *name);

/*
 * A table of fixed-size entries: [off, off + size) of sec.  In an object or
 * module it is a section of its own; in a linked kernel image the linker
 * script may place it inside another output section and bracket it with
 * symbols (__start___jump_table/__stop___jump_table inside .rodata, or
 * __alt_instructions/__alt_instructions_end).
 */
struct elf_range {
	struct section *sec;
	uint64_t off, size;
};

/*
 * The table bracketed by the defined symbols start and stop (same section,
 * start <= stop; linked files), else the whole section called name.  false
 * when neither is there or the range holds no data.  Either symbol name
 * may be NULL.
 */
bool elf_find_table(struct elf_file *file, const char *name, const char *start,
		    const char *stop, struct elf_range *r);

/*
 * Symbol whose [value, value+size) contains off in sec (functions first, then
 * the innermost); if none, an unsized function or untyped label at or before
 * off with no other symbol in between (assembly without .size).  Offsets are
 * in the coordinates of symbol values: section offsets in ET_REL files,
 * addresses in linked files.  Only .symtab symbols are indexed (.dynsym and
 * synthetic fde_* and .gopclntab symbols when the file is stripped); section, file, TLS and
 * mapping symbols never are.
 */
struct symbol *elf_find_func_containing(struct section *sec, uint64_t off);
/* Symbol defined exactly at off in sec, preferring STT_FUNC, then global. */
struct symbol *elf_find_symbol_at(struct section *sec, uint64_t off);
/* The function of .gopclntab containing addr (linked Go binaries), or NULL. */
const struct go_func *elf_go_func(const struct elf_file *file, uint64_t addr);

/* The section whose address range contains addr (linked files). */
struct section *elf_section_at_addr(struct elf_file *file, uint64_t addr);

/*
 * The dynamic relocation at addr of a linked file (f.dyn_relocs), or NULL.
 * A kernel linked with --no-apply-dynamic-relocs leaves the word at addr
 * zero: a relative relocation's addend (ARCH_RELOC_RELATIVE) is then the
 * only place the value is.
 */
const struct reloc *elf_find_dyn_reloc(struct elf_file *file, uint64_t addr);

/* The index elf_find_dyn_reloc() searches, built ahead: -1 (reported) when out of memory. */
int elf_index_dyn_relocs(struct elf_file *file);

/* First relocation with offset in [off, off+len) in sec, or NULL. */
struct reloc *elf_find_reloc(struct section *sec, uint64_t off, uint64_t len);

/* 'x' or 'd' when name is a mapping symbol ($x, $d.N, prefix_$x), else 0. */
char elf_mapping_kind(const char *name);

/* Whether off (a section offset) in a text section is data by the mapping symbols ($d). */
bool elf_is_data(struct section *sec, uint64_t off);

/*
 * Attach a section that is not in the file (tables read from a sidecar):
 * elf_find_section() finds it after the file's own sections; the iterators
 * and writing never see it.  The bytes are copied.  0, or -1 after printing
 * the cause.
 */
int elf_attach_section(struct elf_file *file, const char *name, const void *data, size_t size);

/* The file's GNU build-id (pointing into the file's data): 0, or -1 if none. */
int elf_build_id(struct elf_file *file, const uint8_t **id, size_t *len);

/* Iterators. */
#define for_each_sec(file, s) \
	for ((s) = (file)->sections; (s) < (file)->sections + (file)->nr_sections; (s)++)
#define for_each_sym(file, sym) \
	for ((sym) = (file)->symbols; (sym) < (file)->symbols + (file)->nr_symbols; (sym)++)

/*
 * Writing.  elf_open() the file with writable set.  Add a section (with optional RELA relocations against text
 * sections) and commit everything atomically: the new file is written to a
 * temporary in the same directory, fsync'ed and renamed over the original.
 * Returns 0 or a negative value after printing the cause.  Relocations
 * refer to an STT_SECTION symbol of target_sec, created in .symtab (among the
 * locals) when missing.  Linked files (ET_EXEC/ET_DYN) accept only
 * non-allocated sections without relocations, appended at the end.  After
 * elf_write() the elf_file still describes the original contents: reopen the
 * file to see the new sections.
 */
struct new_reloc {
	uint64_t offset;		/* in the new section */
	uint32_t type;			/* ELF relocation type, e.g. arch_reloc_pcrel32() */
	struct section *target_sec;	/* relocate against this section's symbol */
	int64_t addend;
};

int elf_add_section(struct elf_file *file, const char *name, uint32_t type,
		    uint64_t flags, uint64_t align, const void *data, size_t size,
		    const struct new_reloc *relocs, size_t nr_relocs);
/*
 * Put the new section name alone in a COMDAT group whose signature is a
 * local symbol of the same name at its start, so that a link keeps one copy
 * of it however many objects carry it (.orc_header).  Relocatable objects
 * with a .symtab only, and a section without relocations.
 */
int elf_set_comdat(struct elf_file *file, const char *name);
int elf_write(struct elf_file *file);

#endif
