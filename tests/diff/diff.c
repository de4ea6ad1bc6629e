// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Differential test of the AArch64 decoder (tool/arch/aarch64/decode.c)
 * against independent disassemblers.  Every word of the corpus is decoded by
 * fpv and by capstone 4.0.2 (CS_ARCH_ARM64 with details); the words capstone
 * cannot decode (LSE atomics, SVE/SME, newer extensions, and the hints it
 * prints only as "hint #N", such as PACIASP) go in one batch through LLVM's
 * disassembler (llvm-mc-16 --disassemble -mattr=+all).  For each word the
 * test compares five properties:
 *
 *   class      the control-flow class: call, return, conditional, unconditional
 *              or dynamic jump, trap, exception return, or none
 *   target     the direct branch target
 *   writes     which of SP, x29, x30 the instruction writes (explicit
 *              destinations, base write-back, x30 of BL/BLR and of the PAC hints)
 *   base       the base register of a memory access
 *   writeback  whether the access writes its base back
 *   offset     for an access based on SP or x29 that fpv turns into stack
 *              ops: the immediate displacement and post-index amount
 *
 * The oracle's writes are derived from its text by one documented rule
 * (oracle_writes()): the destination operands of an instruction are its first
 * operand (two for pair loads, all "!"-marked ones for FEAT_MOPS), the second
 * for the LSE atomics and SWP, none for stores, compares, branches and system
 * operations.  A word where the two disagree fails the test, unless it
 * matches an entry of the exclusion table below, which names the oracle bug
 * and the Arm ARM evidence; the number of excluded words per entry is printed.
 *
 * Words the oracle rejects are not compared (their properties are
 * meaningless), but fpv must not call them branches.  Words fpv rejects and
 * the oracle accepts are counted; they fail the test only if the oracle gives
 * them a control-flow class, a write to SP/x29/x30 or an SP/x29 base, which
 * fpv would then miss.
 *
 * Usage: diff [--random N SEED] [--sweep SEED] [--show N] [--llvm-mc PATH] [--mnemonics] [FILE.bin ...]
 *        diff --print < WORDS        (fpv's text of each hex word, for tests/diff/run.sh)
 * FILE.bin is raw .text bytes (aarch64-linux-gnu-objcopy -O binary
 * --only-section=.text).  Exit status 0 only if there is no disagreement.
 */
#include <capstone/capstone.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch.h"

enum cf { CF_NONE, CF_CALL, CF_RET, CF_COND, CF_UNCOND, CF_DYN, CF_TRAP, CF_ERET };
static const char *const cf_names[] = { "none", "call", "return", "cond", "jump", "dynamic", "trap", "eret" };

#define W_SP 1u
#define W_FP 2u
#define W_LR 4u

struct props {
	bool valid;
	uint8_t cf;
	bool has_target;
	uint64_t target;
	unsigned writes;	/* W_* */
	unsigned base;		/* 0..30, 31 = SP, ARCH_NO_REG */
	bool wb;
	bool has_off;		/* an immediate address: [base, #disp] and post-index #post */
	int64_t disp, post;
	bool zr_load;		/* oracle: a load into xzr/wzr */
	bool has_wb_amount;	/* fpv: the write-back op adds wb_amount to the base */
	int64_t wb_amount;
	char text[96];
};

struct word {
	uint32_t w;
	uint64_t addr;
	uint8_t corpus;		/* 0 random, 1 files */
	bool llvm;		/* capstone could not decode: ask LLVM */
	struct props o;		/* the oracle's view */
};

/* ---- exclusion table ----------------------------------------------------- */

/*
 * Oracle bugs.  A word matching (w & mask) == value whose only disagreements
 * are in the properties listed is excluded and counted; everything else fails.
 */
#define P_CLASS 1u
#define P_TARGET 2u
#define P_WRITES 4u
#define P_BASE 8u
#define P_WB 16u
#define P_VALID 32u	/* the oracle decodes a word the Arm ARM leaves unallocated */
#define P_OFFSET 64u	/* the immediate address of an SP/x29-based access (stack ops) */

struct exclusion {
	uint32_t mask, value;
	unsigned props;
	const char *oracle;	/* "capstone", "llvm", or NULL for both */
	const char *why;
	unsigned long count;
};

static struct exclusion exclusions[] = {
	/*
	 * MRS is 1101010100 1 1 o0 op1 CRn CRm op2 Rt: bit 20 (op0<1>) is 1
	 * (Arm ARM C6.2 "MRS", C4.1 "System register move").  With L = 1 and
	 * op0 = 00 the space holds only TSTART/TTEST; llvm-mc-16 still prints
	 * such words as "mrs x<t>, s3_...".
	 */
	{ 0xfff80000, 0xd5200000, P_VALID, NULL, "MRS with op0 = 0b00 (bit 20 clear) is unallocated", 0 },
	/*
	 * The same for MRRS: 1101010101 1 1 o0 op1 CRn CRm op2 Rt (Arm ARM C6.2
	 * "MRRS"); with bit 20 clear the L = 1 space of the 128-bit system
	 * instructions is unallocated, llvm-mc-16 prints "mrrs ..., S0_..."/"S1_...".
	 */
	{ 0xfff00000, 0xd5600000, P_VALID, NULL, "MRRS with op0 = 0b0x (bit 20 clear) is unallocated", 0 },
	{ 0, 0, 0, NULL, NULL, 0 },
};

/* ---- fpv's view ---------------------------------------------------------- */

static uint8_t cf_of_class(unsigned cls)
{
	switch (cls) {
	case INSN_CALL: return CF_CALL;
	case INSN_RETURN: return CF_RET;
	case INSN_JUMP_COND: return CF_COND;
	case INSN_JUMP_UNCOND: return CF_UNCOND;
	case INSN_JUMP_DYNAMIC: return CF_DYN;
	case INSN_TRAP: return CF_TRAP;
	case INSN_ERET: return CF_ERET;
	default: return CF_NONE;
	}
}

static unsigned writes_of_mask(uint64_t m)
{
	return ((m >> CFI_SP) & 1 ? W_SP : 0) | ((m >> CFI_FP) & 1 ? W_FP : 0) | ((m >> CFI_RA) & 1 ? W_LR : 0);
}

static unsigned long internal_errors;

static void fpv_props(const struct word *wd, struct props *p)
{
	struct insn in;
	unsigned described = 0;

	arch_decode(wd->w, wd->addr, &in);
	memset(p, 0, sizeof(*p));
	p->valid = in.cls != INSN_UNALLOCATED;
	p->cf = cf_of_class(in.cls);
	p->has_target = in.has_target;
	p->target = in.target;
	p->writes = writes_of_mask(in.regs_written);
	p->base = in.mem_base;
	p->wb = in.mem_writeback;
	arch_format(&in, wd->addr, p->text, sizeof(p->text));
	/* the immediate address of an access based on SP or x29, from the ops */
	if (in.mem_base == CFI_SP || in.mem_base == CFI_FP) {
		int mi = -1, wi = -1;

		for (int i = 0; i < in.nr_ops; i++) {
			const struct stack_op *op = &in.ops[i];

			if (op->writeback && op->dest.reg == in.mem_base)
				wi = i;
			else if (mi < 0 && ((op->dest.type == OP_DEST_MEM && op->dest.reg == in.mem_base) ||
					    (op->src.type == OP_SRC_MEM && op->src.reg == in.mem_base)))
				mi = i;
		}
		if (wi >= 0 && in.ops[wi].src.type == OP_SRC_ADD) {
			p->has_wb_amount = true;	/* how far the base moves, whatever the access */
			p->wb_amount = in.ops[wi].src.offset;
		}
		if (mi >= 0) {
			int64_t at = in.ops[mi].dest.type == OP_DEST_MEM ? in.ops[mi].dest.offset : in.ops[mi].src.offset;

			p->has_off = true;
			if (wi >= 0 && wi < mi)
				p->disp = in.ops[wi].src.offset;	/* pre-index: [base, #disp]! */
			else if (wi > mi)
				p->post = in.ops[wi].src.offset;	/* post-index: [base], #post */
			if (wi < 0 || wi > mi)
				p->disp = at;
		}
	}
	/* Invariant: every write to SP/x29/x30 is described by an op or the PAC field. */
	for (unsigned i = 0; i < in.nr_ops; i++)
		if (in.ops[i].dest.type == OP_DEST_REG && !in.ops[i].fp_simd)
			described |= writes_of_mask(1ull << in.ops[i].dest.reg);
	/* the PAC field describes a write of x30, except for RETAA/RETAB which only authenticate it */
	if (in.pac != PAC_NONE && in.cls != INSN_RETURN)
		described |= W_LR;
	if ((p->writes & ~described) || (described & ~p->writes)) {
		if (internal_errors++ < 10)
			printf("  internal: %08x %s: regs_written and ops disagree (%x vs %x)\n", wd->w, p->text,
			       p->writes, described);
	}
}

/* ---- the oracle's view from its text -------------------------------------- */

static bool starts(const char *s, const char *pfx)
{
	return !strncmp(s, pfx, strlen(pfx));
}

static bool is_one_of(const char *m, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(m, *list))
			return true;
	return false;
}

