// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the AArch64 decoder (tool/arch/aarch64/decode.c), one block
 * per encoding group.  The words are hand-assembled from the Arm ARM
 * encodings and were cross-checked with aarch64-linux-gnu-as + objdump
 * (binutils 2.40) when written; the expected class, target and stack
 * operations are what the generic analysis relies on.
 */
#include <stdint.h>

#include "arch.h"
#include "test.h"

static struct insn dec(uint32_t w, uint64_t addr)
{
	struct insn in;

	arch_decode(w, addr, &in);
	return in;
}

static const char *text(uint32_t w, uint64_t addr)
{
	static char buf[128];
	struct insn in = dec(w, addr);

	arch_format(&in, addr, buf, sizeof(buf));
	return buf;
}

/* Check ops[i] is a register op dest <- (type, sreg, off). */
#define CHECK_REG_OP(in, i, d, t, s, off) do { \
	CHECK((in).nr_ops > (i)); \
	CHECK_EQ((in).ops[i].dest.type, OP_DEST_REG); \
	CHECK_EQ((in).ops[i].dest.reg, d); \
	CHECK_EQ((in).ops[i].src.type, t); \
	if ((t) != OP_SRC_UNKNOWN && (t) != OP_SRC_CONST) \
		CHECK_EQ((in).ops[i].src.reg, s); \
	CHECK_EQ((in).ops[i].src.offset, off); \
} while (0)

/* Check ops[i] stores register s to [b + off]. */
#define CHECK_STORE_OP(in, i, b, off, s, sz) do { \
	CHECK((in).nr_ops > (i)); \
	CHECK_EQ((in).ops[i].dest.type, OP_DEST_MEM); \
	CHECK_EQ((in).ops[i].dest.reg, b); \
	CHECK_EQ((in).ops[i].dest.offset, off); \
	CHECK_EQ((in).ops[i].src.type, OP_SRC_REG); \
	CHECK_EQ((in).ops[i].src.reg, s); \
	CHECK_EQ((in).ops[i].size, sz); \
} while (0)

static void test_pairs(void)
{
	struct insn in;

	TEST_BEGIN("stp/ldp pre, post, offset");
	in = dec(0xa9be7bfd, 0);		/* stp x29, x30, [sp, #-32]! */
	CHECK_EQ(in.cls, INSN_OTHER);
	CHECK_EQ(in.nr_ops, 3);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -32);
	CHECK(in.ops[0].writeback);
	CHECK_STORE_OP(in, 1, CFI_SP, 0, CFI_FP, 8);
	CHECK_STORE_OP(in, 2, CFI_SP, 8, CFI_RA, 8);
	CHECK_EQ(in.mem_base, CFI_SP);
	CHECK(in.mem_writeback);
	CHECK_STR(text(0xa9be7bfd, 0), "stp x29, x30, [sp, #-32]!");

	in = dec(0xa8c27bfd, 0);		/* ldp x29, x30, [sp], #32 */
	CHECK_EQ(in.nr_ops, 3);
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_MEM, CFI_SP, 0);
	CHECK_REG_OP(in, 1, CFI_RA, OP_SRC_MEM, CFI_SP, 8);
	CHECK_REG_OP(in, 2, CFI_SP, OP_SRC_ADD, CFI_SP, 32);
	CHECK(in.ops[2].writeback);
	CHECK_EQ(in.regs_written, (1ull << CFI_FP) | (1ull << CFI_RA) | (1ull << CFI_SP));

	in = dec(0xa94153f3, 0);		/* ldp x19, x20, [sp, #16] */
	CHECK_EQ(in.nr_ops, 2);
	CHECK_REG_OP(in, 0, 19, OP_SRC_MEM, CFI_SP, 16);
	CHECK_REG_OP(in, 1, 20, OP_SRC_MEM, CFI_SP, 24);
	CHECK(!in.mem_writeback);

	in = dec(0x6dbc27e8, 0);		/* stp d8, d9, [sp, #-64]! */
	CHECK_EQ(in.nr_ops, 3);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -64);
	CHECK(in.ops[1].fp_simd && in.ops[2].fp_simd);
	CHECK_STORE_OP(in, 2, CFI_SP, 8, 9, 8);
	CHECK_STR(text(0x6dbc27e8, 0), "stp d8, d9, [sp, #-64]!");

	in = dec(0xa9bf7fff, 0);		/* stp xzr, xzr, [sp, #-16]! */
	CHECK_STORE_OP(in, 1, CFI_SP, 0, CFI_ZR, 8);
	CHECK_EQ(in.regs_written, 1ull << CFI_SP);
	TEST_END();
}

