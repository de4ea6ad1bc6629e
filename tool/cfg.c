// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Functions and control flow of one ELF file, for the frame-state analysis.
 * Functions come from symbols in every executable section (STT_FUNC, and
 * STT_NOTYPE labels written in assembly); a function runs to its st_size, or
 * to the next symbol when it has none.  Direct branches are resolved through
 * their relocation in a .o (a B/BL to another section or to a global symbol
 * always carries one) and through their address in linked files.  Noreturn
 * callees come from a table of known names plus a pre-pass that proves a
 * local function never returns; a call through the PLT is resolved to its
 * symbol through the GOT slot's dynamic relocation, so both apply there.  Jump tables are recognised in the shape GCC
 * and Clang emit at -O2 (adrp/add/ldrb|ldrh|ldr/adr/add/br) and read through
 * relocations or section data, bounded by a compare or a mask of the index
 * register, and no further than the next object code addresses
 * (cfg_refs.c).  No libelf here: the ELF layer gives sections, symbols and
 * relocations.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "error.h"
#include "grow.h"
#include "search.h"


/*
 * Callees that never return.  The kernel's list is objtool's
 * global_noreturns[] for 6.1 (tools/objtool/check.c) plus the functions
 * 6.1 declares __noreturn for arm64; the user-space part is the C
 * library's and the compilers' runtime.  Matched on the name up to the first
 * '.', so "panic.constprop.0" is covered.  A local function that never
 * returns needs no entry: cfg_find_noreturn() proves it.
 */
static const char *const noreturn_names[] = {
	/* C library, compiler runtime */
	"abort", "exit", "_exit", "_Exit", "quick_exit", "__stack_chk_fail",
	"__stack_chk_fail_local", "longjmp", "siglongjmp", "_longjmp", "__longjmp_chk",
	"__assert_fail", "__assert_perror_fail", "__assert", "__fortify_fail",
	"__chk_fail", "pthread_exit", "__cxa_throw", "__cxa_rethrow",
	"__cxa_bad_cast", "__cxa_bad_typeid", "__cxa_pure_virtual",
	"__cxa_call_unexpected", "_Unwind_Resume", "__ubsan_handle_builtin_unreachable",
	"__ubsan_handle_missing_return", "err", "errx", "verr", "verrx",
	"__libc_fatal", "__cxa_throw_bad_array_new_length", "__cxa_throw_bad_array_length",
	"__cxa_bad_cast", "_ZSt9terminatev", "_ZSt10unexpectedv",
	"_ZN10__cxxabiv111__terminateEPFvvE", "_ZN10__cxxabiv112__unexpectedEPFvvE",
	/* OCaml's runtime: the raise entries end in "br x16" to the handler the
	 * trap frame holds, so no proof finds them (runtime/arm64.S, and
	 * CAMLnoreturn in runtime/caml/fail.h) */
	"caml_raise_exn", "caml_raise_exception", "caml_stack_overflow",
	"caml_ml_array_bound_error", "caml_raise", "caml_raise_constant",
	"caml_raise_with_arg", "caml_raise_with_args", "caml_raise_with_string",
	"caml_failwith", "caml_failwith_value", "caml_invalid_argument",
	"caml_invalid_argument_value", "caml_array_bound_error", "caml_raise_out_of_memory",
	"caml_raise_stack_overflow", "caml_raise_sys_error", "caml_raise_end_of_file",
	"caml_raise_zero_divide", "caml_raise_not_found", "caml_raise_sys_blocked_io",
	"caml_fatal_error", "caml_fatal_uncaught_exception",
	/* Linux: objtool's global_noreturns[] (6.1) */
	"__invalid_creds", "__module_put_and_kthread_exit", "__reiserfs_panic",
	"__ubsan_handle_builtin_unreachable", "cpu_bringup_and_idle", "cpu_startup_entry",
	"do_exit", "do_group_exit", "do_task_dead", "ex_handler_msr_mce", "fortify_panic",
	"kthread_complete_and_exit", "kthread_exit", "kunit_try_catch_throw",
	"lbug_with_loc", "machine_real_restart", "make_task_dead", "panic",
	"rewind_stack_and_make_dead", "sev_es_terminate", "snp_abort", "stop_this_cpu",
	"usercopy_abort", "xen_start_kernel",
	/* Linux: declared __noreturn in 6.1 arch/arm64, include, kernel, mm, lib */
	"arm64_serror_panic", "hyp_panic", "hyp_panic_bad_stack", "__hyp_do_panic",
	"nvhe_hyp_panic_handler", "kunit_abort", "__host_enter",
	"kvm_host_psci_cpu_entry", "__pkvm_init_finalise",
};

/*
 * Go's functions that never return (runtime/panic.go, runtime/error.go,
 * runtime/proc.go, runtime/asm_arm64.s), matched on the whole name
 * .gopclntab gives a Go function (cfg_func.go; an ABI wrapper has its
 * function's name there), never on another symbol's name.  The compiler
 * calls runtime.panicIndex and its kind for every failed bounds check and
 * puts the next function's code, or nothing, after the call.  Not here,
 * since they return: runtime.panicCheck1/2 (checks),
 * runtime.badsystemstack, runtime.badmorestackg0 and
 * runtime.badmorestackgsignal (they print, their caller aborts).
 */
static const char *const go_noreturn_names[] = {
	"runtime.gopanic", "runtime.throw", "runtime.fatal", "runtime.fatalthrow",
	"runtime.fatalpanic", "runtime.Goexit", "runtime.goexit0", "runtime.goexit1",
	"runtime.sigpanic", "runtime.abort", "runtime.exit", "runtime.exitThread",
	"runtime.morestackc",
	"runtime.newstack", "runtime.panicwrap", "runtime.panicdottypeE",
	"runtime.panicdottypeI", "runtime.panicnildottype", "runtime.panicshift",
	"runtime.panicdivide", "runtime.panicoverflow", "runtime.panicfloat",
	"runtime.panicmem", "runtime.panicmemAddr", "runtime.panicmakeslicelen",
	"runtime.panicmakeslicecap", "runtime.panicunsafeslicelen",
	"runtime.panicunsafeslicenilptr", "runtime.panicunsafestringlen",
	"runtime.panicunsafestringnilptr",
	"runtime.panicIndex", "runtime.panicIndexU", "runtime.panicSliceAlen",
	"runtime.panicSliceAlenU", "runtime.panicSliceAcap", "runtime.panicSliceAcapU",
	"runtime.panicSliceB", "runtime.panicSliceBU", "runtime.panicSlice3Alen",
	"runtime.panicSlice3AlenU", "runtime.panicSlice3Acap", "runtime.panicSlice3AcapU",
	"runtime.panicSlice3B", "runtime.panicSlice3BU", "runtime.panicSlice3C",
	"runtime.panicSlice3CU", "runtime.panicSliceConvert",
	"runtime.goPanicIndex", "runtime.goPanicIndexU", "runtime.goPanicSliceAlen",
	"runtime.goPanicSliceAlenU", "runtime.goPanicSliceAcap", "runtime.goPanicSliceAcapU",
	"runtime.goPanicSliceB", "runtime.goPanicSliceBU", "runtime.goPanicSlice3Alen",
	"runtime.goPanicSlice3AlenU", "runtime.goPanicSlice3Acap",
	"runtime.goPanicSlice3AcapU", "runtime.goPanicSlice3B", "runtime.goPanicSlice3BU",
	"runtime.goPanicSlice3C", "runtime.goPanicSlice3CU", "runtime.goPanicSliceConvert",
};

/*
 * Go's functions that come back to their return address although no RET of
 * theirs does: they save the caller's SP, x29 and return address in the
 * goroutine (g.sched), switch to the g0 stack, and the scheduler later
 * resumes the caller there with runtime.gogo (runtime/asm_arm64.s).
 * runtime.morestack copies the stack first, so the caller runs on with the
 * same frame at a new address: to its CFA nothing changed.
 */
static const char *const go_resume_names[] = {
	"runtime.morestack", "runtime.morestack_noctxt", "runtime.mcall",
};