static uint8_t oracle_cf(const char *m)
{
	static const char *const calls[] = { "bl", "blr", "blraa", "blrab", "blraaz", "blrabz", NULL };
	static const char *const dyn[] = { "br", "braa", "brab", "braaz", "brabz", NULL };
	static const char *const rets[] = { "ret", "retaa", "retab", NULL };
	static const char *const conds[] = { "cbz", "cbnz", "tbz", "tbnz", NULL };
	static const char *const traps[] = { "brk", "hlt", "udf", NULL };
	static const char *const erets[] = { "eret", "eretaa", "eretab", "drps", NULL };

	if (!strcmp(m, "b"))
		return CF_UNCOND;
	if (starts(m, "b.") || starts(m, "bc."))
		return CF_COND;
	if (is_one_of(m, calls))
		return CF_CALL;
	if (is_one_of(m, dyn))
		return CF_DYN;
	if (is_one_of(m, rets))
		return CF_RET;
	if (is_one_of(m, conds))
		return CF_COND;
	if (is_one_of(m, traps))
		return CF_TRAP;
	if (is_one_of(m, erets))
		return CF_ERET;
	return CF_NONE;
}

/* Split "a, b, [c, d], e" at top-level commas into at most 8 operands. */
static int split_ops(const char *s, char ops[8][48])
{
	int n = 0, depth = 0, len = 0;

	for (; *s == ' ' || *s == '\t'; s++)
		;
	if (!*s)
		return 0;
	for (; *s && n < 8; s++) {
		if (*s == '[' || *s == '{')
			depth++;
		if (*s == ']' || *s == '}')
			depth--;
		if (*s == ',' && depth == 0) {
			ops[n][len] = 0;
			n++;
			len = 0;
			while (s[1] == ' ')
				s++;
			continue;
		}
		if (len < 47)
			ops[n][len++] = *s;
	}
	if (n < 8) {
		ops[n][len] = 0;
		n++;
	}
	return n;
}

