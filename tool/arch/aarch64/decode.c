// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The AArch64 (A64) instruction decoder: the only file in fpv that knows A64
 * encodings.  arch_decode() classifies a 32-bit word (call, return, jump,
 * trap, system, other, unallocated), computes direct branch targets and turns
 * every write to SP, x29 and x30 and every access based on SP or x29 into
 * abstract stack operations (tool/arch.h).  It also records the destination
 * of every general-register write (insn.regs_written), so that a write the
 * decoder cannot describe is reported as OP_SRC_UNKNOWN instead of being
 * missed.  The decode is a switch on the top-level op0 field (bits 28:25) and
 * then on the class fields of the Arm Architecture Reference Manual (DDI0487,
 * section C4.1 "A64 instruction set encoding"); no string work happens unless
 * arch_format() asks for text, which re-runs the same decode with a buffer.
 * The text of Advanced SIMD, crypto and SVE, whose decode needs nothing but
 * the text, is in decode_text.c.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "decode.h"

/* The second register of a pair starting at r (0..30 or CFI_ZR): x30 is followed by xzr. */
static unsigned pair_next(unsigned r)
{
	return r >= 30 ? CFI_ZR : r + 1;
}

static bool is_stack_reg(unsigned r)
{
	return r == CFI_SP || r == CFI_FP || r == CFI_RA;
}

/* ---- stack operations and register writes ------------------------------ */

static struct stack_op *op_add(struct insn *in)
{
	struct stack_op *op;

	assert(in->nr_ops < ARCH_MAX_OPS);
	op = &in->ops[in->nr_ops++];
	memset(op, 0, sizeof(*op));
	return op;
}

/* dest <- src, a register write described by (type, sreg, off). */
static void op_reg(struct insn *in, unsigned dest, unsigned type, unsigned sreg, int64_t off)
{
	struct stack_op *op = op_add(in);

	op->dest.type = OP_DEST_REG;
	op->dest.reg = dest;
	op->src.type = type;
	op->src.reg = sreg;
	op->src.offset = off;
}

/*
 * Register r (CFI_ZR ignored) is written with a value the decoder does not
 * describe: a write to SP/x29/x30 becomes an OP_SRC_UNKNOWN op.
 */
static void wr(struct insn *in, unsigned r)
{
	if (r == CFI_ZR)
		return;
	in->regs_written |= 1ull << r;
	if (is_stack_reg(r))
		op_reg(in, r, OP_SRC_UNKNOWN, r, 0);
}

/* Register r is written with dest <- (type, sreg, off); ops only for SP/x29/x30 or from SP/x29. */
static void wr_op(struct insn *in, unsigned r, unsigned type, unsigned sreg, int64_t off)
{
	if (r == CFI_ZR)
		return;
	in->regs_written |= 1ull << r;
	if (is_stack_reg(r) || ((sreg == CFI_SP || sreg == CFI_FP) && type != OP_SRC_MEM))
		op_reg(in, r, type, sreg, off);
}

/* Whatever a partial decode filled in is dropped: an unallocated word has no effect. */
static void unallocated(struct dec *d)
{
	memset(d->in, 0, sizeof(*d->in));
	d->in->word = d->w;
	d->in->cls = INSN_UNALLOCATED;
	d->in->reg = ARCH_NO_REG;
	d->in->mem_base = ARCH_NO_REG;
	TXT(d, ".inst 0x%08x ; undefined", d->w);
}

/* ---- data processing: immediate (op0 = 100x) --------------------------- */

/* The Arm ARM pseudocode function DecodeBitMasks(). */
bool a64_decode_bitmask(unsigned n, unsigned imms, unsigned immr, bool x, uint64_t *out)
{
	unsigned v = (n << 6) | (~imms & 0x3f), len, size, s, r;
	uint64_t elem;

	if (!v)
		return false;
	len = 31 - __builtin_clz(v);
	if (len < 1 || (!x && n))
		return false;
	size = 1u << len;
	s = imms & (size - 1);
	r = immr & (size - 1);
	if (s == size - 1)
		return false;
	elem = (2ull << s) - 1;
	if (r)
		elem = ((elem >> r) | (elem << (size - r)));
	if (size < 64)
		elem &= (1ull << size) - 1;
	for (unsigned i = size; i < 64; i *= 2)
		elem |= elem << i;
	*out = x ? elem : elem & 0xffffffffull;
	return true;
}

static void dp_pcrel(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned rd = zr_reg(BITS(w, 4, 0));
	int64_t imm = sext((BITS(w, 23, 5) << 2) | BITS(w, 30, 29), 21);

	in->is_adr = true;
	in->reg = rd;
	if (BIT(w, 31)) {
		in->adr_page = true;
		in->adr_value = (d->addr & ~0xfffull) + ((uint64_t)imm << 12);
		TXT(d, "adrp %s, 0x%" PRIx64, xnames[rd], in->adr_value);
	} else {
		in->adr_value = d->addr + imm;
		TXT(d, "adr %s, 0x%" PRIx64, xnames[rd], in->adr_value);
	}
	wr_op(in, rd, OP_SRC_CONST, 0, (int64_t)in->adr_value);
}

static void dp_addsub_imm(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31), sub = BIT(w, 30), s = BIT(w, 29), sh = BIT(w, 22);
	unsigned rn = sp_reg(BITS(w, 9, 5));
	unsigned rd = s ? zr_reg(BITS(w, 4, 0)) : sp_reg(BITS(w, 4, 0));
	int64_t imm = (int64_t)BITS(w, 21, 10) << (sh ? 12 : 0);
	int64_t off = sub ? -imm : imm;

	if (rd == CFI_ZR) {
		in->dp = (struct insn_dp){ .kind = DP_CMP_IMM, .rd = rd, .rn = rn, .is64 = x, .imm = off };
	} else {
		in->dp = (struct insn_dp){ .kind = DP_ADD_IMM, .rd = rd, .rn = rn, .is64 = x, .imm = off };
		if (x)
			wr_op(in, rd, OP_SRC_ADD, rn, off);
		else
			wr(in, rd);	/* 32-bit result: the value is truncated */
	}
	if (!d->buf)
		return;
	if (!s && !sh && !imm && (rd == CFI_SP || rn == CFI_SP))
		TXT(d, "mov %s, %s", rname(rd, x), rname(rn, x));
	else if (rd == CFI_ZR)
		TXT(d, "%s %s, #0x%x%s", sub ? "cmp" : "cmn", rname(rn, x), BITS(w, 21, 10),
		    sh ? ", lsl #12" : "");
	else
		TXT(d, "%s%s %s, %s, #0x%x%s", sub ? "sub" : "add", s ? "s" : "", rname(rd, x),
		    rname(rn, x), BITS(w, 21, 10), sh ? ", lsl #12" : "");
}

/* ADDG/SUBG (FEAT_MTE): Xd|SP <- Xn|SP +/- uimm6*16 with a tag change. */
static void dp_addsub_tag(struct dec *d)
{
	uint32_t w = d->w;
	unsigned rd = sp_reg(BITS(w, 4, 0)), rn = sp_reg(BITS(w, 9, 5));
	int64_t off = (int64_t)BITS(w, 21, 16) * 16;

	if (!BIT(w, 31) || BIT(w, 29) || BIT(w, 22))
		return unallocated(d);
	if (BIT(w, 30))
		off = -off;
	wr_op(d->in, rd, OP_SRC_ADD, rn, off);
	TXT(d, "%s %s, %s, #0x%x, #0x%x", BIT(w, 30) ? "subg" : "addg", xnames[rd], xnames[rn],
	    BITS(w, 21, 16) * 16, BITS(w, 13, 10));
}

/* SMAX/SMIN/UMAX/UMIN (immediate), FEAT_CSSC. */
static void dp_minmax_imm(struct dec *d)
{
	static const char *const names[4] = { "smax", "umax", "smin", "umin" };
	uint32_t w = d->w;
	unsigned opc = BITS(w, 21, 18), rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5));
	bool x = BIT(w, 31);

	if (BITS(w, 30, 29) || opc > 3)
		return unallocated(d);
	wr(d->in, rd);
	if (opc & 1)
		TXT(d, "%s %s, %s, #%u", names[opc], rname(rd, x), rname(rn, x), BITS(w, 17, 10));
	else
		TXT(d, "%s %s, %s, #%d", names[opc], rname(rd, x), rname(rn, x),
		    (int)sext(BITS(w, 17, 10), 8));
}

/*
 * MoveWidePreferred() of the Arm ARM: ORR from the zero register is shown
 * as MOV only when MOVZ/MOVN cannot build the value.
 */
static bool move_wide_preferred(bool x, unsigned n, unsigned imms, unsigned immr)
{
	unsigned width = x ? 64 : 32;

	if (x ? !n : (n || (imms & 0x20)))
		return false;
	if (imms < 16)
		return ((16 - (immr & 15)) & 15) <= 15 - imms;
	if (imms >= width - 15)
		return (immr & 15) <= imms - (width - 15);
	return false;
}

static void dp_logical_imm(struct dec *d)
{
	static const char *const names[4] = { "and", "orr", "eor", "ands" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31);
	unsigned opc = BITS(w, 30, 29), rn = zr_reg(BITS(w, 9, 5));
	unsigned rd = opc == 3 ? zr_reg(BITS(w, 4, 0)) : sp_reg(BITS(w, 4, 0));
	uint64_t imm;

	if (!a64_decode_bitmask(BIT(w, 22), BITS(w, 15, 10), BITS(w, 21, 16), x, &imm))
		return unallocated(d);
	if (opc == 1 && rn == CFI_ZR) {
		in->dp = (struct insn_dp){ .kind = DP_MOV_IMM, .rd = rd, .rn = rn, .is64 = x,
					   .imm = (int64_t)imm };
		wr_op(in, rd, OP_SRC_CONST, 0, (int64_t)imm);
		if (move_wide_preferred(x, BIT(w, 22), BITS(w, 15, 10), BITS(w, 21, 16)))
			TXT(d, "orr %s, %s, #0x%" PRIx64, rname(rd, x), rname(rn, x), imm);
		else
			TXT(d, "mov %s, #0x%" PRIx64, rname(rd, x), imm);
		return;
	}
	/* and w8, w0, #3: a low-bit mask, the bound of a jump-table index */
	if ((opc == 0 || opc == 3) && rd != CFI_ZR && rd != CFI_SP && !(imm & (imm + 1)))
		in->dp = (struct insn_dp){ .kind = DP_UBFX, .rd = rd, .rn = rn, .is64 = x,
					   .imm = __builtin_popcountll(imm) };
	/* and sp, x9, #-16: SP alignment (gcc/clang realigning the stack) */
	if (opc == 0 && x)
		wr_op(in, rd, OP_SRC_AND, rn, (int64_t)imm);
	else
		wr(in, rd);
	if (opc == 3 && rd == CFI_ZR)
		TXT(d, "tst %s, #0x%" PRIx64, rname(rn, x), imm);
	else
		TXT(d, "%s %s, %s, #0x%" PRIx64, names[opc], rname(rd, x), rname(rn, x), imm);
}

static void dp_movewide(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31);
	unsigned opc = BITS(w, 30, 29), hw = BITS(w, 22, 21), rd = zr_reg(BITS(w, 4, 0));
	uint64_t imm16 = BITS(w, 20, 5), val;

	if (opc == 1 || (!x && hw >= 2))
		return unallocated(d);
	if (opc == 3) {
		in->dp = (struct insn_dp){ .kind = DP_MOVK, .rd = rd, .shift = hw * 16, .is64 = x,
					   .imm = (int64_t)imm16 };
		wr(in, rd);
		TXT(d, "movk %s, #0x%" PRIx64 "%s", rname(rd, x), imm16,
		    hw ? (hw == 1 ? ", lsl #16" : hw == 2 ? ", lsl #32" : ", lsl #48") : "");
		return;
	}
	val = imm16 << (hw * 16);
	if (opc == 0)
		val = ~val;		/* MOVN */
	if (!x)
		val &= 0xffffffffull;
	in->dp = (struct insn_dp){ .kind = DP_MOV_IMM, .rd = rd, .is64 = x, .imm = (int64_t)val };
	wr_op(in, rd, OP_SRC_CONST, 0, (int64_t)val);
	if (!d->buf)
		return;
	if (!(imm16 == 0 && hw) && !(!x && !BIT(w, 30) && imm16 == 0xffff))
		TXT(d, "mov %s, #0x%" PRIx64, rname(rd, x), val);
	else
		TXT(d, "%s %s, #0x%" PRIx64 "%s", BIT(w, 30) ? "movz" : "movn", rname(rd, x), imm16,
		    hw ? (hw == 1 ? ", lsl #16" : hw == 2 ? ", lsl #32" : ", lsl #48") : "");
}

