/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * libfpv: the run-time unwinder.  The core (lib/unwind.c) is freestanding:
 * no libc, no allocation, every stack read goes through a caller-supplied
 * accessor after the core has checked the address against the caller's stack
 * bounds.  It walks AArch64 stacks in one of two modes:
 *
 *   FPV_MODE_FP   the frame-pointer chain (x29), validated at every frame
 *                 against the ORC record for the PC: the record must say a
 *                 frame record is set up, and the frame pointer it predicts
 *                 (CFA + fp) must equal the real x29.
 *   FPV_MODE_ORC  ORC-driven: CFA from the record, return address from x30
 *                 or its stack slot, caller x29 from its slot; no frame
 *                 pointer needed (the frame pointer is still checked where
 *                 the record says one is set up).
 *
 * In both modes an interrupted frame (the start of a walk from a signal's
 * ucontext, or the frame below a signal frame) is unwound by its ORC record,
 * so an interrupt in a prologue or epilogue (x30 live, x29 not yet set) is
 * unwound exactly, and the "return address minus 4" lookup is used only for
 * call frames.
 *
 * The verdict follows the reliability contract: 0 means
 * every frame was validated and the walk ended at the expected final frame
 * (an ORC_TYPE_END_OF_STACK record, or a terminating frame record, x29 == 0,
 * reached at a caller-registered entry point such as _start or a thread's
 * entry); otherwise a negative FPV_E_* code (enum fpv_error) and the index
 * of the frame where the walk failed.  The error is sticky.
 *
 * The Linux/AArch64 user-space front end (lib/linux-aarch64/, built into
 * libfpv.a / libfpv.so) is declared at the end of this header.
 */
#ifndef FPV_UNWIND_H
#define FPV_UNWIND_H

#include <stddef.h>
#include <stdint.h>

#include "fpv/orc_lookup.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reasons a walk fails, by index; fpv_strerror() and fpv_reason_name()
 * give each one's text and name.  A walk returns FPV_E_<name>, the
 * negated index.
 */
enum fpv_reason_index {
	FPV_R_OK,
	FPV_R_INVAL,
	FPV_R_PC_NOT_TEXT,
	FPV_R_NO_ORC,
	FPV_R_ORC_UNDEF,
	FPV_R_ORC_BAD,
	FPV_R_ORC_REGS,
	FPV_R_NO_FRAME_RECORD,
	FPV_R_FP_MISMATCH,
	FPV_R_RA_UNKNOWN,
	FPV_R_FP_UNKNOWN,
	FPV_R_TRAMPOLINE,
	FPV_R_SIGNAL_UNPROVEN,
	FPV_R_SIGFRAME_BAD,
	FPV_R_MISALIGNED,
	FPV_R_OUT_OF_STACK,
	FPV_R_DIRECTION,
	FPV_R_STACK_SWITCH,
	FPV_R_READ,
	FPV_R_NOT_CALL_SITE,
	FPV_R_UNEXPECTED_END,
	FPV_R_TOO_DEEP,
	FPV_R_END_MISMATCH,
	FPV_R_CALL_MISMATCH,
	FPV_R_SIDECAR_STALE,
	FPV_R_SIDECAR_BAD,
	FPV_R_NR
};

enum fpv_error {
	FPV_E_OK = -FPV_R_OK,
	FPV_E_INVAL = -FPV_R_INVAL,
	FPV_E_PC_NOT_TEXT = -FPV_R_PC_NOT_TEXT,
	FPV_E_NO_ORC = -FPV_R_NO_ORC,
	FPV_E_ORC_UNDEF = -FPV_R_ORC_UNDEF,
	FPV_E_ORC_BAD = -FPV_R_ORC_BAD,
	FPV_E_ORC_REGS = -FPV_R_ORC_REGS,
	FPV_E_NO_FRAME_RECORD = -FPV_R_NO_FRAME_RECORD,
	FPV_E_FP_MISMATCH = -FPV_R_FP_MISMATCH,
	FPV_E_RA_UNKNOWN = -FPV_R_RA_UNKNOWN,
	FPV_E_FP_UNKNOWN = -FPV_R_FP_UNKNOWN,
	FPV_E_TRAMPOLINE = -FPV_R_TRAMPOLINE,
	FPV_E_SIGNAL_UNPROVEN = -FPV_R_SIGNAL_UNPROVEN,
	FPV_E_SIGFRAME_BAD = -FPV_R_SIGFRAME_BAD,
	FPV_E_MISALIGNED = -FPV_R_MISALIGNED,
	FPV_E_OUT_OF_STACK = -FPV_R_OUT_OF_STACK,
	FPV_E_DIRECTION = -FPV_R_DIRECTION,
	FPV_E_STACK_SWITCH = -FPV_R_STACK_SWITCH,
	FPV_E_READ = -FPV_R_READ,
	FPV_E_NOT_CALL_SITE = -FPV_R_NOT_CALL_SITE,
	FPV_E_UNEXPECTED_END = -FPV_R_UNEXPECTED_END,
	FPV_E_TOO_DEEP = -FPV_R_TOO_DEEP,
	FPV_E_END_MISMATCH = -FPV_R_END_MISMATCH,
	FPV_E_CALL_MISMATCH = -FPV_R_CALL_MISMATCH,
	FPV_E_SIDECAR_STALE = -FPV_R_SIDECAR_STALE,
	FPV_E_SIDECAR_BAD = -FPV_R_SIDECAR_BAD,
};