static unsigned reg_bit(const char *r)
{
	if (!strcmp(r, "sp") || !strcmp(r, "wsp"))
		return W_SP;
	if (!strcmp(r, "x29") || !strcmp(r, "w29") || !strcmp(r, "fp"))
		return W_FP;
	if (!strcmp(r, "x30") || !strcmp(r, "w30") || !strcmp(r, "lr"))
		return W_LR;
	return 0;
}

/* General register number of an operand such as "x3", "sp", "x29!"; -1 if none. */
static int gpr_num(const char *r)
{
	if (!strncmp(r, "sp", 2) && !isalnum((unsigned char)r[2]))
		return 31;
	if (!strcmp(r, "fp"))
		return 29;
	if (!strcmp(r, "lr"))
		return 30;
	if (r[0] == 'x' && isdigit((unsigned char)r[1]))
		return atoi(r + 1);
	return -1;
}

/* RCW{S}CLRP, RCW{S}SWPP, RCW{S}SETP: the 128-bit forms return a pair. */
static bool rcw_pair(const char *m)
{
	const char *p = m + 3;

	if (!starts(m, "rcw"))
		return false;
	if (*p == 's' && (starts(p + 1, "clr") || starts(p + 1, "swp") || starts(p + 1, "set") || starts(p + 1, "cas")))
		p++;
	return !starts(p, "cas") && strlen(p) > 3 && p[3] == 'p';
}

/*
 * The documented rule for the registers an instruction writes, from its text.
 * Returns W_* bits of the destination operands.
 */