static void dp_bitfield(struct dec *d)
{
	uint32_t w = d->w;
	bool x = BIT(w, 31);
	unsigned opc = BITS(w, 30, 29), immr = BITS(w, 21, 16), imms = BITS(w, 15, 10);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), bits = x ? 64 : 32;
	const char *dn, *nn;

	if (opc == 3 || BIT(w, 22) != x || (!x && (immr >= 32 || imms >= 32)))
		return unallocated(d);
	wr(d->in, rd);
	if (opc == 2 && imms >= immr)
		d->in->dp = (struct insn_dp){ .kind = DP_UBFX, .rd = rd, .rn = rn, .shift = immr,
					      .is64 = x, .imm = imms - immr + 1 };
	if (!d->buf)
		return;
	dn = rname(rd, x);
	nn = rname(rn, x);
	if (opc == 0) {			/* SBFM */
		if (imms == bits - 1)
			OUT("asr %s, %s, #%u", dn, nn, immr);
		if (immr == 0 && imms == 7)
			OUT("sxtb %s, %s", dn, rname(rn, false));
		if (immr == 0 && imms == 15)
			OUT("sxth %s, %s", dn, rname(rn, false));
		if (immr == 0 && imms == 31 && x)
			OUT("sxtw %s, %s", dn, rname(rn, false));
		if (imms < immr)
			OUT("sbfiz %s, %s, #%u, #%u", dn, nn, bits - immr, imms + 1);
		OUT("sbfx %s, %s, #%u, #%u", dn, nn, immr, imms + 1 - immr);
	}
	if (opc == 1) {			/* BFM */
		if (imms < immr && rn == CFI_ZR)
			OUT("bfc %s, #%u, #%u", dn, bits - immr, imms + 1);
		if (imms < immr)
			OUT("bfi %s, %s, #%u, #%u", dn, nn, bits - immr, imms + 1);
		OUT("bfxil %s, %s, #%u, #%u", dn, nn, immr, imms + 1 - immr);
	}
	/* UBFM */
	if (imms == bits - 1)
		OUT("lsr %s, %s, #%u", dn, nn, immr);
	if (imms + 1 == immr)
		OUT("lsl %s, %s, #%u", dn, nn, bits - 1 - imms);
	if (!x && immr == 0 && imms == 7)
		OUT("uxtb %s, %s", dn, nn);
	if (!x && immr == 0 && imms == 15)
		OUT("uxth %s, %s", dn, nn);
	if (imms < immr)
		OUT("ubfiz %s, %s, #%u, #%u", dn, nn, bits - immr, imms + 1);
	TXT(d, "ubfx %s, %s, #%u, #%u", dn, nn, immr, imms + 1 - immr);
}

static void dp_extract(struct dec *d)
{
	uint32_t w = d->w;
	bool x = BIT(w, 31);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), rm = zr_reg(BITS(w, 20, 16));
	unsigned imms = BITS(w, 15, 10);

	if (BITS(w, 30, 29) || BIT(w, 21) || BIT(w, 22) != x || (!x && imms >= 32))
		return unallocated(d);
	wr(d->in, rd);
	if (rn == rm)
		TXT(d, "ror %s, %s, #%u", rname(rd, x), rname(rn, x), imms);
	else
		TXT(d, "extr %s, %s, %s, #%u", rname(rd, x), rname(rn, x), rname(rm, x), imms);
}

static void dec_dp_imm(struct dec *d)
{
	switch (BITS(d->w, 25, 23)) {
	case 0: case 1: return dp_pcrel(d);
	case 2: return dp_addsub_imm(d);
	case 3: return BIT(d->w, 22) ? dp_minmax_imm(d) : dp_addsub_tag(d);
	case 4: return dp_logical_imm(d);
	case 5: return dp_movewide(d);
	case 6: return dp_bitfield(d);
	default: return dp_extract(d);
	}
}

/* ---- branches, exception generation and system (op0 = 101x) ----------- */

static void br_target(struct dec *d, int64_t off)
{
	d->in->has_target = true;
	d->in->target = d->addr + (uint64_t)off;
}

static void br_imm(struct dec *d)
{
	struct insn *in = d->in;

	br_target(d, sext(BITS(d->w, 25, 0), 26) * 4);
	if (BIT(d->w, 31)) {
		in->cls = INSN_CALL;
		wr_op(in, CFI_RA, OP_SRC_CONST, 0, (int64_t)(d->addr + 4));
	} else {
		in->cls = INSN_JUMP_UNCOND;
	}
	TXT(d, "%s 0x%" PRIx64, BIT(d->w, 31) ? "bl" : "b", in->target);
}

static void br_cond(struct dec *d)
{
	uint32_t w = d->w;

	if (BIT(w, 24))
		return unallocated(d);
	d->in->cls = INSN_JUMP_COND;
	d->in->cond = BITS(w, 3, 0);
	br_target(d, sext(BITS(w, 23, 5), 19) * 4);
	TXT(d, "%s.%s 0x%" PRIx64, BIT(w, 4) ? "bc" : "b", conds[BITS(w, 3, 0)], d->in->target);
}

static void br_cmp(struct dec *d)
{
	uint32_t w = d->w;
	unsigned rt = zr_reg(BITS(w, 4, 0));

	d->in->cls = INSN_JUMP_COND;
	d->in->cond = ARCH_COND_NONE;
	br_target(d, sext(BITS(w, 23, 5), 19) * 4);
	TXT(d, "%s %s, 0x%" PRIx64, BIT(w, 24) ? "cbnz" : "cbz", rname(rt, BIT(w, 31)),
	    d->in->target);
}

static void br_test(struct dec *d)
{
	uint32_t w = d->w;
	unsigned rt = zr_reg(BITS(w, 4, 0)), bit = (BIT(w, 31) << 5) | BITS(w, 23, 19);

	d->in->cls = INSN_JUMP_COND;
	d->in->cond = ARCH_COND_NONE;
	br_target(d, sext(BITS(w, 18, 5), 14) * 4);
	TXT(d, "%s %s, #%u, 0x%" PRIx64, BIT(w, 24) ? "tbnz" : "tbz", rname(rt, bit >= 32), bit,
	    d->in->target);
}

static void exc_gen(struct dec *d)
{
	static const char *const names[8][4] = {
		[0] = { NULL, "svc", "hvc", "smc" },
		[1] = { "brk" }, [2] = { "hlt" }, [3] = { "tcancel" },
		[5] = { NULL, "dcps1", "dcps2", "dcps3" },
	};
	uint32_t w = d->w;
	unsigned opc = BITS(w, 23, 21), ll = BITS(w, 1, 0), imm = BITS(w, 20, 5);
	const char *n = names[opc][ll];

	if (BITS(w, 4, 2) || !n)
		return unallocated(d);
	d->in->cls = (opc == 1 || opc == 2) ? INSN_TRAP : INSN_SYSTEM;
	if (opc == 5 && !imm)
		TXT(d, "%s", n);
	else if (opc == 3)
		TXT(d, "%s #%u", n, imm);
	else
		TXT(d, "%s #0x%x", n, imm);
}

static void sys_hint(struct dec *d, unsigned h)
{
	static const char *const names[48] = {
		"nop", "yield", "wfe", "wfi", "sev", "sevl", "dgh", "xpaclri",
		"pacia1716", NULL, "pacib1716", NULL, "autia1716", NULL, "autib1716", NULL,
		"esb", "psb csync", "tsb csync", NULL, "csdb", NULL, "clrbhb", NULL,
		"paciaz", "paciasp", "pacibz", "pacibsp", "autiaz", "autiasp", "autibz", "autibsp",
		"bti", NULL, "bti c", NULL, "bti j", NULL, "bti jc", NULL,
	};
	struct insn *in = d->in;
	const char *n = h < 48 ? names[h] : NULL;

	in->cls = INSN_SYSTEM;
	switch (h) {
	case 7: in->pac = PAC_STRIP_RA; break;
	case 24: case 25: case 26: case 27: in->pac = PAC_SIGN_RA; break;
	case 28: case 29: case 30: case 31: in->pac = PAC_AUTH_RA; break;
	case 8: case 10: case 12: case 14: in->regs_written |= 1ull << 17; break;
	case 32: case 34: case 36: case 38: in->is_bti = true; break;
	case 0: in->is_nop = true; break;
	}
	if (in->pac != PAC_NONE)
		in->regs_written |= 1ull << CFI_RA;
	if (n)
		TXT(d, "%s", n);
	else
		TXT(d, "hint #0x%x", h);
}

static void sys_barrier(struct dec *d, unsigned crm, unsigned op2)
{
	static const char *const opts[16] = {
		"#0x0", "oshld", "oshst", "osh", "#0x4", "nshld", "nshst", "nsh",
		"#0x8", "ishld", "ishst", "ish", "#0xc", "ld", "st", "sy",
	};

	d->in->cls = INSN_SYSTEM;
	/* DSB, ISB and SB: the barriers -mharden-sls puts after RET and BR */
	d->in->is_spec_barrier = (op2 == 4 && crm != 0 && crm != 4) || op2 == 6 ||
				 (op2 == 7 && !crm);
	switch (op2) {
	case 1:
		if ((crm & 3) != 2)
			return unallocated(d);
		TXT(d, "dsb %snxs", opts[crm | 3]);
		return;
	case 2: TXT(d, crm == 15 ? "clrex" : "clrex #%u", crm); return;
	case 3:
		if (crm)
			return unallocated(d);
		TXT(d, "tcommit");
		return;
	case 4:
		if (crm == 0 || crm == 4)
			TXT(d, crm ? "pssbb" : "ssbb");
		else
			TXT(d, "dsb %s", opts[crm]);
		return;
	case 5: TXT(d, "dmb %s", opts[crm]); return;
	case 6: TXT(d, crm == 15 ? "isb" : "isb #0x%x", crm); return;
	case 7:
		if (crm)
			return unallocated(d);
		TXT(d, "sb");
		return;
	default: return unallocated(d);
	}
}

static void sys_pstate(struct dec *d, unsigned op1, unsigned crm, unsigned op2)
{
	d->in->cls = INSN_SYSTEM;
	if (op1 == 0 && op2 <= 2) {
		if (crm)
			return unallocated(d);
		TXT(d, "%s", op2 == 0 ? "cfinv" : op2 == 1 ? "xaflag" : "axflag");
		return;
	}
	TXT(d, "msr s0_%u_c4_c%u_%u, xzr", op1, crm, op2);
	if (d->buf) {
		static const struct { unsigned op1, op2; const char *n; } f[] = {
			{ 0, 3, "uao" }, { 0, 4, "pan" }, { 0, 5, "spsel" }, { 3, 1, "ssbs" },
			{ 3, 2, "dit" }, { 3, 4, "tco" }, { 3, 6, "daifset" }, { 3, 7, "daifclr" },
			{ 1, 0, "allint" }, { 3, 3, "svcr" },
		};
		for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			if (f[i].op1 == op1 && f[i].op2 == op2)
				fmt(d, "msr %s, #0x%x", f[i].n, crm);
	}
}

#define SREG(op0, op1, crn, crm, op2) ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

/* Names of the system registers compiled code and the kernel use most (GNU objdump spelling). */
static const char *sysreg_name(unsigned key)
{
	static const struct { uint16_t key; const char *name; } regs[] = {
		{ SREG(3, 0, 4, 1, 0), "sp_el0" }, { SREG(3, 0, 13, 0, 4), "tpidr_el1" },
		{ SREG(3, 4, 13, 0, 2), "tpidr_el2" }, { SREG(3, 3, 13, 0, 2), "tpidr_el0" },
		{ SREG(3, 3, 13, 0, 3), "tpidrro_el0" }, { SREG(3, 0, 4, 6, 0), "icc_pmr_el1" },
		{ SREG(3, 3, 4, 2, 1), "daif" }, { SREG(3, 3, 4, 2, 0), "nzcv" },
		{ SREG(3, 0, 4, 2, 2), "currentel" }, { SREG(3, 0, 4, 2, 0), "spsel" },
		{ SREG(3, 0, 4, 2, 3), "pan" }, { SREG(3, 0, 4, 2, 4), "uao" },
		{ SREG(3, 3, 4, 2, 5), "dit" }, { SREG(3, 3, 4, 2, 6), "ssbs" }, { SREG(3, 3, 4, 2, 7), "tco" },
		{ SREG(3, 3, 4, 4, 0), "fpcr" }, { SREG(3, 3, 4, 4, 1), "fpsr" },
		{ SREG(3, 3, 14, 0, 0), "cntfrq_el0" }, { SREG(3, 3, 14, 0, 2), "cntvct_el0" },
		{ SREG(3, 3, 14, 0, 6), "cntvctss_el0" }, { SREG(3, 3, 14, 0, 1), "cntpct_el0" },
		{ SREG(3, 3, 14, 2, 1), "cntp_ctl_el0" }, { SREG(3, 3, 14, 3, 1), "cntv_ctl_el0" },
		{ SREG(3, 3, 14, 3, 2), "cntv_cval_el0" }, { SREG(3, 0, 14, 1, 0), "cntkctl_el1" },
		{ SREG(3, 0, 2, 0, 0), "ttbr0_el1" }, { SREG(3, 0, 2, 0, 1), "ttbr1_el1" },
		{ SREG(3, 0, 2, 0, 2), "tcr_el1" }, { SREG(3, 0, 1, 0, 0), "sctlr_el1" },
		{ SREG(3, 0, 1, 0, 2), "cpacr_el1" }, { SREG(3, 0, 5, 2, 0), "esr_el1" },
		{ SREG(3, 0, 6, 0, 0), "far_el1" }, { SREG(3, 0, 4, 0, 1), "elr_el1" },
		{ SREG(3, 0, 4, 0, 0), "spsr_el1" }, { SREG(3, 0, 12, 0, 0), "vbar_el1" },
		{ SREG(3, 0, 10, 2, 0), "mair_el1" }, { SREG(3, 0, 0, 0, 0), "midr_el1" },
		{ SREG(3, 0, 0, 0, 5), "mpidr_el1" }, { SREG(3, 0, 13, 0, 1), "contextidr_el1" },
		{ SREG(3, 0, 7, 4, 0), "par_el1" }, { SREG(2, 0, 0, 2, 2), "mdscr_el1" },
		{ SREG(3, 3, 0, 0, 1), "ctr_el0" }, { SREG(3, 3, 0, 0, 7), "dczid_el0" },
		{ SREG(3, 4, 4, 1, 0), "sp_el1" }, { SREG(3, 4, 1, 1, 0), "hcr_el2" },
		{ SREG(3, 4, 4, 0, 1), "elr_el2" }, { SREG(3, 4, 4, 0, 0), "spsr_el2" },
		{ SREG(3, 4, 12, 0, 0), "vbar_el2" }, { SREG(3, 4, 5, 2, 0), "esr_el2" },
		{ SREG(3, 4, 6, 0, 0), "far_el2" }, { SREG(3, 3, 2, 4, 0), "rndr" },
		{ SREG(3, 3, 2, 4, 1), "rndrrs" }, { SREG(3, 0, 12, 1, 1), "disr_el1" },
	};

	for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (regs[i].key == key)
			return regs[i].name;
	return NULL;
}