static bool in_names(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

bool cfg_go_resumes(const struct cfg_func *f)
{
	return f->go && in_names(f->go->name, go_resume_names,
				 sizeof(go_resume_names) / sizeof(go_resume_names[0]));
}

bool cfg_go_morestack(const struct cfg_func *f)
{
	return f->go && (!strcmp(f->go->name, "runtime.morestack") ||
			 !strcmp(f->go->name, "runtime.morestack_noctxt"));
}

bool cfg_func_noreturn_name(const struct cfg_func *f)
{
	if (f->go)
		return in_names(f->go->name, go_noreturn_names,
				sizeof(go_noreturn_names) / sizeof(go_noreturn_names[0]));
	return cfg_noreturn_name(f->sym->name);
}

static int cfg_load_alternatives(struct cfg_file *cf);
static int load_plt_slots(struct cfg_file *cf);

bool cfg_noreturn_name(const char *name)
{
	size_t len;

	if (!name)
		return false;
	/* libstdc++'s std::__throw_*() helpers: _ZSt19__throw_logic_errorPKc ... */
	if (!strncmp(name, "_ZSt", 4) && strstr(name, "__throw_"))
		return true;
	len = strcspn(name, ".");
	for (size_t i = 0; i < sizeof(noreturn_names) / sizeof(noreturn_names[0]); i++)
		if (strlen(noreturn_names[i]) == len && !strncmp(noreturn_names[i], name, len))
			return true;
	return false;
}

uint32_t cfg_word(const struct section *sec, uint64_t off)
{
	const uint8_t *p = sec->data + off;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t cfg_code_after(const struct cfg_file *cf, const struct cfg_func *f)
{
	const struct cfg_func *next = f + 1;
	struct section *sec = f->sec;
	uint64_t end = next < cf->funcs + cf->nr_funcs && next->sec == sec ? next->start :
		       sec->size & ~3ull;
	struct insn insn;

	for (uint64_t off = f->end; off + 4 <= end; off += 4) {
		if (sec->nr_maps && elf_is_data(sec, off))
			continue;
		arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
		if (!insn.is_nop && insn.word)
			return off;
	}
	return end;
}

static uint64_t sym_off(const struct elf_file *elf, const struct symbol *sym)
{
	if (elf->e_type == ET_REL)
		return sym->value;
	return sym->value - sym->sec->addr;
}

static bool func_candidate(const struct symbol *sym)
{
	const char *n = sym->name;

	if (!sym->sec || !sym->sec->text || !n || !n[0])
		return false;
	if (sym->type != STT_FUNC && sym->type != STT_NOTYPE)
		return false;
	if (elf_mapping_kind(n))		/* mapping symbols $x, $d, $x.123 */
		return false;
	if (n[0] == '.' && n[1] == 'L')		/* assembler-local labels kept by -L */
		return false;
	/* GNU ld's Cortex-A53 erratum 843419 veneers, "e843419@0002_00000010_2000":
	 * a stub that continues its caller ("ldr x0, [x0, #16] ; b back"), not a
	 * function; followed as a stub with the caller's state (check.c). */
	if (!strncmp(n, "e843419@", 8))
		return false;
	return true;
}

/* Sort: section, offset, STT_FUNC before labels, global before local. */
static const struct elf_file *sort_elf;

static int cand_cmp(const void *a, const void *b)
{
	const struct symbol *x = *(struct symbol *const *)a, *y = *(struct symbol *const *)b;
	uint64_t ox = sym_off(sort_elf, x), oy = sym_off(sort_elf, y);

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	if (x->type != y->type)
		return x->type == STT_FUNC ? -1 : 1;
	if ((x->bind == STB_LOCAL) != (y->bind == STB_LOCAL))
		return x->bind == STB_LOCAL ? 1 : -1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x < y ? -1 : x > y;
}

static bool is_cold_name(const char *n)
{
	const char *c = strstr(n, ".cold");

	return c && (c[5] == 0 || c[5] == '.');
}

/* Whether [start, end) of sec holds only padding (zero words, NOPs) or data. */
static bool only_padding(struct section *sec, uint64_t start, uint64_t end)
{
	struct insn insn;

	for (uint64_t off = start; off + 4 <= end; off += 4) {
		if (sec->nr_maps && elf_is_data(sec, off))
			continue;
		arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
		if (!insn.is_nop && insn.word)
			return false;
	}
	return true;
}

/*
 * Whether [start, end) begins, after padding, with a B to end that skips
 * code: GNU ld's erratum-843419 stub section ("b over ; nop ; ldr ; b back
 * ... "), which lands after the last input section and so inside the extent
 * of a label there (OCaml's camlFoo__code_end).  The stubs are reached only
 * from the branches that use them; check.c follows each as a stub.  Only
 * for a label without a size: a sized one (SYM_CODE_END) is code its
 * author delimited, such as a vector table whose first entry branches to
 * the handler right after it (the arm64 kernel's __kvm_hyp_init).
 */
static bool branch_over(struct section *sec, uint64_t start, uint64_t end)
{
	struct insn insn;

	for (uint64_t off = start; off + 4 <= end; off += 4) {
		if (sec->nr_maps && elf_is_data(sec, off))
			return false;
		arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
		if (insn.is_nop || !insn.word)
			continue;
		return insn.cls == INSN_JUMP_UNCOND && insn.has_target &&
		       insn.target == cfg_addr(sec, end) &&
		       !only_padding(sec, off + 4, end);
	}
	return false;
}

/* Turn the sorted candidates into functions with extents. */
static size_t build_funcs(const struct elf_file *elf, struct symbol **c, size_t n,
			  struct cfg_func *out)
{
	size_t nr = 0;

	for (size_t i = 0; i < n; i++) {
		struct symbol *s = c[i];
		uint64_t off = sym_off(elf, s), end;
		struct cfg_func *prev = nr ? &out[nr - 1] : NULL;
		const struct go_func *g;

		if (off >= s->sec->size)
			continue;
		if (prev && prev->sec == s->sec && off < prev->end) {
			/* an alias, or a label inside a sized function */
			if (off == prev->start || prev->sym->type == STT_FUNC)
				continue;
			prev->end = off;	/* labels split labels */
		}
		end = s->sec->size;
		for (size_t j = i + 1; j < n && c[j]->sec == s->sec; j++) {
			if (sym_off(elf, c[j]) > off) {
				end = sym_off(elf, c[j]);
				break;
			}
		}
		if (s->type == STT_FUNC && s->size && off + s->size <= s->sec->size)
			end = off + s->size;
		else if (s->size && off + s->size < end)	/* a label's .size (SYM_CODE_END):
								 * what follows is not its code */
			end = off + s->size;
		memset(&out[nr], 0, sizeof(out[nr]));
		out[nr].name = s->name;
		out[nr].sym = s;
		out[nr].sec = s->sec;
		out[nr].start = off;
		out[nr].end = end & ~3ull;
		out[nr].from_label = s->type != STT_FUNC;
		out[nr].is_cold = is_cold_name(s->name);
		g = elf_go_func(elf, cfg_addr(s->sec, off));
		out[nr].go = g && g->start == cfg_addr(s->sec, off) ? g : NULL;
		out[nr].noreturn = cfg_func_noreturn_name(&out[nr]);
		/* A label followed only by padding, or by the linker's stubs,
		 * marks an end, not a function (OCaml's camlFoo__code_end before
		 * the next module's alignment or the erratum-843419 stubs). */
		if (out[nr].from_label && (only_padding(s->sec, out[nr].start, out[nr].end) ||
					   (!s->size && branch_over(s->sec, out[nr].start,
								    out[nr].end))))
			continue;
		if (out[nr].end > out[nr].start && !(off & 3))
			nr++;
	}
	return nr;
}

static int name_cmp(const void *a, const void *b)
{
	const struct cfg_func *x = *(struct cfg_func *const *)a, *y = *(struct cfg_func *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x < y ? -1 : x > y);
}

/*
 * Local functions of different objects may share a name (three static
 * error_callback in libgo): each of them is named "name@0xADDR", so that a
 * finding says which one and `fpv explain` can be asked for it.
 */
static int name_duplicates(struct cfg_file *cf)
{
	struct cfg_func **by_name;
	size_t ndup = 0, bytes = 0;
	char *p;

	if (cf->nr_funcs < 2)
		return 0;
	by_name = malloc(cf->nr_funcs * sizeof(*by_name));
	if (!by_name)
		return -1;
	for (size_t i = 0; i < cf->nr_funcs; i++)
		by_name[i] = &cf->funcs[i];
	qsort(by_name, cf->nr_funcs, sizeof(*by_name), name_cmp);
	for (size_t i = 0; i < cf->nr_funcs; i++) {
		bool dup = (i && !strcmp(by_name[i - 1]->name, by_name[i]->name)) ||
			   (i + 1 < cf->nr_funcs && !strcmp(by_name[i + 1]->name, by_name[i]->name));

		if (dup) {
			bytes += strlen(by_name[i]->name) + 20;
			by_name[ndup++] = by_name[i];
		}
	}
	p = cf->dup_names = ndup ? malloc(bytes) : NULL;
	if (ndup && !p) {
		free(by_name);
		return -1;
	}
	for (size_t i = 0; i < ndup; i++) {
		struct cfg_func *f = by_name[i];
		int n = sprintf(p, "%s@0x%llx", f->name,
				(unsigned long long)cfg_addr(f->sec, f->start));

		f->name = p;
		p += n + 1;
	}
	free(by_name);
	return 0;
}

bool cfg_func_match(const struct cfg_func *f, const char *spec)
{
	char *end;
	unsigned long long a;

	if (!strcmp(f->name, spec) || !strcmp(f->sym->name, spec))
		return true;
	if (spec[0] != '0' || (spec[1] != 'x' && spec[1] != 'X'))
		return false;
	a = strtoull(spec, &end, 16);
	return !*end && a >= cfg_addr(f->sec, f->start) && a < cfg_addr(f->sec, f->end);
}

int cfg_load(struct elf_file *elf, struct cfg_file *cf)
{
	struct symbol **cand, *sym;
	size_t n = 0;

	memset(cf, 0, sizeof(*cf));
	cf->elf = elf;
	cand = malloc((elf->nr_symbols + 1) * sizeof(*cand));
	cf->funcs = malloc((elf->nr_symbols + 1) * sizeof(*cf->funcs));
	if (!cand || !cf->funcs) {
		free(cand);
		fpv_oom(elf->path);
		return -1;
	}
	for_each_sym(elf, sym)
		if (func_candidate(sym))
			cand[n++] = sym;
	sort_elf = elf;
	qsort(cand, n, sizeof(*cand), cand_cmp);
	cf->nr_funcs = build_funcs(elf, cand, n, cf->funcs);
	free(cand);
	if (name_duplicates(cf) < 0) {
		fpv_oom(elf->path);
		return -1;
	}
	if (load_plt_slots(cf) < 0 || elf_index_dyn_relocs(elf) < 0)
		return -1;
	if (cfg_load_alternatives(cf) < 0 || cfg_load_lsdas(cf) < 0)
		return -1;
	return 0;
}

void cfg_free(struct cfg_file *cf)
{
	for (size_t i = 0; i < cf->nr_funcs; i++)
		free(cf->funcs[i].tail);
	free(cf->funcs);
	free(cf->alts);
	free(cf->lsdas);
	free(cf->slots);
	free(cf->dup_names);
	free(cf->data_refs);
	free(cf->refs);
	memset(cf, 0, sizeof(*cf));
}

struct cfg_func *cfg_func_at(const struct cfg_file *cf, const struct section *sec, uint64_t off)
{
	size_t lo = 0, hi = cf->nr_funcs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		struct cfg_func *f = &cf->funcs[mid];

		if (f->sec->idx < sec->idx || (f->sec == sec && f->end <= off))
			lo = mid + 1;
		else if (f->sec->idx > sec->idx || off < f->start)
			hi = mid;
		else
			return f;
	}
	return NULL;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct reloc *x = *(struct reloc *const *)a, *y = *(struct reloc *const *)b;

	return x->offset != y->offset ? (x->offset < y->offset ? -1 : 1) : 0;
}

/*
 * The dynamic relocations that name a symbol, sorted by the address they
 * fill: a PLT entry's GOT slot is filled by one (a jump-slot relocation), which
 * names the function the entry calls.
 */
static int load_plt_slots(struct cfg_file *cf)
{
	struct elf_file *elf = cf->elf;

	if (!elf->nr_dyn_relocs)
		return 0;
	cf->slots = malloc(elf->nr_dyn_relocs * sizeof(*cf->slots));
	if (!cf->slots) {
		fpv_oom(elf->path);
		return -1;
	}
	for (size_t i = 0; i < elf->nr_dyn_relocs; i++)
		if (elf->dyn_relocs[i].sym && elf->dyn_relocs[i].sym->name[0])
			cf->slots[cf->nr_slots++] = &elf->dyn_relocs[i];
	qsort(cf->slots, cf->nr_slots, sizeof(*cf->slots), slot_cmp);
	return 0;
}

/*
 * The call to PLT entry off of plt: the symbol its GOT slot is relocated
 * against (the decoder reads the slot's address from the entry), and the
 * function of this file it defines, if any (a call through the file's own
 * PLT).  Unknown: the name "(plt)".
 */
static void plt_dest(const struct cfg_file *cf, const struct section *plt, uint64_t off,
		     struct cfg_dest *d)
{
	uint32_t words[6];
	size_t n = 0, lo;
	uint64_t slot;
	const struct symbol *sym;

	d->name = "(plt)";
	if (!plt->data)
		return;
	for (; n < 6 && off + 4 * n + 4 <= plt->size; n++)
		words[n] = cfg_word(plt, off + 4 * n);
	if (!arch_plt_slot(words, n, cfg_addr(plt, off), &slot))
		return;
	/* the first relocation at or after slot */
	lo = partition_point(cf->nr_slots, i, cf->slots[i]->offset < slot);
	if (lo == cf->nr_slots || cf->slots[lo]->offset != slot)
		return;
	sym = cf->slots[lo]->sym;
	d->name = sym->name;
	if (sym->sec && sym->sec->text && sym->value >= sym->sec->addr) {
		struct cfg_func *f = cfg_func_at(cf, sym->sec, sym->value - sym->sec->addr);

		if (f && f->start == sym->value - sym->sec->addr)
			d->callee = f;
	}
}

bool cfg_branch_dest(const struct cfg_file *cf, struct section *sec, uint64_t off,
		     const struct insn *insn, struct cfg_dest *d)
{
	struct elf_file *elf = cf->elf;

	memset(d, 0, sizeof(*d));
	if (!insn->has_target)
		return false;
	if (elf->e_type == ET_REL && sec->nr_relocs) {
		struct reloc *r = elf_find_reloc(sec, off, 4);

		if (r && r->offset == off && arch_reloc(r->type).kind == ARCH_RELOC_BRANCH) {
			if (!r->sym)
				return false;
			if (!r->sym->sec) {
				d->name = r->sym->name;	/* in another file */
				return true;
			}
			d->sec = r->sym->sec;
			d->off = r->sym->value + (uint64_t)r->addend;
			d->func = cfg_func_at(cf, d->sec, d->off);
			d->name = d->func ? d->func->name : r->sym->name;
			return true;
		}
	}
	if (elf->e_type == ET_REL || (insn->target >= sec->addr &&
					   insn->target - sec->addr < sec->size)) {
		d->sec = sec;
	} else {
		d->sec = elf_section_at_addr(elf, insn->target);
		if (!d->sec)
			return true;	/* nowhere known: d->sec NULL, no name */
	}
	d->off = insn->target - d->sec->addr;
	d->func = d->sec->text ? cfg_func_at(cf, d->sec, d->off) : NULL;
	d->name = d->func ? d->func->name : NULL;
	if (!d->func && (!strcmp(d->sec->name, ".plt") || !strcmp(d->sec->name, ".iplt"))) {
		/* A call through the PLT: a function of another file, or of
		 * this one when it calls its own exported function. */
		plt_dest(cf, d->sec, d->off, d);
		d->sec = NULL;
	}
	return true;
}

bool cfg_dest_noreturn(const struct cfg_dest *d)
{
	if (d->func && d->off == d->func->start)
		return d->func->noreturn;
	if (d->callee)
		return d->callee->noreturn;
	if (d->func)
		return false;
	return cfg_noreturn_name(d->name);
}

static int add_tail(struct cfg_func *f, uint32_t idx, size_t *cap)
{
	uint32_t *n = grow_array(f->tail, cap, (size_t)f->nr_tail + 1, sizeof(*n), 4);

	if (!n)
		return -1;
	f->tail = n;
	f->tail[f->nr_tail++] = idx;
	return 0;
}

/*
 * What one function can leave by: RET, an indirect jump, or a branch out.
 * -1 when out of memory.
 */
static int scan_exits(struct cfg_file *cf, struct cfg_func *f)
{
	size_t cap = 0;
	struct insn insn;
	struct cfg_dest d;
	bool last_falls = false;
	int32_t last_call = -1;

	for (uint64_t off = f->start; off < f->end; off += 4) {
		if (elf_is_data(f->sec, off))
			continue;
		arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &insn);
		last_falls = true;
		last_call = -1;
		switch (insn.cls) {
		case INSN_CALL:
			if (!insn.has_target && off + 4 == f->end && !f->from_label && f->sym->size)
				last_falls = false;	/* as check.c: a compiler ends a sized
							 * function with a call through a
							 * pointer only when it cannot return
							 * (llvm::report_bad_alloc_error) */
			if (!cfg_branch_dest(cf, f->sec, off, &insn, &d))
				break;
			if (d.func && d.off == d.func->start)
				last_call = (int32_t)(d.func - cf->funcs);
			else if (d.callee)
				last_call = (int32_t)(d.callee - cf->funcs);
			else if (!d.func && cfg_noreturn_name(d.name))
				last_falls = false;
			break;
		case INSN_RETURN:
		case INSN_JUMP_DYNAMIC:
			f->has_ret = true;
			break;
		case INSN_JUMP_UNCOND:
		case INSN_JUMP_COND:
			last_falls = insn.cls == INSN_JUMP_COND;
			if (!cfg_branch_dest(cf, f->sec, off, &insn, &d))
				break;
			if (d.func == f)
				break;
			if (d.func || d.callee) {
				if (add_tail(f, (uint32_t)((d.func ? d.func : d.callee) - cf->funcs),
					     &cap) < 0)
					return -1;
			} else if (!cfg_noreturn_name(d.name)) {
				f->has_ret = true;
			}
			break;
		case INSN_TRAP:
		case INSN_ERET:
			last_falls = false;
			break;
		default:
			break;
		}
	}
	/* Falling off the end continues in the next function (unless the
	 * last instruction calls a function that turns out never to return). */
	f->fall_next = -1;
	f->fall_call = last_call;
	f->fall_away = false;
	if (last_falls && f + 1 < cf->funcs + cf->nr_funcs && f[1].sec == f->sec &&
	    f[1].start == f->end)
		f->fall_next = (int32_t)(f + 1 - cf->funcs);
	else if (last_falls && last_call < 0)
		f->has_ret = true;	/* runs off its section: assume it returns */
	else if (last_falls && cfg_code_after(cf, f) < (f + 1 < cf->funcs + cf->nr_funcs &&
							 f[1].sec == f->sec ? f[1].start :
							 f->sec->size & ~3ull))
		f->fall_away = true;	/* into code no symbol names: returns, unless the
					 * last call never returns */
	/* else: only padding after a call, as compilers leave after a call they
	 * know never returns; it never returns */
	return 0;
}

