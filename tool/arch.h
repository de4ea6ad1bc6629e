/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture boundary.  Generic code (the control-flow graph, the
 * frame-state propagation, the checks) sees an instruction only through
 * arch_decode(): a coarse class, a direct branch target, and a short list of
 * abstract stack operations of the form "dest <- src".  Only
 * tool/arch/aarch64/ knows A64 encodings and relocation types.  The model is objtool's
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


/*
 * Data-processing summary, for the jump-table finder and for SP adjustments
 * through a scratch register.  The decoder fills insn.dp for the
 * instructions below and leaves kind DP_NONE for everything else.  Register
 * numbers: 0..30, CFI_SP where the encoding means SP, CFI_ZR where it means
 * the zero register.
 *
 *   gcc -O2 switch:   adrp x1, .L4 ; add x1, x1, :lo12:.L4      (DP_ADD_IMM)
 *                     ldrb w1, [x1, w0, uxtw]                    (DP_LOAD_IDX)
 *                     adr x0, .Lrtx4 ; add x1, x0, w1, sxtb #2   (DP_ADD_REG)
 *                     br x1
 *   gcc big frame:    mov x12, #5024 ; sub sp, sp, x12           (DP_MOV_IMM, DP_ADD_REG neg)
 *   bound:            cmp w0, #11 ; b.hi default                 (DP_CMP_IMM)
 */
enum insn_dp_kind {
	DP_NONE,
	DP_MOV_IMM,	/* rd <- imm: MOVZ, MOVN, MOV (bitmask immediate, ORR from zr) */
	DP_MOVK,	/* rd<shift+15:shift> <- imm (imm is the 16-bit field, unshifted) */
	DP_ADD_IMM,	/* rd <- rn + imm: ADD/SUB (immediate), SUB gives a negative imm */
	DP_ADD_REG,	/* rd <- rn +/- (extend(rm) << shift): ADD/SUB shifted or extended register */
	DP_LOAD_IDX,	/* rd <- mem[rn + (extend(rm) << shift)], size bytes: LDR/LDRB/LDRH/LDRS* register offset */
	DP_CMP_IMM,	/* flags <- rn + imm: CMP/CMN (immediate) (SUBS/ADDS to zr); as for
			 * DP_ADD_IMM, SUBS gives the negated immediate: cmp w0, #11
			 * has imm -11, cmn w0, #11 has imm 11 */
	DP_MOV_REG,	/* rd <- rm: MOV (register) = ORR rd, zr, rm */
	DP_CMP_REG,	/* flags <- rn +/- (extend(rm) << shift): CMP/CMN (shifted or
			 * extended register) (SUBS/ADDS to zr); neg for CMP.  rn may be
			 * CFI_SP in the extended form: gcc's stack-clash probe loop
			 * "cmp sp, x12 ; b.ne loop" */
	DP_UBFX,	/* rd <- (rn >> shift) & ((1 << imm) - 1): UBFX/UBFM with imms >= immr
			 * (LSR, UXTB, UXTH, a 32-bit zero-extension included) and
			 * AND/ANDS (immediate) with a low-bit mask (shift 0): the bound
			 * of clang's "ubfx x10, x19, #1, #3" jump-table index */
	DP_MUL,		/* rd <- extend(rn) * extend(rm): MUL (MADD), SMULL (SMADDL) and
			 * UMULL (UMADDL) with the addend zr, ext DP_EXT_NONE, SXTW and
			 * UXTW; MNEG and any other addend are not described.  The
			 * stride of libffi's table of code: "mov w3, #0xc ; smull x2,
			 * w2, w3 ; adr x3, 0f ; add x3, x3, x2 ; br x3" */
};

enum insn_dp_ext {
	DP_EXT_NONE,	/* LSL or no extension: rm used as is (64-bit) */
	DP_EXT_UXTB, DP_EXT_UXTH, DP_EXT_UXTW, DP_EXT_UXTX,
	DP_EXT_SXTB, DP_EXT_SXTH, DP_EXT_SXTW, DP_EXT_SXTX,
};