/* Text of an FPV_E_* code (0 or negative); never NULL. */
const char *fpv_strerror(int code);
/* The code's name ("FP_MISMATCH"); never NULL. */
const char *fpv_reason_name(int code);

enum fpv_mode {
	FPV_MODE_FP = 0,	/* (a) frame-pointer walk, ORC-validated */
	FPV_MODE_ORC = 1,	/* (b) ORC-driven, no frame pointer needed */
};

/* Where a frame's state came from (arm64's kunwind_source). */
enum fpv_source {
	FPV_SRC_REGS = 0,	/* the registers the walk started from */
	FPV_SRC_FRAME_RECORD,	/* x29 chain, validated by ORC (mode a) */
	FPV_SRC_ORC,		/* ORC rule (mode b, or below an interrupted frame) */
	FPV_SRC_SIGFRAME,	/* registers read from a signal frame's ucontext */
	FPV_SRC_TRAMPOLINE,	/* return address recovered from a trampoline registry */
};

/* fpv_frame.flags */
#define FPV_FRAME_INTERRUPTED	0x1	/* pc is exact (lookup at pc, not pc - 4) */
#define FPV_FRAME_SIGRETURN	0x2	/* pc is the sigreturn trampoline */
#define FPV_FRAME_RECOVERED	0x4	/* pc recovered from a trampoline */

struct fpv_frame {
	uint64_t pc;		/* PAC bits stripped */
	uint64_t sp;		/* SP in this frame (exact for interrupted frames) */
	uint64_t cfa;		/* SP at this function's entry; 0 if not computed */
	uint64_t fp;		/* x29 in this frame */
	uint8_t source;		/* enum fpv_source */
	uint8_t flags;		/* FPV_FRAME_* */
};

/* Registers a walk starts from. */
struct fpv_regs {
	uint64_t pc, sp, fp, lr;
	/*
	 * 1: pc exact, lr live (signal, current context);
	 * 0: pc is a return address (call frame), lr unknown
	 */
	int interrupted;
};

struct fpv_stack {
	uint64_t lo, hi;	/* [lo, hi) */
};

/*
 * A code region whose return address is rewritten (kretprobe/ftrace-graph
 * analogues): a return address inside [start, end) is recovered by calling
 * recover(), which gets the address of the stack slot the return address was
 * read from (0 if it came from x30) and the CFA of the frame it returns from;
 * recover() returns 0 and sets *ra, or non-zero when it cannot.
 */
struct fpv_trampoline {
	uint64_t start, end;
	int (*recover)(void *ctx, uint64_t slot, uint64_t cfa, uint64_t *ra);
};

/* Code covered by ORC: one table (linked or .fpv_orc standard) or compact. */
struct fpv_module {
	uint64_t text_start, text_end;	/* [start, end) */
	const struct orc_table *table;	/* one of table / compact */
	const struct orc_compact *compact;
	/* Optional (.fpv_funcs): with it, a return address that follows a
	 * direct call (BL) to a function of this module must have its callee
	 * frame in that function, unless the function may leave by a tail
	 * call or an unbounded indirect jump (ORC_FUNC_ANY_CALLEE); and a
	 * return address that follows an indirect call (BLR, BLRAA...) must
	 * not have its callee frame in a function of this module that no
	 * indirect call reaches (ORC_FUNC_DIRECT_ONLY).
	 */
	const struct orc_funcs *funcs;
	/* Without table and compact: the reason a pc here has no record, a
	 * negative FPV_E_* (a stale sidecar); 0 means FPV_E_NO_ORC.
	 */
	int no_table;
};

/* An address range, e.g. a thread entry whose frame record is the last one. */
struct fpv_range {
	uint64_t start, end;
};

