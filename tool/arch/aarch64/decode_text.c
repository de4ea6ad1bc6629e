// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Disassembly text of the A64 instructions whose decode needs nothing but
 * the text: Advanced SIMD, crypto and SVE.  decode.c calls these only when
 * arch_format() asks for text.
 */
#include <inttypes.h>
#include <stdio.h>

#include "decode.h"

/*
 * Text of the Advanced SIMD and crypto instructions that write no general
 * register (formatting only: the decode needs nothing from them).  The
 * tables follow the Arm ARM's "Advanced SIMD three same", "two-register
 * miscellaneous", "across lanes", "three different", "shift by immediate",
 * "modified immediate", "permute", "extract", "table lookup" and
 * "vector x indexed element" groups; the scalar forms reuse them.
 */

static const char *const same_int[2][24] = {
	{ "shadd", "sqadd", "srhadd", NULL, "shsub", "sqsub", "cmgt", "cmge", "sshl", "sqshl", "srshl",
	  "sqrshl", "smax", "smin", "sabd", "saba", "add", "cmtst", "mla", "mul", "smaxp", "sminp",
	  "sqdmulh", "addp" },
	{ "uhadd", "uqadd", "urhadd", NULL, "uhsub", "uqsub", "cmhi", "cmhs", "ushl", "uqshl", "urshl",
	  "uqrshl", "umax", "umin", "uabd", "uaba", "sub", "cmeq", "mls", "pmul", "umaxp", "uminp",
	  "sqrdmulh", NULL },
};
/* FP three same, opcode 11000..11111, by [U][a][opcode - 24] */
static const char *const same_fp[2][2][8] = {
	{ { "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", NULL, "fmax", "frecps" },
	  { "fminnm", "fmls", "fsub", NULL, NULL, NULL, "fmin", "frsqrts" } },
	{ { "fmaxnmp", NULL, "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv" },
	  { "fminnmp", NULL, "fabd", NULL, "fcmgt", "facgt", "fminp", NULL } },
};
static const char *const logic[2][4] = { { "and", "bic", "orr", "orn" }, { "eor", "bsl", "bit", "bif" } };
/* two-register misc by [U][opcode]; FP entries (opcode >= 12) have an a-variant below */
static const char *const misc[2][32] = {
	{ "rev64", "rev16", "saddlp", "suqadd", "cls", "cnt", "sadalp", "sqabs", "cmgt", "cmeq", "cmlt", "abs",
	  NULL, NULL, NULL, NULL, NULL, NULL, "xtn", NULL, "sqxtn", NULL, "fcvtn", "fcvtl",
	  "frintn", "frintm", "fcvtns", "fcvtms", "fcvtas", "scvtf", NULL, NULL },
	{ "rev32", NULL, "uaddlp", "usqadd", "clz", NULL, "uadalp", "sqneg", "cmge", "cmle", NULL, "neg",
	  NULL, NULL, NULL, NULL, NULL, NULL, "sqxtun", "shll", "uqxtn", NULL, "fcvtxn", NULL,
	  "frinta", "frintx", "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", NULL, NULL },
};
static const char *const misc_a[2][32] = {
	{ [12] = "fcmgt", "fcmeq", "fcmlt", "fabs", [24] = "frintp", "frintz", "fcvtps", "fcvtzs",
	  "urecpe", "frecpe" },
	{ [12] = "fcmge", "fcmle", NULL, "fneg", [25] = "frinti", "fcvtpu", "fcvtzu", "ursqrte",
	  "frsqrte", NULL, "fsqrt" },
};
static const char *const diff3[2][15] = {
	{ "saddl", "saddw", "ssubl", "ssubw", "addhn", "sabal", "subhn", "sabdl", "smlal", "sqdmlal",
	  "smlsl", "sqdmlsl", "smull", "sqdmull", "pmull" },
	{ "uaddl", "uaddw", "usubl", "usubw", "raddhn", "uabal", "rsubhn", "uabdl", "umlal", NULL,
	  "umlsl", NULL, "umull", NULL, NULL },
};
static const char *const shimm[2][32] = {
	{ "sshr", NULL, "ssra", NULL, "srshr", NULL, "srsra", NULL, NULL, NULL, "shl", NULL, NULL, NULL,
	  "sqshl", NULL, "shrn", "rshrn", "sqshrn", "sqrshrn", "sshll", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, "scvtf", NULL, NULL, "fcvtzs" },
	{ "ushr", NULL, "usra", NULL, "urshr", NULL, "ursra", NULL, "sri", NULL, "sli", NULL, "sqshlu",
	  NULL, "uqshl", NULL, "sqshrun", "sqrshrun", "uqshrn", "uqrshrn", "ushll", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, "ucvtf", NULL, NULL, "fcvtzu" },
};
static const char *const elem[2][16] = {
	{ "fmlal", "fmla", "smlal", "sqdmlal", "fmlsl", "fmls", "smlsl", "sqdmlsl", "mul", "fmul",
	  "smull", "sqdmull", "sqdmulh", "sqrdmulh", "sdot", NULL },
	{ "mla", NULL, "umlal", NULL, "mls", NULL, "umlsl", NULL, NULL, "fmulx", "umull", NULL,
	  NULL, "sqrdmlah", "udot", "sqrdmlsh" },
};

