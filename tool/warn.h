/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The findings `fpv check` reports, in one X-macro list that gives the enum,
 * the printf format and the text docs/warnings.md must carry verbatim (with
 * each conversion written as <...>).  tests/golden/run.sh keeps the list and
 * the document in sync.  A finding is about the input, never a tool failure:
 * "file.o: warning: fpv: func+0x1c: <text>", at most one per function.
 */
#ifndef FPV_WARN_H
#define FPV_WARN_H

/*        id                 format                                           documented as */
#define FPV_WARNINGS(W) \
	W(CALL_NO_FRAME,    "call without x29 pointing at the frame record",  "call without x29 pointing at the frame record") \
	W(NO_FRAME_RECORDS, "no frame record in %zu of %zu functions that call: built without frame pointers, checked as with --no-fp (--fp: every call needs a frame record)", \
			    "no frame record in <n> of <m> functions that call: built without frame pointers, checked as with --no-fp (--fp: every call needs a frame record)") \
	W(CALL_NO_RA,       "call with x30 not saved",                        "call with x30 not saved") \
	W(BAD_RECORD,       "frame record is not {x29, x30} adjacent in ABI order", "frame record is not {x29, x30} adjacent in ABI order") \
	W(FP_CLOBBER,       "x29 overwritten while the frame is live",        "x29 overwritten while the frame is live") \
	W(RET_SP,           "return with SP not restored",                    "return with SP not restored") \
	W(RET_FP,           "return with x29 not restored",                   "return with x29 not restored") \
	W(RET_RA,           "return with x30 not restored",                   "return with x30 not restored") \
	W(RET_PAC,          "return with x30 still signed",                   "return with x30 still signed") \
	W(TAIL_SP,          "tail call to %s with SP not restored",           "tail call to <function> with SP not restored") \
	W(TAIL_FP,          "tail call to %s with x29 not restored",          "tail call to <function> with x29 not restored") \
	W(TAIL_RA,          "tail call to %s with x30 not restored",          "tail call to <function> with x30 not restored") \
	W(MISMATCH,         "stack state mismatch: %s vs %s",                 "stack state mismatch: <state> vs <state>") \
	W(SP_UNKNOWN,       "SP changed by an unknown amount, frame state unknown from here", \
			    "SP changed by an unknown amount, frame state unknown from here") \
	W(DYN_JUMP,         "indirect jump with unknown targets while the frame is live", \
			    "indirect jump with unknown targets while the frame is live") \
	W(UNREACHABLE,      "unreachable instruction",                        "unreachable instruction") \
	W(FALLTHROUGH,      "falls through to next function %s",              "falls through to next function <function>") \
	W(FALLOFF,          "falls off the end of its section",               "falls off the end of its section") \
	W(UNDECODABLE,      "undecodable instruction word 0x%08x",            "undecodable instruction word <word>") \
	W(BAD_TARGET,       "branch to 0x%llx outside any function",          "branch to <address> outside any function")

enum fpv_warning {
#define FPV_W_ENUM(id, fmt, doc) W_##id,
	FPV_WARNINGS(FPV_W_ENUM)
#undef FPV_W_ENUM
	W_NR
};

#endif