static void test_single(void)
{
	struct insn in;

	TEST_BEGIN("ldr/str single register");
	in = dec(0xf81f0ffe, 0);		/* str x30, [sp, #-16]! */
	CHECK_EQ(in.nr_ops, 2);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -16);
	CHECK_STORE_OP(in, 1, CFI_SP, 0, CFI_RA, 8);

	in = dec(0xf84107fe, 0);		/* ldr x30, [sp], #16 */
	CHECK_EQ(in.nr_ops, 2);
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_MEM, CFI_SP, 0);
	CHECK_REG_OP(in, 1, CFI_SP, OP_SRC_ADD, CFI_SP, 16);
	CHECK_STR(text(0xf84107fe, 0), "ldr x30, [sp], #16");

	in = dec(0xf940001d, 0);		/* ldr x29, [x0]: a load into x29 from any base */
	CHECK_EQ(in.nr_ops, 1);
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_MEM, 0, 0);
	CHECK_EQ(in.mem_base, 0);

	in = dec(0xf81f83a1, 0);		/* stur x1, [x29, #-8] */
	CHECK_STORE_OP(in, 0, CFI_FP, -8, 1, 8);
	CHECK_STR(text(0xf81f83a1, 0), "stur x1, [x29, #-8]");

	in = dec(0x3d800be0, 0);		/* str q0, [sp, #32] */
	CHECK(in.ops[0].fp_simd);
	CHECK_STORE_OP(in, 0, CFI_SP, 32, 0, 16);

	in = dec(0xb98007e1, 0);		/* ldrsw x1, [sp, #4] */
	CHECK_REG_OP(in, 0, 1, OP_SRC_MEM, CFI_SP, 4);
	CHECK_EQ(in.ops[0].size, 4);

	in = dec(0xf87ffffe, 0);		/* ldraa x30, [sp, #-8]! */
	CHECK_EQ(in.nr_ops, 2);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -8);
	CHECK_REG_OP(in, 1, CFI_RA, OP_SRC_MEM, CFI_SP, 0);

	in = dec(0xb8605822, 0);		/* ldr w2, [x1, w0, uxtw #2] */
	CHECK_EQ(in.dp.kind, DP_LOAD_IDX);
	CHECK_EQ(in.dp.rn, 1);
	CHECK_EQ(in.dp.rm, 0);
	CHECK_EQ(in.dp.shift, 2);
	CHECK_EQ(in.dp.ext, DP_EXT_UXTW);
	CHECK_EQ(in.dp.size, 4);

	in = dec(0x4cdfa3e0, 0);		/* ld1 {v0.16b, v1.16b}, [sp], #32 */
	CHECK_EQ(in.nr_ops, 1);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, 32);
	CHECK(in.ops[0].writeback);
	in = dec(0x0ddf0fe0, 0);		/* ld1 {v0.b}[3], [sp], #1: one byte lane */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, 1);
	CHECK_STR(text(0x0ddf0fe0, 0), "ld1 {v0.b}[3], [sp], #1");
	in = dec(0x0dbf6be0, 0);		/* st4 {v0.h-v3.h}[1], [sp], #8 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, 8);
	CHECK_STR(text(0x0dbf6be0, 0), "st4 {v0.h-v3.h}[1], [sp], #8");
	CHECK_STR(text(0xf881631f, 0), "prfum #0x1f, [x24, #22]");
	TEST_END();
}

static void test_sp_arith(void)
{
	struct insn in;

	TEST_BEGIN("SP/x29 arithmetic");
	in = dec(0x914007ff, 0);		/* add sp, sp, #1, lsl #12 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, 4096);
	CHECK_STR(text(0x914007ff, 0), "add sp, sp, #0x1, lsl #12");

	in = dec(0xd10043ff, 0);		/* sub sp, sp, #16 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -16);

	in = dec(0xd14043ff, 0);		/* sub sp, sp, #16, lsl #12 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_SP, -65536);

	in = dec(0x910003fd, 0);		/* mov x29, sp */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_ADD, CFI_SP, 0);
	CHECK_STR(text(0x910003fd, 0), "mov x29, sp");

	in = dec(0x910003bf, 0);		/* mov sp, x29 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADD, CFI_FP, 0);

	in = dec(0x910043fd, 0);		/* add x29, sp, #16 */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_ADD, CFI_SP, 16);

	in = dec(0xcb3063ff, 0);		/* sub sp, sp, x16 (extended register, uxtx) */
	CHECK_EQ(in.nr_ops, 1);
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_UNKNOWN, 0, 0);
	CHECK_EQ(in.dp.kind, DP_ADD_REG);
	CHECK(in.dp.neg);
	CHECK_EQ(in.dp.rd, CFI_SP);
	CHECK_EQ(in.dp.rn, CFI_SP);
	CHECK_EQ(in.dp.rm, 16);
	CHECK_STR(text(0xcb3063ff, 0), "sub sp, sp, x16");

	in = dec(0x927ced3f, 0);		/* and sp, x9, #-16 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_AND, 9, -16);

	in = dec(0x043f57df, 0);		/* addvl sp, sp, #-2 */
	CHECK_REG_OP(in, 0, CFI_SP, OP_SRC_ADDVL, CFI_SP, -32);
	CHECK_STR(text(0x043f57df, 0), "addvl sp, sp, #-2");

	in = dec(0x047f507d, 0);		/* addpl x29, sp, #3 */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_ADDVL, CFI_SP, 6);

	in = dec(0xf100301f, 0);		/* cmp x0, #12: register 31 is xzr, nothing written */
	CHECK_EQ(in.nr_ops, 0);
	CHECK_EQ(in.regs_written, 0);
	CHECK_EQ(in.dp.kind, DP_CMP_IMM);
	CHECK_EQ(in.dp.imm, -12);
	in = dec(0x31002c1f, 0);		/* cmn w0, #11: rn + imm, as DP_ADD_IMM */
	CHECK_EQ(in.dp.kind, DP_CMP_IMM);
	CHECK_EQ(in.dp.imm, 11);
	CHECK(!in.dp.is64);

	in = dec(0xeb2c63ff, 0);		/* cmp sp, x12 (gcc's stack-clash loop) */
	CHECK_EQ(in.dp.kind, DP_CMP_REG);
	CHECK_EQ(in.dp.rn, CFI_SP);
	CHECK_EQ(in.dp.rm, 12);
	CHECK_EQ(in.dp.ext, DP_EXT_UXTX);
	CHECK_EQ(in.dp.shift, 0);
	CHECK(in.dp.neg && in.dp.is64);
	CHECK_EQ(in.regs_written, 0);
	CHECK_EQ(in.nr_ops, 0);
	in = dec(0xeb02007f, 0);		/* cmp x3, x2 (shifted register) */
	CHECK_EQ(in.dp.kind, DP_CMP_REG);
	CHECK_EQ(in.dp.rn, 3);
	CHECK_EQ(in.dp.rm, 2);
	CHECK_EQ(in.dp.ext, DP_EXT_NONE);
	CHECK_EQ(dec(0xeb02083f, 0).dp.shift, 2);	/* cmp x1, x2, lsl #2 */

	/* DP_UBFX: the bound of a jump-table index (words from aarch64-linux-gnu-as) */
	in = dec(0xd3410e6a, 0);		/* ubfx x10, x19, #1, #3 */
	CHECK_EQ(in.dp.kind, DP_UBFX);
	CHECK_EQ(in.dp.rd, 10);
	CHECK_EQ(in.dp.rn, 19);
	CHECK_EQ(in.dp.shift, 1);
	CHECK_EQ(in.dp.imm, 3);
	in = dec(0x12000408, 0);		/* and w8, w0, #0x3 */
	CHECK_EQ(in.dp.kind, DP_UBFX);
	CHECK_EQ(in.dp.rd, 8);
	CHECK_EQ(in.dp.rn, 0);
	CHECK_EQ(in.dp.shift, 0);
	CHECK_EQ(in.dp.imm, 2);
	CHECK_EQ(dec(0xf2401c41, 0).dp.imm, 8);		/* ands x1, x2, #0xff */
	CHECK_EQ(dec(0x7200081f, 0).dp.kind, DP_NONE);	/* tst w0, #0x7: writes nothing */
	in = dec(0xd344fc20, 0);		/* lsr x0, x1, #4 */
	CHECK_EQ(in.dp.kind, DP_UBFX);
	CHECK_EQ(in.dp.shift, 4);
	CHECK_EQ(in.dp.imm, 60);
	CHECK_EQ(dec(0x92407c08, 0).dp.imm, 32);	/* and x8, x0, #0xffffffff */
	CHECK_EQ(dec(0x121f0408, 0).dp.kind, DP_NONE);	/* and w8, w0, #0x6: not a low mask */

	/* DP_MUL: the stride of a table of code (words from aarch64-linux-gnu-as,
	 * texts agreed by objdump 2.40 and capstone 4.0.2) */
	in = dec(0x9b237c42, 0);		/* smull x2, w2, w3 (libffi's extend_hfa_type) */
	CHECK_EQ(in.dp.kind, DP_MUL);
	CHECK_EQ(in.dp.rd, 2);
	CHECK_EQ(in.dp.rn, 2);
	CHECK_EQ(in.dp.rm, 3);
	CHECK_EQ(in.dp.ext, DP_EXT_SXTW);
	CHECK(in.dp.is64);
	CHECK_EQ(in.regs_written, 1ull << 2);
	CHECK_STR(text(0x9b237c42, 0), "smull x2, w2, w3");
	in = dec(0x9ba77cc5, 0);		/* umull x5, w6, w7 */
	CHECK_EQ(in.dp.kind, DP_MUL);
	CHECK_EQ(in.dp.rd, 5);
	CHECK_EQ(in.dp.rn, 6);
	CHECK_EQ(in.dp.rm, 7);
	CHECK_EQ(in.dp.ext, DP_EXT_UXTW);
	in = dec(0x9b037c41, 0);		/* mul x1, x2, x3 */
	CHECK_EQ(in.dp.kind, DP_MUL);
	CHECK_EQ(in.dp.ext, DP_EXT_NONE);
	CHECK(in.dp.is64);
	in = dec(0x1b0a7d28, 0);		/* mul w8, w9, w10 */
	CHECK_EQ(in.dp.kind, DP_MUL);
	CHECK_EQ(in.dp.rd, 8);
	CHECK_EQ(in.dp.rn, 9);
	CHECK_EQ(in.dp.rm, 10);
	CHECK(!in.dp.is64);
	CHECK_STR(text(0x1b0a7d28, 0), "mul w8, w9, w10");
	CHECK_EQ(dec(0x9b031041, 0).dp.kind, DP_NONE);	/* madd x1, x2, x3, x4: an addend */
	CHECK_EQ(dec(0x9b03fc41, 0).dp.kind, DP_NONE);	/* mneg x1, x2, x3 */
	CHECK_EQ(dec(0x9b231042, 0).dp.kind, DP_NONE);	/* smaddl x2, w2, w3, x4 */
	CHECK_EQ(dec(0x9b437c41, 0).dp.kind, DP_NONE);	/* smulh x1, x2, x3 */

	in = dec(0x8b1f03ff, 0);		/* add xzr, xzr, xzr (shifted register: 31 is xzr) */
	CHECK_EQ(in.regs_written, 0);

	in = dec(0xaa0003fe, 0);		/* mov x30, x0 */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_REG, 0, 0);

	in = dec(0xd2824680, 0);		/* mov x0, #0x1234 */
	CHECK_EQ(in.dp.kind, DP_MOV_IMM);
	CHECK_EQ(in.dp.imm, 0x1234);
	in = dec(0x92800022, 0);		/* mov x2, #-2 (movn) */
	CHECK_EQ(in.dp.imm, -2);
	in = dec(0xf2aacf00, 0);		/* movk x0, #0x5678, lsl #16 */
	CHECK_EQ(in.dp.kind, DP_MOVK);
	CHECK_EQ(in.dp.shift, 16);
	TEST_END();
}