static bool falls_out(const struct cfg_file *cf, const struct cfg_func *f)
{
	if (f->fall_call >= 0 && cf->funcs[f->fall_call].noreturn)
		return false;
	if (f->fall_away)
		return true;	/* into code that is no function: assume it returns */
	return f->fall_next >= 0 && !cf->funcs[f->fall_next].noreturn;
}

/*
 * A function never returns when it has no RET, no indirect jump, and every
 * branch out of it goes to a function that never returns, and it is not a
 * weak definition (the linker may pick another one that returns), nor one of
 * Go's that the scheduler resumes (cfg_go_resumes()).  The greatest
 * fixed point is taken, so mutually recursive dead ends stay noreturn.  The
 * scan is over all instructions, not only reachable ones: a RET anywhere
 * keeps the function returning (the safe direction).
 */
int cfg_find_noreturn(struct cfg_file *cf)
{
	bool changed = true;

	for (size_t i = 0; i < cf->nr_funcs; i++) {
		struct cfg_func *f = &cf->funcs[i];

		if (scan_exits(cf, f) < 0)
			return fpv_oom(cf->elf->path);
		/* a weak definition may be replaced at link time by one that returns */
		if (!f->has_ret && f->sym->bind != STB_WEAK && !cfg_go_resumes(f))
			f->noreturn = true;
	}
	while (changed) {
		changed = false;
		for (size_t i = 0; i < cf->nr_funcs; i++) {
			struct cfg_func *f = &cf->funcs[i];

			if (!f->noreturn || cfg_func_noreturn_name(f))
				continue;
			if (falls_out(cf, f)) {
				f->noreturn = false;
				changed = true;
				continue;
			}
			for (uint32_t t = 0; t < f->nr_tail; t++) {
				if (!cf->funcs[f->tail[t]].noreturn) {
					f->noreturn = false;
					changed = true;
					break;
				}
			}
		}
	}
	return 0;
}