/* SYS aliases: TLBI (CRn 8), DC/IC (CRn 7, by CRm), AT (CRn 7, CRm 8/9). */
static bool sys_alias(struct dec *d, unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt)
{
	static const struct { uint8_t crn, op1, crm, op2; const char *kind, *name; } ops[] = {
		{ 8, 0, 3, 0, "tlbi", "vmalle1is" }, { 8, 0, 3, 1, "tlbi", "vae1is" }, { 8, 0, 3, 2, "tlbi", "aside1is" },
		{ 8, 0, 3, 3, "tlbi", "vaae1is" }, { 8, 0, 3, 5, "tlbi", "vale1is" }, { 8, 0, 3, 7, "tlbi", "vaale1is" },
		{ 8, 0, 7, 0, "tlbi", "vmalle1" }, { 8, 0, 7, 1, "tlbi", "vae1" }, { 8, 0, 7, 2, "tlbi", "aside1" },
		{ 8, 0, 7, 3, "tlbi", "vaae1" }, { 8, 0, 7, 5, "tlbi", "vale1" }, { 8, 0, 7, 7, "tlbi", "vaale1" },
		{ 8, 0, 2, 1, "tlbi", "rvae1is" }, { 8, 0, 2, 3, "tlbi", "rvaae1is" }, { 8, 0, 2, 5, "tlbi", "rvale1is" },
		{ 8, 0, 2, 7, "tlbi", "rvaale1is" }, { 8, 0, 6, 1, "tlbi", "rvae1" }, { 8, 0, 6, 5, "tlbi", "rvale1" },
		{ 8, 0, 1, 0, "tlbi", "vmalle1os" }, { 8, 0, 1, 1, "tlbi", "vae1os" }, { 8, 0, 1, 2, "tlbi", "aside1os" },
		{ 8, 0, 1, 5, "tlbi", "vale1os" }, { 8, 4, 7, 0, "tlbi", "alle2" }, { 8, 4, 3, 0, "tlbi", "alle2is" },
		{ 8, 4, 3, 1, "tlbi", "vae2is" }, { 8, 4, 3, 4, "tlbi", "alle1is" }, { 8, 4, 3, 6, "tlbi", "vmalls12e1is" },
		{ 8, 4, 7, 4, "tlbi", "alle1" }, { 8, 4, 7, 6, "tlbi", "vmalls12e1" }, { 8, 4, 0, 1, "tlbi", "ipas2e1is" },
		{ 7, 0, 6, 1, "dc", "ivac" }, { 7, 0, 6, 2, "dc", "isw" }, { 7, 0, 10, 2, "dc", "csw" },
		{ 7, 0, 14, 2, "dc", "cisw" }, { 7, 3, 4, 1, "dc", "zva" }, { 7, 3, 10, 1, "dc", "cvac" },
		{ 7, 3, 11, 1, "dc", "cvau" }, { 7, 3, 12, 1, "dc", "cvap" }, { 7, 3, 13, 1, "dc", "cvadp" },
		{ 7, 3, 14, 1, "dc", "civac" }, { 7, 3, 4, 3, "dc", "gva" }, { 7, 3, 4, 4, "dc", "gzva" },
		{ 7, 0, 1, 0, "ic", "ialluis" }, { 7, 0, 5, 0, "ic", "iallu" }, { 7, 3, 5, 1, "ic", "ivau" },
		{ 7, 0, 8, 0, "at", "s1e1r" }, { 7, 0, 8, 1, "at", "s1e1w" }, { 7, 0, 8, 2, "at", "s1e0r" },
		{ 7, 0, 8, 3, "at", "s1e0w" }, { 7, 0, 9, 0, "at", "s1e1rp" }, { 7, 0, 9, 1, "at", "s1e1wp" },
	};

	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (ops[i].crn != crn || ops[i].op1 != op1 || ops[i].crm != crm || ops[i].op2 != op2)
			continue;
		if (strstr(ops[i].name, "all"))		/* the "all" operations take no register */
			fmt(d, "%s %s", ops[i].kind, ops[i].name);
		else
			fmt(d, "%s %s, %s", ops[i].kind, ops[i].name, xnames[rt]);
		return true;
	}
	return false;
}

static void dec_system(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned l = BIT(w, 21), op0 = BITS(w, 20, 19), op1 = BITS(w, 18, 16);
	unsigned crn = BITS(w, 15, 12), crm = BITS(w, 11, 8), op2 = BITS(w, 7, 5);
	unsigned rt = zr_reg(BITS(w, 4, 0));

	in->cls = INSN_SYSTEM;
	if (op0 >= 2) {				/* MSR/MRS (register) */
		if (l)
			wr(in, rt);
		if (!d->buf)
			return;
		{
			const char *n = sysreg_name(SREG(op0, op1, crn, crm, op2));
			char gen[24];

			if (!n) {
				snprintf(gen, sizeof(gen), "s%u_%u_c%u_c%u_%u", op0, op1, crn, crm, op2);
				n = gen;
			}
			if (l)
				fmt(d, "mrs %s, %s", xnames[rt], n);
			else
				fmt(d, "msr %s, %s", n, xnames[rt]);
		}
		return;
	}
	if (op0 == 1) {				/* SYS/SYSL */
		if (l)
			wr(in, rt);
		if (l)
			TXT(d, "sysl %s, #%u, C%u, C%u, #%u", xnames[rt], op1, crn, crm, op2);
		else if (d->buf && sys_alias(d, op1, crn, crm, op2, rt))
			return;
		else if (rt == CFI_ZR)
			TXT(d, "sys #%u, C%u, C%u, #%u", op1, crn, crm, op2);
		else
			TXT(d, "sys #%u, C%u, C%u, #%u, %s", op1, crn, crm, op2, xnames[rt]);
		return;
	}
	if (l) {				/* TSTART, TTEST (FEAT_TME) */
		if (op1 != 3 || crn != 3 || crm > 1 || op2 != 3)
			return unallocated(d);
		wr(in, rt);
		TXT(d, "%s %s", crm ? "ttest" : "tstart", xnames[rt]);
		return;
	}
	if (op1 == 3 && crn == 1 && crm == 0 && op2 <= 1) {	/* WFET, WFIT */
		TXT(d, "%s %s", op2 ? "wfit" : "wfet", xnames[rt]);
		return;
	}
	if (rt != CFI_ZR)
		return unallocated(d);
	if (op1 == 3 && crn == 2)
		return sys_hint(d, crm << 3 | op2);
	if (op1 == 3 && crn == 3)
		return sys_barrier(d, crm, op2);
	if (crn == 4)
		return sys_pstate(d, op1, crm, op2);
	unallocated(d);
}

/* MRRS, MSRR, SYSP (FEAT_SYSREG128, FEAT_SYSINSTR128): register pairs Xt, Xt+1. */
static void dec_system128(struct dec *d)
{
	uint32_t w = d->w;
	unsigned l = BIT(w, 21), op0 = BITS(w, 20, 19), rt = zr_reg(BITS(w, 4, 0));
	unsigned rt1 = pair_next(rt);

	d->in->cls = INSN_SYSTEM;
	if (op0 >= 2) {
		if (l) {
			wr(d->in, rt);
			wr(d->in, rt1);
		}
		TXT(d, "%s %s, %s, s%u_%u_c%u_c%u_%u", l ? "mrrs" : "msrr", xnames[rt], xnames[rt1], op0,
		    BITS(w, 18, 16), BITS(w, 15, 12), BITS(w, 11, 8), BITS(w, 7, 5));
		return;
	}
	if (op0 == 1 && !l) {
		TXT(d, "sysp #%u, c%u, c%u, #%u, %s, %s", BITS(w, 18, 16), BITS(w, 15, 12), BITS(w, 11, 8),
		    BITS(w, 7, 5), xnames[rt], xnames[rt1]);
		return;
	}
	unallocated(d);
}

static void br_reg(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned opc = BITS(w, 24, 21), op2 = BITS(w, 20, 16), op3 = BITS(w, 15, 10);
	unsigned rn = BITS(w, 9, 5), op4 = BITS(w, 4, 0);
	const char *key = op3 == 3 ? "b" : "a";

	if (op2 != 31)
		return unallocated(d);
	/* op3: 0 plain, 2 PAC with key A, 3 PAC with key B */
	if (op3 == 0 ? (op4 != 0) : (op3 != 2 && op3 != 3))
		return unallocated(d);
	in->reg = rn;
	switch (opc) {
	case 0: case 1:				/* BR, BRAAZ/BRABZ, BLR, BLRAAZ/BLRABZ */
		if (op3 && op4 != 31)
			return unallocated(d);
		in->cls = opc ? INSN_CALL : INSN_JUMP_DYNAMIC;
		if (opc)
			wr_op(in, CFI_RA, OP_SRC_CONST, 0, (int64_t)(d->addr + 4));
		TXT(d, "%s%s %s", opc ? "blr" : "br", op3 ? (op3 == 2 ? "aaz" : "abz") : "", xnames[rn]);
		return;
	case 2:					/* RET, RETAA/RETAB */
		if (op3 && (rn != 31 || op4 != 31))
			return unallocated(d);
		in->cls = INSN_RETURN;
		if (op3)		/* authenticates x30 as it branches; x30 is not written */
			in->pac = PAC_AUTH_RA;
		if (op3)
			TXT(d, "reta%s", key);
		else if (rn == 30)
			TXT(d, "ret");
		else
			TXT(d, "ret %s", xnames[rn]);
		return;
	case 4: case 5:				/* ERET, ERETAA/ERETAB, DRPS */
		if (rn != 31 || (op3 ? op4 != 31 : op4 != 0) || (opc == 5 && op3))
			return unallocated(d);
		in->cls = INSN_ERET;
		in->reg = ARCH_NO_REG;
		TXT(d, "%s%s", opc == 5 ? "drps" : "eret", op3 ? (op3 == 2 ? "aa" : "ab") : "");
		return;
	case 8: case 9:				/* BRAA/BRAB, BLRAA/BLRAB with modifier Xm|SP */
		if (!op3)
			return unallocated(d);
		in->cls = opc == 9 ? INSN_CALL : INSN_JUMP_DYNAMIC;
		if (opc == 9)
			wr_op(in, CFI_RA, OP_SRC_CONST, 0, (int64_t)(d->addr + 4));
		TXT(d, "%sa%s %s, %s", opc == 9 ? "blr" : "br", key, xnames[rn], xnames[sp_reg(op4)]);
		return;
	default:
		return unallocated(d);
	}
}

static void dec_branch_sys(struct dec *d)
{
	uint32_t w = d->w;

	switch (BITS(w, 31, 29)) {
	case 0: case 4:
		return br_imm(d);
	case 1: case 5:
		return BIT(w, 25) ? br_test(d) : br_cmp(d);
	case 2:
		return BIT(w, 25) ? unallocated(d) : br_cond(d);
	case 6:
		if (BITS(w, 25, 24) == 0)
			return exc_gen(d);
		if (BITS(w, 25, 22) == 4)
			return dec_system(d);
		if (BITS(w, 25, 22) == 5)
			return dec_system128(d);
		if (BIT(w, 25))
			return br_reg(d);
		return unallocated(d);
	default:
		return unallocated(d);
	}
}

/* ---- data processing: register (op0 = x101) ---------------------------- */

static const char *const shifts[4] = { "lsl", "lsr", "asr", "ror" };
static const char *const extends[8] = { "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx" };

static void dp_logical_reg(struct dec *d)
{
	static const char *const names[8] = { "and", "bic", "orr", "orn", "eor", "eon", "ands", "bics" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31);
	unsigned opc = BITS(w, 30, 29) << 1 | BIT(w, 21), sh = BITS(w, 23, 22), amt = BITS(w, 15, 10);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), rm = zr_reg(BITS(w, 20, 16));
	char tail[16] = "";

	if (!x && amt >= 32)
		return unallocated(d);
	if (opc == 2 && rn == CFI_ZR && !amt && !sh) {
		in->dp = (struct insn_dp){ .kind = DP_MOV_REG, .rd = rd, .rn = rn, .rm = rm, .is64 = x };
		if (x && is_stack_reg(rd))
			wr_op(in, rd, OP_SRC_REG, rm, 0);
		else
			wr(in, rd);
		TXT(d, "mov %s, %s", rname(rd, x), rname(rm, x));
		return;
	}
	wr(in, rd);
	if (!d->buf)
		return;
	if (amt || sh)
		snprintf(tail, sizeof(tail), ", %s #%u", shifts[sh], amt);
	if (opc == 3 && rn == CFI_ZR)
		OUT("mvn %s, %s%s", rname(rd, x), rname(rm, x), tail);
	if (opc == 6 && rd == CFI_ZR)
		OUT("tst %s, %s%s", rname(rn, x), rname(rm, x), tail);
	OUT("%s %s, %s, %s%s", names[opc], rname(rd, x), rname(rn, x), rname(rm, x), tail);
}

