/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * The arm64 ORC unwind format: the one header shared, byte for byte, by the
 * fpv tool that writes the tables, fpv's run-time library and the kernel's
 * unwinder.  It must stay freestanding: fixed-width types only, no libc.
 * fpv's docs/orc-format.md documents every field and how the format relates
 * to x86's orc_entry.
 *
 * Sections written by `fpv orc`:
 *   .orc_unwind_ip  int32_t[n]  PC-relative: entry i covers the code from
 *                               &ip[i] + ip[i] up to the next entry's address
 *   .orc_unwind     struct orc_entry[n], parallel to .orc_unwind_ip
 *   .orc_header     struct orc_header (format check), alone in a COMDAT
 *                   group named after it: a link keeps one copy
 *
 * struct orc_entry, 8 bytes, little-endian:
 *
 *   byte  0      2      4      6      8
 *         +------+------+------+------+
 *         |cfa   |fp    |ra    |info  |
 *         +------+------+------+------+
 *   cfa, fp, ra: int16_t, in units of 8 bytes (ORC_OFF_SCALE)
 *
 *   info bits:
 *     1:0   cfa_base   ORC_BASE_UNDEF / ORC_BASE_SP / ORC_BASE_FP
 *     3:2   fp_where   ORC_REG_SAME / ORC_REG_SAVED (caller x29 at CFA+fp) / ORC_REG_UNDEF
 *     5:4   ra_where   ORC_REG_SAME (still in x30) / ORC_REG_SAVED (at CFA+ra) / ORC_REG_UNDEF
 *     8:6   type       ORC_TYPE_UNDEFINED / _CALL / _REGS / _END_OF_STACK
 *     9     signed     the return address is PAC-signed here
 *     10    fp_frame   x29 points at this function's frame record, at CFA+fp
 *     15:11 reserved, zero
 *
 * An all-zero entry is ORC_TYPE_UNDEFINED: unwinding is impossible here, so a
 * zeroed or truncated table fails safe.
 *
 * Ordering: entry i covers [pc(i), pc(i+1)).  Tables are sorted by PC before
 * lookup (linking concatenates per-object tables); where two entries share a
 * PC (one object's end-of-section terminator and the next object's first
 * entry), the ORC_TYPE_UNDEFINED one sorts first, and lookup takes the LAST
 * entry whose PC is <= the address, so the real entry wins (x86 does the same).
 *
 * Executables and shared libraries (where `fpv orc` cannot add allocated
 * sections in place) get one non-allocated section, .fpv_orc, that the
 * run-time front end reads from the file: struct orc_file_header followed by
 * a standard (ORC_FILE_STD) or compact (ORC_FILE_COMPACT) body, below.
 */
#ifndef FPV_ORC_H
#define FPV_ORC_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef u8 orc_u8;
typedef s16 orc_s16;
typedef u16 orc_u16;
typedef s32 orc_s32;
typedef u32 orc_u32;
typedef u64 orc_u64;
#else
#include <stdint.h>
typedef uint8_t orc_u8;
typedef int16_t orc_s16;
typedef uint16_t orc_u16;
typedef int32_t orc_s32;
typedef uint32_t orc_u32;
typedef uint64_t orc_u64;
#endif

#define ORC_OFF_SCALE		8	/* offsets are stored divided by 8 */

#define ORC_BASE_UNDEF		0
#define ORC_BASE_SP		1
#define ORC_BASE_FP		2

#define ORC_REG_SAME		0
#define ORC_REG_SAVED		1
#define ORC_REG_UNDEF		2

#define ORC_TYPE_UNDEFINED	0	/* no unwinding possible here */
#define ORC_TYPE_CALL		1	/* ordinary call frame */
#define ORC_TYPE_REGS		2	/* exception or signal register frame */
#define ORC_TYPE_END_OF_STACK	3	/* the expected final frame */

#define ORC_INFO_BASE_SHIFT	0
#define ORC_INFO_BASE_MASK	0x3
#define ORC_INFO_FP_SHIFT	2
#define ORC_INFO_FP_MASK	0x3
#define ORC_INFO_RA_SHIFT	4
#define ORC_INFO_RA_MASK	0x3
#define ORC_INFO_TYPE_SHIFT	6
#define ORC_INFO_TYPE_MASK	0x7
#define ORC_INFO_SIGNED		(1u << 9)
#define ORC_INFO_FP_FRAME	(1u << 10)
#define ORC_INFO_RESERVED	0xf800u

struct orc_entry {
	orc_s16 cfa;
	orc_s16 fp;
	orc_s16 ra;
	orc_u16 info;
};

