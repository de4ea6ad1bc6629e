// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the DWARF and SFrame normalisation (tool/dwarf.c,
 * tool/sframe.c) on the fixtures tests/xcheck/rules.mk builds into
 * $O/tests/xcheck/: cfi.o (hand-written CFI: x29-based CFA, PAC with
 * remember/restore_state, an x9-based CFA, an explicit undefined x30,
 * a remembered row at the address that defines it, x29 saved alone),
 * cfi.elf (the same,
 * linked), funcs.o (GCC, one section per function) and undef_cfa.o (a
 * DWARF CFA expression in a function SFrame leaves out).
 * Every expected row below was derived by hand from the fixture's source.
 */
#include <elf.h>
#include <stdlib.h>

#include "dwarf_cfi.h"
#include "elf_file.h"
#include "sframe.h"
#include "test.h"
#include "witness.h"

/* One expected row: CFA base/offset, x29 and x30 slots (0 = same value,
 * 1 = undefined, else saved at CFA+n), signed. */
struct row {
	uint8_t base;
	int32_t off;
	int32_t fp, ra;
	bool pac;
	uint8_t reg;		/* CFA_REG only */
};

#define SAME 0
#define UNDEF 1
#define SP(o, fp, ra, pac) { CFA_SP, o, fp, ra, pac, 0 }
#define FP(o, fp, ra, pac) { CFA_FP, o, fp, ra, pac, 0 }
#define RG(r, o, fp, ra) { CFA_REG, o, fp, ra, false, r }

static const char *fixture(const char *name)
{
	static char buf[512];
	const char *o = getenv("O");

	snprintf(buf, sizeof(buf), "%s/tests/xcheck/%s", o ? o : "build", name);
	return buf;
}

static void check_slot(uint8_t where, int32_t off, int32_t want, const char *what,
		       const char *fn, size_t i)
{
	uint8_t want_where = want == SAME ? REG_SAME : want == UNDEF ? REG_UNDEF : REG_SAVED;

	if (where != want_where || (where == REG_SAVED && off != want)) {
		test_failed_checks++;
		printf("  %s+0x%zx: %s: got where %u off %d, want %d\n", fn, 4 * i, what,
		       where, off, want);
	}
}

static void check_rows(const char *fn, const struct cfi_state *st, const uint8_t *cov,
		       const struct row *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct cfi_state *s = &st[i];
		if (!cov[i]) {
			test_failed_checks++;
			printf("  %s+0x%zx: not covered\n", fn, 4 * i);
			continue;
		}
		if (s->cfa_base != want[i].base || s->cfa_off != want[i].off ||
		    (want[i].base == CFA_REG && s->cfa_reg != want[i].reg)) {
			test_failed_checks++;
			printf("  %s+0x%zx: cfa: got base %u reg %u off %d, want base %u off %d\n",
			       fn, 4 * i, s->cfa_base, s->cfa_reg, s->cfa_off, want[i].base,
			       want[i].off);
		}
		check_slot(s->fp_where, s->fp_off, want[i].fp, "x29", fn, i);
		check_slot(s->ra_where, s->ra_off, want[i].ra, "x30", fn, i);
		if (s->ra_signed != want[i].pac) {
			test_failed_checks++;
			printf("  %s+0x%zx: signed: got %d want %d\n", fn, 4 * i, s->ra_signed,
			       want[i].pac);
		}
	}
}

/* The function's section and offset, from the symbol table. */
static bool find_func(struct elf_file *elf, const char *name, struct section **sec,
		      uint64_t *off)
{
	struct symbol *sym;

	for_each_sym(elf, sym)
		if (sym->sec && !strcmp(sym->name, name)) {
			*sec = sym->sec;
			*off = elf->e_type == ET_REL ? sym->value : sym->value - sym->sec->addr;
			return true;
		}
	return false;
}