static void dp_addsub_shift(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31), sub = BIT(w, 30), s = BIT(w, 29);
	unsigned sh = BITS(w, 23, 22), amt = BITS(w, 15, 10);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), rm = zr_reg(BITS(w, 20, 16));
	char tail[16] = "";

	if (sh == 3 || (!x && amt >= 32))
		return unallocated(d);
	if (sh == 0 && rd != CFI_ZR)
		in->dp = (struct insn_dp){ .kind = DP_ADD_REG, .rd = rd, .rn = rn, .rm = rm,
					   .shift = amt, .neg = sub, .is64 = x };
	else if (sh == 0 && s)
		in->dp = (struct insn_dp){ .kind = DP_CMP_REG, .rd = rd, .rn = rn, .rm = rm,
					   .shift = amt, .neg = sub, .is64 = x };
	wr(in, rd);
	if (!d->buf)
		return;
	if (amt || sh)
		snprintf(tail, sizeof(tail), ", %s #%u", shifts[sh], amt);
	if (s && rd == CFI_ZR)
		OUT("%s %s, %s%s", sub ? "cmp" : "cmn", rname(rn, x), rname(rm, x), tail);
	if (sub && rn == CFI_ZR)
		OUT("neg%s %s, %s%s", s ? "s" : "", rname(rd, x), rname(rm, x), tail);
	OUT("%s%s %s, %s, %s%s", sub ? "sub" : "add", s ? "s" : "", rname(rd, x), rname(rn, x),
	    rname(rm, x), tail);
}

/* ADD/SUB (extended register): sub sp, sp, x16 is gcc's stack-clash probe loop. */
static void dp_addsub_ext(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31), sub = BIT(w, 30), s = BIT(w, 29);
	unsigned opt = BITS(w, 15, 13), amt = BITS(w, 12, 10);
	unsigned rd = s ? zr_reg(BITS(w, 4, 0)) : sp_reg(BITS(w, 4, 0)), rn = sp_reg(BITS(w, 9, 5));
	unsigned rm = zr_reg(BITS(w, 20, 16));
	bool rmx = (opt & 3) == 3;
	const char *ext = extends[opt];
	char tail[16] = "";

	if (BITS(w, 23, 22) || amt > 4)
		return unallocated(d);
	in->dp = (struct insn_dp){ .kind = rd != CFI_ZR ? DP_ADD_REG : DP_CMP_REG, .rd = rd,
				   .rn = rn, .rm = rm, .shift = amt,
				   .ext = (uint8_t)(DP_EXT_UXTB + opt), .neg = sub, .is64 = x };
	wr(in, rd);
	if (!d->buf)
		return;
	/* LSL is the preferred name of UXTX (64-bit) / UXTW (32-bit) when rd or rn is SP */
	if ((rd == CFI_SP || rn == CFI_SP) && opt == (x ? 3u : 2u))
		ext = amt ? "lsl" : NULL;
	if (ext && amt)
		snprintf(tail, sizeof(tail), ", %s #%u", ext, amt);
	else if (ext)
		snprintf(tail, sizeof(tail), ", %s", ext);
	if (s && rd == CFI_ZR)
		OUT("%s %s, %s%s", sub ? "cmp" : "cmn", rname(rn, x), rname(rm, x && rmx), tail);
	OUT("%s%s %s, %s, %s%s", sub ? "sub" : "add", s ? "s" : "", rname(rd, x), rname(rn, x),
	    rname(rm, x && rmx), tail);
}

static void dp_carry_flags(struct dec *d)
{
	uint32_t w = d->w;
	bool x = BIT(w, 31), sub = BIT(w, 30), s = BIT(w, 29);
	unsigned op3 = BITS(w, 15, 10), rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5));
	unsigned rm = zr_reg(BITS(w, 20, 16));

	if (op3 == 0) {				/* ADC, ADCS, SBC, SBCS */
		wr(d->in, rd);
		if (sub && rn == CFI_ZR)
			TXT(d, "ngc%s %s, %s", s ? "s" : "", rname(rd, x), rname(rm, x));
		else
			TXT(d, "%s%s %s, %s, %s", sub ? "sbc" : "adc", s ? "s" : "", rname(rd, x),
			    rname(rn, x), rname(rm, x));
		return;
	}
	if ((op3 & 0x1f) == 1 && x && !sub && s && !BIT(w, 4)) {	/* RMIF */
		TXT(d, "rmif %s, #%u, #%u", xnames[rn], BITS(w, 20, 15), BITS(w, 3, 0));
		return;
	}
	if ((op3 & 0xf) == 2 && !x && !sub && s && !BITS(w, 20, 15) && BITS(w, 4, 0) == 13) {
		TXT(d, "setf%s %s", BIT(w, 14) ? "16" : "8", wnames[rn]);	/* SETF8/16 */
		return;
	}
	unallocated(d);
}

static void dp_cond_cmp(struct dec *d)
{
	uint32_t w = d->w;
	bool x = BIT(w, 31);

	if (!BIT(w, 29) || BIT(w, 10) || BIT(w, 4))
		return unallocated(d);
	if (BIT(w, 11))
		TXT(d, "%s %s, #0x%x, #0x%x, %s", BIT(w, 30) ? "ccmp" : "ccmn",
		    rname(zr_reg(BITS(w, 9, 5)), x), BITS(w, 20, 16), BITS(w, 3, 0), conds[BITS(w, 15, 12)]);
	else
		TXT(d, "%s %s, %s, #0x%x, %s", BIT(w, 30) ? "ccmp" : "ccmn",
		    rname(zr_reg(BITS(w, 9, 5)), x), rname(zr_reg(BITS(w, 20, 16)), x), BITS(w, 3, 0),
		    conds[BITS(w, 15, 12)]);
}

static void dp_cond_sel(struct dec *d)
{
	static const char *const names[4] = { "csel", "csinc", "csinv", "csneg" };
	uint32_t w = d->w;
	bool x = BIT(w, 31);
	unsigned op = BIT(w, 30) << 1 | BIT(w, 10), c = BITS(w, 15, 12);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), rm = zr_reg(BITS(w, 20, 16));

	if (BIT(w, 29) || BIT(w, 11))
		return unallocated(d);
	wr(d->in, rd);
	if (!d->buf)
		return;
	if (op && rn == rm && (c >> 1) != 7) {
		if (rn == CFI_ZR && op != 3)
			OUT("%s %s, %s", op == 1 ? "cset" : "csetm", rname(rd, x), conds[c ^ 1]);
		OUT("%s %s, %s, %s", op == 1 ? "cinc" : op == 2 ? "cinv" : "cneg", rname(rd, x),
		    rname(rn, x), conds[c ^ 1]);
	}
	OUT("%s %s, %s, %s, %s", names[op], rname(rd, x), rname(rn, x), rname(rm, x), conds[c]);
}

static void dp_2src(struct dec *d)
{
	static const char *const names[32] = {
		[2] = "udiv", [3] = "sdiv", [8] = "lsl", [9] = "lsr", [10] = "asr", [11] = "ror",
		[12] = "pacga", [16] = "crc32b", [17] = "crc32h", [18] = "crc32w", [19] = "crc32x",
		[20] = "crc32cb", [21] = "crc32ch", [22] = "crc32cw", [23] = "crc32cx",
		[24] = "smax", [25] = "umax", [26] = "smin", [27] = "umin",
	};
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31), s = BIT(w, 29);
	unsigned op = BITS(w, 15, 10), rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5));
	unsigned rm = zr_reg(BITS(w, 20, 16));
	bool rmx = x;

	if (op == 0 || op == 4 || op == 5) {	/* SUBP(S), IRG, GMI (FEAT_MTE) */
		if (!x || (s && op))
			return unallocated(d);
		if (op == 0) {
			wr(in, rd);
			if (s && rd == CFI_ZR)
				TXT(d, "cmpp %s, %s", xnames[BITS(w, 9, 5)], xnames[BITS(w, 20, 16)]);
			else
				TXT(d, "subp%s %s, %s, %s", s ? "s" : "", xnames[rd], xnames[BITS(w, 9, 5)],
				    xnames[BITS(w, 20, 16)]);
		} else if (op == 4) {
			wr(in, sp_reg(BITS(w, 4, 0)));
			TXT(d, "irg %s, %s, %s", xnames[BITS(w, 4, 0)], xnames[BITS(w, 9, 5)], xnames[rm]);
		} else {
			wr(in, rd);
			TXT(d, "gmi %s, %s, %s", xnames[rd], xnames[BITS(w, 9, 5)], xnames[rm]);
		}
		return;
	}
	if (op >= 32 || !names[op] || s || (op == 12 && !x) || (op >= 16 && op < 24 && x != ((op & 3) == 3)))
		return unallocated(d);
	if (op == 12) {
		wr(in, rd);
		TXT(d, "pacga %s, %s, %s", xnames[rd], xnames[rn], xnames[sp_reg(BITS(w, 20, 16))]);
		return;
	}
	if (op >= 16 && op < 24) {
		rmx = (op & 3) == 3;
		x = false;
	}
	wr(in, rd);
	TXT(d, "%s %s, %s, %s", names[op], rname(rd, x), rname(rn, x), rname(rm, rmx));
}

static void dp_1src(struct dec *d)
{
	static const char *const names[9] = { "rbit", "rev16", "rev", "rev", "clz", "cls", "ctz", "cnt", "abs" };
	static const char *const pac[18] = {
		"pacia", "pacib", "pacda", "pacdb", "autia", "autib", "autda", "autdb",
		"paciza", "pacizb", "pacdza", "pacdzb", "autiza", "autizb", "autdza", "autdzb",
		"xpaci", "xpacd",
	};
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool x = BIT(w, 31);
	unsigned op2 = BITS(w, 20, 16), op = BITS(w, 15, 10), rd = zr_reg(BITS(w, 4, 0));
	unsigned rn = BITS(w, 9, 5);

	if (BIT(w, 29) || op2 > 1)
		return unallocated(d);
	if (op2 == 0) {
		if (op > 8 || (op == 3 && !x))
			return unallocated(d);
		wr(in, rd);
		TXT(d, "%s %s, %s", op == 2 && x ? "rev32" : names[op], rname(rd, x), rname(zr_reg(rn), x));
		return;
	}
	/* PAC, AUT, XPAC on a general register (FEAT_PAuth) */
	if (!x || op >= 18 || (op >= 8 && rn != 31))
		return unallocated(d);
	if (rd == CFI_RA) {
		/* data keys (op bit 1) do not make x30 a signed return address */
		if (op < 16 && !(op & 2))
			in->pac = (op & 4) ? PAC_AUTH_RA : PAC_SIGN_RA;
		else if (op == 16)
			in->pac = PAC_STRIP_RA;
		if (in->pac == PAC_NONE)
			wr(in, rd);
		else
			in->regs_written |= 1ull << CFI_RA;
	} else {
		wr(in, rd);
	}
	if (op < 8)
		TXT(d, "%s %s, %s", pac[op], xnames[rd], xnames[sp_reg(rn)]);
	else
		TXT(d, "%s %s", pac[op], xnames[rd]);
}

static void dp_3src(struct dec *d)
{
	uint32_t w = d->w;
	bool x = BIT(w, 31);
	unsigned op31 = BITS(w, 23, 21), o0 = BIT(w, 15);
	unsigned rd = zr_reg(BITS(w, 4, 0)), rn = zr_reg(BITS(w, 9, 5)), rm = zr_reg(BITS(w, 20, 16));
	unsigned ra = zr_reg(BITS(w, 14, 10));
	const char *n;
	bool wide = false;

	if (BITS(w, 30, 29))
		return unallocated(d);
	switch (op31) {
	case 0: n = o0 ? (ra == CFI_ZR ? "mneg" : "msub") : (ra == CFI_ZR ? "mul" : "madd"); break;
	case 1: n = o0 ? (ra == CFI_ZR ? "smnegl" : "smsubl") : (ra == CFI_ZR ? "smull" : "smaddl"); wide = true; break;
	case 5: n = o0 ? (ra == CFI_ZR ? "umnegl" : "umsubl") : (ra == CFI_ZR ? "umull" : "umaddl"); wide = true; break;
	case 2: n = "smulh"; if (o0) return unallocated(d); break;
	case 6: n = "umulh"; if (o0) return unallocated(d); break;
	default: return unallocated(d);
	}
	if (op31 && !x)
		return unallocated(d);
	/* mul, smull, umull: the stride of a table of code */
	if ((op31 == 0 || op31 == 1 || op31 == 5) && !o0 && ra == CFI_ZR)
		d->in->dp = (struct insn_dp){ .kind = DP_MUL, .rd = rd, .rn = rn, .rm = rm, .is64 = x,
					      .ext = op31 == 0 ? DP_EXT_NONE :
						     op31 == 1 ? DP_EXT_SXTW : DP_EXT_UXTW };
	wr(d->in, rd);
	if (!d->buf)
		return;
	if (op31 == 2 || op31 == 6 || ra == CFI_ZR)
		OUT("%s %s, %s, %s", n, rname(rd, x), rname(rn, x && !wide), rname(rm, x && !wide));
	OUT("%s %s, %s, %s, %s", n, rname(rd, x), rname(rn, x && !wide), rname(rm, x && !wide), rname(ra, x));
}

static void dec_dp_reg(struct dec *d)
{
	uint32_t w = d->w;

	if (!BIT(w, 28)) {
		if (!BIT(w, 24))
			return dp_logical_reg(d);
		return BIT(w, 21) ? dp_addsub_ext(d) : dp_addsub_shift(d);
	}
	switch (BITS(w, 24, 21)) {
	case 0: return dp_carry_flags(d);
	case 2: return dp_cond_cmp(d);
	case 4: return dp_cond_sel(d);
	case 6: return BIT(w, 30) ? dp_1src(d) : dp_2src(d);
	case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15:
		return dp_3src(d);
	default: return unallocated(d);
	}
}

/* ---- loads and stores (op0 = x1x0) ------------------------------------- */

static const char vsz[5] = { 'b', 'h', 's', 'd', 'q' };

/* Text of a transfer register: general (Wn/Xn by 8-byte width) or FP/SIMD (Bn..Qn by log2 size). */
static const char *treg(char *tmp, unsigned r, bool v, unsigned lg, bool x)
{
	if (!v)
		return rname(r, x);
	snprintf(tmp, 8, "%c%u", vsz[lg], r);
	return tmp;
}