/* ---- jump tables ---- */

struct jt {
	uint8_t tgt, anchor_reg, idx_reg, tbl_reg;
	uint8_t shift, ext, size;
	bool sign, anchor_is_tbl, absolute;
	uint64_t anchor;		/* address */
	struct section *tsec;		/* table section and offset */
	uint64_t toff;
	int64_t count;			/* entries, -1: unknown */
	bool exact;			/* count is the compare's: every entry is one */
	bool branches;			/* a table of B instructions at the anchor */
};

#define JT_WALK 8192	/* path steps back from a BR (___bpf_prog_run needs ~1500) */

/* Walk the path backwards from br to the instruction matching pred. */
static int32_t jt_find(const struct insn *insns, const int32_t *path, int32_t from,
		       bool (*pred)(const struct insn *, const struct jt *), const struct jt *jt)
{
	int32_t j = path[from];

	for (int steps = 0; j >= 0 && steps < JT_WALK; steps++, j = path[j])
		if (pred(&insns[j], jt))
			return j;
	return -1;
}

static bool jt_is_add(const struct insn *i, const struct jt *jt)
{
	return i->dp.kind == DP_ADD_REG && i->dp.rd == jt->tgt && !i->dp.neg;
}
static bool jt_writes_tgt(const struct insn *i, const struct jt *jt)
{
	return (i->dp.kind != DP_NONE && i->dp.kind != DP_CMP_IMM && i->dp.rd == jt->tgt) ||
	       (i->is_adr && i->reg == jt->tgt);
}
static bool jt_is_abs_load(const struct insn *i, const struct jt *jt)
{
	return i->dp.kind == DP_LOAD_IDX && i->dp.rd == jt->tgt && i->dp.size == 8;
}
static bool jt_is_load(const struct insn *i, const struct jt *jt)
{
	return i->dp.kind == DP_LOAD_IDX && i->dp.rd == jt->idx_reg;
}
static bool jt_writes_anchor(const struct insn *i, const struct jt *jt)
{
	return (i->is_adr && i->reg == jt->anchor_reg) ||
	       (i->dp.kind == DP_ADD_IMM && i->dp.rd == jt->anchor_reg);
}
/* Any write of the table register: the nearest one gives its value. */
static bool jt_writes_tbl(const struct insn *i, const struct jt *jt)
{
	return (i->is_adr && i->reg == jt->tbl_reg) ||
	       (jt->tbl_reg <= 30 && (i->regs_written & (UINT64_C(1) << jt->tbl_reg)));
}

/* The stack slot reg is loaded from at insn i ("ldr x1, [sp, #8]"), or -1. */
static int64_t jt_sp_load(const struct insn *i, unsigned reg)
{
	for (unsigned k = 0; k < i->nr_ops; k++) {
		const struct stack_op *o = &i->ops[k];

		if (o->dest.type == OP_DEST_REG && o->dest.reg == reg &&
		    o->src.type == OP_SRC_MEM && o->src.reg == CFI_SP)
			return o->src.offset;
	}
	return -1;
}

/* The register stored to [sp + slot] by insn i, or -1. */
static int jt_sp_store(const struct insn *i, int64_t slot)
{
	for (unsigned k = 0; k < i->nr_ops; k++) {
		const struct stack_op *o = &i->ops[k];

		if (o->dest.type == OP_DEST_MEM && o->dest.reg == CFI_SP &&
		    o->dest.offset == slot && o->src.type == OP_SRC_REG && o->src.reg <= 30)
			return o->src.reg;
	}
	return -1;
}

/*
 * The table address spilled to the stack and reloaded (GCC at -O2 in large
 * functions: "add x1, x28, #0x488 ; str x1, [sp, #8] ... ldr x1, [sp, #8] ;
 * ldrh w0, [x1, w0, uxtw #1]", apply_relocate_add, do_coredump): when the
 * nearest write of jt->tbl_reg before step *a is such a reload, follow the
 * path back to the nearest store to that slot, with SP not written between,
 * and continue from the stored register.  false when it is not a reload.
 */
static bool jt_follow_spill(const struct insn *insns, const int32_t *path, int32_t *a,
			    struct jt *jt)
{
	int32_t j = path[*a];
	int64_t slot = -1;
	int steps = 0;