static unsigned oracle_writes(const char *m, char ops[8][48], int n)
{
	static const char *const nowrite[] = {
		"cmp", "cmn", "tst", "ccmp", "ccmn", "fcmp", "fcmpe", "fccmp", "fccmpe", "msr", "sys",
		"prfm", "prfum", "dc", "ic", "at", "tlbi", "hint", "setf8", "setf16", "rmif", "cfinv",
		"wfet", "wfit", "tcancel", "bti", "dsb", "dmb", "isb", "cmpp", "ctermeq", "ctermne",
		"brb", "cpp", "dvp", "cfp", "tsb", "psb", "smstart", "smstop", "zero", "st64b",
		"ptest", "rprfm", "trcit", "gcspushm", "gcsss1", NULL,
	};
	static const char *const pac_lr[] = {
		"paciasp", "pacibsp", "paciaz", "pacibz", "autiasp", "autibsp", "autiaz", "autibz",
		"xpaclri", NULL,
	};
	static const char *const pair[] = {
		"ldp", "ldnp", "ldpsw", "ldxp", "ldaxp", "ldiapp", NULL,

	};
	unsigned wr = 0;
	uint8_t cf = oracle_cf(m);

	if (cf == CF_CALL)
		wr |= W_LR;
	if (is_one_of(m, pac_lr))
		return W_LR;
	if (cf != CF_NONE || n == 0 || is_one_of(m, nowrite) || starts(m, "prf"))
		return wr;
	/* stores write nothing but their status register (STXR, STLXR, STXP, ST64BV) */
	if (starts(m, "st") && !(strstr(m, "xr") || strstr(m, "xp") || starts(m, "st64bv"))) {
		wr = 0;
	} else if (starts(m, "swpp") || starts(m, "ldclrp") || starts(m, "ldsetp") || rcw_pair(m)) {
		wr |= reg_bit(ops[0]) | (n >= 2 ? reg_bit(ops[1]) : 0);	/* 128-bit: Xt1, Xt2 */
	} else if (starts(m, "rcw") && strstr(m, "casp")) {
		int r = gpr_num(ops[0]);

		wr |= reg_bit(ops[0]) | (n >= 2 ? reg_bit(ops[1]) : 0) | (r == 28 ? W_FP : r == 29 ? W_LR : 0);
	} else if (starts(m, "rcw") && strstr(m, "cas")) {
		wr |= reg_bit(ops[0]);
	} else if (starts(m, "rcw")) {
		if (n >= 2)
			wr |= reg_bit(ops[1]);
	} else if (starts(m, "mrrs")) {
		wr |= reg_bit(ops[0]) | (n >= 2 ? reg_bit(ops[1]) : 0);
	} else if (starts(m, "swp") || (starts(m, "ld") && strlen(m) > 3 &&
		   (starts(m + 2, "add") || starts(m + 2, "clr") || starts(m + 2, "eor") || starts(m + 2, "set") ||
		    starts(m + 2, "smax") || starts(m + 2, "smin") || starts(m + 2, "umax") || starts(m + 2, "umin")))) {
		if (n >= 2)
			wr |= reg_bit(ops[1]);
	} else if (starts(m, "cpy") || starts(m, "set")) {
		for (int i = 0; i < n; i++)	/* FEAT_MOPS: every "!" register is updated */
			if (strchr(ops[i], '!')) {
				char r[48];
				size_t l = strcspn(ops[i] + (ops[i][0] == '['), "]!");

				snprintf(r, sizeof(r), "%.*s", (int)l, ops[i] + (ops[i][0] == '['));
				wr |= reg_bit(r);
			}
	} else if (!strcmp(m, "ld64b")) {
		int r = gpr_num(ops[0]);

		if (r >= 0 && r <= 30)
			wr |= (r <= 29 && r + 7 >= 29 ? W_FP : 0) | (r + 7 >= 30 ? W_LR : 0);
	} else if (starts(m, "casp")) {
		int r = gpr_num(ops[0]);

		wr |= reg_bit(ops[0]) | (r == 28 || (ops[0][0] == 'w' && atoi(ops[0] + 1) == 28) ? W_FP : 0) |
		      (r == 29 || (ops[0][0] == 'w' && atoi(ops[0] + 1) == 29) ? W_LR : 0);
	} else {
		wr |= reg_bit(ops[0]);
		if (is_one_of(m, pair) && n >= 2)
			wr |= reg_bit(ops[1]);
	}
	return wr;
}

/* Memory base and write-back from the operand text. */
static void oracle_mem(char ops[8][48], int n, struct props *p)
{
	p->base = ARCH_NO_REG;
	for (int i = 0; i < n; i++) {
		char *b = strchr(ops[i], '[');
		int r;

		if (!b)
			continue;
		r = gpr_num(b + 1);
		if (r < 0 || r > 31)
			continue;
		if (p->base == ARCH_NO_REG) {
			const char *c = b + 1 + strcspn(b + 1, ",]");

			p->base = (unsigned)r;
			p->has_off = !strstr(ops[i], "mul vl");
			if (c[0] == ',' && c[1] == ' ' && c[2] == '#')
				p->disp = (int64_t)strtoull(c + 3, NULL, 0);
			else if (c[0] == ',')
				p->has_off = false;		/* register offset */
			if (i + 1 < n && ops[i][strlen(ops[i]) - 1] == ']') {
				if (ops[i + 1][0] == '#')
					p->post = (int64_t)strtoull(ops[i + 1] + 1, NULL, 0);
				else
					p->has_off = false;	/* post-index by register */
			}
		}
		if (strstr(ops[i], "]!"))
			p->wb = true;
		/* post-index: an operand after the address ("[x0], #16", "[x0], x2") */
		else if (i + 1 < n && ops[i][strlen(ops[i]) - 1] == ']')
			p->wb = true;
	}
}