_Static_assert(sizeof(struct orc_entry) == 8, "orc_entry is 8 bytes on disk");

static inline unsigned int orc_base(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_BASE_SHIFT) & ORC_INFO_BASE_MASK;
}
static inline unsigned int orc_fp_where(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_FP_SHIFT) & ORC_INFO_FP_MASK;
}
static inline unsigned int orc_ra_where(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_RA_SHIFT) & ORC_INFO_RA_MASK;
}
static inline unsigned int orc_type(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_TYPE_SHIFT) & ORC_INFO_TYPE_MASK;
}

/* Build an info word from its fields (flags: ORC_INFO_SIGNED, ORC_INFO_FP_FRAME). */
#define ORC_INFO(base, fp_where, ra_where, type, flags) \
	((orc_u16)(((base) << ORC_INFO_BASE_SHIFT) | ((fp_where) << ORC_INFO_FP_SHIFT) | \
		   ((ra_where) << ORC_INFO_RA_SHIFT) | ((type) << ORC_INFO_TYPE_SHIFT) | (flags)))

/*
 * .orc_header: identifies the format so that a kernel or library never reads
 * tables written for another layout.  hash is FNV-1a 64 of ORC_FORMAT_STRING.
 */
#define ORC_MAGIC		0x3643524fu	/* "ORC6" little-endian */
#define ORC_VERSION		1
#define ORC_FORMAT_STRING \
	"fpv-orc-1:entry=8:cfa,fp,ra=s16*8:" \
	"info=base2,fp2,ra2,type3,signed1,fpframe1,rsvd5:ip=prel32"

struct orc_header {
	orc_u32 magic;
	orc_u32 version;
	orc_u64 hash;
};

_Static_assert(sizeof(struct orc_header) == 16, "orc_header is 16 bytes on disk");

/* FNV-1a 64 of a NUL-terminated string: orc_format_hash() is orc_header.hash. */
static inline orc_u64 orc_fnv1a64(const char *s)
{
	orc_u64 h = 0xcbf29ce484222325ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	return h;
}

static inline orc_u64 orc_format_hash(void)
{
	return orc_fnv1a64(ORC_FORMAT_STRING);
}

/*
 * .fpv_orc (executables and shared libraries; not allocated, read from the
 * file by the run-time front end).  Addresses are link-time virtual
 * addresses: the front end adds the load bias.  All fields little-endian.
 *
 *   struct orc_file_header             32 bytes
 *   ORC_FILE_STD:
 *     orc_u32 pc[nr]                   pc - base, sorted ascending
 *     (4 bytes of zero if nr is odd)
 *     struct orc_entry entry[nr]       parallel to pc[]
 *   ORC_FILE_COMPACT:
 *     struct orc_compact_header        16 bytes
 *     struct orc_entry entry[nr_entries]  distinct entries, most frequent first
 *     orc_u32 block[nr_blocks + 1]     byte offset in stream[] of each block;
 *                                      block[nr_blocks] == stream_size
 *     orc_u8 stream[stream_size]
 *
 * Compact stream: text [base, base + text_size) is cut into blocks of
 * (1 << block_shift) bytes.  Block k's bytes are: the index (ULEB128) of the
 * entry in effect at the block's first address, then one record per entry
 * change inside the block, each
 *
 *     byte   bits 3:0  delta - 1   (15: ULEB128 (delta - 16) follows)
 *            bits 7:4  index       (15: ULEB128 (index - 15) follows,
 *                                   after the delta's extension)
 *
 * delta is the distance in 4-byte instructions from the previous record
 * (the block start for the first), at least 1; index selects the entry
 * that applies from there.  Entries are sorted by frequency, so most
 * records take one byte.  A lookup reads one block: O(1) index arithmetic
 * plus at most (1 << block_shift) / 4 records.
 */
#define ORC_FILE_MAGIC		0x4643524fu	/* "ORCF" little-endian */
#define ORC_FILE_STD		1
#define ORC_FILE_COMPACT	2
#define ORC_FILE_SECTION	".fpv_orc"

/*
 * Sidecar tables: for a file that must stay byte-identical (a distribution's
 * libc.so.6), `fpv orc --sidecar=DIR` writes ORC_FILE_SECTION and
 * ORC_FUNCS_SECTION into DIR/.build-id/NN/REST.fpv instead, NN the first byte
 * of the file's GNU build-id in lowercase hex and REST the others (the layout
 * of separate debug files).  The sidecar is an ELF64 file with no segments:
 * .note.gnu.build-id (the file's NT_GNU_BUILD_ID note), the two sections as
 * they would be in the file, .shstrtab.  A reader uses it only if its note
 * equals the loaded file's.  libfpv searches the directories of the
 * FPV_TABLE_PATH environment variable (colon-separated), by default
 * ORC_SIDECAR_DEFAULT_PATH.
 */