	for (; j >= 0 && steps < JT_WALK; steps++, j = path[j]) {
		if (insns[j].regs_written & (UINT64_C(1) << jt->tbl_reg)) {
			slot = jt_sp_load(&insns[j], jt->tbl_reg);
			break;
		}
	}
	if (slot < 0)
		return false;
	for (j = path[j]; j >= 0 && steps < JT_WALK; steps++, j = path[j]) {
		int r = jt_sp_store(&insns[j], slot);

		if (r >= 0) {
			jt->tbl_reg = (uint8_t)r;
			*a = j;
			return true;
		}
		if (insns[j].regs_written & (UINT64_C(1) << CFI_SP))
			return false;
	}
	return false;
}

/*
 * Where the table lives: the relocation on the add (.o), or adrp page +
 * lo12 (linked), plus any further "add xT, xT, #off" on the way (a table
 * inside a larger object, e.g. ___bpf_prog_run's jumptable), through a
 * spill to the stack (jt_follow_spill).
 */
static bool jt_locate_table(const struct cfg_file *cf, const struct cfg_func *f,
			    const struct insn *insns, const int32_t *path, int32_t ld,
			    struct jt *jt)
{
	uint64_t extra = 0, addr;
	int32_t a = ld;
	struct jt t = *jt;	/* t.tbl_reg: the register holding the table address */
	jt_follow_spill(insns, path, &a, &t);

	for (int n = 0; n < 8; n++) {
		a = jt_find(insns, path, a, jt_writes_tbl, &t);
		if (a < 0)
			return false;
		if (insns[a].is_adr && insns[a].dp.kind != DP_ADD_IMM) {
			if (cf->elf->e_type == ET_REL)
				return false;	/* adrp without its add: not a table we know */
			addr = insns[a].adr_value + extra;
			jt->tsec = elf_section_at_addr(cf->elf, addr);
			if (!jt->tsec)
				return false;
			jt->toff = addr - jt->tsec->addr;
			return true;
		}
		if (cf->elf->e_type == ET_REL) {
			struct reloc *r = elf_find_reloc(f->sec, f->start + 4 * (uint64_t)a, 4);

			if (r && arch_reloc(r->type).kind == ARCH_RELOC_ADD_LO12 && r->sym && r->sym->sec) {
				jt->tsec = r->sym->sec;
				jt->toff = r->sym->value + (uint64_t)r->addend + extra;
				return jt->toff < jt->tsec->size;
			}
		}
		if (insns[a].dp.rd != t.tbl_reg)
			return false;	/* a load or other write: not an address we know */
		if (insns[a].dp.kind == DP_MOV_REG) {	/* a copy: "mov x23, x0" (do_con_write) */
			if (insns[a].dp.rm > 30)
				return false;
			t.tbl_reg = insns[a].dp.rm;
			continue;
		}
		/* "add xT, xS, #off": xT is xS + off ("adrp x1, page ; add x23,
		 * x1, #lo12", GCC in pcre2's compiler), which the nearest
		 * write of xS before it gives */
		if (insns[a].dp.kind != DP_ADD_IMM || insns[a].dp.rn > 30)
			return false;
		t.tbl_reg = insns[a].dp.rn;
		extra += (uint64_t)insns[a].dp.imm;
	}
	return false;
}

static int64_t jt_extend(uint64_t v, unsigned ext)
{
	switch (ext) {
	case DP_EXT_UXTB: return (uint8_t)v;
	case DP_EXT_UXTH: return (uint16_t)v;
	case DP_EXT_UXTW: return (uint32_t)v;
	case DP_EXT_SXTB: return (int8_t)v;
	case DP_EXT_SXTH: return (int16_t)v;
	case DP_EXT_SXTW: return (int32_t)v;
	default: return (int64_t)v;
	}
}

/* Entry i as a target address; false when it cannot be read. */
static bool jt_entry(const struct cfg_file *cf, const struct jt *jt, int64_t i, uint64_t *target)
{
	uint64_t eoff = jt->toff + (uint64_t)i * jt->size, v = 0;

	if (!jt->tsec->data || eoff + jt->size > jt->tsec->size)
		return false;
	if (cf->elf->e_type == ET_REL && jt->tsec->nr_relocs) {
		struct reloc *r = elf_find_reloc(jt->tsec, eoff, jt->size);

		if (r) {	/* .xword .Lcase: an absolute entry, relocated */
			if (!jt->absolute || !arch_reloc_is(r->type, ARCH_RELOC_ABS, 8) || !r->sym || !r->sym->sec)
				return false;
			*target = r->sym->sec->addr + r->sym->value + (uint64_t)r->addend;
			return true;
		}
	}
	if (cf->elf->e_type != ET_REL && jt->absolute && jt->size == 8) {
		const struct reloc *r = elf_find_dyn_reloc(cf->elf, jt->tsec->addr + eoff);

		if (r && arch_reloc(r->type).kind == ARCH_RELOC_RELATIVE) {	/* a relocatable kernel */
			*target = (uint64_t)r->addend;
			return true;
		}
	}
	for (unsigned b = 0; b < jt->size; b++)
		v |= (uint64_t)jt->tsec->data[eoff + b] << (8 * b);
	if (jt->sign && jt->size < 8)
		v = (uint64_t)((int64_t)(v << (64 - 8 * jt->size)) >> (64 - 8 * jt->size));
	if (jt->absolute) {
		*target = v;
		return true;
	}
	*target = jt->anchor + ((uint64_t)jt_extend(v, jt->ext) << jt->shift);
	return true;
}

static bool jt_entry(const struct cfg_file *cf, const struct jt *jt, int64_t i, uint64_t *target);

/* Every one of the jt->count entries lands inside f. */
static bool jt_valid(const struct cfg_file *cf, const struct cfg_func *f, const struct jt *jt)
{
	for (int64_t i = 0; i < jt->count; i++) {
		uint64_t t;

		if (!jt_entry(cf, jt, i, &t) || (t & 3) || t < f->sec->addr ||
		    t - f->sec->addr < f->start || t - f->sec->addr >= f->end)
			return false;
	}
	return true;
}

/*
 * The table address was spilled to the stack and reloaded (gcc at -O2 in
 * large functions: "ldr x1, [sp, #96] ; ldrh w0, [x1, w0, uxtw #1]").  In a
 * .o, try each table the function addresses (an ADD_ABS_LO12_NC to a data
 * section) and take the first whose count entries all land in the function.
 * Needs a known bound and an adr anchor.
 */
static bool jt_guess_table(const struct cfg_file *cf, const struct cfg_func *f, struct jt *jt)
{
	struct reloc *r;

	if (cf->elf->e_type != ET_REL || jt->count <= 0 || jt->absolute || !jt->anchor)
		return false;
	r = elf_find_reloc(f->sec, f->start, f->end - f->start);
	for (; r && r < f->sec->relocs + f->sec->nr_relocs && r->offset < f->end; r++) {
		if (arch_reloc(r->type).kind != ARCH_RELOC_ADD_LO12 || !r->sym || !r->sym->sec ||
		    r->sym->sec->text)
			continue;
		jt->tsec = r->sym->sec;
		jt->toff = r->sym->value + (uint64_t)r->addend;
		if (jt->toff < jt->tsec->size && jt_valid(cf, f, jt))
			return true;
	}
	return false;
}

/*
 * Bits of the result of "ubfx/lsr/uxtb rd, rn, ..." (UBFM with imms >= immr)
 * or "and rd, rn, #(2^n - 1)" (AND/ANDS immediate, a low mask): the value is
 * below 1 << width.  0 for any other instruction.  The decoder's dp summary
 * does not describe these, so they are matched on the word.
 */
/* "cmp wK, #max" as a bound: max + 1 entries; -1 for a CMN (not a bound). */
static int64_t jt_cmp_count(const struct insn *i)
{
	return i->dp.imm <= 0 ? -i->dp.imm + 1 : -1;
}

/* The same mask (ubfx/and of the same register, same lsb and width <= 16). */
static bool jt_same_mask(const struct insn *a, const struct insn *b)
{
	return a->dp.kind == DP_UBFX && b->dp.kind == DP_UBFX && a->dp.rn == b->dp.rn &&
	       a->dp.shift == b->dp.shift && a->dp.imm == b->dp.imm;
}

