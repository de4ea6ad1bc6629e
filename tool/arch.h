/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture boundary.  Generic code (the control-flow graph, the
 * frame-state propagation, the checks) sees an instruction only through
 * arch_decode(): a coarse class, a direct branch target, and a short list of
 * abstract stack operations of the form "dest <- src".  Only
 * tool/arch/aarch64/decode.c knows A64 encodings.  The model is objtool's
 * include/objtool/arch.h; generic code says CFI_SP and CFI_FP, never x29.
 */
#ifndef FPV_ARCH_H
#define FPV_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register numbers used in stack operations. 0..30 are the general registers. */
enum {
	CFI_FP = 29,		/* frame pointer, x29 */
	CFI_RA = 30,		/* link register, x30 */
	CFI_SP = 31,		/* stack pointer (never the zero register) */
	CFI_ZR = 32,		/* the zero register, xzr/wzr */
	CFI_NUM_REGS = 33,
};

enum insn_class {
	INSN_OTHER,		/* no control-flow effect */
	INSN_CALL,		/* BL (direct), BLR and BLRA* (dynamic) */
	INSN_RETURN,		/* RET, RETAA, RETAB */
	INSN_JUMP_COND,		/* B.cond, BC.cond, CBZ/CBNZ, TBZ/TBNZ */
	INSN_JUMP_UNCOND,	/* B */
	INSN_JUMP_DYNAMIC,	/* BR, BRA* */
	INSN_TRAP,		/* BRK, UDF, HLT */
	INSN_ERET,		/* ERET, ERETAA, ERETAB, DRPS */
	INSN_SYSTEM,		/* hints (NOP, BTI, PAC*SP...), barriers, MSR/MRS, SVC... */
	INSN_UNALLOCATED,	/* not a valid A64 instruction */
	INSN_NR_CLASSES,
};

/* What a hint does to the return address (x30) signing state. */
enum insn_pac {
	PAC_NONE,
	PAC_SIGN_RA,		/* PACIASP, PACIBSP, PACIAZ, PACIBZ, PACIA/PACIB x30 */
	PAC_AUTH_RA,		/* AUTIASP, AUTIBSP, AUTIAZ, AUTIBZ, AUTIA/AUTIB x30 */
	PAC_STRIP_RA,		/* XPACLRI, XPACI x30 */
};

enum op_src_type {
	OP_SRC_REG,		/* src.reg */
	OP_SRC_ADD,		/* src.reg + src.offset */
	OP_SRC_ADDVL,		/* src.reg + src.offset * (SVE vector length in bytes / 16)
				 * i.e. offset counts 16-byte granules of VL (ADDVL: offset is
				 * imm*16, ADDPL: imm*2, in units of VL/16 bytes) */
	OP_SRC_MEM,		/* load from [src.reg + src.offset] */
	OP_SRC_AND,		/* src.reg & constant (alignment of SP) */
	OP_SRC_CONST,		/* a known constant (src.offset) */
	OP_SRC_UNKNOWN,		/* a value the decoder cannot describe */
};

enum op_dest_type {
	OP_DEST_REG,		/* dest.reg <- src */
	OP_DEST_MEM,		/* store src.reg to [dest.reg + dest.offset] */
};

struct op_loc {
	uint8_t type;		/* enum op_src_type or enum op_dest_type */
	uint8_t reg;		/* CFI_* or 0..30 */
	int64_t offset;
};

/*
 * One abstract stack operation.  A pre- or post-indexed access becomes the
 * access plus an explicit write-back op (dest.reg <- src.reg + offset), in the
 * order the architecture performs them:
 *   stp x29, x30, [sp, #-32]!   ->  sp <- sp + -32; [sp+0] <- x29; [sp+8] <- x30
 *   ldp x29, x30, [sp], #32     ->  x29 <- [sp+0]; x30 <- [sp+8]; sp <- sp + 32
 * A pair access yields one op per register.
 */
struct stack_op {
	struct op_loc dest;
	struct op_loc src;
	uint8_t size;		/* bytes moved by a memory op, 0 otherwise */
	bool fp_simd;		/* memory op on an FP/SIMD register (src/dest reg is Vn) */
	bool writeback;		/* this op is the base-register update of a pre/post index */
};

#define ARCH_MAX_OPS 4

struct insn {
	uint32_t word;
	uint8_t cls;		/* enum insn_class */
	uint8_t pac;		/* enum insn_pac */
	bool has_target;	/* direct branch or call: target is valid */
	bool is_bti;		/* BTI landing pad */
	uint64_t target;	/* absolute address of a direct branch/call */
	uint8_t nr_ops;
	struct stack_op ops[ARCH_MAX_OPS];
	/*
	 * For INSN_JUMP_DYNAMIC and dynamic INSN_CALL: the register holding the
	 * target.  For ADR/ADRP: the register written and the address computed,
	 * which the jump-table finder uses.
	 */
	uint8_t reg;
	bool is_adr;		/* ADR or ADRP */
	uint64_t adr_value;	/* page (ADRP) or address (ADR) */
};

/*
 * Decode one A64 word at address addr.  Always succeeds: an invalid word gets
 * INSN_UNALLOCATED.  Any write to SP, x29 or x30 appears in ops; one the
 * decoder cannot express precisely appears with src.type OP_SRC_UNKNOWN.
 * Implicit writes are included (BL/BLR write x30).
 */
void arch_decode(uint32_t word, uint64_t addr, struct insn *insn);

/*
 * Format the instruction as "mnemonic operands" into buf.  Returns the
 * length written (truncated to size-1).  Used by `fpv disasm`, `fpv explain`
 * and the warnings.
 */
size_t arch_format(const struct insn *insn, uint64_t addr, char *buf, size_t size);

/* Short names for the class, for listings and tests. */
const char *arch_class_name(enum insn_class cls);

/* Register name for stack-op listings: "sp", "x29", "xzr", ... */
const char *arch_reg_name(unsigned reg);

#endif