static void test_branches(void)
{
	struct insn in;

	TEST_BEGIN("branches and range limits");
	in = dec(0x94000040, 0x1000);		/* bl .+0x100 */
	CHECK_EQ(in.cls, INSN_CALL);
	CHECK(in.has_target);
	CHECK_EQ(in.target, 0x1100);
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_CONST, 0, 0x1004);

	in = dec(0x95ffffff, 0x1000);		/* bl: largest positive offset */
	CHECK_EQ(in.target, 0x1000 + 0x7fffffc);
	in = dec(0x16000000, 0x10000000);	/* b: most negative offset */
	CHECK_EQ(in.cls, INSN_JUMP_UNCOND);
	CHECK_EQ(in.target, 0x10000000 - 0x8000000);

	in = dec(0x54800001, 0x200000);		/* b.ne: most negative offset */
	CHECK_EQ(in.cls, INSN_JUMP_COND);
	CHECK_EQ(in.cond, 1);
	CHECK_EQ(in.target, 0x200000 - 0x100000);
	in = dec(0x347fffe0, 0x1000);		/* cbz w0: largest positive offset */
	CHECK_EQ(in.cls, INSN_JUMP_COND);
	CHECK_EQ(in.target, 0x1000 + 0xffffc);
	in = dec(0xb7440003, 0x10000);		/* tbnz x3, #40: most negative offset */
	CHECK_EQ(in.cls, INSN_JUMP_COND);
	CHECK_EQ(in.target, 0x10000 - 0x8000);
	CHECK_STR(text(0xb7440003, 0x10000), "tbnz x3, #40, 0x8000");
	in = dec(0x37ffffe0, 0x10000);		/* tbnz w0, #31, .-4 */
	CHECK_EQ(in.target, 0x10000 - 4);

	in = dec(0xd63f0100, 0);		/* blr x8 */
	CHECK_EQ(in.cls, INSN_CALL);
	CHECK(!in.has_target);
	CHECK_EQ(in.reg, 8);
	CHECK_EQ(in.regs_written, 1ull << CFI_RA);

	in = dec(0xd71f0822, 0);		/* braa x1, x2 */
	CHECK_EQ(in.cls, INSN_JUMP_DYNAMIC);
	CHECK_EQ(in.reg, 1);
	in = dec(0xd73f0822, 0);		/* blraa x1, x2 */
	CHECK_EQ(in.cls, INSN_CALL);
	in = dec(0xd61f0200, 0);		/* br x16 */
	CHECK_EQ(in.cls, INSN_JUMP_DYNAMIC);
	CHECK_EQ(in.reg, 16);

	CHECK_EQ(dec(0xd65f03c0, 0).cls, INSN_RETURN);		/* ret */
	CHECK_EQ(dec(0xd65f0bff, 0).cls, INSN_RETURN);		/* retaa */
	CHECK_EQ(dec(0xd65f0fff, 0).cls, INSN_RETURN);		/* retab */
	CHECK_EQ(dec(0xd69f03e0, 0).cls, INSN_ERET);		/* eret */
	CHECK_EQ(dec(0xd69f0bff, 0).cls, INSN_ERET);		/* eretaa */
	CHECK_STR(text(0xd65f0bff, 0), "retaa");
	in = dec(0xd65f0bff, 0);		/* retaa: authenticates x30, writes nothing */
	CHECK_EQ(in.pac, PAC_AUTH_RA);
	CHECK_EQ(in.regs_written, 0);
	CHECK_EQ(dec(0xd65f03c0, 0).pac, PAC_NONE);	/* ret */

	CHECK_EQ(dec(0x54000000, 0).cond, ARCH_COND_EQ);	/* b.eq */
	CHECK_EQ(dec(0x54000001, 0).cond, ARCH_COND_NE);	/* b.ne */
	CHECK_EQ(dec(0xb4000000, 0).cond, ARCH_COND_NONE);	/* cbz x0: no condition code */
	CHECK_EQ(dec(0x37180001, 0).cond, ARCH_COND_NONE);	/* tbnz w1, #3 */
	TEST_END();
}