/*
 * The index was computed at path step m as a mask of rn (width <= 16 bits,
 * so the 32- and 64-bit forms give the same value).  A range check made on
 * another register holding the same mask of the same, unchanged rn bounds
 * it as well (clang 16, kernel: "and w8, w4, #0xff ; cmp w8, #0x12 ; b.hi
 * default ; and x8, x4, #0xff" in vbin_printf, "ubfx w10, w9, #24, #5 ...
 * cmp w10, #0x13 ; b.hi ; ubfx x10, x9, #24, #5" in
 * __bpf_core_types_are_compat: the compare and the 64-bit index are two
 * computations of one value).  Walking back from m: a "cmp wK, #max" whose
 * K was last written by such a mask, with rn not written after that mask.
 * Returns max + 1, or -1 when no such compare is found before rn changes.
 */
static int64_t jt_mask_cmp_bound(const struct insn *insns, const int32_t *path, int32_t m)
{
	const struct insn *mask = &insns[m];
	uint64_t rn_bit;
	int32_t j = path[m];

	if (mask->dp.rn > 30)
		return -1;
	rn_bit = UINT64_C(1) << mask->dp.rn;
	for (int steps = 0; j >= 0 && steps < JT_WALK; steps++, j = path[j]) {
		const struct insn *c = &insns[j];

		if (c->regs_written & rn_bit)
			return -1;
		if (c->dp.kind != DP_CMP_IMM || c->dp.rn > 30)
			continue;
		/* K's value at the compare: its nearest write further back */
		for (int32_t k = path[j]; k >= 0 && steps < JT_WALK; steps++, k = path[k]) {
			if (insns[k].regs_written & rn_bit)
				break;	/* rn differs there (an in-place mask too) */
			if (!(insns[k].regs_written & (UINT64_C(1) << c->dp.rn)))
				continue;
			if (jt_same_mask(&insns[k], mask) && insns[k].dp.rd == c->dp.rn)
				return jt_cmp_count(c);
			break;
		}
	}
	return -1;
}

/*
 * The number of table entries: follow the load's index register back along
 * the path, through register moves and zero-extensions, to the first of
 *   "cmp wI, #max" on it (b.hi default after; DP_CMP_IMM holds SUBS's
 *   addend, -max; a CMN is not a bound)    -> max + 1
 *   a mask of it to n bits (ubfx, and)     -> 1 << n, or fewer when a
 *     compare of the same mask bounds it (jt_mask_cmp_bound)
 * A compare made after the index was copied, on the copy's source, bounds
 * it too (GCC 12, ima_parse_rule: "mov w3, w0 ; cmp w0, #0x2d ; b.ls ;
 * ldrh w0, [x24, w3, uxtw #1]"): walking back, a compare of another
 * register K is kept as pending[K] until K is written; when the move that
 * made the index a copy of K is reached, a compare still pending on K was
 * made on the same value.  Any other compare of another register bounds
 * nothing (clang's "ubfx x10, x19, #1, #3" table with an unrelated "cmp w1,
 * #0" before it); any other write of the index leaves the count unknown
 * (-1).
 */
static int64_t jt_bound(const struct insn *insns, const int32_t *path, int32_t ld,
			unsigned reg, bool *exact)
{
	int32_t j = path[ld];
	int64_t pending[31];
	/* the conditional branches between the compare met next and the BR:
	 * one for equality, one for a range */
	bool eq_seen = false, range_seen = false;

	*exact = true;
	for (unsigned r = 0; r < 31; r++)
		pending[r] = -1;
	for (int steps = 0; j >= 0 && steps < JT_WALK; steps++, j = path[j]) {
		const struct insn *i = &insns[j];
		unsigned width;

		/* "cmp w2, #0x1 ; b.ne" picks one case out, it bounds nothing
		 * (clang, libLLVM's AsmPrinter::emitCallSiteValue: the index
		 * masked to 3 bits, a table of 8) */
		if (i->cls == INSN_JUMP_COND && i->cond != ARCH_COND_NONE) {
			if (i->cond == ARCH_COND_EQ || i->cond == ARCH_COND_NE)
				eq_seen = true;
			else
				range_seen = true;
		}
		if (i->dp.kind == DP_CMP_IMM) {
			bool only_equality = eq_seen && !range_seen;

			eq_seen = range_seen = false;
			if (only_equality)
				continue;
		}
		if (i->dp.kind == DP_CMP_IMM && i->dp.rn == reg)
			return jt_cmp_count(i);
		if (reg > 30)
			return -1;
		for (unsigned r = 0; r < 31; r++)	/* a call also clobbers x0-x18 */
			if ((i->regs_written & (UINT64_C(1) << r)) ||
			    (i->cls == INSN_CALL && r <= 18))
				pending[r] = -1;
		if (i->dp.kind == DP_CMP_IMM && i->dp.rn < 31 && pending[i->dp.rn] < 0)
			pending[i->dp.rn] = jt_cmp_count(i);
		if (!(i->regs_written & (UINT64_C(1) << reg)))
			continue;
		if (i->dp.kind == DP_MOV_REG && i->dp.rd == reg) {
			reg = i->dp.rm;
			if (reg < 31 && pending[reg] >= 1)
				return pending[reg];
			continue;
		}
		if (i->dp.kind == DP_UBFX && i->dp.rd == reg) {
			width = (unsigned)i->dp.imm;
			if (width >= 1 && width <= 16) {
				int64_t n = jt_mask_cmp_bound(insns, path, j);

				if (n >= 1 && n < ((int64_t)1 << width))
					return n;
				*exact = false;	/* the mask bounds the index, not the table */
				return (int64_t)1 << width;
			}
			if (width >= 32 && i->dp.shift == 0) {	/* zero-extension */
				reg = i->dp.rn;
				if (reg < 31 && pending[reg] >= 1)
					return pending[reg];
				continue;
			}
		}
		/* "ldrb wI, [...]": an index read from a table of bytes (rustc's
		 * byte-index tables) is below 256; like a mask, it bounds the
		 * index but not the table */
		if (i->dp.kind == DP_LOAD_IDX && i->dp.rd == reg && i->dp.size == 1 && !i->dp.sign) {
			*exact = false;
			return 256;
		}
		return -1;
	}
	return -1;
}

static bool jt_writes_idx(const struct insn *i, const struct jt *jt)
{
	return jt->idx_reg <= 30 && (i->regs_written & (UINT64_C(1) << jt->idx_reg));
}

/*
 * The stride of a table of code: the index was last written at path step
 * w by "mul/smull/umull xI, xS, xK" (DP_MUL, no addend) with xK last set
 * by "mov wK, #k", k a multiple of 4 from 8 to 64 (entries of 2 to 16
 * instructions).  Returns k and sets *src to S, the register holding the
 * entry number; 0 for any other write.
 */
static unsigned jt_stride(const struct insn *insns, const int32_t *path, int32_t w, uint8_t *src)
{
	const struct insn *m = &insns[w];
	uint8_t ops[2] = { m->dp.rm, m->dp.rn };

	if (m->dp.kind != DP_MUL || m->dp.rn == m->dp.rm)
		return 0;
	for (unsigned k = 0; k < 2; k++) {
		struct jt t = { .idx_reg = ops[k] };
		int32_t c;
		int64_t v;

		if (ops[k] > 30 || ops[!k] > 30)
			continue;
		c = jt_find(insns, path, w, jt_writes_idx, &t);
		if (c < 0 || insns[c].dp.kind != DP_MOV_IMM || insns[c].dp.rd != ops[k])
			continue;
		v = insns[c].dp.imm;
		if (v < 8 || v > 64 || (v & 3))
			return 0;
		*src = ops[!k];
		return (unsigned)v;
	}
	return 0;
}

/*
 * Where a table of code with no bound on its index ends: the lowest
 * address beyond the anchor that a B in the table branches forward to (the
 * common tail its entries jump to), looking only at the words before the
 * lowest such address found so far, never past the function's end.  0 when
 * no B there branches forward inside the function.
 */
static uint64_t jt_code_tail(const struct cfg_func *f, uint64_t anchor)
{
	uint64_t end = cfg_addr(f->sec, f->end), lim = end;

	for (uint64_t a = anchor; a < lim; a += 4) {
		struct insn b;

		arch_decode(cfg_word(f->sec, a - f->sec->addr), a, &b);
		if (b.cls == INSN_JUMP_UNCOND && b.has_target && b.target > a && b.target < lim &&
		    !(b.target & 3))
			lim = b.target;
	}
	return lim < end ? lim : 0;
}