static void expect(struct elf_file *elf, struct dwarf_cfi *d, struct sframe_wit *w,
		   const char *fn, const struct row *want, size_t n)
{
	struct cfi_state st[32];
	uint8_t cov[32];
	struct section *sec;
	uint64_t off;

	CHECK(n <= 32);
	if (!find_func(elf, fn, &sec, &off)) {
		test_failed_checks++;
		printf("  %s: no symbol\n", fn);
		return;
	}
	if (d) {
		CHECK_EQ(dwarf_cfi_states(d, sec, off, n, st, cov), (long)n);
		check_rows(fn, st, cov, want, n);
		/* The word after the function is outside its FDE. */
		CHECK_EQ(dwarf_cfi_states(d, sec, off + 4 * n, 1, st, cov) >= 0, 1);
	}
	if (w) {
		CHECK_EQ(sframe_wit_states(w, sec, off, n, st, cov), (long)n);
		check_rows(fn, st, cov, want, n);
	}
}

static const struct row fp_based[] = {
	SP(0, SAME, SAME, false), SP(0, SAME, SAME, true),	/* paciasp; stp */
	SP(32, -32, -24, true), FP(32, -32, -24, true),		/* mov x29, sp; cbz */
	FP(32, -32, -24, true), SP(0, SAME, SAME, true),	/* ldp; autiasp */
	SP(0, SAME, SAME, false),				/* ret */
	FP(32, -32, -24, true), FP(32, -32, -24, true),		/* restore_state: bl; ldp */
	SP(0, SAME, SAME, true), SP(0, SAME, SAME, false),	/* autiasp; ret */
};

static const struct row x9_dwarf[] = {
	SP(0, SAME, SAME, false), SP(16, -16, -8, false),
	RG(9, 16, -16, -8), RG(9, 16, -16, -8), RG(9, 16, -16, -8),
	SP(16, -16, -8, false), SP(0, SAME, SAME, false),
};

/* gas 2.40: the x9+16 rows come out as sp+16. */
static const struct row x9_sframe[] = {
	SP(0, SAME, SAME, false), SP(16, -16, -8, false),
	SP(16, -16, -8, false), SP(16, -16, -8, false), SP(16, -16, -8, false),
	SP(16, -16, -8, false), SP(0, SAME, SAME, false),
};

static const struct row outer_dwarf[] = {
	SP(0, SAME, UNDEF, false), SP(0, SAME, UNDEF, false), SP(0, SAME, UNDEF, false),
};

static const struct row outer_sframe[] = {
	SP(0, SAME, SAME, false), SP(0, SAME, SAME, false), SP(0, SAME, SAME, false),
};

static const struct row remember_dwarf[] = {
	SP(0, SAME, SAME, false), SP(16, SAME, SAME, false),
	FP(16, -16, -8, false), FP(16, -16, -8, false), SP(0, SAME, SAME, false),
	FP(16, -16, -8, false), FP(16, -16, -8, false),		/* restore_state */
	SP(0, SAME, SAME, false),
};

/* gas 2.40 remembered the row before the one defined at the same address. */
static const struct row remember_sframe[] = {
	SP(0, SAME, SAME, false), SP(16, SAME, SAME, false),
	FP(16, -16, -8, false), FP(16, -16, -8, false), SP(0, SAME, SAME, false),
	SP(16, SAME, SAME, false), SP(16, SAME, SAME, false),
	SP(0, SAME, SAME, false),
};

static const struct row fp_only_dwarf[] = {
	SP(0, SAME, SAME, false), SP(16, SAME, SAME, false), SP(16, -8, SAME, false),
	SP(16, SAME, SAME, false), SP(0, SAME, SAME, false),
};

/* gas 2.40: offsets [CFA, FP], read as [CFA, RA]. */
static const struct row fp_only_sframe[] = {
	SP(0, SAME, SAME, false), SP(16, SAME, SAME, false), SP(16, SAME, -8, false),
	SP(16, SAME, SAME, false), SP(0, SAME, SAME, false),
};

static const struct row leaf[] = { SP(0, SAME, SAME, false), SP(0, SAME, SAME, false) };