static void test_traps_hints(void)
{
	struct insn in;

	TEST_BEGIN("traps, hints, PAC, BTI");
	CHECK_EQ(dec(0xd4207d00, 0).cls, INSN_TRAP);		/* brk #0x3e8 */
	CHECK_EQ(dec(0xd4400040, 0).cls, INSN_TRAP);		/* hlt #2 */
	CHECK_EQ(dec(0x00000001, 0).cls, INSN_TRAP);		/* udf #1 */
	CHECK_STR(text(0x00000001, 0), "udf #1");
	CHECK_EQ(dec(0xd4000001, 0).cls, INSN_SYSTEM);		/* svc #0 */

	in = dec(0xd503233f, 0);		/* paciasp */
	CHECK_EQ(in.cls, INSN_SYSTEM);
	CHECK_EQ(in.pac, PAC_SIGN_RA);
	CHECK_EQ(in.nr_ops, 0);
	CHECK_EQ(dec(0xd503237f, 0).pac, PAC_SIGN_RA);		/* pacibsp */
	CHECK_EQ(dec(0xd503231f, 0).pac, PAC_SIGN_RA);		/* paciaz */
	CHECK_EQ(dec(0xd50323bf, 0).pac, PAC_AUTH_RA);		/* autiasp */
	CHECK_EQ(dec(0xd50323ff, 0).pac, PAC_AUTH_RA);		/* autibsp */
	CHECK_EQ(dec(0xd50320ff, 0).pac, PAC_STRIP_RA);		/* xpaclri */
	in = dec(0xd503211f, 0);		/* pacia1716 signs x17, not x30 */
	CHECK_EQ(in.pac, PAC_NONE);
	CHECK_EQ(in.regs_written, 1ull << 17);
	CHECK_EQ(dec(0xdac103fe, 0).pac, PAC_SIGN_RA);		/* pacia x30, sp */
	CHECK_EQ(dec(0xdac1103e, 0).pac, PAC_AUTH_RA);		/* autia x30, x1 */

	CHECK(dec(0xd503245f, 0).is_bti);			/* bti c */
	CHECK(dec(0xd503249f, 0).is_bti);			/* bti j */
	CHECK(!dec(0xd503201f, 0).is_bti);			/* nop */
	CHECK(dec(0xd503201f, 0).is_nop);
	CHECK(!dec(0xd503241f, 0).is_nop);			/* bti */
	CHECK(!dec(0xd503265f, 0).is_nop);			/* hint #0x32: not padding */
	CHECK_STR(text(0xd503201f, 0), "nop");
	CHECK_STR(text(0xd503233f, 0), "paciasp");
	CHECK_STR(text(0xd503241f, 0), "bti");
	CHECK_STR(text(0xd503229f, 0), "csdb");
	CHECK_STR(text(0xd503235f, 0), "pacibz");
	CHECK_STR(text(0xd503265f, 0), "hint #0x32");		/* unassigned hint: a NOP */
	CHECK_EQ(dec(0xd503235f, 0).pac, PAC_SIGN_RA);
	CHECK_STR(text(0xd5033b9f, 0), "dsb ish");
	TEST_END();
}