/* Shift by immediate, modified immediate, x indexed element (vector and scalar). */
static void simd_imm_elem_text(struct dec *d)
{
	uint32_t w = d->w;
	unsigned q = BIT(w, 30), u = BIT(w, 29), rd = BITS(w, 4, 0), rn = BITS(w, 9, 5);
	bool scalar = BIT(w, 28);
	const char *n = NULL, *two = q && !scalar ? "2" : "";

	if (BIT(w, 10) && BITS(w, 22, 19)) {		/* shift by immediate */
		unsigned hb = 31 - __builtin_clz(BITS(w, 22, 19)), op = BITS(w, 15, 11);
		unsigned esize = 8u << hb, immhb = BITS(w, 22, 16);

		n = shimm[u][op];
		if (n && op == 20 && hb < 3 && immhb == esize)
			OUT("%cxtl%s v%u.%s, v%u.%s", u ? 'u' : 's', two, rd, simd_arr[(hb + 1) << 1 | 1], rn,
			    simd_arr[hb << 1 | q]);
		if (n && !scalar && hb < 4 && op < 16)
			OUT("%s v%u.%s, v%u.%s, #%u", n, rd, simd_arr[hb << 1 | q], rn, simd_arr[hb << 1 | q],
			    op >= 10 && op <= 14 ? immhb - esize : 2 * esize - immhb);
		if (n)
			OUT("%s%s", n, op >= 16 && op <= 20 ? two : "");
		OUT(".inst 0x%08x", w);
	}
	if (BIT(w, 10) && !scalar) {			/* modified immediate */
		unsigned cmode = BITS(w, 15, 12), op = u;

		unsigned imm8 = BITS(w, 18, 16) << 5 | BITS(w, 9, 5);
		const char *nm = op ? ((cmode & 1) && cmode < 12 ? "bic" : "mvni") : ((cmode & 1) && cmode < 12 ? "orr" : "movi");

		if (cmode == 15)
			OUT("fmov v%u.%s, #%.18e", rd, op ? "2d" : q ? "4s" : "2s", fp_imm8(imm8));
		if (cmode == 14 && op) {
			uint64_t v = 0;

			for (unsigned i = 0; i < 8; i++)
				if (imm8 & (1u << i))
					v |= 0xffull << (8 * i);
			if (q)
				OUT("movi v%u.2d, #0x%" PRIx64, rd, v);
			OUT("movi d%u, #0x%" PRIx64, rd, v);
		}
		if (cmode == 14)
			OUT("movi v%u.%s, #0x%x", rd, q ? "16b" : "8b", imm8);
		if (cmode >= 12)
			OUT("%s v%u.%s, #0x%x, msl #%u", nm, rd, q ? "4s" : "2s", imm8, cmode & 1 ? 16 : 8);
		if (cmode >= 8)
			OUT("%s v%u.%s, #0x%x%s", nm, rd, q ? "8h" : "4h", imm8, cmode & 2 ? ", lsl #8" : "");
		if (cmode & 6)
			OUT("%s v%u.%s, #0x%x, lsl #%u", nm, rd, q ? "4s" : "2s", imm8, 8 * ((cmode >> 1) & 3));
		OUT("%s v%u.%s, #0x%x", nm, rd, q ? "4s" : "2s", imm8);
	}
	if (!BIT(w, 10)) {				/* x indexed element */
		n = elem[u][BITS(w, 15, 12)];
		if (n)
			OUT("%s%s", n, BITS(w, 15, 12) < 12 && (BITS(w, 15, 12) & 2) ? two : "");
	}
	OUT(".inst 0x%08x", w);
}