/* Fill the oracle's view from a mnemonic and operand text; target_abs from the disassembler. */
static void oracle_from_text(struct props *p, const char *mn, const char *opstr, bool rel, uint64_t addr)
{
	char m[32], ops[8][48];
	int n;

	snprintf(m, sizeof(m), "%s", mn);
	for (char *c = m; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	n = split_ops(opstr, ops);
	p->valid = true;
	p->cf = oracle_cf(m);
	/* a load into the zero register writes nothing, so fpv has no op to compare offsets with */
	for (int i = 0; i < n; i++)
		if (starts(m, "ld") && (!strcmp(ops[i], "xzr") || !strcmp(ops[i], "wzr")))
			p->zr_load = true;
	p->writes = oracle_writes(m, ops, n);
	oracle_mem(ops, n, p);
	if (p->cf == CF_CALL || p->cf == CF_UNCOND || p->cf == CF_COND) {
		const char *t = n ? ops[n - 1] : "";

		if (t[0] == '#') {
			p->has_target = true;
			p->target = (uint64_t)strtoll(t + 1, NULL, 0) + (rel ? addr : 0);
		}
	}
	snprintf(p->text, sizeof(p->text), "%s %s", m, opstr);
}

/* ---- capstone ------------------------------------------------------------ */

static void run_capstone(struct word *words, size_t nr, unsigned long *cs_decoded)
{
	csh h;
	cs_insn *insn;

	if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &h) != CS_ERR_OK) {
		fprintf(stderr, "diff: capstone: cannot open\n");
		exit(2);
	}
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	insn = cs_malloc(h);
	for (size_t i = 0; i < nr; i++) {
		struct word *wd = &words[i];
		const uint8_t *code = (const uint8_t *)&wd->w;
		size_t size = 4;
		uint64_t a = wd->addr;

		if (!cs_disasm_iter(h, &code, &size, &a, insn) || !strcmp(insn->mnemonic, "hint")) {
			wd->llvm = true;
			continue;
		}
		(*cs_decoded)++;
		oracle_from_text(&wd->o, insn->mnemonic, insn->op_str, false, wd->addr);
		/* capstone's own details for the memory operand and write-back */
		{
			cs_arm64 *a64 = &insn->detail->arm64;

			wd->o.wb = a64->writeback;
			wd->o.base = ARCH_NO_REG;
			for (int k = 0; k < a64->op_count; k++)
				if (a64->operands[k].type == ARM64_OP_MEM) {
					const char *bn = cs_reg_name(h, a64->operands[k].mem.base);
					int r = bn ? gpr_num(bn) : -1;

					wd->o.base = r >= 0 ? (unsigned)r : ARCH_NO_REG;
					break;
				}
		}
	}
	cs_free(insn, 1);
	cs_close(&h);
}

/* ---- LLVM ---------------------------------------------------------------- */

static const char *llvm_mc = "llvm-mc-16";

/*
 * llvm-mc prints one line per decoded word, in input order, and a warning
 * naming the input line of each word it rejects ("invalid instruction
 * encoding"); the printed encoding may differ from the input in ignored
 * bits, so the output is aligned by the rejected line numbers.
 */
static void run_llvm(struct word *words, size_t nr, unsigned long *asked, unsigned long *decoded)
{
	char in_path[] = "/tmp/fpv-diff-XXXXXX", err_path[] = "/tmp/fpv-diff-err-XXXXXX";
	char cmd[512], line[512];
	FILE *f, *out;
	size_t *idx, nidx = 0, next = 0;
	bool *bad;
	int fd = mkstemp(in_path), efd = mkstemp(err_path);

	if (fd < 0 || efd < 0 || !(f = fdopen(fd, "w"))) {
		perror("diff: temporary file");
		exit(2);
	}
	close(efd);
	idx = malloc((nr + 1) * sizeof(*idx));
	bad = calloc(nr + 2, sizeof(*bad));
	if (!idx || !bad) {
		perror("diff");
		exit(2);
	}
	for (size_t i = 0; i < nr; i++)
		if (words[i].llvm) {
			uint32_t w = words[i].w;

			fprintf(f, "0x%02x 0x%02x 0x%02x 0x%02x\n", w & 255, (w >> 8) & 255, (w >> 16) & 255, w >> 24);
			idx[nidx++] = i;
		}
	*asked = nidx;
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s --disassemble -triple=aarch64 -mattr=+all %s 2>%s", llvm_mc, in_path,
		 err_path);
	out = popen(cmd, "r");
	if (!out) {
		perror("diff: llvm-mc");
		exit(2);
	}
	/* read the rejected line numbers first: stderr is complete when llvm-mc exits, so buffer stdout */
	{
		char **lines = NULL;
		size_t nl = 0, cl = 0;
		FILE *e;

		while (fgets(line, sizeof(line), out)) {
			char *t = line;

			while (*t == ' ' || *t == '\t')
				t++;
			if (!*t || *t == '\n' || *t == '.')
				continue;
			if (nl == cl) {
				cl = cl ? cl * 2 : 4096;
				lines = realloc(lines, cl * sizeof(*lines));
			}
			lines[nl++] = strdup(t);
		}
		if (pclose(out) != 0) {
			fprintf(stderr, "diff: %s failed\n", llvm_mc);
			exit(2);
		}
		e = fopen(err_path, "r");
		while (e && fgets(line, sizeof(line), e)) {
			char *c = strchr(line, ':');
			unsigned long ln;

			if (c && strstr(line, "invalid instruction encoding")) {
				ln = strtoul(c + 1, NULL, 10);
				if (ln >= 1 && ln <= nidx)
					bad[ln - 1] = true;
			}
		}
		if (e)
			fclose(e);
		for (size_t k = 0; k < nidx; k++) {
			char *mn, *ops, *end;

			if (bad[k])
				continue;
			if (next >= nl) {
				fprintf(stderr, "diff: llvm-mc output out of step\n");
				exit(2);
			}
			mn = lines[next++];
			mn[strcspn(mn, "\n")] = 0;
			ops = mn + strcspn(mn, " \t");
			if (*ops)
				*ops++ = 0;
			for (end = ops + strlen(ops); end > ops && isspace((unsigned char)end[-1]); end--)
				;
			*end = 0;
			oracle_from_text(&words[idx[k]].o, mn, ops, true, words[idx[k]].addr);
			(*decoded)++;
		}
		if (next != nl) {
			fprintf(stderr, "diff: llvm-mc printed %zu lines for %zu words\n", nl, next);
			exit(2);
		}
		for (size_t k = 0; k < nl; k++)
			free(lines[k]);
		free(lines);
	}
	free(idx);
	free(bad);
	unlink(in_path);
	unlink(err_path);
}