static void test_writes(void)
{
	struct insn in;

	TEST_BEGIN("register writes the decoder cannot describe");
	in = dec(0xf820005e, 0);		/* ldadd x0, x30, [x2] */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0xc8fdffe1, 0);		/* casal x29, x1, [sp] */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_UNKNOWN, 0, 0);
	CHECK_EQ(in.mem_base, CFI_SP);
	in = dec(0xd53bd05e, 0);		/* mrs x30, tpidr_el0 */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x9e66001e, 0);		/* fmov x30, d0 */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x0e073c1e, 0);		/* umov w30, v0.b[3] */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x1e7e001d, 0);		/* fjcvtzs w29, d0 */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x04e0e3fd, 0);		/* cntd x29 */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x05e1a03d, 0);		/* lastb x29, p0, z1.d */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0x2520845e, 0);		/* cntp x30, p1, p2.b */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	in = dec(0xc805ffa3, 0);		/* stlxr w5, x3, [x29]: status in w5 only */
	CHECK_EQ(in.regs_written, 1ull << 5);
	CHECK_EQ(in.mem_base, CFI_FP);
	in = dec(0xaa0103fd, 0);		/* mov x29, x1 */
	CHECK_REG_OP(in, 0, CFI_FP, OP_SRC_REG, 1, 0);
	in = dec(0x1a9f17fe, 0);		/* cset w30, eq */
	CHECK_REG_OP(in, 0, CFI_RA, OP_SRC_UNKNOWN, 0, 0);
	TEST_END();
}