/*
 * One register transfer of size bytes between rt (a GPR, CFI_ZR, or Vn when
 * v) and [base + off].  Loads into a GPR are register writes; accesses based
 * on SP or x29, loads into x29/x30, and 64-bit stores of a GPR through any
 * base (x29, x30 or the CFA saved in memory the caller provides) become
 * stack ops.
 */
static void mem_xfer(struct insn *in, bool load, unsigned rt, bool v, unsigned size,
		     unsigned base, int64_t off)
{
	bool stack_base = base == CFI_SP || base == CFI_FP;
	struct stack_op *op;

	if (load && !v) {
		if (rt == CFI_ZR)
			return;
		in->regs_written |= 1ull << rt;
		if (!stack_base && !is_stack_reg(rt))
			return;
	} else if (!stack_base && (v || size != 8 || rt == CFI_ZR)) {
		return;
	}
	op = op_add(in);
	op->size = size;
	op->fp_simd = v;
	if (load) {
		op->dest.type = OP_DEST_REG;
		op->dest.reg = rt;
		op->src.type = OP_SRC_MEM;
		op->src.reg = base;
		op->src.offset = off;
	} else {
		op->dest.type = OP_DEST_MEM;
		op->dest.reg = base;
		op->dest.offset = off;
		op->src.type = OP_SRC_REG;
		op->src.reg = rt;
	}
}

/* Base write-back of a pre/post-indexed access: base <- base + off. */
static void mem_wb(struct insn *in, unsigned base, int64_t off)
{
	in->mem_writeback = true;
	in->regs_written |= 1ull << base;
	if (is_stack_reg(base)) {
		op_reg(in, base, OP_SRC_ADD, base, off);
		in->ops[in->nr_ops - 1].writeback = true;
	}
}

/* Write-back by a register amount (SIMD structure post-index by Xm). */
static void mem_wb_unknown(struct insn *in, unsigned base)
{
	in->mem_writeback = true;
	wr(in, base);
	if (is_stack_reg(base))
		in->ops[in->nr_ops - 1].writeback = true;
}

enum { IDX_NONE, IDX_POST, IDX_PRE };

static void fmt_addr(char *out, size_t n, unsigned base, int64_t off, int idx)
{
	const char *b = xnames[base];

	if (idx == IDX_POST)
		snprintf(out, n, "[%s], #%" PRId64, b, off);
	else if (idx == IDX_PRE)
		snprintf(out, n, "[%s, #%" PRId64 "]!", b, off);
	else if (off)
		snprintf(out, n, "[%s, #%" PRId64 "]", b, off);
	else
		snprintf(out, n, "[%s]", b);
}

/* A single-register access with an immediate offset and optional index. */
static void mem_single(struct insn *in, bool load, unsigned rt, bool v, unsigned size,
		       unsigned base, int64_t off, int idx)
{
	in->mem_base = base;
	if (idx == IDX_PRE) {
		mem_wb(in, base, off);
		mem_xfer(in, load, rt, v, size, base, 0);
	} else if (idx == IDX_POST) {
		mem_xfer(in, load, rt, v, size, base, 0);
		mem_wb(in, base, off);
	} else {
		mem_xfer(in, load, rt, v, size, base, off);
	}
}

/*
 * The transfer described by size:V:opc of the load/store register classes.
 * Returns false for an unallocated combination.  *prfm for PRFM.
 */
struct ls_kind {
	const char *suffix;	/* "b", "h", "sb", "sh", "sw", "" */
	unsigned bytes, lg;
	bool load, x, v, prfm;
};

static bool ls_kind(uint32_t w, struct ls_kind *k)
{
	unsigned size = BITS(w, 31, 30), opc = BITS(w, 23, 22);
	static const char *const zx[4] = { "b", "h", "", "" };
	static const char *const sx[4] = { "sb", "sh", "sw", "" };

	memset(k, 0, sizeof(*k));
	k->v = BIT(w, 26);
	if (k->v) {
		if ((opc & 2) && size)
			return false;
		k->lg = (opc & 2) ? 4 : size;
		k->bytes = 1u << k->lg;
		k->load = opc & 1;
		k->suffix = "";
		return true;
	}
	k->bytes = 1u << size;
	k->lg = size;
	switch (opc) {
	case 0: case 1:
		k->load = opc;
		k->x = size == 3;
		k->suffix = zx[size];
		return true;
	case 2:
		if (size == 3) {
			k->prfm = true;
			k->suffix = "";
			return true;
		}
		k->load = true;
		k->x = true;
		k->suffix = sx[size];
		return true;
	default:
		if (size >= 2)
			return false;
		k->load = true;
		k->suffix = sx[size];
		return true;
	}
}

static const char *const prfops[32] = {
	"pldl1keep", "pldl1strm", "pldl2keep", "pldl2strm", "pldl3keep", "pldl3strm", "pldslckeep", "pldslcstrm",
	"plil1keep", "plil1strm", "plil2keep", "plil2strm", "plil3keep", "plil3strm", "plislckeep", "plislcstrm",
	"pstl1keep", "pstl1strm", "pstl2keep", "pstl2strm", "pstl3keep", "pstl3strm", "pstslckeep", "pstslcstrm",
};

static void fmt_ls(struct dec *d, const struct ls_kind *k, const char *pfx, unsigned rt, const char *addr)
{
	char tmp[8];

	if (!d->buf)
		return;
	if (k->prfm && prfops[rt & 31])
		OUT("%s %s, %s", pfx, prfops[rt & 31], addr);
	if (k->prfm)
		OUT("%s #0x%x, %s", pfx, rt & 31, addr);
	OUT("%s%s %s, %s", pfx, k->suffix, treg(tmp, rt, k->v, k->lg, k->x), addr);
}

/* LDR/STR (immediate): unsigned offset, unscaled, pre/post-index, unprivileged. */
static void ls_imm(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	struct ls_kind k;
	unsigned base = sp_reg(BITS(w, 9, 5)), rt = BITS(w, 4, 0), form = BITS(w, 11, 10);
	int64_t off;
	int idx = IDX_NONE;
	const char *pfx;
	char addr[48];

	if (!ls_kind(w, &k))
		return unallocated(d);
	if (!k.v && !k.prfm)
		rt = zr_reg(rt);
	if (BIT(w, 24)) {
		off = (int64_t)BITS(w, 21, 10) << (k.prfm ? 3 : k.lg);
		pfx = k.prfm ? "prfm" : k.load ? "ldr" : "str";
	} else {
		off = sext(BITS(w, 20, 12), 9);
		if (form != 0 && k.prfm)
			return unallocated(d);
		if (form == 2 && k.v)
			return unallocated(d);
		idx = form == 1 ? IDX_POST : form == 3 ? IDX_PRE : IDX_NONE;
		pfx = form == 0 ? (k.prfm ? "prfum" : k.load ? "ldur" : "stur")
				: form == 2 ? (k.load ? "ldtr" : "sttr") : k.load ? "ldr" : "str";
	}
	if (k.prfm)
		in->mem_base = base;
	else
		mem_single(in, k.load, rt, k.v, k.bytes, base, off, idx);
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, idx);
		fmt_ls(d, &k, pfx, rt, addr);
	}
}

static void ls_regoff(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	struct ls_kind k;
	unsigned base = sp_reg(BITS(w, 9, 5)), rt = BITS(w, 4, 0), rm = zr_reg(BITS(w, 20, 16));
	unsigned opt = BITS(w, 15, 13), s = BIT(w, 12);
	char addr[48];

	if (!ls_kind(w, &k) || !(opt & 2))
		return unallocated(d);
	if (!k.v && !k.prfm)
		rt = zr_reg(rt);
	in->mem_base = base;
	if (k.load && !k.prfm) {
		if (k.v) {
			/* FP/SIMD loads write no general register */
		} else if (opt == 3 || opt == 2 || opt == 6 || opt == 7) {
			wr(in, rt);
			if (!is_stack_reg(rt) && rt != CFI_ZR)
				in->dp = (struct insn_dp){ .kind = DP_LOAD_IDX, .rd = rt, .rn = base, .rm = rm,
							   .shift = s ? k.lg : 0,
							   .ext = opt == 3 ? DP_EXT_NONE : (uint8_t)(DP_EXT_UXTB + opt),
							   .size = k.bytes, .sign = k.suffix[0] == 's', .is64 = k.x };
		}
	}
	if (!d->buf)
		return;
	if (opt == 3 && !s)
		snprintf(addr, sizeof(addr), "[%s, %s]", xnames[base], xnames[rm]);
	else if (opt == 3)
		snprintf(addr, sizeof(addr), "[%s, %s, lsl #%u]", xnames[base], xnames[rm], k.prfm ? 3 : k.lg);
	else if (!s)
		snprintf(addr, sizeof(addr), "[%s, %s, %s]", xnames[base], rname(rm, opt & 1), extends[opt]);
	else
		snprintf(addr, sizeof(addr), "[%s, %s, %s #%u]", xnames[base], rname(rm, opt & 1),
			 extends[opt], k.prfm ? 3 : k.lg);
	fmt_ls(d, &k, k.prfm ? "prfm" : k.load ? "ldr" : "str", rt, addr);
}

/* LDRAA/LDRAB (FEAT_PAuth): a load through an authenticated base. */
static void ls_pac(struct dec *d)
{
	uint32_t w = d->w;
	unsigned base = sp_reg(BITS(w, 9, 5)), rt = zr_reg(BITS(w, 4, 0));
	int64_t off = sext((BIT(w, 22) << 9) | BITS(w, 20, 12), 10) * 8;
	bool wb = BIT(w, 11);
	char addr[48];

	if (BITS(w, 31, 30) != 3 || BIT(w, 26))
		return unallocated(d);
	mem_single(d->in, true, rt, false, 8, base, off, wb ? IDX_PRE : IDX_NONE);
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, wb ? IDX_PRE : IDX_NONE);
		if (wb && !off)		/* objdump: [xn]! here, [xn, #0]! for LDR/STR */
			snprintf(addr, sizeof(addr), "[%s]!", xnames[base]);
		fmt(d, "ldra%c %s, %s", BIT(w, 23) ? 'b' : 'a', xnames[rt], addr);
	}
}

/* LSE atomics, SWP, LDAPR, and the FEAT_LS64 64-byte accesses. */
static void ls_atomic(struct dec *d)
{
	static const char *const ops[8] = { "add", "clr", "eor", "set", "smax", "smin", "umax", "umin" };
	static const char *const sfx[4] = { "b", "h", "", "" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned size = BITS(w, 31, 30), o3 = BIT(w, 15), opc = BITS(w, 14, 12);
	unsigned a = BIT(w, 23), r = BIT(w, 22), base = sp_reg(BITS(w, 9, 5));
	unsigned rs = zr_reg(BITS(w, 20, 16)), rt = zr_reg(BITS(w, 4, 0));
	const char *ar = a ? (r ? "al" : "a") : (r ? "l" : "");
	bool x = size == 3;

	if (BIT(w, 26))
		return unallocated(d);
	in->mem_base = base;
	if (!o3) {
		wr(in, rt);
		if (rt == CFI_ZR && !a)
			TXT(d, "st%s%s%s %s, [%s]", ops[opc], ar, sfx[size], rname(rs, x), xnames[base]);
		else
			TXT(d, "ld%s%s%s %s, %s, [%s]", ops[opc], ar, sfx[size], rname(rs, x), rname(rt, x),
			    xnames[base]);
		return;
	}
	if (opc == 0) {
		wr(in, rt);
		TXT(d, "swp%s%s %s, %s, [%s]", ar, sfx[size], rname(rs, x), rname(rt, x), xnames[base]);
		return;
	}
	if (opc == 4 && a && !r && rs == CFI_ZR) {
		wr(in, rt);
		TXT(d, "ldapr%s %s, [%s]", sfx[size], rname(rt, x), xnames[base]);
		return;
	}
	if (size <= 1 && opc >= 1 && opc <= 3) {	/* RCW{S}CLR, RCW{S}SWP, RCW{S}SET (FEAT_THE) */
		static const char *const rcw[4] = { NULL, "clr", "swp", "set" };

		wr(in, rt);
		TXT(d, "rcw%s%s%s %s, %s, [%s]", size ? "s" : "", rcw[opc], ar, xnames[rs], xnames[rt], xnames[base]);
		return;
	}
	if (size != 3 || a || r)
		return unallocated(d);
	switch (opc) {
	case 1:					/* ST64B */
		if (rs != CFI_ZR)
			return unallocated(d);
		TXT(d, "st64b %s, [%s]", xnames[rt], xnames[base]);
		return;
	case 2: case 3:				/* ST64BV0, ST64BV: status into Xs */
		wr(in, rs);
		TXT(d, "st64bv%s %s, %s, [%s]", opc == 2 ? "0" : "", xnames[rs], xnames[rt], xnames[base]);
		return;
	case 5:					/* LD64B: Xt..Xt+7 */
		if (rs != CFI_ZR || (rt & 1) || rt > 22)
			return unallocated(d);
		for (unsigned i = 0; i < 8; i++)
			wr(in, rt + i);
		TXT(d, "ld64b %s, [%s]", xnames[rt], xnames[base]);
		return;
	default:
		return unallocated(d);
	}
}

static void ls_pair(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned opc = BITS(w, 31, 30), idxf = BITS(w, 24, 23), base = sp_reg(BITS(w, 9, 5));
	unsigned rt = BITS(w, 4, 0), rt2 = BITS(w, 14, 10);
	bool v = BIT(w, 26), load = BIT(w, 22), x = false;
	unsigned lg, bytes;
	int idx = idxf == 1 ? IDX_POST : idxf == 3 ? IDX_PRE : IDX_NONE;
	const char *n = load ? "ldp" : "stp";
	int64_t off;
	char addr[48], t1[8], t2[8];

	if (opc == 3)
		return unallocated(d);
	if (v) {
		lg = opc + 2;
	} else if (opc == 1) {
		if (idxf == 0)
			return unallocated(d);
		lg = load ? 2 : 4;		/* LDPSW, STGP (16-byte granules) */
		x = true;
		n = load ? "ldpsw" : "stgp";
	} else {
		lg = opc ? 3 : 2;
		x = opc == 2;
	}
	if (idxf == 0)
		n = load ? "ldnp" : "stnp";
	bytes = 1u << lg;
	off = sext(BITS(w, 21, 15), 7) * (1 << lg);	/* not <<: the offset may be negative */
	if (!v) {
		rt = zr_reg(rt);
		rt2 = zr_reg(rt2);
	}
	if (!v && opc == 1 && !load)
		bytes = 8;				/* STGP stores two X registers */
	in->mem_base = base;
	if (idx == IDX_PRE)
		mem_wb(in, base, off);
	mem_xfer(in, load, rt, v, bytes, base, idx == IDX_NONE ? off : 0);
	mem_xfer(in, load, rt2, v, bytes, base, (idx == IDX_NONE ? off : 0) + bytes);
	if (idx == IDX_POST)
		mem_wb(in, base, off);
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, idx);
		fmt(d, "%s %s, %s, %s", n, treg(t1, rt, v, lg, x), treg(t2, rt2, v, lg, x), addr);
	}
}