/* ---- comparison ---------------------------------------------------------- */

static unsigned differences(const struct props *f, const struct props *o)
{
	unsigned d = 0;

	if (f->cf != o->cf)
		d |= P_CLASS;
	if (f->has_target != o->has_target || (f->has_target && f->target != o->target))
		d |= P_TARGET;
	if (f->writes != o->writes)
		d |= P_WRITES;
	if (f->base != o->base)
		d |= P_BASE;
	if (f->wb != o->wb)
		d |= P_WB;
	if (f->has_off && o->has_off && !o->zr_load && (f->disp != o->disp || f->post != o->post))
		d |= P_OFFSET;
	/* the write-back amount: pre-index moves the base by disp, post-index by post */
	if (f->has_wb_amount && o->has_off && o->wb && f->wb_amount != (strstr(o->text, "]!") ? o->disp : o->post))
		d |= P_OFFSET;
	return d;
}

static const char *base_name(unsigned b)
{
	return b == ARCH_NO_REG ? "-" : arch_reg_name(b);
}

struct stats {
	unsigned long words, compared, offsets, oracle_invalid, fpv_missing, fpv_missing_bad, failures, excluded;
};

static void report(const struct word *wd, const struct props *f, unsigned d, int show)
{
	if (show <= 0)
		return;
	printf("  %08x @%" PRIx64 " [%s] differs in%s%s%s%s%s%s\n", wd->w, wd->addr, wd->llvm ? "llvm" : "capstone",
	       d & P_CLASS ? " class" : "", d & P_TARGET ? " target" : "", d & P_WRITES ? " writes" : "",
	       d & P_BASE ? " base" : "", d & P_WB ? " writeback" : "", d & P_OFFSET ? " offset" : "");
	if (d & P_OFFSET)
		printf("    offsets: fpv disp %" PRId64 " post %" PRId64 ", oracle disp %" PRId64 " post %" PRId64 "\n",
		       f->disp, f->post, wd->o.disp, wd->o.post);
	printf("    fpv:    %-40s cf=%s t=%" PRIx64 " w=%x base=%s wb=%d\n", f->text, cf_names[f->cf],
	       f->has_target ? f->target : 0, f->writes, base_name(f->base), f->wb);
	printf("    oracle: %-40s cf=%s t=%" PRIx64 " w=%x base=%s wb=%d\n", wd->o.text, cf_names[wd->o.cf],
	       wd->o.has_target ? wd->o.target : 0, wd->o.writes, base_name(wd->o.base), wd->o.wb);
}

/* Whether the disagreements d on this word are an oracle bug listed in the table. */
static bool excluded(const struct word *wd, unsigned d, struct stats *s)
{
	for (struct exclusion *e = exclusions; e->why; e++) {
		if ((wd->w & e->mask) == e->value && !(d & ~e->props) &&
		    (!e->oracle || !strcmp(e->oracle, wd->llvm ? "llvm" : "capstone"))) {
			e->count++;
			s->excluded++;
			return true;
		}
	}
	return false;
}