static void test_adr(void)
{
	struct insn in;

	TEST_BEGIN("adr/adrp");
	in = dec(0x90000000, 0x1234);		/* adrp x0, . */
	CHECK(in.is_adr);
	CHECK_EQ(in.reg, 0);
	CHECK_EQ(in.adr_value, 0x1000);
	in = dec(0xf0000001, 0x1234);		/* adrp x1, .+0x3000 (immlo = 3) */
	CHECK_EQ(in.adr_value, 0x4000);
	in = dec(0x10000081, 0x1000);		/* adr x1, .+16 */
	CHECK(in.is_adr);
	CHECK_EQ(in.reg, 1);
	CHECK_EQ(in.adr_value, 0x1010);
	in = dec(0x10fffffe, 0x1000);		/* adr x30, .-4 */
	CHECK_EQ(in.adr_value, 0xffc);
	CHECK_EQ(in.nr_ops, 1);			/* a write to x30 is an op */
	TEST_END();
}

static void test_plt(void)
{
	/* GNU ld 2.40, abort@plt at 0x870 of a shared library: slot 0x20028 */
	static const uint32_t entry[] = { 0x90000110, 0xf9401611, 0x9100a210, 0xd61f0220 };
	/* the same behind "bti c", and with "autia1716" before the br (-z pac-plt) */
	static const uint32_t bti[] = { 0xd503245f, 0x90000110, 0xf9401611, 0x9100a210, 0xd61f0220 };
	static const uint32_t pac[] = { 0x90000110, 0xf9401611, 0x9100a210, 0xd503219f, 0xd61f0220 };
	/* the lazy-binding header: "stp x16, x30, [sp, #-16]!" first */
	static const uint32_t header[] = { 0xa9bf7bf0, 0xf00000f0, 0xf947ba11, 0x913dc210, 0xd61f0220 };
	/* "br x16": not the register the slot was loaded into */
	static const uint32_t other[] = { 0x90000110, 0xf9401611, 0x9100a210, 0xd61f0200 };
	uint64_t slot = 0;

	TEST_BEGIN("PLT entries");
	CHECK(arch_plt_slot(entry, 4, 0x870, &slot));
	CHECK_EQ(slot, 0x20028);
	slot = 0;
	CHECK(arch_plt_slot(bti, 5, 0x86c, &slot));
	CHECK_EQ(slot, 0x20028);
	slot = 0;
	CHECK(arch_plt_slot(pac, 5, 0x870, &slot));
	CHECK_EQ(slot, 0x20028);
	CHECK(!arch_plt_slot(header, 5, 0x770, &slot));
	CHECK(!arch_plt_slot(other, 4, 0x870, &slot));
	CHECK(!arch_plt_slot(entry, 3, 0x870, &slot));	/* cut before the br */
	CHECK(!arch_plt_slot(entry, 0, 0x870, &slot));
	TEST_END();
}