/*
 * A table of code in the function, indexed by a computed (not loaded)
 * index:
 *   "adr x16, .Ltab ; add x16, x16, x4, lsl #2 ; br x16" with .Ltab a run
 *   of B instructions (OCaml's native-code switch, "asr x4, x3, #1"): a
 *   compare of the index bounds the run exactly; without one it is the B
 *   instructions that follow one another from .Ltab;
 *   "adr x1, .Ltab ; and w0, w0, #0x1f ; add x1, x1, x0, lsl #3 ; br x1",
 *   entries of 2 or 4 instructions (libffi's return-type dispatch): only
 *   with a compare or a mask of the index to bound it;
 *   "mov w3, #0xc ; smull x2, w2, w3 ; adr x3, 0f ; add x3, x3, x2 ; br x3
 *   ; 0: ...", entries of k bytes (jt_stride: a multiply by a constant k,
 *   a multiple of 4 from 8 to 64, and no shift on the add; libffi's
 *   extend_hfa_type, entries of 3 instructions): bounded by a compare or a
 *   mask of the multiplied register when there is one; otherwise, and only
 *   when the table starts right after the BR (no other code can reach it),
 *   the entries are those below the common tail they branch forward to
 *   (jt_code_tail: "b 4f" ... "4: str q19, [x0, #48]" after the last
 *   entry).  With neither, the table is not read.
 * Taken only when the nearest write of the index is not a load (the
 * tables above).
 */
static bool jt_branch_table(const struct cfg_file *cf, const struct cfg_func *f,
			    const struct insn *insns, const int32_t *path, int32_t add,
			    uint32_t br, struct jt *jt)
{
	int32_t w = jt_find(insns, path, add, jt_writes_idx, jt), anc;
	uint64_t base = cfg_addr(f->sec, f->start), tail;
	unsigned stride = 0;
	uint8_t src = 0;
	struct insn b;

	(void)cf;
	if (w < 0 || insns[w].dp.kind == DP_LOAD_IDX ||
	    (jt->ext != DP_EXT_NONE && jt->ext != DP_EXT_UXTX && jt->ext != DP_EXT_SXTX))
		return false;
	if (jt->shift == 0)
		stride = jt_stride(insns, path, w, &src);
	if (!stride && (jt->shift < 2 || jt->shift > 4))
		return false;
	anc = jt_find(insns, path, add, jt_writes_anchor, jt);
	if (anc < 0 || !insns[anc].is_adr || insns[anc].dp.kind == DP_ADD_IMM)
		return false;
	jt->anchor = insns[anc].adr_value;
	if (jt->anchor < base || (jt->anchor & 3) || jt->anchor - base >= f->end - f->start)
		return false;
	if (stride) {
		jt->count = jt_bound(insns, path, w, src, &jt->exact);
		if (jt->count < 0 || !jt->exact) {
			/* no compare: the entries before the common tail */
			tail = jt->anchor == base + 4 * (uint64_t)br + 4 ?
			       jt_code_tail(f, jt->anchor) : 0;
			if (tail) {
				int64_t n = (int64_t)((tail - jt->anchor + stride - 1) / stride);

				if (jt->count < 0 || n < jt->count)
					jt->count = n;
				jt->exact = false;
			} else if (jt->count < 0) {
				return false;
			}
		}
		jt->branches = true;
		jt->size = (uint8_t)stride;
		return true;
	}
	jt->count = jt_bound(insns, path, add, jt->idx_reg, &jt->exact);
	if (jt->shift == 2) {
		arch_decode(cfg_word(f->sec, jt->anchor - f->sec->addr), jt->anchor, &b);
		if (b.cls != INSN_JUMP_UNCOND || !b.has_target)
			return false;
	} else if (jt->count < 0) {
		return false;
	}
	jt->branches = true;
	jt->size = (uint8_t)(1u << jt->shift);
	return true;
}

/* Match the instructions that feed the BR; fills jt. */
static bool jt_match(const struct cfg_file *cf, const struct cfg_func *f,
		     const struct insn *insns, const int32_t *path, uint32_t br, struct jt *jt)
{
	int32_t add, ld, anc;

	memset(jt, 0, sizeof(*jt));
	jt->tgt = insns[br].reg;
	/* The nearest write of the BR's register decides the shape. */
	add = jt_find(insns, path, (int32_t)br, jt_writes_tgt, jt);
	if (add < 0)
		return false;
	if (!jt_is_add(&insns[add], jt)) {	/* ldr x0, [x1, x0, lsl #3]; br x0 */
		if (!jt_is_abs_load(&insns[add], jt))
			return false;
		ld = add;
		jt->absolute = true;
	} else {
		jt->anchor_reg = insns[add].dp.rn;
		jt->idx_reg = insns[add].dp.rm;
		jt->shift = insns[add].dp.shift;
		jt->ext = insns[add].dp.ext;
		if (jt_branch_table(cf, f, insns, path, add, br, jt))
			return true;
		ld = jt_find(insns, path, add, jt_is_load, jt);
		if (ld < 0)
			return false;
	}
	jt->tbl_reg = insns[ld].dp.rn;
	jt->size = insns[ld].dp.size;
	jt->sign = insns[ld].dp.sign;
	if (!jt->size || jt->size > 8)
		return false;
	jt->count = jt_bound(insns, path, ld, insns[ld].dp.rm, &jt->exact);
	if (!jt->absolute) {
		/* The nearest write of the anchor register: adr (gcc, clang) or
		 * the table address itself (entries relative to the table). */
		anc = jt_find(insns, path, add, jt_writes_anchor, jt);
		if (anc < 0)
			return false;
		if (insns[anc].is_adr && insns[anc].dp.kind != DP_ADD_IMM)
			jt->anchor = insns[anc].adr_value;
		else if (jt->anchor_reg != jt->tbl_reg)
			return false;
	}
	if (!jt_locate_table(cf, f, insns, path, ld, jt) && !jt_guess_table(cf, f, jt))
		return false;
	if (!jt->absolute && !jt->anchor)
		jt->anchor = jt->tsec->addr + jt->toff;
	return true;
}

/*
 * A compare bounds the table exactly: all its entries must be targets in
 * the function, or the function's end (an empty unreachable default).
 * Without one (a mask or a byte load bounds only the index, or nothing
 * does: the compiler knew the range from the type), the table is read up
 * to that bound, and no further than the next address the file's code
 * computes outside its code (the next object: a table does not overlap
 * one), while its entries land in the function.
 */
size_t cfg_jump_table(struct cfg_file *cf, const struct cfg_func *f,
		      const struct insn *insns, const int32_t *path, uint32_t br,
		      uint64_t *targets, size_t max)
{
	struct jt jt;
	size_t n = 0;
	int64_t count;

	if (!jt_match(cf, f, insns, path, br, &jt))
		return 0;
	count = jt.count >= 0 && (uint64_t)jt.count <= max ? jt.count : (int64_t)max;
	if (jt.branches) {	/* each entry is the code at anchor + size * i */
		for (int64_t i = 0; i < count; i++) {
			uint64_t off = jt.anchor + jt.size * (uint64_t)i - f->sec->addr;
			struct insn b;

			if (off >= f->end)
				return jt.exact && jt.count >= 0 ? 0 : n;
			arch_decode(cfg_word(f->sec, off), jt.anchor + jt.size * (uint64_t)i, &b);
			if (jt.size == 4 && (b.cls != INSN_JUMP_UNCOND || !b.has_target))
				return jt.exact && jt.count >= 0 ? 0 : n;
			targets[n++] = off;
		}
		return n;
	}
	if (!jt.exact || jt.count < 0) {
		uint64_t start = jt.tsec->addr + jt.toff, next = cfg_next_data_ref(cf, start);

		if (next != UINT64_MAX && (next - start) / jt.size < (uint64_t)count)
			count = (int64_t)((next - start) / jt.size);
	}
	for (int64_t i = 0; i < count; i++) {
		uint64_t t, off;

		if (!jt_entry(cf, &jt, i, &t))
			break;
		off = t - f->sec->addr;
		if (!(t & 3) && t >= f->sec->addr && off == f->end)
			continue;	/* the end: a block with no code, never reached */
		if ((t & 3) || t < f->sec->addr || off < f->start || off >= f->end) {
			if (jt.count >= 0 && jt.exact)
				return 0;	/* a compare-bounded table must be all valid */
			break;
		}
		targets[n++] = off;
	}
	return n;
}

/* ---- kernel alternatives ---- */

static bool is_func_start(const struct cfg_file *cf, const struct section *sec, uint64_t off)
{
	const struct cfg_func *f = sec->text ? cfg_func_at(cf, sec, off) : NULL;

	return f && f->start == off && !f->from_label;
}