/*
 * --mnemonics: an informational histogram of words whose first token (the
 * mnemonic) differs between fpv and the oracle, by the oracle's mnemonic.
 * Aliases make some differences legitimate (mov/orr, ...); it never fails.
 */
static bool want_mnemonics, print_only;
struct mn_count { char fpv[24], oracle[24]; unsigned long n; uint32_t example; };
static struct mn_count *mn_counts;
static size_t nr_mn, cap_mn;

static void mnemonic_note(const struct word *wd, const struct props *f)
{
	char a[24], b[24];
	size_t i;

	sscanf(f->text, "%23s", a);
	sscanf(wd->o.text, "%23s", b);
	if (!strcmp(a, b))
		return;
	for (i = 0; i < nr_mn; i++)
		if (!strcmp(mn_counts[i].oracle, b) && !strcmp(mn_counts[i].fpv, a))
			break;
	if (i == nr_mn) {
		if (nr_mn == cap_mn) {
			cap_mn = cap_mn ? cap_mn * 2 : 256;
			mn_counts = realloc(mn_counts, cap_mn * sizeof(*mn_counts));
			if (!mn_counts)
				exit(2);
		}
		memset(&mn_counts[nr_mn], 0, sizeof(mn_counts[0]));
		snprintf(mn_counts[nr_mn].fpv, sizeof(a), "%s", a);
		snprintf(mn_counts[nr_mn].oracle, sizeof(b), "%s", b);
		mn_counts[nr_mn++].example = wd->w;
	}
	mn_counts[i].n++;
}

static int mn_cmp(const void *x, const void *y)
{
	const struct mn_count *a = x, *b = y;

	return a->n < b->n ? 1 : a->n > b->n ? -1 : 0;
}

static void mnemonic_report(void)
{
	unsigned long total = 0;

	qsort(mn_counts, nr_mn, sizeof(*mn_counts), mn_cmp);
	for (size_t i = 0; i < nr_mn; i++)
		total += mn_counts[i].n;
	printf("mnemonics: %lu words with a different first token, %zu pairs\n", total, nr_mn);
	for (size_t i = 0; i < nr_mn && i < 300; i++)
		printf("  %8lu  oracle %-14s fpv %-14s e.g. %08x\n", mn_counts[i].n, mn_counts[i].oracle,
		       mn_counts[i].fpv, mn_counts[i].example);
}

static void compare(struct word *words, size_t nr, struct stats st[2], int show)
{
	int shown = 0;

	for (size_t i = 0; i < nr; i++) {
		struct word *wd = &words[i];
		struct stats *s = &st[wd->corpus];
		struct props f;
		unsigned d;

		s->words++;
		fpv_props(wd, &f);
		if (!wd->o.valid) {
			s->oracle_invalid++;
			if (f.cf != CF_NONE && f.cf != CF_TRAP) {
				s->failures++;
				printf("  %08x: fpv gives class %s to a word the oracle rejects (%s)\n", wd->w,
				       cf_names[f.cf], f.text);
			}
			continue;
		}
		if (!f.valid) {
			s->fpv_missing++;
			if ((wd->o.cf != CF_NONE || wd->o.writes ||
			     (wd->o.base == CFI_SP || wd->o.base == CFI_FP)) && !excluded(wd, P_VALID, s)) {
				s->fpv_missing_bad++;
				s->failures++;
				if (shown++ < show)
					printf("  %08x: fpv rejects '%s' (cf=%s w=%x base=%s)\n", wd->w, wd->o.text,
					       cf_names[wd->o.cf], wd->o.writes, base_name(wd->o.base));
			}
			continue;
		}
		s->compared++;
		if (want_mnemonics)
			mnemonic_note(wd, &f);
		/* the rule: a written-back base is a written register */
		if (wd->o.wb && wd->o.base != ARCH_NO_REG)
			wd->o.writes |= writes_of_mask(1ull << wd->o.base);
		if ((f.has_off || f.has_wb_amount) && wd->o.has_off && !wd->o.zr_load)
			s->offsets++;
		d = differences(&f, &wd->o);
		if (!d || excluded(wd, d, s))
			continue;
		s->failures++;
		report(wd, &f, d, show - shown++);
	}
}

/* ---- corpus -------------------------------------------------------------- */

static struct word *words;
static size_t nr_words, cap_words;