/* Load/store exclusive, ordered (LDAR/STLR/LDLAR/STLLR) and compare-and-swap. */
static void ls_excl(struct dec *d)
{
	static const char *const sfx[4] = { "b", "h", "", "" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned size = BITS(w, 31, 30), o2 = BIT(w, 23), l = BIT(w, 22), o1 = BIT(w, 21), o0 = BIT(w, 15);
	unsigned rs = zr_reg(BITS(w, 20, 16)), rt2 = zr_reg(BITS(w, 14, 10)), rt = zr_reg(BITS(w, 4, 0));
	unsigned base = sp_reg(BITS(w, 9, 5));
	bool x = size == 3;
	const char *b = xnames[base];

	in->mem_base = base;
	if (!o2 && !o1) {			/* STXR, STLXR, LDXR, LDAXR */
		if (l) {
			wr(in, rt);
			TXT(d, "ld%sxr%s %s, [%s]", o0 ? "a" : "", sfx[size], rname(rt, x), b);
		} else {
			wr(in, rs);
			TXT(d, "st%sxr%s %s, %s, [%s]", o0 ? "l" : "", sfx[size], wnames[rs], rname(rt, x), b);
		}
		return;
	}
	if (!o2 && o1 && size >= 2) {		/* STXP, STLXP, LDXP, LDAXP */
		if (l) {
			wr(in, rt);
			wr(in, rt2);
			TXT(d, "ld%sxp %s, %s, [%s]", o0 ? "a" : "", rname(rt, x), rname(rt2, x), b);
		} else {
			wr(in, rs);
			TXT(d, "st%sxp %s, %s, %s, [%s]", o0 ? "l" : "", wnames[rs], rname(rt, x), rname(rt2, x), b);
		}
		return;
	}
	if (!o2 && o1) {			/* CASP{A}{L}: Rs, Rs+1 receive the old value */
		x = size == 1;
		if ((BITS(w, 20, 16) & 1) || (BITS(w, 4, 0) & 1))
			return unallocated(d);
		wr(in, rs);
		wr(in, pair_next(rs));
		TXT(d, "casp%s%s %s, %s, %s, %s, [%s]", l ? "a" : "", o0 ? "l" : "", rname(rs, x),
		    rname(pair_next(rs), x), rname(rt, x), rname(pair_next(rt), x), b);
		return;
	}
	if (!o1) {				/* STLLR, STLR, LDLAR, LDAR */
		if (l)
			wr(in, rt);
		TXT(d, "%s%s %s, [%s]", l ? (o0 ? "ldar" : "ldlar") : (o0 ? "stlr" : "stllr"), sfx[size],
		    rname(rt, x), b);
		return;
	}
	wr(in, rs);				/* CAS{A}{L}{B,H} */
	TXT(d, "cas%s%s%s %s, %s, [%s]", l ? "a" : "", o0 ? "l" : "", sfx[size], rname(rs, x), rname(rt, x), b);
}

/* LD1-LD4/ST1-ST4 (multiple and single structures), LD1R-LD4R. */
static void ls_simd_struct(struct dec *d)
{
	static const char *const arr[8] = { "8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	bool q = BIT(w, 30), load = BIT(w, 22), single = BIT(w, 24), post = BIT(w, 23);
	unsigned base = sp_reg(BITS(w, 9, 5)), rm = BITS(w, 20, 16), rt = BITS(w, 4, 0);
	unsigned opcode = BITS(w, 15, 12), size = BITS(w, 11, 10), nregs, bytes, esz = size;
	char regs[64], addr[48], idx[8] = "";
	const char *arrs;
	bool repl = false;

	if (single && !post && rm == 1 && !BIT(w, 21) && BITS(w, 15, 10) == 0x21) {
		in->mem_base = base;			/* LDAP1/STL1 {Vt.d}[i] (FEAT_LRCPC3) */
		TXT(d, "%s {v%u.d}[%u], [%s]", load ? "ldap1" : "stl1", rt, q, xnames[base]);
		return;
	}
	if (BIT(w, 31) || (!post && rm))
		return unallocated(d);
	if (!single) {
		static const signed char nr[16] = { 4, -1, 4, -1, 3, -1, 3, 1, 2, -1, 2, -1, -1, -1, -1, -1 };
		static const signed char se[16] = { 4, 0, 1, 0, 3, 0, 1, 1, 2, 0, 1, 0, 0, 0, 0, 0 };

		if (BIT(w, 21) || nr[opcode] < 0 || (se[opcode] > 1 && size == 3 && !q))
			return unallocated(d);
		nregs = nr[opcode];
		bytes = nregs * (q ? 16 : 8);
		arrs = arr[size << 1 | q];
		regs[0] = (char)('0' + se[opcode]);
		regs[1] = 0;
	} else {
		unsigned op3 = opcode >> 1, sel = (op3 & 1) << 1 | BIT(w, 21), scale = op3 >> 1;
		unsigned s = BIT(w, 12);

		nregs = sel + 1;
		switch (scale) {
		case 0:
			esz = 0;
			snprintf(idx, sizeof(idx), "[%u]", q << 3 | s << 2 | size);
			break;
		case 1:
			if (size & 1)
				return unallocated(d);
			esz = 1;
			snprintf(idx, sizeof(idx), "[%u]", q << 2 | s << 1 | size >> 1);
			break;
		case 2:
			if (size >= 2 || (size == 1 && s))
				return unallocated(d);
			esz = size ? 3 : 2;
			snprintf(idx, sizeof(idx), "[%u]", size ? q : (q << 1 | s));
			break;
		default:
			if (!load || s)
				return unallocated(d);
			repl = true;
			break;
		}
		bytes = nregs << esz;
		arrs = repl ? arr[size << 1 | q] : (const char *[]){ "b", "h", "s", "d" }[esz];
		regs[0] = (char)('0' + nregs);
		regs[1] = 0;
	}
	in->mem_base = base;
	if (post) {
		if (rm == 31)
			mem_wb(in, base, bytes);
		else
			mem_wb_unknown(in, base);
	}
	if (!d->buf)
		return;
	{
		char list[48];
		int n = 0;

		if (nregs > 2 && rt + nregs - 1 <= 31)
			snprintf(list, sizeof(list), "v%u.%s-v%u.%s", rt, arrs, rt + nregs - 1, arrs);
		else
			for (unsigned i = 0; i < nregs; i++)
				n += snprintf(list + n, sizeof(list) - n, "%sv%u.%s", i ? ", " : "", (rt + i) & 31, arrs);
		if (!post)
			snprintf(addr, sizeof(addr), "[%s]", xnames[base]);
		else if (rm == 31)
			snprintf(addr, sizeof(addr), "[%s], #%u", xnames[base], bytes);
		else
			snprintf(addr, sizeof(addr), "[%s], %s", xnames[base], xnames[rm]);
		fmt(d, "%s%s%s {%s}%s, %s", load ? "ld" : "st", regs, repl ? "r" : "", list, idx, addr);
	}
}

static void ls_literal(struct dec *d)
{
	uint32_t w = d->w;
	unsigned opc = BITS(w, 31, 30), rt = BITS(w, 4, 0);
	uint64_t t = d->addr + (uint64_t)(sext(BITS(w, 23, 5), 19) * 4);
	char tmp[8];

	if (BIT(w, 26)) {
		if (opc == 3)
			return unallocated(d);
		TXT(d, "ldr %s, 0x%" PRIx64, treg(tmp, rt, true, opc + 2, false), t);
		return;
	}
	if (opc == 3) {
		TXT(d, "prfm %s, 0x%" PRIx64, prfops[rt] ? prfops[rt] : "#", t);
		return;
	}
	wr(d->in, zr_reg(rt));
	TXT(d, "ldr%s %s, 0x%" PRIx64, opc == 2 ? "sw" : "", rname(zr_reg(rt), opc != 0), t);
}

/* STLUR/LDAPUR (FEAT_LRCPC2): ordered accesses with an unscaled offset. */
static void ls_rcpc_unscaled(struct dec *d)
{
	static const char *const sfx[4][4] = {
		{ "b", "h", "", "" }, { "b", "h", "", "" }, { "sb", "sh", "sw", NULL }, { "sb", "sh", NULL, NULL },
	};
	uint32_t w = d->w;
	unsigned size = BITS(w, 31, 30), opc = BITS(w, 23, 22), base = sp_reg(BITS(w, 9, 5));
	unsigned rt = zr_reg(BITS(w, 4, 0));
	int64_t off = sext(BITS(w, 20, 12), 9);
	bool x = opc == 2 || (opc < 2 && size == 3);
	char addr[48];

	if (!sfx[opc][size])
		return unallocated(d);
	d->in->mem_base = base;
	if (opc)
		wr(d->in, rt);
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, IDX_NONE);
		fmt(d, "%s%s %s, %s", opc ? "ldapur" : "stlur", sfx[opc][size], rname(rt, x), addr);
	}
}

/* STLUR/LDAPUR of FP/SIMD registers (FEAT_LRCPC3). */
static void ls_rcpc_simd(struct dec *d)
{
	uint32_t w = d->w;
	unsigned size = BITS(w, 31, 30), opc = BITS(w, 23, 22), base = sp_reg(BITS(w, 9, 5));
	int64_t off = sext(BITS(w, 20, 12), 9);
	char addr[48], tmp[8];

	if ((opc & 2) && size)
		return unallocated(d);
	d->in->mem_base = base;
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, IDX_NONE);
		fmt(d, "%s %s, %s", (opc & 1) ? "ldapur" : "stlur",
		    treg(tmp, BITS(w, 4, 0), true, (opc & 2) ? 4 : size, false), addr);
	}
}

/*
 * LDCLRP, LDSETP, SWPP (FEAT_LSE128), and the read-check-write atomics of
 * FEAT_THE in this space: RCW{S}CLRP/SETP/SWPP (Xt1, Xt2 written) and
 * RCW{S}CAS/CASP (Xs, or Xs and Xs+1, written).
 */
static void ls_lse128_rcw(struct dec *d)
{
	static const char *const ar[4] = { "", "l", "a", "al" };
	static const char *const pn[8] = { NULL, "clrp", "swpp", "setp" };
	uint32_t w = d->w;
	unsigned o3 = BIT(w, 15), opc = BITS(w, 14, 12), base = sp_reg(BITS(w, 9, 5));
	unsigned rt = zr_reg(BITS(w, 4, 0)), rs = zr_reg(BITS(w, 20, 16)), low = BITS(w, 11, 10);
	const char *s = BIT(w, 30) ? "s" : "", *acq = ar[BITS(w, 23, 22)];

	d->in->mem_base = base;
	if (low == 0 && !o3 && BIT(w, 30) == 0 && (opc == 1 || opc == 3)) {
		wr(d->in, rt);
		wr(d->in, rs);
		TXT(d, "ld%sp%s %s, %s, [%s]", opc == 1 ? "clr" : "set", acq, xnames[rt], xnames[rs], xnames[base]);
		return;
	}
	if (low == 0 && o3 && opc == 0 && !BIT(w, 30)) {
		wr(d->in, rt);
		wr(d->in, rs);
		TXT(d, "swpp%s %s, %s, [%s]", acq, xnames[rt], xnames[rs], xnames[base]);
		return;
	}
	if (low == 0 && o3 && opc >= 1 && opc <= 3) {
		wr(d->in, rt);
		wr(d->in, rs);
		TXT(d, "rcw%s%s%s %s, %s, [%s]", s, pn[opc], acq, xnames[rt], xnames[rs], xnames[base]);
		return;
	}
	if ((low == 2 || low == 3) && !o3 && opc == 0) {
		if (low == 3 && ((BITS(w, 20, 16) & 1) || (BITS(w, 4, 0) & 1)))
			return unallocated(d);
		wr(d->in, rs);
		if (low == 3)
			wr(d->in, pair_next(rs));
		TXT(d, "rcw%scas%s%s %s, %s, [%s]", s, low == 3 ? "p" : "", acq, xnames[rs], xnames[rt], xnames[base]);
		return;
	}
	unallocated(d);
}

/*
 * FEAT_LRCPC3 in the RCpc space: LDIAPP/STILP (pairs, optionally with
 * write-back by the pair size) and LDAPR post-index / STLR pre-index.
 */