#define ORC_SIDECAR_DIR		".build-id"
#define ORC_SIDECAR_SUFFIX	".fpv"
#define ORC_SIDECAR_DEFAULT_PATH "/usr/lib/debug"

struct orc_file_header {
	orc_u32 magic;		/* ORC_FILE_MAGIC */
	orc_u16 version;	/* ORC_VERSION */
	orc_u16 kind;		/* ORC_FILE_STD or ORC_FILE_COMPACT */
	orc_u64 hash;		/* orc_format_hash() */
	orc_u64 base;		/* link-time address pc offsets are relative to */
	orc_u32 nr;		/* records (PC ranges) described */
	orc_u32 size;		/* bytes of the whole blob, this header included */
};

_Static_assert(sizeof(struct orc_file_header) == 32, "orc_file_header is 32 bytes on disk");

struct orc_compact_header {
	orc_u32 text_size;	/* bytes of text covered from base */
	orc_u16 nr_entries;	/* distinct entries */
	orc_u8 block_shift;	/* log2 of the bytes of text per block */
	orc_u8 reserved;	/* zero */
	orc_u32 nr_blocks;	/* == ceil(text_size / (1 << block_shift)) */
	orc_u32 stream_size;
};

_Static_assert(sizeof(struct orc_compact_header) == 16, "orc_compact_header is 16 bytes on disk");

/*
 * .fpv_funcs (executables and shared libraries; not allocated, next to
 * .fpv_orc, read from the file by the run-time front end): the functions fpv
 * analysed, for the run-time check that a return address's direct call (BL)
 * targets the function its callee frame is in.  Little-endian.
 *
 *   struct orc_funcs_header            24 bytes
 *   struct orc_func func[nr]           sorted by start, strictly ascending
 *
 * Function i covers [base + start_i, base + start_{i+1}) (the last one to the
 * end of the object's text).  owner is the start of the function the code
 * belongs to (itself; the parent of a GCC ".cold" part), relative to base,
 * with ORC_FUNC_ANY_CALLEE in bit 0: the owner may leave other than by
 * returning to its caller (a tail call, an indirect jump with targets the
 * analysis could not bound, falling into the next function), so a frame
 * whose return address follows a call to it may belong to any function.
 * The same flag is set in every part of an owner.  Code outside every
 * function that is not padding (a PLT, linker stubs) has an entry of its
 * own, owning itself, with ORC_FUNC_ANY_CALLEE, so that it never counts as
 * part of the function before it.
 *
 * Version 2 adds ORC_FUNC_DIRECT_ONLY in bit 1 (reserved, zero, in version
 * 1): no indirect call (BLR, BLRAA...) reaches the owner's code, so a frame
 * in it is never the callee frame of a return address that follows an
 * indirect call.  It is set only where the analysis proves it: the owner's
 * address is taken nowhere in the file (no data word, dynamic relocation,
 * exported dynamic symbol or address computed by code names it) and no
 * function an indirect call may reach tail-calls it or falls into it.  The
 * same flag is set in every part of an owner; entries for code outside
 * every function never carry it.
 */
#define ORC_FUNCS_MAGIC		0x46565046u	/* "FPVF" little-endian */
#define ORC_FUNCS_VERSION	2		/* readers accept 1 and 2 */
#define ORC_FUNCS_SECTION	".fpv_funcs"
#define ORC_FUNC_ANY_CALLEE	0x1u
#define ORC_FUNC_DIRECT_ONLY	0x2u		/* version 2; zero in version 1 */
#define ORC_FUNC_FLAGS		0x3u

struct orc_funcs_header {
	orc_u32 magic;		/* ORC_FUNCS_MAGIC */
	orc_u16 version;	/* ORC_FUNCS_VERSION */
	orc_u16 reserved;	/* zero */
	orc_u64 base;		/* link-time address start/owner are relative to */
	orc_u32 nr;		/* functions */
	orc_u32 size;		/* bytes of the whole blob, this header included */
};

struct orc_func {
	orc_u32 start;		/* function start - base */
	orc_u32 owner;		/* owner start - base, | ORC_FUNC_* flags */
};

_Static_assert(sizeof(struct orc_funcs_header) == 24, "orc_funcs_header is 24 bytes on disk");
_Static_assert(sizeof(struct orc_func) == 8, "orc_func is 8 bytes on disk");

#endif
