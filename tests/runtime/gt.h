/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ground truth for libfpv: the shadow call stack every generated test
 * program (tests/runtime/gen.py) keeps, independent of any unwinding table.
 *
 * Each generated function pushes {id, return address} on entry (the return
 * address from __builtin_return_address, i.e. the compiler's own knowledge)
 * and pops before returning.  Around every call it records that it is in a
 * call, to whom, and its SP at that moment, which settles the one window the
 * shadow cannot see directly: whether the top function of the sample is the
 * shadow's top entry (H1) or a callee still in its prologue / already in its
 * epilogue (H2).  With in_call clear, only H1 holds; with in_call set, the
 * interrupted SP below call_sp proves H2, above it proves H1 (a tail-calling
 * epilogue), and equal allows both (the few instructions around the BL and
 * the callee's instructions before it moves SP).  Tail calls mark the entry
 * optional (the frame may or may not still exist), and so does a longjmp
 * for the frames it discards; a caller resets the depth after every call.
 * A signal handler leaves one slot untouched (the interrupted code may be
 * half-way through a push), writes a marker and pushes itself.
 */
#ifndef GT_H
#define GT_H

#include <stdint.h>

#define GT_MAX		4096
#define GT_OPTIONAL	1u	/* may be absent from the real stack */
#define GT_MARK		2u	/* signal marker: callee = depth before the signal */
#define GT_OTHER	0xffffffffu	/* callee outside generated code (libc) */

struct gt_entry {
	uint32_t id;
	uint32_t flags;
	uint64_t ra;
	uint32_t in_call;
	uint32_t callee;
	uint64_t call_sp;
};

extern volatile struct gt_entry gt_shadow[GT_MAX];
extern volatile int gt_depth;

#define GT_RA() ((uint64_t)__builtin_extract_return_addr(__builtin_return_address(0)) & 0xffffffffffffull)

#define GT_PUSH(ID) \
	int gt_my = gt_depth; \
	gt_shadow[gt_my].id = (ID); \
	gt_shadow[gt_my].flags = 0; \
	gt_shadow[gt_my].in_call = 0; \
	gt_shadow[gt_my].ra = GT_RA(); \
	gt_depth = gt_my + 1

#define GT_POP() (gt_depth = gt_my)

#define GT_SP() __extension__ ({ uint64_t _s; __asm__ volatile("mov %0, sp" : "=r"(_s)); _s; })

#define GT_PRECALL(CALLEE) do { \
	gt_shadow[gt_my].call_sp = GT_SP(); \
	gt_shadow[gt_my].callee = (CALLEE); \
	gt_shadow[gt_my].in_call = 1; \
} while (0)

#define GT_POSTCALL() do { \
	gt_depth = gt_my + 1; \
	gt_shadow[gt_my].in_call = 0; \
} while (0)

/* A call statement to a generated function (ID) or to libc (GT_OTHER). */
#define GT_CALL(CALLEE, STMT) do { GT_PRECALL(CALLEE); STMT; GT_POSTCALL(); } while (0)

/* return CALLEE(...) as a (possible) tail call: this frame becomes optional. */
#define GT_TAIL(CALLEE, EXPR) do { \
	gt_shadow[gt_my].flags = GT_OPTIONAL; \
	GT_PRECALL(CALLEE); \
	return EXPR; \
} while (0)

/* Signal handler prologue/epilogue: keep slot d, marker at d + 1. */
#define GT_SIG_ENTER() \
	int gt_sig_saved = gt_depth; \
	gt_shadow[gt_sig_saved + 1].flags = GT_MARK; \
	gt_shadow[gt_sig_saved + 1].callee = (uint32_t)gt_sig_saved; \
	gt_depth = gt_sig_saved + 2

#define GT_SIG_EXIT() (gt_depth = gt_sig_saved)

/* Before longjmp back to the frame at depth TARGET: the frames above may vanish. */
void gt_discard_above(int target);

/* Runtime (gt_rt.c): set up sampling; main calls its root until
 * gt_stopping, then gt_finish prints the counts. */
extern volatile int gt_stopping;
int gt_setup(int argc, char **argv, void (*sig_work)(int), const char *const *names,
	     unsigned nr_names);
int gt_finish(const char *prog);
void gt_watchdog(void);

#endif