/* Crypto: AES, SHA1/SHA256, SHA512/SHA3/SM3/SM4. */
static void crypto_text(struct dec *d)
{
	uint32_t w = d->w;
	unsigned rd = BITS(w, 4, 0), rn = BITS(w, 9, 5);

	if (BITS(w, 31, 24) == 0x4e && BITS(w, 23, 17) == 0x14 && BITS(w, 11, 10) == 2) {
		static const char *const aes[4] = { "aese", "aesd", "aesmc", "aesimc" };

		if (BITS(w, 16, 14) == 1)
			OUT("%s v%u.16b, v%u.16b", aes[BITS(w, 13, 12)], rd, rn);
	}
	if (BITS(w, 31, 24) == 0x5e && BITS(w, 23, 21) == 0 && !BIT(w, 15) && BITS(w, 11, 10) == 0) {
		static const char *const sha3r[8] = { "sha1c", "sha1p", "sha1m", "sha1su0", "sha256h", "sha256h2",
						       "sha256su1", NULL };

		if (sha3r[BITS(w, 14, 12)])
			OUT("%s", sha3r[BITS(w, 14, 12)]);
	}
	if (BITS(w, 31, 24) == 0x5e && BITS(w, 23, 17) == 0x14 && BITS(w, 11, 10) == 2) {
		static const char *const sha2r[4] = { "sha1h", "sha1su1", "sha256su0", NULL };

		if (BITS(w, 16, 14) == 0 && sha2r[BITS(w, 13, 12)])
			OUT("%s", sha2r[BITS(w, 13, 12)]);
	}
	if (BITS(w, 31, 25) == 0x67) {				/* SHA512, SHA3, SM3, SM4 */
		static const char *const three[2][4] = { { "sha512h", "sha512h2", "sha512su1", "rax1" },
							 { "sm3partw1", "sm3partw2", "sm4ekey", NULL } };

		if (BITS(w, 24, 21) == 3 && BITS(w, 15, 14) == 2 && three[BIT(w, 11)][BITS(w, 11, 10) & 3 & 3])
			OUT("%s", three[BIT(w, 11)][BITS(w, 11, 10)]);
		if (BITS(w, 24, 23) == 0 && !BIT(w, 15))
			OUT("%s", BITS(w, 22, 21) == 0 ? "eor3" : BITS(w, 22, 21) == 1 ? "bcax" : "sm3ss1");
		if (BITS(w, 24, 21) == 4)
			OUT("xar");
	}
	OUT(".inst 0x%08x", w);
}