static void add_word(uint32_t w, uint64_t addr, uint8_t corpus)
{
	if (nr_words == cap_words) {
		cap_words = cap_words ? cap_words * 2 : 1 << 16;
		words = realloc(words, cap_words * sizeof(*words));
		if (!words) {
			perror("diff");
			exit(2);
		}
	}
	memset(&words[nr_words], 0, sizeof(words[0]));
	words[nr_words].w = w;
	words[nr_words].addr = addr;
	words[nr_words].corpus = corpus;
	nr_words++;
}

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint32_t w;
	uint64_t off = 0;

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fread(&w, 4, 1, f) == 1) {
		add_word(w, 0x400000 + off, 1);
		off += 4;
	}
	fclose(f);
}

/*
 * The sweep: every value of the upper 16 bits with 16 lower halves whose
 * register field (bits 4:0) is x29 or x30 (eight of them with SP in bits
 * 9:5), so that narrow encodings that write a general register or move SP
 * (one value of bits 31:16) are not left to chance.
 */
static void add_sweep(uint64_t seed)
{
	uint64_t x = seed ? seed : 1;

	for (uint32_t hi = 0; hi < 0x10000; hi++)
		for (unsigned j = 0; j < 16; j++) {
			uint32_t lo;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			lo = j < 2 ? 0x03e0 : j < 4 ? 0xffe0 : j < 6 ? 0 :
			     j < 12 ? (((uint32_t)(x >> 20) & 0xfc00) | 0x03e0) :	/* base register SP */
			     (uint32_t)(x >> 20) & 0xffe0;
			add_word(hi << 16 | lo | (j & 1 ? 29 : 30), 0x40000000 + ((hi * 64 + j * 4) & 0x3ffffffc), 0);
		}
}

static void add_random(unsigned long n, uint64_t seed)
{
	uint64_t x = seed ? seed : 1;

	for (unsigned long i = 0; i < n; i++) {
		x ^= x << 13;	/* xorshift64 */
		x ^= x >> 7;
		x ^= x << 17;
		/* addresses spread over a 1 GiB range so branch targets wrap both ways */
		add_word((uint32_t)(x >> 16), 0x40000000 + ((i * 4) & 0x3ffffffc), 0);
	}
}

int main(int argc, char **argv)
{
	struct stats st[2] = { 0 };
	unsigned long cs_ok = 0, llvm_asked = 0, llvm_ok = 0;
	int show = 20, fail = 0;
	static const char *const cname[2] = { "generated", "files" };

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--random") && i + 2 < argc) {
			add_random(strtoul(argv[i + 1], NULL, 0), strtoull(argv[i + 2], NULL, 0));
			i += 2;
		} else if (!strcmp(argv[i], "--sweep") && i + 1 < argc) {
			add_sweep(strtoull(argv[++i], NULL, 0));
		} else if (!strcmp(argv[i], "--show") && i + 1 < argc) {
			show = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--print")) {
			print_only = true;
		} else if (!strcmp(argv[i], "--mnemonics")) {
			want_mnemonics = true;
		} else if (!strcmp(argv[i], "--llvm-mc") && i + 1 < argc) {
			llvm_mc = argv[++i];
		} else {
			add_file(argv[i]);
		}
	}
	if (print_only) {
		/* "WORD TEXT" per word (hex words on stdin), for the comparison with GNU objdump in run.sh */
		unsigned w;

		while (scanf("%x", &w) == 1)
			add_word(w, 0, 1);
		for (size_t i = 0; i < nr_words; i++) {
			struct insn in;
			char text[128];

			arch_decode(words[i].w, words[i].addr, &in);
			arch_format(&in, words[i].addr, text, sizeof(text));
			printf("%08x %s\n", words[i].w, text);
		}
		return 0;
	}
	run_capstone(words, nr_words, &cs_ok);
	run_llvm(words, nr_words, &llvm_asked, &llvm_ok);
	compare(words, nr_words, st, show);
	printf("oracles: capstone decoded %lu words, llvm-mc asked %lu decoded %lu\n", cs_ok, llvm_asked, llvm_ok);
	for (int c = 0; c < 2; c++) {
		if (!st[c].words)
			continue;
		printf("%s: %lu words, %lu compared (%lu SP/x29 offsets), %lu rejected by the oracle, %lu rejected by fpv only "
		       "(%lu with effects), %lu excluded, %lu disagreements\n",
		       cname[c], st[c].words, st[c].compared, st[c].offsets, st[c].oracle_invalid, st[c].fpv_missing,
		       st[c].fpv_missing_bad, st[c].excluded, st[c].failures);
		fail |= st[c].failures != 0;
	}
	for (struct exclusion *e = exclusions; e->why; e++)
		printf("excluded %lu: [%s] %s\n", e->count, e->oracle ? e->oracle : "capstone, llvm", e->why);
	if (want_mnemonics)
		mnemonic_report();
	if (internal_errors) {
		printf("internal: %lu words where regs_written and the ops disagree\n", internal_errors);
		fail = 1;
	}
	return fail;
}
