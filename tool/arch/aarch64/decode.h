/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the A64 decoder (decode.c) and its disassembly text (decode_text.c)
 * share: the decoding context, the field macros, the text helpers and the
 * name tables.  Private to tool/arch/aarch64/.
 */
#ifndef FPV_A64_DECODE_H
#define FPV_A64_DECODE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arch.h"

/* Decoding context: the output, and the text buffer when formatting. */
struct dec {
	uint32_t w;
	uint64_t addr;
	struct insn *in;
	char *buf;		/* NULL: no text wanted (the fast path) */
	size_t size;
};

#define BITS(w, hi, lo) (((w) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(w, n) (((w) >> (n)) & 1u)

static inline int64_t sext(uint64_t v, unsigned bits)
{
	return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline void fmt(struct dec *d, const char *f, ...) __attribute__((format(printf, 2, 3)));
static inline void fmt(struct dec *d, const char *f, ...)
{
	va_list ap;

	if (!d->buf)
		return;
	va_start(ap, f);
	vsnprintf(d->buf, d->size, f, ap);
	va_end(ap);
}

/* Only build the text when formatting: the arguments may cost something. */
#define TXT(d, ...) do { if ((d)->buf) fmt((d), __VA_ARGS__); } while (0)
/* In formatting-only code (d in scope): print and return. */
#define OUT(...) do { fmt(d, __VA_ARGS__); return; } while (0)

static const char *const xnames[33] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
	"x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
	"x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
	"sp", "xzr",
};
static const char *const wnames[33] = {
	"w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10",
	"w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20",
	"w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30",
	"wsp", "wzr",
};
static const char *const conds[16] = {
	"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",	/* GNU objdump's names */
	"hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

/* Register number 0..31 of a field to CFI_SP or CFI_ZR according to the encoding. */
static inline unsigned sp_reg(unsigned n) { return n; }
static inline unsigned zr_reg(unsigned n) { return n == 31 ? CFI_ZR : n; }

/* Name of a general register: r is 0..30, CFI_SP or CFI_ZR. */
static inline const char *rname(unsigned r, bool x)
{
	return x ? xnames[r] : wnames[r];
}

static const char fpt[4] = { 's', 'd', '?', 'h' };
/* Advanced SIMD arrangements by size:Q */
static const char *const simd_arr[8] = { "8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d" };

/* VFPExpandImm(): the value of an 8-bit FP immediate abcdefgh. */
static inline double fp_imm8(unsigned imm8)
{
	int e = BIT(imm8, 6) ? (int)BITS(imm8, 5, 4) - 3 : (int)BITS(imm8, 5, 4) + 1;
	double v = (16.0 + BITS(imm8, 3, 0)) / 16.0;

	for (; e > 0; e--)
		v *= 2;
	for (; e < 0; e++)
		v /= 2;
	return BIT(imm8, 7) ? -v : v;
}

static const char *const sve_pat[32] = {
	"pow2", "vl1", "vl2", "vl3", "vl4", "vl5", "vl6", "vl7", "vl8", "vl16", "vl32", "vl64",
	"vl128", "vl256", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, "mul4", "mul3", "all",
};

/* DecodeBitMasks() of the Arm ARM: the value of a logical immediate. */
bool a64_decode_bitmask(unsigned n, unsigned imms, unsigned immr, bool x, uint64_t *out);

/*
 * Text of the instructions that write no general register, so that the
 * decode needs nothing from them (formatting only, d->buf set).
 */
void a64_simd_text(struct dec *d);	/* Advanced SIMD and crypto */
void a64_sve_text(struct dec *d);	/* SVE data processing */
void a64_sve_mem_text(struct dec *d);	/* SVE loads and stores */

#endif