/* Three same, two-register misc, across lanes, three different, permute, extract, table, scalar copy. */
static void simd_reg_text(struct dec *d)
{
	uint32_t w = d->w;
	unsigned q = BIT(w, 30), u = BIT(w, 29), size = BITS(w, 23, 22), a = BIT(w, 23);
	unsigned rd = BITS(w, 4, 0), rn = BITS(w, 9, 5), rm = BITS(w, 20, 16);
	bool scalar = BIT(w, 28);
	const char *t = simd_arr[size << 1 | q], *n = NULL, *two = q && !scalar ? "2" : "";

	if (BIT(w, 21) && BIT(w, 10)) {				/* three same */
		unsigned op = BITS(w, 15, 11);

		if (op == 3 && !scalar) {
			if (!u && size == 2 && rn == rm)
				OUT("mov v%u.%s, v%u.%s", rd, q ? "16b" : "8b", rn, q ? "16b" : "8b");
			OUT("%s v%u.%s, v%u.%s, v%u.%s", logic[u][size], rd, q ? "16b" : "8b", rn, q ? "16b" : "8b",
			    rm, q ? "16b" : "8b");
		}
		if (op >= 24) {
			n = same_fp[u][a][op - 24];
			t = BIT(w, 22) ? "2d" : q ? "4s" : "2s";
		} else {
			n = same_int[u][op];
		}
		if (n && !scalar)
			OUT("%s v%u.%s, v%u.%s, v%u.%s", n, rd, t, rn, t, rm, t);
		if (n)
			OUT("%s", n);
	} else if (BITS(w, 21, 17) == 0x10 && BITS(w, 11, 10) == 2) {	/* two-register misc */
		unsigned op = BITS(w, 16, 12);

		n = (op >= 12 && a && misc_a[u][op]) ? misc_a[u][op] : misc[u][op];
		if (u && op == 5)
			n = size ? "rbit" : "mvn";
		if (n && !scalar && op != 18 && op != 19 && op != 20 && op != 22 && op != 23 && op < 24)
			OUT("%s v%u.%s, v%u.%s%s", n, rd, t, rn, t, op >= 8 && op <= 10 ? ", #0" : "");
		if (n && !scalar && (op == 18 || op == 20) && size < 3)
			OUT("%s%s v%u.%s, v%u.%s", n, two, rd, simd_arr[size << 1 | q], rn, simd_arr[(size + 1) << 1 | 1]);
		if (n && scalar && op >= 26 && op <= 29)
			OUT("%s %c%u, %c%u", n, BIT(w, 22) ? 'd' : 's', rd, BIT(w, 22) ? 'd' : 's', rn);
		if (n)
			OUT("%s%s", n, op >= 18 && op <= 23 ? two : "");
	} else if (BITS(w, 21, 17) == 0x18 && BITS(w, 11, 10) == 2) {	/* across lanes, scalar pairwise */
		static const char *const across[2][32] = {
			{ [3] = "saddlv", [10] = "smaxv", [12] = "fmaxnmv", [15] = "fmaxv", [26] = "sminv", [27] = "addv" },
			{ [3] = "uaddlv", [10] = "umaxv", [12] = "fmaxnmv", [15] = "fmaxv", [26] = "uminv" },
		};
		unsigned op = BITS(w, 16, 12);

		n = scalar ? (op == 27 ? "addp" : op == 12 ? (a ? "fminnmp" : "fmaxnmp") : op == 13 ? "faddp" :
			      op == 15 ? (a ? "fminp" : "fmaxp") : NULL)
			   : across[u][op];
		if (n && !scalar && (op == 12 || op == 15) && a)
			n = op == 12 ? "fminnmv" : "fminv";
		if (n && !scalar && op != 12 && op != 15)
			OUT("%s %c%u, v%u.%s", n, "bhsd"[size + (op == 3)], rd, rn, t);
		if (n)
			OUT("%s", n);
	} else if (BIT(w, 21) && BITS(w, 11, 10) == 0) {		/* three different */
		unsigned op = BITS(w, 15, 12);

		n = op < 15 ? diff3[u][op] : NULL;
		if (n && !scalar)
			OUT("%s%s", n, two);
		if (n)
			OUT("%s", n);
	} else if (!BIT(w, 21) && BITS(w, 11, 10) == 2 && !BIT(w, 15) && !u && !scalar) {	/* permute */
		static const char *const perm[8] = { NULL, "uzp1", "trn1", "zip1", NULL, "uzp2", "trn2", "zip2" };

		if ((n = perm[BITS(w, 14, 12)]))
			OUT("%s v%u.%s, v%u.%s, v%u.%s", n, rd, t, rn, t, rm, t);
	} else if (!BIT(w, 21) && !BIT(w, 15) && !BIT(w, 10) && u && !scalar && BITS(w, 23, 22) == 0) {
		OUT("ext v%u.%s, v%u.%s, v%u.%s, #%u", rd, q ? "16b" : "8b", rn, q ? "16b" : "8b", rm,
		    q ? "16b" : "8b", BITS(w, 14, 11));
	} else if (!BIT(w, 21) && !BIT(w, 15) && BITS(w, 11, 10) == 0 && !u && !scalar && BITS(w, 23, 22) == 0) {
		char list[64];
		int len = 0;

		for (unsigned i = 0; i <= BITS(w, 14, 13); i++)
			len += snprintf(list + len, sizeof(list) - len, "%sv%u.16b", i ? ", " : "", (rn + i) & 31);
		OUT("%s v%u.%s, {%s}, v%u.%s", BIT(w, 12) ? "tbx" : "tbl", rd, q ? "16b" : "8b", list, rm,
		    q ? "16b" : "8b");
	} else if (scalar && BITS(w, 28, 21) == 0xf0 && !BIT(w, 15) && BIT(w, 10) && !u) {
		OUT("mov %c%u, v%u.%c[%u]", "bhsd"[__builtin_ctz(rm | 32) & 3], rd, rn,
		    "bhsd"[__builtin_ctz(rm | 32) & 3], rm >> (__builtin_ctz(rm | 32) + 1));
	}
	crypto_text(d);
}

