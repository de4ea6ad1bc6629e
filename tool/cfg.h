/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control-flow layer between the ELF file and the frame-state analysis:
 * which functions a file holds (from STT_FUNC symbols, STT_NOTYPE labels in
 * executable sections, .dynsym and .eh_frame FDE ranges of stripped files),
 * where each direct branch goes (through relocations in .o files, through
 * addresses in linked ones), which callees never return, which indirect
 * jumps are GCC/Clang jump tables and what their targets are, and which
 * places inside a function data, code or other functions refer to
 * (cfg_refs.c: a computed goto's labels).  The policy
 * for every kind of control transfer is in docs/warnings.md ("Control flow").
 */
#ifndef FPV_CFG_H
#define FPV_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "cfi.h"
#include "elf_file.h"

struct cfg_func {
	const char *name;		/* the symbol's name; "name@0xADDR" when another
					 * function of the file has the same name */
	struct symbol *sym;
	const struct go_func *go;	/* Go: the function of .gopclntab starting here,
					 * whatever named the symbol (a .symtab name may
					 * differ: "runtime.abort.abi0"), else NULL: Go's
					 * rules apply only to these, by go->name */
	struct section *sec;
	uint64_t start, end;		/* byte offsets in sec: [start, end) */
	bool is_cold;			/* a GCC cold split: "parent.cold" / "parent.cold.N" */
	bool noreturn;			/* known noreturn name, or proven never to return */
	bool from_label;		/* an STT_NOTYPE label (assembly), not STT_FUNC */
	bool has_ret;			/* pre-pass: contains RET or an indirect jump */
	/* Filled by the analysis (check.c). */
	uint8_t status;			/* enum check_func_status */
	const struct cfi_state *entry;	/* cold splits: the parent's state at the branch */
	const struct cfi_state **states;	/* (end - start) / 4 entries, NULL: not reached */
	uint8_t *dead;			/* as many: 1 where not reached because no execution
					 * reaches the word (check.c mark_dead()) */
	bool call_fp, call_no_fp;	/* a reached call with / without a frame record */
	uint64_t call_no_fp_off;	/* the first call without one (offset in sec) */
	bool dyn_exit;			/* reached an indirect jump that is not a recognised
					 * jump table (an indirect tail call, a veneer's br x16) */
	bool fall_exit;			/* a path runs past the last word (into the next function) */
	int32_t fall_next;		/* pre-pass: falls into this function (index), -1: no */
	int32_t fall_call;		/* ... unless this callee (its last instruction) never returns */
	bool fall_away;			/* pre-pass: after that call, runs into code that no
					 * symbol names */
	uint32_t nr_tail;		/* pre-pass: tail-call targets (function indices) */
	uint32_t *tail;
};

/*
 * A kernel alternative (.altinstructions, arch/arm64/include/asm/alternative.h
 * struct alt_instr: s32 orig_offset, s32 alt_offset, u16 cpufeature,
 * u8 orig_len, u8 alt_len): at boot the orig_len bytes at (sec, off) may be
 * replaced by alt_len bytes at (rsec, roff), or by NOPs when the entry names
 * a patching callback (alt_cb_patch_nops).  Both versions are analysed.
 */
struct cfg_alt {
	struct section *sec;
	uint64_t off;
	uint32_t len;
	struct section *rsec;		/* NULL: a callback, taken as orig_len bytes of NOPs */
	uint64_t roff;
	uint32_t rlen;
	/* A static key (__jump_table: s32 code, s32 target, s64 key): the NOP or
	 * B at (sec, off) may be patched to branch to (tsec, toff), or not. */
	bool jump_label;
	/* A WARN() (__bug_table entry with BUGFLAG_WARNING): execution resumes
	 * after the BRK at (sec, off). */
	bool bug_warn;
	/* An exception-table entry (__ex_table: s32 insn, s32 fixup, s16 type,
	 * s16 data; __kvm_ex_table: s32 insn, s32 fixup): the instruction at
	 * (sec, off) may fault, and the handler resumes at (tsec, toff) with the
	 * frame as it was before that instruction. */
	bool ex_fixup;
	struct section *tsec;
	uint64_t toff;
};

/* A function's LSDA (.gcc_except_table), from its .eh_frame FDE. */
struct cfg_lsda {
	struct section *sec;		/* the function: FDE pc_begin */
	uint64_t off;
	struct section *lsec;		/* its LSDA */
	uint64_t loff;
};

/* A landing pad: a call in [start, end) that throws continues at pad. */
struct cfg_lp {
	uint64_t start, end, pad;	/* offsets in the function's section */
};

/* The functions of one file, sorted by (section, start). */
struct cfg_file {
	struct elf_file *elf;
	struct cfg_func *funcs;
	size_t nr_funcs;
	struct cfg_alt *alts;		/* sorted by (sec, off) */
	size_t nr_alts;
	struct cfg_lsda *lsdas;		/* sorted by (sec, off) */
	size_t nr_lsdas;
	char *dup_names;		/* backing store of the "name@0xADDR" names */
	struct reloc **slots;		/* dynamic relocations naming a symbol, by address */
	size_t nr_slots;
	/* cfg_refs.c, built on the first question: linked files' addresses
	 * outside code that code computes ("adrp xN, page ; add xM, xN,
	 * #lo12"), sorted; and the places in the middle of functions that
	 * data, code or other functions refer to, sorted by (section, offset). */
	uint64_t *data_refs;
	size_t nr_data_refs;
	struct cfg_ref *refs;
	size_t nr_refs;
	bool refs_loaded;
	bool failed;			/* a lazy load ran out of memory (printed) */
};

/* A place in the middle of a function that something refers to, and how. */
enum {
	CFG_REF_DATA = 1,		/* data holds its address (a relocation, a pointer) */
	CFG_REF_CODE = 2,		/* code computes its address (adr, adrp + add) */
	CFG_REF_BRANCH = 4,		/* a direct branch or call from another function */
};

struct cfg_ref {
	struct section *sec;
	uint64_t off;
	uint8_t kinds;			/* CFG_REF_* */
};

/*
 * The first address above addr that the file's code computes outside its
 * code (UINT64_MAX: none known): a jump table with no compare to bound it
 * ends before it.
 */
uint64_t cfg_next_data_ref(struct cfg_file *cf, uint64_t addr);

/*
 * The places inside f, past its start, that data, code or another function
 * refers to (cfg_refs.c), sorted by offset: *out, and their number.  An
 * object's data is read through its relocations in allocated sections, a
 * linked file's through its dynamic relocations and, in an executable,
 * also its pointer-sized data words.  When out of memory, none, with
 * cf->failed set (reported).
 */
size_t cfg_refs_in(struct cfg_file *cf, const struct cfg_func *f, const struct cfg_ref **out);

/* Exception landing pads (cfg_eh.c); -1 (reported) when out of memory. */
int cfg_load_lsdas(struct cfg_file *cf);
size_t cfg_landing_pads(const struct cfg_file *cf, const struct cfg_func *f,
			struct cfg_lp *out, size_t max);

/* The first alternative at or after off in sec (cf->alts + nr_alts: none). */
const struct cfg_alt *cfg_alt_from(const struct cfg_file *cf, const struct section *sec,
				   uint64_t off);

/* The alternative whose original code starts at off in sec, or NULL. */
const struct cfg_alt *cfg_alt_at(const struct cfg_file *cf, const struct section *sec, uint64_t off);

/* Where a direct branch or call goes. */
struct cfg_dest {
	struct section *sec;		/* NULL: outside this file (undefined symbol) */
	uint64_t off;			/* offset in sec */
	const char *name;		/* symbol name for calls to other files, else NULL */
	struct cfg_func *func;		/* function containing the target, or NULL */
	struct cfg_func *callee;	/* a call through the PLT to a function this file
					 * defines (sec and func are NULL): that function */
};

int cfg_load(struct elf_file *elf, struct cfg_file *cf);
void cfg_free(struct cfg_file *cf);

/*
 * Whether f is the function spec names: its name (f->name, or the symbol's
 * name shared with others), or an address "0x..." inside it.
 */
bool cfg_func_match(const struct cfg_func *f, const char *spec);

/* The function containing off in sec, or NULL. */
struct cfg_func *cfg_func_at(const struct cfg_file *cf, const struct section *sec, uint64_t off);

/* Address used for decoding (sh_addr + off; sh_addr is 0 in .o files). */
static inline uint64_t cfg_addr(const struct section *sec, uint64_t off)
{
	return sec->addr + off;
}

/*
 * The offset of the first word of code (not padding, zero or NOP, and not
 * $d data) between f's end and the next function of its section (or the
 * section's end); that end when there is none.
 */
uint64_t cfg_code_after(const struct cfg_file *cf, const struct cfg_func *f);

/* Read the 32-bit little-endian word at off in sec. */
uint32_t cfg_word(const struct section *sec, uint64_t off);

/* Resolve the target of a direct branch/call at off.  false if none. */
bool cfg_branch_dest(const struct cfg_file *cf, struct section *sec, uint64_t off,
		     const struct insn *insn, struct cfg_dest *d);

/* Whether a callee by this name (not a Go function's) is known never to return. */
bool cfg_noreturn_name(const char *name);

/*
 * Whether f is known by its name never to return: a Go function of
 * .gopclntab by the name the table gives it (Go's runtime panics; whatever
 * named its symbol, "runtime.throw.abi0"), any other by its symbol's name.
 */
bool cfg_func_noreturn_name(const struct cfg_func *f);

/*
 * Go: a function of .gopclntab that returns to its caller through the
 * scheduler, never proven to return (runtime.morestack, runtime.mcall): not
 * noreturn.
 */
bool cfg_go_resumes(const struct cfg_func *f);

/*
 * Go: f is the stack-growth entry a function calls before its frame exists
 * (runtime.morestack, runtime.morestack_noctxt of .gopclntab).
 */
bool cfg_go_morestack(const struct cfg_func *f);

/* Whether a call to d never returns (by name or proven). */
bool cfg_dest_noreturn(const struct cfg_dest *d);

/* Pre-pass: find the functions that never return (no RET, no tail call to a
 * function that returns, no unresolvable indirect jump).  -1 (reported) when
 * out of memory. */
int cfg_find_noreturn(struct cfg_file *cf);

/*
 * Jump tables.  For the BR at index br of a function whose decoded
 * instructions are insns[0..n), with path[] giving for each instruction the
 * index of the instruction executed before it on the path being analysed
 * (-1 at the entry), fill targets[] with the offsets (in f->sec) the table
 * can send control to.  Returns the number of targets, 0 when the BR is not a
 * recognised table.  An entry that sends control to the function's end (the
 * label of an empty block the compiler knows is never reached) is no target.
 */
#define CFG_MAX_TABLE 4096
size_t cfg_jump_table(struct cfg_file *cf, const struct cfg_func *f,
		      const struct insn *insns, const int32_t *path, uint32_t br,
		      uint64_t *targets, size_t max);

#endif
