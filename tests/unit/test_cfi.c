// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for tool/cfi.c: the entry state, canonical equality (fields that
 * do not apply are ignored), hash-consing (equal states share one pointer,
 * different ones do not, across table growth) and the text form that
 * listings and golden tests use.
 */
#include <string.h>

#include "cfi.h"
#include "test.h"

static struct cfi_state frame(int32_t size, int32_t rec)
{
	struct cfi_state s;

	cfi_init_entry(&s);
	s.cfa_off = size;
	s.sp_off = -size;
	s.fp_where = REG_SAVED;
	s.fp_off = rec - size;
	s.ra_where = REG_SAVED;
	s.ra_off = rec - size + 8;
	return s;
}

int main(void)
{
	struct cfi_state a, b;
	const struct cfi_state *pa, *pb, *first[200];
	char buf[160];

	TEST_PROG("test_cfi");

	TEST_BEGIN("entry state");
	cfi_init_entry(&a);
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:sp+0");
	CHECK(a.sp_known && a.sp_off == 0 && a.fp_where == REG_SAME && a.ra_where == REG_SAME);
	TEST_END();

	TEST_BEGIN("equality ignores what does not apply");
	cfi_init_entry(&a);
	memset(&b, 0x5a, sizeof(b));
	cfi_init_entry(&b);
	b.fp_off = 123;			/* fp is REG_SAME: offset irrelevant */
	b.fp_val = 77;			/* fp_val_known is false */
	CHECK(cfi_equal(&a, &b));
	b.ra_where = REG_SAVED;
	b.ra_off = -8;
	CHECK(!cfi_equal(&a, &b));
	TEST_END();

	TEST_BEGIN("hash-consing shares equal states");
	a = frame(32, 0);
	b = frame(32, 0);
	b.cfa_reg = 9;			/* only meaningful for CFA_REG */
	pa = cfi_hash_find_or_add(&a);
	pb = cfi_hash_find_or_add(&b);
	CHECK(pa == pb);
	b.ra_signed = true;
	CHECK(cfi_hash_find_or_add(&b) != pa);
	for (int i = 0; i < 200; i++) {	/* grow the table past its first size */
		a = frame(16 * (i + 1), 0);
		first[i] = cfi_hash_find_or_add(&a);
	}
	for (int i = 0; i < 200; i++) {
		a = frame(16 * (i + 1), 0);
		CHECK(cfi_hash_find_or_add(&a) == first[i]);
	}
	CHECK(cfi_hash_count() >= 200);
	TEST_END();

	TEST_BEGIN("text form");
	a = frame(32, 0);
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:sp+32 fp:cfa-32 ra:cfa-24");
	a.fp_val_known = true;
	a.fp_val = -32;
	a.fp_is_frame = true;
	a.ra_signed = true;
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac");
	a.cfa_base = CFA_FP;
	a.cfa_off = 32;
	a.sp_known = false;
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:x29+32 fp:cfa-32 ra:cfa-24 sp=? fprec pac");
	a.sp_vl = -32;
	a.sp_off = -32;
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:x29+32 fp:cfa-32 ra:cfa-24 sp=cfa-32-2*vl fprec pac");
	a.ra_where = REG_UNDEF;
	a.sp_vl = 0;
	a.sp_known = true;
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "cfa:x29+32 fp:cfa-32 ra:undef sp=cfa-32 fprec pac");
	memset(&a, 0, sizeof(a));
	a.unknown = true;
	CHECK_STR(cfi_format(&a, buf, sizeof(buf)), "unknown");
	CHECK_STR(cfi_format(NULL, buf, sizeof(buf)), "-");
	CHECK_STR(cfi_format(&b, buf, 12), "cfa:sp+32 f");	/* truncated, terminated */
	TEST_END();

	cfi_hash_free();
	return test_exit();
}
