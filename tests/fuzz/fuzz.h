/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared support for fpv's libFuzzer targets (tests/fuzz/fuzz_*.c) and for
 * seedgen, which turns real compiler output into their seed corpora.
 *
 * Most targets fuzz one section of an ELF file (.eh_frame, .sframe, the ORC
 * sections, .text) rather than a whole file, so that mutations land in the
 * parser under test instead of in the ELF headers (fuzz_elf covers those).
 * Their input is a small container, described here once:
 *
 *   struct fz_hdr   16 bytes: flags, relocation count, text size, addresses
 *   struct fz_rel   nrel * 12 bytes: relocations against the fuzzed section
 *   data            the rest: the section's bytes (split further by a target)
 *
 * fz_build() turns a container into an AArch64 ELF64 image (ET_REL or
 * ET_EXEC) with a .text of real instructions, function symbols, the fuzzed
 * section(s) and their RELA section; fz_file() puts an image in a memfd and
 * returns a path the ELF layer can open; fz_open() does both and opens the
 * result.  fz_capture_*() check the tool's error contract on every run: a
 * failure prints exactly one line "fpv: PATH: ..." to stderr.
 */
#ifndef FPV_FUZZ_H
#define FPV_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* fz_hdr.flags */
#define FZ_EXEC		0x01	/* ET_EXEC (addresses) instead of ET_REL (offsets + relocations) */
#define FZ_VARIANT(f)	(((f) >> 1) & 7)	/* target-specific choice */
#define FZ_NOFP		0x10	/* fuzz_check: analyse as code without frame pointers */
#define FZ_LABELS	0x20	/* fuzz_check: functions are unsized STT_NOTYPE labels */
#define FZ_DATA_MAP	0x40	/* fuzz_check: a $d mapping symbol in the middle of the text */

struct fz_hdr {
	uint8_t flags;
	uint8_t nrel;
	uint16_t text_words;	/* size of .text in 4-byte words (0: 64) */
	uint32_t text_addr;	/* FZ_EXEC: address of .text */
	uint32_t data_addr;	/* FZ_EXEC: address of the fuzzed section */
	uint32_t aux;		/* target-specific (lengths, function count) */
};

/* fz_rel.type: a small selector (FZ_R_*) or, from FZ_R_RAW on, raw type - FZ_R_RAW + 256. */
enum { FZ_R_PREL32, FZ_R_ABS64, FZ_R_ABS32, FZ_R_PREL64, FZ_R_NONE, FZ_R_CALL26,
       FZ_R_JUMP26, FZ_R_ADR_PAGE, FZ_R_ADD_LO12, FZ_R_RAW };
/* fz_rel.sym & 7: which symbol; fz_rel.sym >> 3: function number for FZ_S_FUNC. */
enum { FZ_S_TEXT, FZ_S_SELF, FZ_S_FUNC, FZ_S_EXTERN, FZ_S_NULL, FZ_S_NORETURN, FZ_S_DATA2 };

struct fz_rel {
	uint32_t off;
	int32_t addend;
	uint8_t type;
	uint8_t sym;
	uint16_t target;	/* with fz_elf.text_relocs: even relocates .text, odd the section */
};

_Static_assert(sizeof(struct fz_hdr) == 16, "container header is 16 bytes");
_Static_assert(sizeof(struct fz_rel) == 12, "container relocation is 12 bytes");

/* A parsed container: pointers into the input. */
struct fz_in {
	struct fz_hdr h;
	const struct fz_rel *rel;	/* may be unaligned: read with memcpy */
	size_t nrel;
	const uint8_t *data;
	size_t size;
};

/* false if the input is shorter than its header and relocations. */
bool fz_parse(const uint8_t *buf, size_t len, struct fz_in *in);
struct fz_rel fz_rel_at(const struct fz_in *in, size_t i);
uint32_t fz_rel_type(uint8_t sel);

/* One section to add to the built image beside .text. */
struct fz_sec {
	const char *name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;		/* FZ_EXEC only */
	uint64_t align;
	const void *data;
	size_t size;
	bool relocs;		/* the container's relocations apply to this section */
};

#define FZ_MAX_SECS 6
#define FZ_MAX_FUNCS 64

struct fz_elf {
	bool exec;
	const uint8_t *text;	/* NULL: a fixed pattern of real prologues and epilogues */
	size_t text_size;
	uint64_t text_addr;
	unsigned nr_funcs;	/* function symbols f0..fN-1 splitting .text evenly */
	bool labels;		/* unsized STT_NOTYPE instead of sized STT_FUNC */
	bool data_map;		/* $d in the middle of the first function */
	struct fz_sec secs[FZ_MAX_SECS];
	unsigned nr_secs;
	const struct fz_in *in;	/* relocations, for the first fz_sec with relocs set */
	bool text_relocs;	/* even fz_rel.target: relocate .text instead */
};

/*
 * The image the container's header describes: ET_EXEC or ET_REL, a .text of
 * the pattern (text_words words, 64 KiB at most) at text_addr, split into
 * functions of 64 bytes, and the container's relocations.
 */
void fz_elf_init(struct fz_elf *e, const struct fz_in *in);

/* Build the image; returns a malloc'ed buffer and its size, NULL if it cannot. */
uint8_t *fz_build(const struct fz_elf *e, size_t *size);

/* The text pattern used when fz_elf.text is NULL (valid A64, several frame shapes). */
void fz_text_pattern(uint8_t *out, size_t size);

/* Write an image to the process's memfd; returns "/proc/self/fd/N". */
const char *fz_file(const void *img, size_t size);

struct elf_file;

/*
 * The setup every target that fuzzes a file shares: build the image, write
 * it to the memfd (*path) and open it through the ELF layer under the
 * error-contract oracle.  NULL when the image cannot be built or the ELF
 * layer rejects it (with its one line).
 */
struct elf_file *fz_open(const struct fz_elf *e, const char **path);

/*
 * Read elf's ORC tables, check they come sorted, print and expand them to
 * out, each under the oracle.  Returns orc_read()'s result.
 */
int fz_orc_tables(struct elf_file *elf, FILE *out);

/* A scratch directory on tmpfs for targets that write files (created once). */
const char *fz_tmpdir(void);

/*
 * Error-contract oracle.  fz_capture_begin() sends stdio's stderr to a
 * buffer; fz_capture_end(path, failed) restores it and aborts if a failed
 * call printed anything but one line "fpv: PATH: ..." or, with
 * allow_extra, at least one such line and only such lines.
 */
void fz_capture_begin(void);
void fz_capture_end(const char *path, bool failed, bool allow_extra);

/* Print to the real stderr and abort: a finding of the fuzzer. */
__attribute__((noreturn, format(printf, 1, 2)))
void fz_bug(const char *fmt, ...);

#endif