/*
 * Optional lookup cache (caller-owned; the core allocates nothing).  Each
 * slot checks itself (tag == a mix of its words), so a slot torn by a
 * signal handler or another thread writing it at the same time reads as a
 * miss, never as a wrong record.  Deep and recursive stacks repeat their
 * return addresses, so most lookups hit.
 */
#define FPV_CACHE_SLOTS 512
struct fpv_cache {
	/*
	 * Return addresses whose frames were entered (every check on a return
	 * address passed) and then unwound by a plain SP-based frame record:
	 * fpv_unwind() walks such frames in a tight loop that only checks x29
	 * against the record and the stack bounds.  What a slot says depends on
	 * the configuration's tables, trampolines and sigreturn ranges: zero the
	 * cache when they change.
	 */
	struct { uint64_t frame, own, callee, tag; } call[FPV_CACHE_SLOTS];
	/* pc -> its ORC entry and the function it lies in (.fpv_funcs) */
	struct { uint64_t pc, entry, own, tag; } slot[FPV_CACHE_SLOTS];
};

/* Lookup results of fpv_config.find. */
#define FPV_FIND_FOUND		0
#define FPV_FIND_NOT_TEXT	1
#define FPV_FIND_NO_ORC		2

/* fpv_config.flags */
/*
 * read stack words and call-site instructions with plain loads (after the same
 * checks) instead of the callbacks: the addresses are mapped
 */
#define FPV_CFG_DIRECT_READ	0x1
/*
 * also end reliably at x29 == 0 where the call was preceded by "mov x29, #0"
 * (_start, clone's thread entry)
 */
#define FPV_CFG_ENTRY_PATTERN	0x2

struct fpv_config {
	/* Reads 8 bytes at addr (already checked to lie on a known stack);
	 * returns 0 or non-zero on failure.
	 */
	int (*read)(void *ctx, uint64_t addr, uint64_t *val);
	unsigned int flags;			/* FPV_CFG_* */
	/* Optional: reads the instruction at pc (known text only); when given,
	 * every return address must follow BL, BLR or BLRA*.
	 */
	int (*read_insn)(void *ctx, uint64_t pc, uint32_t *insn);
	/* ORC: either find() or the modules array. */
	int (*find)(void *ctx, uint64_t pc, struct orc_entry *out);
	const struct fpv_module *modules;
	unsigned int nr_modules;
	struct fpv_cache *cache;	/* optional, for modules lookups */
	const struct fpv_stack *stacks;
	unsigned int nr_stacks;		/* at most 64 */
	const struct fpv_trampoline *trampolines;
	unsigned int nr_trampolines;
	const struct fpv_range *sigreturn;	/* the kernel's sigreturn trampolines */
	unsigned int nr_sigreturn;
	const struct fpv_range *entries;	/* expected final frames (x29 == 0) */
	unsigned int nr_entries;
	/*
	 * optional: SP of the thread's expected final frame (_start's, clone's
	 * entry), checked where a walk ends on the stack it lies on; 0: not
	 * checked
	 */
	uint64_t final_sp;
	unsigned int va_bits;		/* PAC stripping: 0 means 48 */
	unsigned int max_frames;		/* 0 means 1024 */
	enum fpv_mode mode;
};

/* The walk's state: the frame being unwound plus the sticky verdict. */
struct fpv_unwind_state {
	const struct fpv_config *cfg;
	void *ctx;
	struct fpv_frame frame;		/* current frame (valid after init) */
	uint64_t lr;			/* x30, valid if lr_valid */
	uint64_t ra_slot;		/* where frame.pc was read from (0: register) */
	uint64_t used_stacks;		/* bitmask of stacks the walk has used */
	int cur_stack;
	int lr_valid;
	int fp_valid;
	int error;			/* 0 or FPV_E_*, sticky */
	int done;			/* reached the expected final frame */
	int after_signal;		/* frame reached through a signal frame */
	unsigned int index;			/* index of the current frame */
	uint64_t last_cfa;		/* CFA of the frame unwound last (0: none) */
	uint64_t callee_pc;		/* lookup pc of the frame unwound last (0: none) */
	/*
	 * what the current frame's call reaches: a function, any function but a
	 * direct-only one (an indirect call), or 0: any, or not checked
	 */
	uint64_t bl_owner;
	struct orc_entry cached;	/* lookup done by the call-site check */
	uint64_t cached_pc;
	int cached_rc;			/* FPV_FIND_* or -1: none */
};

/* Start a walk; the first frame is in st->frame unless st->error. */
int fpv_unwind_start(struct fpv_unwind_state *st, const struct fpv_config *cfg,
		     void *ctx, const struct fpv_regs *regs);
