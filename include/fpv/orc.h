/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * The arm64 ORC unwind format: the one header shared by the fpv tool, the
 * run-time library (lib/) and the kernel patches (kernel/).  It must stay
 * freestanding: fixed-width types only, no libc.  docs/orc-format.md
 * documents every field and how the format relates to x86's orc_entry and to
 * the 2023 arm64 RFC's entry.
 *
 * Sections written by `fpv orc`:
 *   .orc_unwind_ip  int32_t[n]  PC-relative: entry i covers the code from
 *                               &ip[i] + ip[i] up to the next entry's address
 *   .orc_unwind     struct orc_entry[n], parallel to .orc_unwind_ip
 *   .orc_header     struct orc_header, once per object (format check)
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
 */
#ifndef FPV_ORC_H
#define FPV_ORC_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef s16 orc_s16;
typedef u16 orc_u16;
typedef s32 orc_s32;
typedef u32 orc_u32;
typedef u64 orc_u64;
#else
#include <stdint.h>
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

static inline unsigned orc_base(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_BASE_SHIFT) & ORC_INFO_BASE_MASK;
}
static inline unsigned orc_fp_where(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_FP_SHIFT) & ORC_INFO_FP_MASK;
}
static inline unsigned orc_ra_where(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_RA_SHIFT) & ORC_INFO_RA_MASK;
}
static inline unsigned orc_type(const struct orc_entry *e)
{
	return (e->info >> ORC_INFO_TYPE_SHIFT) & ORC_INFO_TYPE_MASK;
}

/*
 * .orc_header: identifies the format so that a kernel or library never reads
 * tables written for another layout.  hash is FNV-1a 64 of ORC_FORMAT_STRING.
 */
#define ORC_MAGIC		0x3643524fu	/* "ORC6" little-endian */
#define ORC_VERSION		1
#define ORC_FORMAT_STRING \
	"fpv-orc-1:entry=8:cfa,fp,ra=s16*8:info=base2,fp2,ra2,type3,signed1,fpframe1,rsvd5:ip=prel32"

struct orc_header {
	orc_u32 magic;
	orc_u32 version;
	orc_u64 hash;
};

_Static_assert(sizeof(struct orc_header) == 16, "orc_header is 16 bytes on disk");

#endif