void a64_simd_text(struct dec *d)
{
	uint32_t w = d->w;

	/* vector: 0 Q U 0111x; scalar: 01 U 1111x */
	if (BIT(w, 28) ? (BITS(w, 31, 30) != 1 || BITS(w, 27, 25) != 7) : (BIT(w, 31) || BITS(w, 27, 25) != 7))
		return crypto_text(d);
	if (BITS(w, 28, 24) == 0x0f || BITS(w, 28, 24) == 0x1f)
		return simd_imm_elem_text(d);
	simd_reg_text(d);
}

/*
 * Text of the SVE instructions compilers emit most (GCC and Clang
 * auto-vectorization): DUP/MOV, unpredicated ADD/SUB/MUL, INC/DEC (vector),
 * permutes, PTRUE, WHILE*, MLA/MLS/MAD/MSB, INDEX, logical immediates.  The
 * rest is printed as ".inst" with the encoding (formatting only).
 */
void a64_sve_text(struct dec *d)
{
	uint32_t w = d->w;
	unsigned top = BITS(w, 31, 24), size = BITS(w, 23, 22), zd = BITS(w, 4, 0), zn = BITS(w, 9, 5);
	unsigned zm = BITS(w, 20, 16);
	char t = "bhsd"[size];

	if (top == 0x05 && BITS(w, 21, 10) == 0x80e)		/* DUP (scalar) */
		OUT("mov z%u.%c, %s", zd, t, rname(zn == 31 ? CFI_SP : zn, size == 3));
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 13) == 0) {
		static const char *const n[8] = { "add", "sub", NULL, NULL, "sqadd", "uqadd", "sqsub", "uqsub" };

		if (n[BITS(w, 12, 10)])
			OUT("%s z%u.%c, z%u.%c, z%u.%c", n[BITS(w, 12, 10)], zd, t, zn, t, zm, t);
	}
	if (top == 0x04 && !BIT(w, 21) && BITS(w, 15, 13) == 0 && BITS(w, 20, 19) <= 3) {
		/* integer binary operations, predicated: zdn = zdn op zm */
		static const char *const n[4][8] = {
			{ "add", "sub", NULL, "subr", NULL, NULL, NULL, NULL },
			{ "smax", "umax", "smin", "umin", "sabd", "uabd", NULL, NULL },
			{ "mul", NULL, "smulh", "umulh", "sdiv", "udiv", "sdivr", "udivr" },
			{ "orr", "eor", "and", "bic", NULL, NULL, NULL, NULL },
		};
		const char *m = n[BITS(w, 20, 19)][BITS(w, 18, 16)];

		if (m)
			OUT("%s z%u.%c, p%u/m, z%u.%c, z%u.%c", m, zd, t, BITS(w, 12, 10), zd, t, zn, t);
	}
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 10) == 0x0c) {	/* AND/ORR/EOR/BIC (vectors) */
		static const char *const n[4] = { "and", "orr", "eor", "bic" };

		if (size == 1 && zn == zm)
			OUT("mov z%u.d, z%u.d", zd, zn);
		OUT("%s z%u.d, z%u.d, z%u.d", n[size], zd, zn, zm);
	}
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 12) == 6) {
		static const char *const n[4] = { "mul", "pmul", "smulh", "umulh" };

		OUT("%s z%u.%c, z%u.%c, z%u.%c", n[BITS(w, 11, 10)], zd, t, zn, t, zm, t);
	}
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 12) == 4) {	/* INDEX */
		unsigned f = BITS(w, 11, 10);
		char a[16], b[16];

		if (f & 1)
			snprintf(a, sizeof(a), "%s", rname(zr_reg(zn), size == 3));
		else
			snprintf(a, sizeof(a), "#%d", (int)sext(zn, 5));
		if (f & 2)
			snprintf(b, sizeof(b), "%s", rname(zr_reg(zm), size == 3));
		else
			snprintf(b, sizeof(b), "#%d", (int)sext(zm, 5));
		OUT("index z%u.%c, %s, %s", zd, t, a, b);
	}
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 11) == 0x18 && BIT(w, 20) && size) {	/* INC/DEC (vector) */
		unsigned pat = BITS(w, 9, 5), mul = BITS(w, 19, 16) + 1;

		if (pat == 31 && mul == 1)
			OUT("%s%c z%u.%c", BIT(w, 10) ? "dec" : "inc", "bhwd"[size], zd, t);
		OUT("%s%c z%u.%c, %s, mul #%u", BIT(w, 10) ? "dec" : "inc", "bhwd"[size], zd, t,
		    sve_pat[pat] ? sve_pat[pat] : "#", mul);
	}
	if (top == 0x04 && !BIT(w, 21) && BIT(w, 14)) {		/* MLA, MLS, MAD, MSB */
		static const char *const n[4] = { "mla", "mls", "mad", "msb" };

		OUT("%s z%u.%c, p%u/m, z%u.%c, z%u.%c", n[BIT(w, 15) << 1 | BIT(w, 13)], zd, t, BITS(w, 12, 10),
		    BIT(w, 15) ? zm : zn, t, BIT(w, 15) ? zn : zm, t);
	}
	if (top == 0x05 && BIT(w, 21) && BITS(w, 15, 13) == 3) {	/* ZIP/UZP/TRN (vectors) */
		static const char *const n[8] = { "zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2", NULL, NULL };

		if (n[BITS(w, 12, 10)])
			OUT("%s z%u.%c, z%u.%c, z%u.%c", n[BITS(w, 12, 10)], zd, t, zn, t, zm, t);
	}
	if (top == 0x05 && BITS(w, 21, 18) == 0) {		/* ORR/EOR/AND (immediate), DUPM */
		static const char *const n[4] = { "orr", "eor", "and", "dupm" };
		unsigned nb = BIT(w, 17), imms = BITS(w, 10, 5), immr = BITS(w, 16, 11);
		unsigned v = (nb << 6) | (~imms & 0x3f), len = v ? 31 - __builtin_clz(v) : 0;
		uint64_t imm;

		if (len >= 3 && a64_decode_bitmask(nb, imms, immr, true, &imm)) {
			char et = "??bhsd"[len == 6 ? 5 : len == 5 ? 4 : len == 4 ? 3 : 2];

			if (size == 3)
				OUT("mov z%u.%c, #0x%" PRIx64, zd, et, (uint64_t)(len == 6 ? imm : imm & ((1ull << (1u << len)) - 1)));
			OUT("%s z%u.%c, z%u.%c, #0x%" PRIx64, n[size], zd, et, zd, et,
			    (uint64_t)(len == 6 ? imm : imm & ((1ull << (1u << len)) - 1)));
		}
	}
	if (top == 0x25 && BITS(w, 21, 14) == 0xe3 && !BIT(w, 13))	/* DUP (immediate) */
		OUT("mov z%u.%c, #%d%s", zd, t, (int)sext(BITS(w, 12, 5), 8), BIT(w, 13) ? ", lsl #8" : "");
	if (top == 0x25 && BIT(w, 21) && BITS(w, 15, 14) == 3 && BITS(w, 20, 19) <= 2) {
		/* ADD/SUB/SUBR/SQADD/UQADD/SQSUB/UQSUB, SMAX/UMAX/SMIN/UMIN, MUL (immediate) */
		static const char *const n[3][8] = {
			{ "add", "sub", NULL, "subr", "sqadd", "uqadd", "sqsub", "uqsub" },
			{ "smax", "umax", "smin", "umin", NULL, NULL, NULL, NULL },
			{ "mul", NULL, NULL, NULL, NULL, NULL, NULL, NULL },
		};
		const char *m = n[BITS(w, 20, 19)][BITS(w, 18, 16)];
		int imm = BITS(w, 20, 19) == 0 || (BITS(w, 20, 19) == 1 && (BIT(w, 16))) ? (int)BITS(w, 12, 5)
										      : (int)sext(BITS(w, 12, 5), 8);

		if (m && BITS(w, 20, 19) == 0)
			OUT("%s z%u.%c, z%u.%c, #%d%s", m, zd, t, zd, t, imm, BIT(w, 13) ? ", lsl #8" : "");
		if (m)
			OUT("%s z%u.%c, z%u.%c, #%d", m, zd, t, zd, t, imm);
	}
	if (top == 0x25 && BITS(w, 21, 17) == 0x0c && BITS(w, 15, 10) == 0x38 && !BIT(w, 4)) {	/* PTRUE(S) */
		unsigned pat = BITS(w, 9, 5);

		if (pat == 31)
			OUT("ptrue%s p%u.%c", BIT(w, 16) ? "s" : "", BITS(w, 3, 0), t);
		OUT("ptrue%s p%u.%c, %s", BIT(w, 16) ? "s" : "", BITS(w, 3, 0), t, sve_pat[pat] ? sve_pat[pat] : "#");
	}
	if (top == 0x25 && BIT(w, 21) && BITS(w, 15, 13) == 0) {	/* WHILE* */
		static const char *const n[8] = { "whilege", "whilegt", "whilelt", "whilele",
						  "whilehs", "whilehi", "whilelo", "whilels" };
		bool x = BIT(w, 12);

		OUT("%s p%u.%c, %s, %s", n[BIT(w, 11) << 2 | BIT(w, 10) << 1 | BIT(w, 4)], BITS(w, 3, 0), t,
		    rname(zr_reg(zn), x), rname(zr_reg(zm), x));
	}
	OUT(".inst 0x%08x", w);
}