/*
 * Unwind one frame: 1 when st->frame holds the next frame, 0 at the expected
 * final frame (reliable end), negative FPV_E_* (sticky) otherwise.
 */
int fpv_unwind_next(struct fpv_unwind_state *st);

/* A whole walk. */
struct fpv_trace {
	int verdict;		/* 0 reliable, else FPV_E_* */
	unsigned int fail_frame;	/* index of the frame where the walk failed */
	unsigned int nr;		/* frames stored (stops at max) */
	unsigned int total;		/* frames walked */
};

/* Walk from regs, storing up to max frames; returns trace->verdict. */
int fpv_unwind(const struct fpv_config *cfg, void *ctx, const struct fpv_regs *regs,
	       struct fpv_frame *frames, unsigned int max, struct fpv_trace *trace);

/* The address bits fpv_strip_pac() keeps (va_bits 0 means 48). */
static inline uint64_t fpv_pac_mask(unsigned int va_bits)
{
	if (va_bits == 0)
		va_bits = 48;
	return va_bits >= 64 ? ~0ull : (1ull << va_bits) - 1;
}

/* Strip PAC bits from a code address (XPACLRI semantics, va_bits of VA). */
static inline uint64_t fpv_strip_pac(uint64_t addr, unsigned int va_bits)
{
	uint64_t mask = fpv_pac_mask(va_bits);

	return (addr & (1ull << 55)) ? (addr | ~mask) : (addr & mask);
}

/* ------------------------------------------------------------------------
 * Linux/AArch64 user-space front end (libfpv.a, libfpv.so; not freestanding)
 * ------------------------------------------------------------------------
 */
#if defined(__linux__) && !defined(FPV_FREESTANDING)

/* Load the ORC tables of the executable and every loaded shared object
 * (.fpv_orc read from each file, else from its sidecar, found by GNU
 * build-id in the directories of FPV_TABLE_PATH, default
 * ORC_SIDECAR_DEFAULT_PATH), find the sigreturn trampoline; safe to call
 * again after dlopen().  Returns 0 or a negative errno value.
 */
int fpv_init(void);

/* Cache the calling thread's stack bounds (fpv_init does it for its caller);
 * call once in every thread that is unwound with default stacks.
 */
int fpv_thread_init(void);

/* Register extra regions: trampolines, expected final frames (thread entry
 * stubs).  _start of the executable is registered by fpv_init().
 */
int fpv_add_trampoline(const struct fpv_trampoline *t);
int fpv_add_entry(uint64_t start, uint64_t end);

/* Stacks a walk may use: the calling thread's stack and its sigaltstack are
 * used when none are given (nr == 0).
 */
struct fpv_opts {
	enum fpv_mode mode;
	const struct fpv_stack *stacks;
	unsigned int nr_stacks;
};

/* The configuration fpv_unwind_regs() would use for a walk starting at sp
 * (stacks: room for 2 entries), for callers of the core API that supply
 * their own accessor (e.g. the corrupt-stack harness).
 */
void fpv_default_config(struct fpv_config *cfg, struct fpv_stack *stacks, uint64_t sp,
			const struct fpv_opts *opts);

/* Walk from a signal handler's ucontext (the third argument of an
 * SA_SIGINFO handler).  Async-signal-safe after fpv_init().
 */
int fpv_unwind_ucontext(const void *ucontext, const struct fpv_opts *opts,
			struct fpv_frame *frames, unsigned int max, struct fpv_trace *trace);

/* Walk from the caller's own context (its frame is frame 0). */
int fpv_unwind_regs(const struct fpv_regs *regs, const struct fpv_opts *opts,
		    struct fpv_frame *frames, unsigned int max, struct fpv_trace *trace);

#if defined(__aarch64__)
/* The caller's registers at this point (an exact pc: interrupted == 1). */
#define FPV_CURRENT_REGS(r) do { \
	__asm__ volatile("adr %0, 1f\n1:\tmov %1, sp\n\tmov %2, x29\n\tmov %3, x30" \
			 : "=&r"((r)->pc), "=&r"((r)->sp), "=&r"((r)->fp), "=&r"((r)->lr)); \
	(r)->interrupted = 1; \
} while (0)

/* Walk the calling function's stack from its call to fpv_unwind_here():
 * frame 0 is the caller, at the return address of that call.
 */
int fpv_unwind_here(const struct fpv_opts *opts, struct fpv_frame *frames, unsigned int max,
		    struct fpv_trace *trace);
#define fpv_unwind_current(opts, frames, max, trace) \
	fpv_unwind_here((opts), (frames), (max), (trace))
#endif

#endif /* __linux__ */

#ifdef __cplusplus
}
#endif

#endif