static void test_barriers(void)
{
	TEST_BEGIN("speculation barriers");
	CHECK(dec(0xd5033f9f, 0).is_spec_barrier);	/* dsb sy */
	CHECK(dec(0xd5033fdf, 0).is_spec_barrier);	/* isb */
	CHECK(dec(0xd50330ff, 0).is_spec_barrier);	/* sb */
	CHECK(!dec(0xd5033bbf, 0).is_spec_barrier);	/* dmb ish */
	CHECK(!dec(0xd503309f, 0).is_spec_barrier);	/* ssbb */
	CHECK(!dec(0xd503201f, 0).is_spec_barrier);	/* nop */
	TEST_END();
}

static void test_unallocated(void)
{
	TEST_BEGIN("unallocated samples");
	CHECK_EQ(dec(0x00010000, 0).cls, INSN_UNALLOCATED);	/* reserved, not UDF */
	CHECK_EQ(dec(0x02000000, 0).cls, INSN_UNALLOCATED);	/* op0 = 0001 */
	CHECK_EQ(dec(0x06000000, 0).cls, INSN_UNALLOCATED);	/* op0 = 0011 */
	CHECK_EQ(dec(0x55000000, 0).cls, INSN_UNALLOCATED);	/* B.cond with o1 = 1 */
	CHECK_EQ(dec(0xd4200001, 0).cls, INSN_UNALLOCATED);	/* BRK with LL = 01 */
	CHECK_EQ(dec(0xd65f0001, 0).cls, INSN_UNALLOCATED);	/* RET with op4 != 0 */
	CHECK_EQ(dec(0xa9c00000 | (3u << 30), 0).cls, INSN_UNALLOCATED);	/* LDP opc = 11 */
	CHECK_EQ(dec(0x12c00000, 0).cls, INSN_UNALLOCATED);	/* MOVN w, hw = 2 */
	CHECK_EQ(dec(0xb2800000, 0).cls, INSN_UNALLOCATED);	/* move wide opc = 01 */
	CHECK_EQ(dec(0x1e7e001d, 0).cls, INSN_OTHER);		/* fjcvtzs is allocated */
	CHECK_EQ(dec(0x00010000, 0).nr_ops, 0);
	TEST_END();
}

int main(void)
{
	TEST_PROG("test_decode");
	test_pairs();
	test_single();
	test_sp_arith();
	test_branches();
	test_traps_hints();
	test_writes();
	test_adr();
	test_plt();
	test_barriers();
	test_unallocated();
	return test_exit();
}