/* The place a PREL32 field at off in sec refers to. */
static bool prel32_target(const struct cfg_file *cf, struct section *sec, uint64_t off,
			  struct section **tsec, uint64_t *toff)
{
	if (cf->elf->e_type == ET_REL) {
		struct reloc *r = elf_find_reloc(sec, off, 4);

		if (!r || r->offset != off || !arch_reloc_is(r->type, ARCH_RELOC_PCREL, 4) || !r->sym || !r->sym->sec)
			return false;
		*tsec = r->sym->sec;
		*toff = r->sym->value + (uint64_t)r->addend;
	} else {
		int32_t v = (int32_t)cfg_word(sec, off);
		uint64_t addr = sec->addr + off + (uint64_t)(int64_t)v;

		*tsec = elf_section_at_addr(cf->elf, addr);
		if (!*tsec)
			return false;
		*toff = addr - (*tsec)->addr;
	}
	return *toff < (*tsec)->size;
}

static int alt_cmp(const void *a, const void *b)
{
	const struct cfg_alt *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * One entry of a kernel table at offset e of sec, into *a (zeroed): false
 * when the entry names nothing fpv follows.
 */
typedef bool (*alt_entry_fn)(const struct cfg_file *cf, struct section *sec, uint64_t e,
			     struct cfg_alt *a);

/*
 * struct alt_instr (arch/arm64/include/asm/alternative-macros.h): s32
 * orig_offset, s32 alt_offset, u16 cpucap, u8 orig_len, u8 alt_len.
 */
static bool alt_entry(const struct cfg_file *cf, struct section *sec, uint64_t e, struct cfg_alt *a)
{
	struct section *rsec;
	uint64_t roff;

	if (!prel32_target(cf, sec, e, &a->sec, &a->off) || !a->sec->text)
		return false;
	a->len = sec->data[e + 10];
	a->rlen = sec->data[e + 11];
	if (!a->len || (a->len & 3) || a->off + a->len > a->sec->size)
		return false;
	/*
	 * The replacement is in .altinstr_replacement or, since 5.x, in
	 * .subsection 1 of the same text section.  An entry whose target
	 * is a function (alt_cb_patch_nops, kvm_update_va_mask, ...) is a
	 * patching callback, undefined in the .o.
	 */
	if (prel32_target(cf, sec, e + 4, &rsec, &roff) && !is_func_start(cf, rsec, roff) &&
	    !(a->rlen & 3) && roff + a->rlen <= rsec->size) {
		a->rsec = rsec;
		a->roff = roff;
	} else {
		a->rsec = NULL;		/* callback: patched to NOPs */
		a->rlen = a->len;
	}
	return true;
}

/* Static keys (struct jump_entry: s32 code, s32 target, s64 key): every site can also branch. */
static bool jump_label_entry(const struct cfg_file *cf, struct section *sec, uint64_t e,
			     struct cfg_alt *a)
{
	if (!prel32_target(cf, sec, e, &a->sec, &a->off) || !a->sec->text ||
	    !prel32_target(cf, sec, e + 4, &a->tsec, &a->toff) || (a->off & 3))
		return false;
	a->len = 4;
	a->jump_label = true;
	return true;
}

/*
 * Exception fixups: a uaccess or hypervisor instruction that faults resumes
 * at its fixup, code no branch reaches (__arch_copy_from_user's tail,
 * __kvm_at()'s error path).  Only a fixup inside the same function as the
 * instruction is followed (alt_path); the entries are PC-relative words,
 * relocated in an object and resolved from the entry's address in a linked
 * image.
 */
static bool ex_entry(const struct cfg_file *cf, struct section *sec, uint64_t e, struct cfg_alt *a)
{
	if (!prel32_target(cf, sec, e, &a->sec, &a->off) || !a->sec->text ||
	    (a->off & 3) || !prel32_target(cf, sec, e + 4, &a->tsec, &a->toff) ||
	    a->tsec != a->sec || (a->toff & 3))
		return false;
	a->len = 4;
	a->ex_fixup = true;
	return true;
}

/*
 * struct bug_entry with CONFIG_GENERIC_BUG_RELATIVE_POINTERS and
 * CONFIG_DEBUG_BUGVERBOSE (arm64 defconfig): s32 bug_addr_disp, s32
 * file_disp, u16 line, u16 flags.  A WARN() continues after its BRK.
 */
#define BUGFLAG_WARNING 1

static bool bug_entry(const struct cfg_file *cf, struct section *sec, uint64_t e, struct cfg_alt *a)
{
	uint16_t flags = (uint16_t)(sec->data[e + 10] | sec->data[e + 11] << 8);

	if (!(flags & BUGFLAG_WARNING) || !prel32_target(cf, sec, e, &a->sec, &a->off) ||
	    !a->sec->text || (a->off & 3))
		return false;
	a->len = 4;
	a->bug_warn = true;
	return true;
}

/*
 * A table and the symbols that bracket it in a linked vmlinux.  exact: its
 * size must be a whole number of entries (else the table is not read);
 * otherwise a trailing partial entry is ignored.
 */
struct alt_table {
	const char *name, *start, *stop;
	uint64_t esize;
	bool exact;
	alt_entry_fn entry;
};

static const struct alt_table alt_tables[] = {
	{ ".altinstructions", "__alt_instructions", "__alt_instructions_end", 12, false,
	  alt_entry },
	{ "__jump_table", "__start___jump_table", "__stop___jump_table", 16, false,
	  jump_label_entry },
	{ "__bug_table", "__start___bug_table", "__stop___bug_table", 12, true, bug_entry },
	/* arch/arm64/include/asm/extable.h (since 5.16: insn, fixup, type, data)
	 * and the hypervisor's own table (kvm_asm.h __KVM_EXTABLE: insn, fixup) */
	{ "__ex_table", "__start___ex_table", "__stop___ex_table", 12, true, ex_entry },
	{ "__kvm_ex_table", "__start___kvm_ex_table", "__stop___kvm_ex_table", 8, true, ex_entry },
};

/* Every entry of one table that names something, appended to cf->alts. */
static int load_alt_table(struct cfg_file *cf, size_t *cap, const struct alt_table *tb)
{
	struct elf_range t;
	struct cfg_alt *na;
	size_t n;

	if (!elf_find_table(cf->elf, tb->name, tb->start, tb->stop, &t) ||
	    (tb->exact ? t.size % tb->esize != 0 : t.size < tb->esize))
		return 0;
	n = t.size / tb->esize;
	if (cf->nr_alts + n > *cap) {
		na = realloc(cf->alts, (cf->nr_alts + n) * sizeof(*na));
		if (!na)
			return fpv_oom(cf->elf->path);
		cf->alts = na;
		*cap = cf->nr_alts + n;
	}
	for (size_t k = 0; k < n; k++) {
		struct cfg_alt *a = &cf->alts[cf->nr_alts];

		memset(a, 0, sizeof(*a));
		if (tb->entry(cf, t.sec, t.off + k * tb->esize, a))
			cf->nr_alts++;
	}
	return 0;
}

/*
 * The kernel's tables patched or consulted at boot: a section of their own in
 * an object or module; in a linked vmlinux the linker script brackets them
 * with symbols, and __jump_table lies inside .rodata (elf_find_table).
 */
static int cfg_load_alternatives(struct cfg_file *cf)
{
	size_t cap = 0;

	for (size_t i = 0; i < sizeof(alt_tables) / sizeof(alt_tables[0]); i++)
		if (load_alt_table(cf, &cap, &alt_tables[i]) < 0)
			return -1;
	if (cf->alts)
		qsort(cf->alts, cf->nr_alts, sizeof(*cf->alts), alt_cmp);
	return 0;
}

const struct cfg_alt *cfg_alt_from(const struct cfg_file *cf, const struct section *sec,
				   uint64_t off)
{
	const struct cfg_alt *a = cf->alts;

	/* the first entry at or after (sec, off) */
	return a + partition_point(cf->nr_alts, i, a[i].sec->idx < sec->idx ||
				   (a[i].sec == sec && a[i].off < off));
}

const struct cfg_alt *cfg_alt_at(const struct cfg_file *cf, const struct section *sec, uint64_t off)
{
	const struct cfg_alt *a = cf->nr_alts ? cfg_alt_from(cf, sec, off) : NULL;

	if (a && a < cf->alts + cf->nr_alts && a->sec == sec && a->off == off)
		return a;
	return NULL;
}