static void ls_lrcpc3(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned size = BITS(w, 31, 30), opc = BITS(w, 23, 22), opc2 = BITS(w, 15, 12);
	unsigned base = sp_reg(BITS(w, 9, 5)), rt = zr_reg(BITS(w, 4, 0)), rt2 = zr_reg(BITS(w, 20, 16));
	bool x = size == 3, load = opc & 1;
	unsigned bytes;
	int64_t off;
	char addr[48];

	if (opc < 2 && size >= 2 && opc2 <= 1) {	/* LDIAPP, STILP */
		bytes = x ? 8 : 4;
		off = opc2 ? 0 : (load ? 2 * bytes : -(int64_t)(2 * bytes));
		mem_single(in, load, rt, false, bytes, base, off, opc2 ? IDX_NONE : load ? IDX_POST : IDX_PRE);
		mem_xfer(in, load, rt2, false, bytes, base, bytes);
		if (d->buf) {
			fmt_addr(addr, sizeof(addr), base, off, opc2 ? IDX_NONE : load ? IDX_POST : IDX_PRE);
			fmt(d, "%s %s, %s, %s", load ? "ldiapp" : "stilp", rname(rt, x), rname(rt2, x), addr);
		}
		return;
	}
	if (opc >= 2 && opc2 == 0 && BITS(w, 20, 16) == 0) {	/* STLR pre-index, LDAPR post-index */
		bytes = 1u << size;
		if (size < 2)
			return unallocated(d);
		off = load ? bytes : -(int64_t)bytes;
		mem_single(in, load, rt, false, bytes, base, off, load ? IDX_POST : IDX_PRE);
		if (d->buf) {
			fmt_addr(addr, sizeof(addr), base, off, load ? IDX_POST : IDX_PRE);
			fmt(d, "%s %s, %s", load ? "ldapr" : "stlr", rname(rt, x), addr);
		}
		return;
	}
	unallocated(d);
}

/* CPY* and SET* (FEAT_MOPS): the registers are updated as the copy proceeds. */
static void ls_mops(struct dec *d)
{
	static const char *const cpyopt[16] = {
		"", "wt", "rt", "t", "wn", "wtwn", "rtwn", "twn",
		"rn", "wtrn", "rtrn", "trn", "n", "wtn", "rtn", "tn",
	};
	static const char *const setopt[4] = { "", "t", "n", "tn" };
	static const char pme[3] = { 'p', 'm', 'e' };
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned op1 = BITS(w, 23, 22), op2 = BITS(w, 15, 12);
	unsigned rd = BITS(w, 4, 0), rn = BITS(w, 9, 5), rs = BITS(w, 20, 16);
	bool set = op1 == 3;

	/* register 31 or overlapping registers are CONSTRAINED UNPREDICTABLE, not unallocated */
	if (BITS(w, 31, 30) || (set && (op2 >> 2) == 3))
		return unallocated(d);
	in->mem_base = sp_reg(rd);
	in->mem_writeback = true;	/* Xd, Xn (and Xs) advance as the operation proceeds */
	wr(in, zr_reg(rd));
	wr(in, zr_reg(rn));
	if (!set)
		wr(in, zr_reg(rs));
	if (set)
		TXT(d, "set%s%c%s [%s]!, %s!, %s", BIT(w, 26) ? "g" : "", pme[op2 >> 2], setopt[op2 & 3],
		    xnames[rd], xnames[rn], xnames[zr_reg(rs)]);
	else
		TXT(d, "cpy%s%c%s [%s]!, [%s]!, %s!", BIT(w, 26) ? "" : "f", pme[op1], cpyopt[op2],
		    xnames[rd], xnames[rs], xnames[rn]);
}

/* STG, STZG, ST2G, STZ2G, LDG, STGM, STZGM, LDGM (FEAT_MTE). */
static void ls_tags(struct dec *d)
{
	static const char *const names[4] = { "stg", "stzg", "st2g", "stz2g" };
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned opc = BITS(w, 23, 22), op2 = BITS(w, 11, 10), base = sp_reg(BITS(w, 9, 5));
	unsigned rt = BITS(w, 4, 0);
	int64_t off = sext(BITS(w, 20, 12), 9) * 16;
	int idx = op2 == 1 ? IDX_POST : op2 == 3 ? IDX_PRE : IDX_NONE;
	char addr[48];

	in->mem_base = base;
	if (op2 == 0) {
		if (opc != 1 && BITS(w, 20, 12))
			return unallocated(d);
		if (opc & 1)
			wr(in, zr_reg(rt));
		if (opc == 1) {
			fmt_addr(addr, sizeof(addr), base, off, IDX_NONE);
			TXT(d, "ldg %s, %s", xnames[zr_reg(rt)], addr);
		} else {
			TXT(d, "%s %s, [%s]", opc == 0 ? "stzgm" : opc == 2 ? "stgm" : "ldgm",
			    xnames[zr_reg(rt)], xnames[base]);
		}
		return;
	}
	if (idx == IDX_PRE || idx == IDX_POST)
		mem_wb(in, base, off);
	if (d->buf) {
		fmt_addr(addr, sizeof(addr), base, off, idx);
		fmt(d, "%s %s, %s", names[opc], xnames[sp_reg(rt)], addr);
	}
}

static void dec_ldst(struct dec *d)
{
	uint32_t w = d->w;

	d->in->mem_base = ARCH_NO_REG;
	switch (BITS(w, 29, 28)) {
	case 0:
		if (BIT(w, 26))
			return ls_simd_struct(d);
		return BIT(w, 24) ? unallocated(d) : ls_excl(d);
	case 1:
		if (!BIT(w, 24))
			return ls_literal(d);
		if (BITS(w, 31, 24) == 0xd9 && BIT(w, 21))
			return ls_tags(d);
		if ((BITS(w, 31, 24) == 0x19 || BITS(w, 31, 24) == 0x59) && BIT(w, 21))
			return ls_lse128_rcw(d);
		if (BIT(w, 21))
			return unallocated(d);
		if (BITS(w, 11, 10) == 2 && !BIT(w, 26))
			return ls_lrcpc3(d);
		if (BITS(w, 11, 10) == 1)
			return ls_mops(d);
		if (BITS(w, 11, 10) == 2 && BIT(w, 26))
			return ls_rcpc_simd(d);
		if (BITS(w, 11, 10) == 0 && !BIT(w, 26))
			return ls_rcpc_unscaled(d);
		return unallocated(d);
	case 2:
		return ls_pair(d);
	default:
		if (BIT(w, 24) || !BIT(w, 21))
			return ls_imm(d);
		if (BITS(w, 11, 10) == 0)
			return ls_atomic(d);
		if (BITS(w, 11, 10) == 2)
			return ls_regoff(d);
		return ls_pac(d);
	}
}

/* ---- data processing: FP and Advanced SIMD (op0 = x111) ---------------- */


/* FCVT* to integer, SCVTF/UCVTF, FMOV (general), FJCVTZS: the GPR side is Rd or Rn. */
static void fp_int_conv(struct dec *d)
{
	static const char *const rm4 = "npmz";
	uint32_t w = d->w;
	bool x = BIT(w, 31), fixed = !BIT(w, 21);
	unsigned type = BITS(w, 23, 22), rmode = BITS(w, 20, 19), op = BITS(w, 18, 16);
	unsigned rd = BITS(w, 4, 0), rn = BITS(w, 9, 5), scale = 64 - BITS(w, 15, 10);
	char fr[8], fb[8];

	if (BIT(w, 29) || (type == 2 && !(op >= 6 && rmode == 1 && x)))
		return unallocated(d);
	snprintf(fr, sizeof(fr), "%c%u", fpt[type], rd);
	snprintf(fb, sizeof(fb), "%c%u", fpt[type], rn);
	if (fixed) {
		if ((!x && scale > 32) || !((rmode == 0 && (op == 2 || op == 3)) || (rmode == 3 && op <= 1)))
			return unallocated(d);
		if (rmode == 3) {
			wr(d->in, zr_reg(rd));
			TXT(d, "fcvtz%c %s, %s, #%u", op ? 'u' : 's', rname(zr_reg(rd), x), fb, scale);
		} else {
			TXT(d, "%ccvtf %s, %s, #%u", op == 3 ? 'u' : 's', fr, rname(zr_reg(rn), x), scale);
		}
		return;
	}
	if (op <= 1 || ((op == 4 || op == 5) && rmode == 0)) {
		wr(d->in, zr_reg(rd));
		TXT(d, "fcvt%c%c %s, %s", op <= 1 ? rm4[rmode] : 'a', (op & 1) ? 'u' : 's',
		    rname(zr_reg(rd), x), fb);
		return;
	}
	if ((op == 2 || op == 3) && rmode == 0) {
		TXT(d, "%ccvtf %s, %s", op == 3 ? 'u' : 's', fr, rname(zr_reg(rn), x));
		return;
	}
	if (op == 6 || op == 7) {
		if (rmode == 0 && (type == 3 || x == (type == 1))) {
			if (op == 6)
				wr(d->in, zr_reg(rd));
			if (op == 6)
				TXT(d, "fmov %s, %s", rname(zr_reg(rd), x), fb);
			else
				TXT(d, "fmov %s, %s", fr, rname(zr_reg(rn), x));
			return;
		}
		if (rmode == 1 && type == 2 && x) {
			if (op == 6)
				wr(d->in, zr_reg(rd));
			if (op == 6)
				TXT(d, "fmov %s, v%u.d[1]", xnames[zr_reg(rd)], rn);
			else
				TXT(d, "fmov v%u.d[1], %s", rd, xnames[zr_reg(rn)]);
			return;
		}
		if (op == 6 && rmode == 3 && type == 1 && !x) {
			wr(d->in, zr_reg(rd));
			TXT(d, "fjcvtzs %s, d%u", wnames[zr_reg(rd)], rn);
			return;
		}
	}
	unallocated(d);
}

/* Scalar FP arithmetic, compare, select and immediate moves: no general register is written. */
static void fp_scalar(struct dec *d)
{
	static const char *const two[9] = { "fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul" };
	static const char *const one[20] = {
		"fmov", "fabs", "fneg", "fsqrt", "fcvt", "fcvt", "bfcvt", "fcvt",
		"frintn", "frintp", "frintm", "frintz", "frinta", NULL, "frintx", "frinti",
		"frint32z", "frint32x", "frint64z", "frint64x",
	};
	uint32_t w = d->w;
	unsigned type = BITS(w, 23, 22), rd = BITS(w, 4, 0), rn = BITS(w, 9, 5), rm = BITS(w, 20, 16);
	char t = fpt[type];

	if (BIT(w, 31) || BIT(w, 29) || type == 2)
		return unallocated(d);
	switch (BITS(w, 11, 10)) {
	case 1:
		TXT(d, "fccmp%s %c%u, %c%u, #%u, %s", BIT(w, 4) ? "e" : "", t, rn, t, rm, BITS(w, 3, 0),
		    conds[BITS(w, 15, 12)]);
		return;
	case 2:
		if (BITS(w, 15, 12) > 8)
			return unallocated(d);
		TXT(d, "%s %c%u, %c%u, %c%u", two[BITS(w, 15, 12)], t, rd, t, rn, t, rm);
		return;
	case 3:
		TXT(d, "fcsel %c%u, %c%u, %c%u, %s", t, rd, t, rn, t, rm, conds[BITS(w, 15, 12)]);
		return;
	}
	if (BITS(w, 13, 10) == 8) {
		if (BITS(w, 15, 14) || (BITS(w, 2, 0)))
			return unallocated(d);
		if (BIT(w, 3))
			TXT(d, "fcmp%s %c%u, #0.0", BIT(w, 4) ? "e" : "", t, rn);
		else
			TXT(d, "fcmp%s %c%u, %c%u", BIT(w, 4) ? "e" : "", t, rn, t, rm);
		return;
	}
	if (BITS(w, 12, 10) == 4) {
		if (BITS(w, 9, 5))
			return unallocated(d);
		TXT(d, "fmov %c%u, #%.18e", t, rd, fp_imm8(BITS(w, 20, 13)));
		return;
	}
	if (BITS(w, 14, 10) == 16) {
		unsigned op = BITS(w, 20, 15);

		if (op >= 20 || !one[op] || (op >= 4 && op <= 7 && (op & 3) == type) ||
		    (op == 6 && type != 1) || (op >= 16 && type == 3))
			return unallocated(d);
		TXT(d, "%s %c%u, %c%u", one[op], op >= 4 && op <= 7 ? fpt[op == 6 ? 3 : op & 3] : t, rd, t, rn);
		return;
	}
	unallocated(d);
}

/* DUP, INS, SMOV, UMOV (Advanced SIMD copy): SMOV/UMOV write a general register. */
static void simd_copy(struct dec *d)
{
	uint32_t w = d->w;
	unsigned imm5 = BITS(w, 20, 16), imm4 = BITS(w, 14, 11), rd = BITS(w, 4, 0), rn = BITS(w, 9, 5);
	unsigned lg = __builtin_ctz(imm5 | 32), idx = imm5 >> (lg + 1);
	bool q = BIT(w, 30);

	if (lg > 3)
		return unallocated(d);
	if (BIT(w, 29)) {
		if (!q)
			return unallocated(d);
		TXT(d, "mov v%u.%c[%u], v%u.%c[%u]", rd, "bhsd"[lg], idx, rn, "bhsd"[lg], imm4 >> lg);
		return;
	}
	switch (imm4) {
	case 0: TXT(d, "dup v%u.%s, v%u.%c[%u]", rd, simd_arr[lg << 1 | q], rn, "bhsd"[lg], idx); return;
	case 1: TXT(d, "dup v%u.%s, %s", rd, simd_arr[lg << 1 | q], rname(zr_reg(rn), lg == 3)); return;
	case 3:
		if (!q)
			return unallocated(d);
		TXT(d, "mov v%u.%c[%u], %s", rd, "bhsd"[lg], idx, rname(zr_reg(rn), lg == 3));
		return;
	case 5: case 7:
		if (imm4 == 5 ? (lg >= (q ? 3u : 2u)) : (q ? lg != 3 : lg == 3))
			return unallocated(d);
		wr(d->in, zr_reg(rd));
		TXT(d, "%s %s, v%u.%c[%u]", imm4 == 5 ? "smov" : (lg >= 2 ? "mov" : "umov"),
		    rname(zr_reg(rd), q), rn, "bhsd"[lg], idx);
		return;
	default:
		return unallocated(d);
	}
}