/*
 * The address of an SVE contiguous load or store: [Xn, Xm, lsl #MSZ] for the
 * scalar-plus-scalar form, [Xn, #IMM, mul vl] (or [Xn]) for scalar plus
 * immediate.
 */
static void sve_contig_addr(char *addr, size_t n, unsigned rn, unsigned rm,
			    bool scalar, unsigned msz, int imm4)
{
	if (scalar && msz)
		snprintf(addr, n, "[%s, %s, lsl #%u]", xnames[rn], xnames[rm], msz);
	else if (scalar)
		snprintf(addr, n, "[%s, %s]", xnames[rn], xnames[rm]);
	else if (imm4)
		snprintf(addr, n, "[%s, #%d, mul vl]", xnames[rn], imm4);
	else
		snprintf(addr, n, "[%s]", xnames[rn]);
}

/* Text of the SVE contiguous loads/stores and LD1R*: the rest as ".inst". */
void a64_sve_mem_text(struct dec *d)
{
	/* LD1 and LD1R dtype: [mnemonic suffix, element size, memory size (log2)] */
	static const struct { const char *sfx; char esz; uint8_t msz; } dt[16] = {
		{ "b", 'b', 0 }, { "b", 'h', 0 }, { "b", 's', 0 }, { "b", 'd', 0 },
		{ "sw", 'd', 2 }, { "h", 'h', 1 }, { "h", 's', 1 }, { "h", 'd', 1 },
		{ "sh", 'd', 1 }, { "sh", 's', 1 }, { "w", 's', 2 }, { "w", 'd', 2 },
		{ "sb", 'd', 0 }, { "sb", 's', 0 }, { "sb", 'h', 0 }, { "d", 'd', 3 },
	};
	uint32_t w = d->w;
	unsigned zt = BITS(w, 4, 0), rn = sp_reg(BITS(w, 9, 5)), rm = BITS(w, 20, 16), pg = BITS(w, 12, 10);
	unsigned op = BITS(w, 15, 13);
	int imm4 = (int)sext(BITS(w, 19, 16), 4);
	char addr[48] = "";

	if ((BITS(w, 31, 22) == 0x216 || BITS(w, 31, 22) == 0x396) && (op == 0 || op == 2)) {
		/* LDR/STR (vector, predicate) */
		int imm9 = (int)sext(BITS(w, 21, 16) << 3 | BITS(w, 12, 10), 9);

		if (imm9)
			snprintf(addr, sizeof(addr), "[%s, #%d, mul vl]", xnames[rn], imm9);
		else
			snprintf(addr, sizeof(addr), "[%s]", xnames[rn]);
		OUT("%s %c%u, %s", BIT(w, 29) ? "str" : "ldr", op ? 'z' : 'p', op ? zt : zt & 15, addr);
	}
	if (BITS(w, 31, 25) == 0x52 && (op == 2 || (op == 5 && !BIT(w, 20)))) {	/* LD1* contiguous */
		unsigned t = BITS(w, 24, 21);

		sve_contig_addr(addr, sizeof(addr), rn, rm, op == 2, dt[t].msz, imm4);
		OUT("ld1%s {z%u.%c}, p%u/z, %s", dt[t].sfx, zt, dt[t].esz, pg, addr);
	}
	if (BITS(w, 31, 25) == 0x72 && (op == 2 || (op == 7 && !BIT(w, 20)))) {	/* ST1* contiguous */
		unsigned msz = BITS(w, 24, 23);
		char esz = msz == 3 ? 'd' : "bhsd"[BITS(w, 22, 21)];

		sve_contig_addr(addr, sizeof(addr), rn, rm, op == 2, msz, imm4);
		OUT("st1%c {z%u.%c}, p%u, %s", "bhwd"[msz], zt, esz, pg, addr);
	}
	if (BITS(w, 31, 25) == 0x42 && BIT(w, 22) && BIT(w, 15)) {	/* LD1R* */
		unsigned t = BITS(w, 24, 23) << 2 | BITS(w, 14, 13), off = BITS(w, 21, 16) << dt[t].msz;

		if (off)
			snprintf(addr, sizeof(addr), "[%s, #%u]", xnames[rn], off);
		else
			snprintf(addr, sizeof(addr), "[%s]", xnames[rn]);
		OUT("ld1r%s {z%u.%c}, p%u/z, %s", dt[t].sfx, zt, dt[t].esz, pg, addr);
	}
	OUT(".inst 0x%08x", w);
}