struct insn_dp {
	uint8_t kind;		/* enum insn_dp_kind */
	uint8_t rd, rn, rm;
	uint8_t shift;		/* left shift applied to extend(rm); MOVK: field position;
				 * DP_UBFX: right shift (lsb) */
	uint8_t ext;		/* enum insn_dp_ext applied to rm; DP_MUL: to rn and rm */
	uint8_t size;		/* DP_LOAD_IDX: bytes loaded (1, 2, 4, 8) */
	bool sign;		/* DP_LOAD_IDX: sign-extending load (LDRSB, LDRSH, LDRSW) */
	bool neg;		/* DP_ADD_REG: SUB (rd <- rn - ...) */
	bool is64;		/* the operation is 64-bit (sf = 1) */
	int64_t imm;		/* DP_MOV_IMM, DP_MOVK, DP_ADD_IMM, DP_CMP_IMM; DP_UBFX: width */
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
	bool adr_page;		/* ADRP: adr_value is a 4 KiB page, not an address used as is */
	uint64_t adr_value;	/* page (ADRP) or address (ADR) */
	struct insn_dp dp;	/* data-processing summary, see above */
	uint8_t cond;		/* INSN_JUMP_COND B.cond: the A64 condition code 0..15;
				 * ARCH_COND_NONE for CBZ/CBNZ/TBZ/TBNZ */
	bool is_nop;		/* NOP hint (alignment padding) */
	bool is_spec_barrier;	/* DSB, ISB, SB: a straight-line-speculation barrier
				 * after RET or BR (-mharden-sls=retbr) */
	/*
	 * Memory access: the base register of any load, store,
	 * atomic, prefetch or SVE/SIMD structure access (0..30 or CFI_SP;
	 * ARCH_NO_REG for none, PC-relative literals and vector bases), and
	 * whether the access writes the base back (pre/post index).
	 */
	uint8_t mem_base;
	bool mem_writeback;
	/*
	 * Every general register the instruction writes: bit n for
	 * register n (0..30, CFI_SP); writes to the zero register are not
	 * listed.  Includes implicit writes (x30 of BL/BLR, the PAC field's x30,
	 * base write-back, the status register of STXR).  Generic code uses it
	 * to forget what it tracked in a register no op describes.
	 */
	uint64_t regs_written;
};

/* The registers a call may change (insn.regs_written bits): x0-x18 and x30 (AAPCS64). */
#define ARCH_CALL_CLOBBERED 0x4007ffffull

#define ARCH_NO_REG 0xff
#define ARCH_COND_NONE 0xff	/* insn.cond of a conditional branch that tests a register */
#define ARCH_COND_EQ 0		/* insn.cond of B.EQ (Z set) */
#define ARCH_COND_NE 1		/* insn.cond of B.NE (Z clear) */

/*
 * Decode one A64 word at address addr.  Always succeeds: an invalid word gets
 * INSN_UNALLOCATED.  Any write to SP, x29 or x30 appears in ops; one the
 * decoder cannot express precisely appears with src.type OP_SRC_UNKNOWN.
 * Implicit writes are included (BL/BLR write x30).
 */
void arch_decode(uint32_t word, uint64_t addr, struct insn *insn);

/*
 * Whether the n words at addr are a PLT entry (optionally BTI-prefixed) that
 * jumps through a GOT slot; *slot is then the slot's address.  The slot's
 * dynamic relocation names the function the entry calls.
 */
bool arch_plt_slot(const uint32_t *words, size_t n, uint64_t addr, uint64_t *slot);

/*
 * Relocations.  Generic code never names a relocation type: it asks the
 * architecture what a type does, as objtool asks arch_pc_relative_reloc()
 * and names R_DATA32/R_ABS64.  S is the symbol's value, A the addend, P the
 * place patched.
 */
enum arch_reloc_kind {
	ARCH_RELOC_NONE,	/* patches nothing */
	ARCH_RELOC_ABS,		/* S + A, into a data word of arch_reloc.size bytes */
	ARCH_RELOC_PCREL,	/* S + A - P, into a data word of arch_reloc.size bytes */
	ARCH_RELOC_BRANCH,	/* the target of a direct branch or call */
	ARCH_RELOC_ADD_LO12,	/* the low bits of S + A in an add immediate: the second
				 * instruction of a PC-relative page address pair */
	ARCH_RELOC_SLOT,	/* dynamic: S + A into a GOT slot (the PLT's included) */
	ARCH_RELOC_RELATIVE,	/* dynamic: load base + A */
	ARCH_RELOC_IRELATIVE,	/* dynamic: what the resolver at load base + A returns */
	ARCH_RELOC_OTHER,	/* any other instruction field, TLS, or an unknown type */
};

struct arch_reloc {
	uint8_t kind;		/* enum arch_reloc_kind */
	uint8_t size;		/* bytes the relocation patches; 4 for an instruction field */
};

/* What relocation type `type` of the ELF machine does. */
struct arch_reloc arch_reloc(uint32_t type);

/* The type of a 32-bit PC-relative data relocation (S + A - P), as fpv orc writes. */
uint32_t arch_reloc_pcrel32(void);

/* Whether the relocation is a data word of `size` bytes of the given kind. */
static inline bool arch_reloc_is(uint32_t type, enum arch_reloc_kind kind, unsigned size)
{
	struct arch_reloc r = arch_reloc(type);

	return r.kind == kind && r.size == size;
}

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