static void dec_simd_fp(struct dec *d)
{
	uint32_t w = d->w;

	if (BITS(w, 28, 24) == 0x1f && !BIT(w, 30) && !BIT(w, 31)) {	/* FP data-processing (3 source) */
		static const char *const n3[4] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };
		unsigned type = BITS(w, 23, 22);
		char t = fpt[type];

		if (BIT(w, 29) || type == 2)
			return unallocated(d);
		TXT(d, "%s %c%u, %c%u, %c%u, %c%u", n3[BIT(w, 21) << 1 | BIT(w, 15)], t, BITS(w, 4, 0), t,
		    BITS(w, 9, 5), t, BITS(w, 20, 16), t, BITS(w, 14, 10));
		return;
	}
	if (BITS(w, 28, 24) == 0x1e && !BIT(w, 30)) {
		if (!BIT(w, 21) || BITS(w, 15, 10) == 0)
			return fp_int_conv(d);
		return fp_scalar(d);
	}
	if (!BIT(w, 31) && BITS(w, 28, 21) == 0x70 && !BIT(w, 15) && BIT(w, 10))
		return simd_copy(d);
	/* The rest of Advanced SIMD and crypto writes only vector registers. */
	if (d->buf)
		a64_simd_text(d);
}

/* ---- SVE (op0 = 0010) and SME (op0 = 0000, bit 31) --------------------- */

/* ADDVL/ADDPL, RDVL and the SME ADDSVL/ADDSPL/RDSVL. */
static bool sve_vl(struct dec *d)
{
	uint32_t w = d->w;
	unsigned rd = BITS(w, 4, 0), rn = BITS(w, 20, 16), op = BITS(w, 23, 22);
	int64_t imm = sext(BITS(w, 10, 5), 6);
	bool sme = BIT(w, 11);

	if (op < 2) {				/* ADDVL, ADDPL: Xd|SP <- Xn|SP + imm * VL (or PL) */
		/* OP_SRC_ADDVL counts VL/16-byte granules: VL = 16 granules, PL = 2 */
		if (sme)
			wr(d->in, sp_reg(rd));	/* streaming VL: not the VL of OP_SRC_ADDVL */
		else
			wr_op(d->in, sp_reg(rd), OP_SRC_ADDVL, sp_reg(rn), imm * (op ? 2 : 16));
		TXT(d, "add%s%s %s, %s, #%d", sme ? "s" : "", op ? "pl" : "vl", xnames[rd], xnames[rn], (int)imm);
		return true;
	}
	if (op == 2 && rn == 31) {		/* RDVL, RDSVL */
		wr(d->in, zr_reg(rd));
		TXT(d, "rd%svl %s, #%d", sme ? "s" : "", xnames[zr_reg(rd)], (int)imm);
		return true;
	}
	return false;
}

/* CNT[BHWD], INC/DEC[BHWD] and the saturating SQINC/UQINC/SQDEC/UQDEC scalar forms. */
static bool sve_elem_count(struct dec *d)
{
	static const char bhwd[4] = { 'b', 'h', 'w', 'd' };
	uint32_t w = d->w;
	unsigned rd = zr_reg(BITS(w, 4, 0)), pat = BITS(w, 9, 5), imm = BITS(w, 19, 16) + 1;
	char t = bhwd[BITS(w, 23, 22)], tail[24] = "";
	const char *n;
	bool x = true, wx = false;

	if (BITS(w, 15, 11) == 0x1c && !BIT(w, 20) && !BIT(w, 10))
		n = "cnt";
	else if (BITS(w, 15, 11) == 0x1c && BIT(w, 20))
		n = BIT(w, 10) ? "dec" : "inc";
	else if (BITS(w, 15, 12) == 0xf) {
		static const char *const sat[4] = { "sqinc", "uqinc", "sqdec", "uqdec" };

		n = sat[BITS(w, 11, 10)];
		x = BIT(w, 20) || BIT(w, 10);		/* UQ forms with sf = 0 name Wdn */
		wx = !BIT(w, 20) && !BIT(w, 10);	/* SQINC Xdn, Wdn, ... */
	} else {
		return false;
	}
	wr(d->in, rd);
	if (!d->buf)
		return true;
	if (imm > 1)
		snprintf(tail, sizeof(tail), ", %s, mul #%u", sve_pat[pat] ? sve_pat[pat] : "#", imm);
	else if (pat != 31)
		snprintf(tail, sizeof(tail), ", %s", sve_pat[pat] ? sve_pat[pat] : "#");
	if (wx)
		fmt(d, "%s%c %s, %s%s", n, t, xnames[rd], wnames[rd], tail);
	else
		fmt(d, "%s%c %s%s", n, t, rname(rd, x), tail);
	return true;
}

/*
 * SVE memory accesses whose base is a vector (Zn): the gathers and scatters
 * "vector plus immediate" and the SVE2 non-temporal "vector plus scalar".
 * All other SVE loads, stores and prefetches have a scalar base Xn|SP.
 */
static bool sve_vector_base(uint32_t w)
{
	unsigned op21 = BITS(w, 22, 21), op15 = BITS(w, 15, 13);

	switch (BITS(w, 31, 29)) {
	case 4:					/* 32-bit gathers */
		return (op21 == 1 && BIT(w, 15)) || (op21 == 0 && (op15 == 7 || (op15 >> 1) == 2));
	case 6:					/* 64-bit gathers */
		return (op21 == 1 && BIT(w, 15)) || (op21 == 0 && BIT(w, 15));
	case 7:					/* stores */
		return (op15 == 5 && BIT(w, 22)) || (op15 == 1 && !BIT(w, 21));
	default:				/* contiguous loads */
		return false;
	}
}

static void dec_sve(struct dec *d)
{
	uint32_t w = d->w;
	struct insn *in = d->in;
	unsigned top = BITS(w, 31, 24);

	if (top == 0x04 && BIT(w, 21) && (BITS(w, 15, 11) == 0x0a || BITS(w, 15, 11) == 0x0b) && sve_vl(d))
		return;
	if (top == 0x04 && BIT(w, 21) && BITS(w, 15, 14) == 3 && sve_elem_count(d))
		return;
	if (top == 0x05 && (BITS(w, 21, 17) == 0x10 || BITS(w, 21, 17) == 0x18) && BITS(w, 15, 13) == 5) {
		bool clast = BIT(w, 20);		/* LASTA/LASTB, CLASTA/CLASTB (scalar) */

		wr(in, zr_reg(BITS(w, 4, 0)));
		TXT(d, "%slast%c %s, p%u, %s%u", clast ? "c" : "", BIT(w, 16) ? 'b' : 'a',
		    rname(zr_reg(BITS(w, 4, 0)), BITS(w, 23, 22) == 3), BITS(w, 12, 10),
		    clast ? (BITS(w, 23, 22) == 3 ? "x" : "w") : "z", clast ? BITS(w, 4, 0) : BITS(w, 9, 5));
		return;
	}
	if (top == 0x25 && BITS(w, 21, 16) == 0x20 && BITS(w, 15, 14) == 2) {
		wr(in, zr_reg(BITS(w, 4, 0)));	/* CNTP (predicate, or predicate-as-counter when bit 9) */
		TXT(d, "cntp %s, p%u, p%u.%c", xnames[zr_reg(BITS(w, 4, 0))], BITS(w, 13, 10), BITS(w, 8, 5),
		    "bhsd"[BITS(w, 23, 22)]);
		return;
	}
	if (top == 0x25 && BITS(w, 21, 19) == 5 && BITS(w, 15, 11) == 0x11 && !BIT(w, 9)) {
		/* INCP/DECP and SQINCP/UQINCP/SQDECP/UQDECP (scalar) */
		wr(in, zr_reg(BITS(w, 4, 0)));
		TXT(d, "%s %s, p%u.%c", "incp", xnames[zr_reg(BITS(w, 4, 0))], BITS(w, 8, 5),
		    "bhsd"[BITS(w, 23, 22)]);
		return;
	}
	if (BIT(w, 31)) {				/* SVE loads and stores */
		if (!sve_vector_base(w))
			in->mem_base = sp_reg(BITS(w, 9, 5));
		if (d->buf)
			a64_sve_mem_text(d);
		return;
	}
	if (d->buf)
		a64_sve_text(d);
}

static void dec_reserved(struct dec *d)
{
	uint32_t w = d->w;

	if (BITS(w, 31, 16) == 0) {
		d->in->cls = INSN_TRAP;
		TXT(d, "udf #%u", BITS(w, 15, 0));
		return;
	}
	if (!BIT(w, 31))
		return unallocated(d);
	if ((w & 0xffff8fe0) == 0xc04c03e0) {		/* MOVT Xt, ZT0[offs] (SME2) */
		wr(d->in, zr_reg(BITS(w, 4, 0)));
		TXT(d, "movt %s, zt0[%u]", xnames[zr_reg(BITS(w, 4, 0))], BITS(w, 14, 12) * 8);
		return;
	}
	/*
	 * SME: loads and stores of ZA tiles/ZT0 (1110000) and the SME2
	 * multi-vector loads and stores (1010000) have a scalar base Xn|SP.
	 */
	if (BITS(w, 31, 25) == 0x70 || (BITS(w, 31, 25) == 0x50 && !BIT(w, 23)))
		d->in->mem_base = sp_reg(BITS(w, 9, 5));
	TXT(d, ".inst 0x%08x", w);	/* SME: text not decoded */
}

/* ---- entry points ------------------------------------------------------ */

static void decode(struct dec *d)
{
	struct insn *in = d->in;

	memset(in, 0, sizeof(*in));
	in->word = d->w;
	in->cls = INSN_OTHER;
	in->reg = ARCH_NO_REG;
	in->mem_base = ARCH_NO_REG;
	switch (BITS(d->w, 28, 25)) {
	case 0x0: return dec_reserved(d);
	case 0x1: case 0x3: return unallocated(d);
	case 0x2: return dec_sve(d);
	case 0x8: case 0x9: return dec_dp_imm(d);
	case 0xa: case 0xb: return dec_branch_sys(d);
	case 0x4: case 0x6: case 0xc: case 0xe: return dec_ldst(d);
	case 0x5: case 0xd: return dec_dp_reg(d);
	default: return dec_simd_fp(d);
	}
}

void arch_decode(uint32_t word, uint64_t addr, struct insn *insn)
{
	struct dec d = { .w = word, .addr = addr, .in = insn };

	decode(&d);
}

size_t arch_format(const struct insn *insn, uint64_t addr, char *buf, size_t size)
{
	struct insn tmp;
	struct dec d = { .w = insn->word, .addr = addr, .in = &tmp, .buf = buf, .size = size };

	if (!size)
		return 0;
	buf[0] = 0;
	decode(&d);
	return strlen(buf);
}

/*
 * A PLT entry as GNU ld and lld write it (AArch64 ELF ABI, "PLT
 * sequence"): an optional "bti c" (ld -z force-bti, lld -z bti), then
 *	adrp x16, PAGE(slot) ; ldr x17, [x16, #LO(slot)] ; add x16, x16, #LO(slot)
 *	[autia1716 | autib1716] ; br x17
 * The lazy-binding header ("stp x16, x30, [sp, #-16]!" first) and any other
 * code do not match.
 */
bool arch_plt_slot(const uint32_t *words, size_t n, uint64_t addr, uint64_t *slot)
{
	struct insn in;
	size_t k = 0;
	unsigned page_reg, rt;
	uint32_t w;

	if (n && (arch_decode(words[0], addr, &in), in.is_bti))
		k++;
	if (k + 3 > n)
		return false;
	arch_decode(words[k], addr + 4 * k, &in);
	if (!in.is_adr || !BIT(words[k], 31) || in.reg > 30)
		return false;
	page_reg = in.reg;
	w = words[k + 1];
	/* LDR (immediate, unsigned offset), 64-bit: 0xf9400000 | imm12 << 10 | rn << 5 | rt */
	if ((w & 0xffc00000u) != 0xf9400000u || BITS(w, 9, 5) != page_reg)
		return false;
	rt = BITS(w, 4, 0);
	*slot = in.adr_value + (uint64_t)BITS(w, 21, 10) * 8;
	for (k += 2; k < n && k < 6; k++) {
		arch_decode(words[k], addr + 4 * k, &in);
		if (in.cls == INSN_JUMP_DYNAMIC)
			return in.reg == rt;
		if (in.cls != INSN_OTHER && in.cls != INSN_SYSTEM)
			return false;
	}
	return false;
}

const char *arch_class_name(enum insn_class cls)
{
	static const char *const names[INSN_NR_CLASSES] = {
		[INSN_OTHER] = "other", [INSN_CALL] = "call", [INSN_RETURN] = "return",
		[INSN_JUMP_COND] = "jump-cond", [INSN_JUMP_UNCOND] = "jump", [INSN_JUMP_DYNAMIC] = "jump-dynamic",
		[INSN_TRAP] = "trap", [INSN_ERET] = "eret", [INSN_SYSTEM] = "system",
		[INSN_UNALLOCATED] = "unallocated",
	};

	return (unsigned)cls < INSN_NR_CLASSES ? names[cls] : "?";
}

const char *arch_reg_name(unsigned reg)
{
	return reg <= CFI_ZR ? xnames[reg] : "?";
}