static const struct row caller[] = {
	SP(0, SAME, SAME, false), SP(16, -16, -8, false), SP(16, -16, -8, false),
	SP(16, -16, -8, false), SP(16, -16, -8, false), SP(0, SAME, SAME, false),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_file(const char *name)
{
	struct elf_file *elf = elf_open(fixture(name), false);
	struct dwarf_cfi *d = NULL;
	struct sframe_wit *w = NULL;

	CHECK(elf != NULL);
	if (!elf)
		return;
	CHECK_EQ(dwarf_cfi_open(elf, DWARF_ANY, &d), 0);
	CHECK_EQ(sframe_wit_open(elf, &w), 0);
	CHECK(d != NULL);
	CHECK(w != NULL);
	if (strcmp(name, "funcs.o")) {
		expect(elf, d, w, "fp_based", fp_based, N(fp_based));
		expect(elf, d, NULL, "x9_cfa", x9_dwarf, N(x9_dwarf));
		expect(elf, NULL, w, "x9_cfa", x9_sframe, N(x9_sframe));
		expect(elf, d, NULL, "outermost", outer_dwarf, N(outer_dwarf));
		expect(elf, NULL, w, "outermost", outer_sframe, N(outer_sframe));
		expect(elf, d, NULL, "remember", remember_dwarf, N(remember_dwarf));
		expect(elf, NULL, w, "remember", remember_sframe, N(remember_sframe));
		expect(elf, d, NULL, "fp_only", fp_only_dwarf, N(fp_only_dwarf));
		expect(elf, NULL, w, "fp_only", fp_only_sframe, N(fp_only_sframe));
	} else {
		expect(elf, d, w, "leaf", leaf, N(leaf));
		expect(elf, d, w, "caller", caller, N(caller));
	}
	dwarf_cfi_close(d);
	sframe_wit_close(w);
	elf_close(elf);
}

int main(void)
{
	TEST_PROG("test_witness");

	TEST_BEGIN("relocatable object, hand-written CFI (cfi.o)");
	test_file("cfi.o");
	TEST_END();

	TEST_BEGIN("linked executable, same CFI (cfi.elf)");
	test_file("cfi.elf");
	TEST_END();

	TEST_BEGIN("one section per function, GCC -O2 (funcs.o)");
	test_file("funcs.o");
	TEST_END();

	TEST_BEGIN("no witness: a file without .sframe opens with NULL");
	{
		struct elf_file *elf = elf_open(fixture("nosframe.o"), false);
		struct sframe_wit *w = (struct sframe_wit *)1;
		CHECK(elf != NULL);
		if (elf) {
			CHECK_EQ(sframe_wit_open(elf, &w), 0);
			CHECK(w == NULL);
			elf_close(elf);
		}
	}
	TEST_END();

	/*
	 * `fpv orc --from=dwarf` and `--from=sframe` read their witness through
	 * wit_state(): where DWARF's CFA is an expression the state is NULL,
	 * the same as where SFrame says nothing, and wit_row() still shows
	 * the row (for xcheck's witness-undef count).
	 */
	TEST_BEGIN("an undefined CFA is no state, for DWARF as for SFrame (undef_cfa.o)");
	{
		struct check_opts opts = { 0 };
		struct wit_file wf;
		struct section *sec;
		uint64_t off;

		CHECK_EQ(wit_file_open(&wf, fixture("undef_cfa.o"), 0), 0);
		CHECK_EQ(wf.elf ? wit_file_load(&wf, DWARF_ANY, &opts) : -1, 0);
		if (wf.elf && wf.dwarf && find_func(wf.elf, "expr_cfa", &sec, &off)) {
			const struct cfi_state *row = wit_row(&wf, WIT_DWARF, sec, off + 8);

			CHECK(row != NULL && row->cfa_base == CFA_UNDEF);
			CHECK(wit_state(&wf, WIT_DWARF, sec, off + 8) == NULL);
			CHECK(wit_state(&wf, WIT_DWARF, sec, off + 4) != NULL);
			CHECK(wit_state(&wf, WIT_DWARF, sec, off + 12) != NULL);
			CHECK(wit_present(&wf, WIT_SFRAME));
			for (unsigned i = 0; i < 5; i++)
				CHECK(wit_state(&wf, WIT_SFRAME, sec, off + 4 * i) == NULL);
			/* the analysis covers the instruction DWARF cannot express */
			CHECK(wit_state(&wf, WIT_ANALYSIS, sec, off + 8) != NULL);
		} else {
			CHECK(!"expr_cfa with DWARF CFI");
		}
		wit_file_close(&wf);
	}
	TEST_END();
	return test_exit();
}
