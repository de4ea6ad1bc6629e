// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for ORC: state -> entry encoding (fail safe), record generation
 * from a witness, and the run-time lookups of lib/ (standard tables with and
 * without the block index, PC-relative and base-relative, sorting, headers,
 * .fpv_orc blobs, the compact encoding) with boundary and out-of-range PCs.
 * Round trips compare every lookup with a brute-force scan of the records.
 */
#include <stdlib.h>

#include "test.h"
#include "orc.h"
#include "fpv/orc_lookup.h"

static struct cfi_state st_entry(void)
{
	struct cfi_state s;

	memset(&s, 0, sizeof(s));
	s.cfa_base = CFA_SP;
	s.fp_where = REG_SAME;
	s.ra_where = REG_SAME;
	s.sp_known = true;
	return s;
}

/* After stp x29, x30, [sp, #-32]!; mov x29, sp (GCC -O2 with a frame). */
static struct cfi_state st_frame(void)
{
	struct cfi_state s = st_entry();

	s.cfa_off = 32;
	s.sp_off = -32;
	s.fp_where = REG_SAVED;
	s.fp_off = -32;
	s.ra_where = REG_SAVED;
	s.ra_off = -24;
	s.fp_val_known = true;
	s.fp_val = -32;
	s.fp_is_frame = true;
	s.ra_signed = true;
	return s;
}

static void test_from_cfi(void)
{
	struct cfi_state s = st_frame();
	struct orc_entry e;
	char buf[128];

	TEST_BEGIN("orc_from_cfi");
	CHECK(orc_from_cfi(&s, &e));
	CHECK_EQ(e.cfa, 4);
	CHECK_EQ(e.fp, -4);
	CHECK_EQ(e.ra, -3);
	CHECK_EQ(orc_base(&e), ORC_BASE_SP);
	CHECK_EQ(orc_type(&e), ORC_TYPE_CALL);
	CHECK(e.info & ORC_INFO_FP_FRAME);
	CHECK(e.info & ORC_INFO_SIGNED);
	CHECK_STR(orc_entry_format(&e, buf, sizeof(buf)),
		  "cfa:sp+32 fp:cfa-32 ra:cfa-24 type:call fpframe signed");
	s = st_entry();
	CHECK(orc_from_cfi(&s, &e));
	CHECK_STR(orc_entry_format(&e, buf, sizeof(buf)), "cfa:sp+0 fp:same ra:same type:call");

	/* fail safe: everything below becomes the all-zero undefined entry */
	CHECK(orc_from_cfi(NULL, &e));
	CHECK_EQ(e.info, 0);
	s = st_frame(); s.unknown = true;
	CHECK(orc_from_cfi(&s, &e) && e.info == 0 && e.cfa == 0);
	s = st_frame(); s.cfa_off = 36; s.sp_off = -36; s.fp_val_known = false; s.fp_is_frame = false;
	CHECK(!orc_from_cfi(&s, &e) && e.info == 0);	/* not a multiple of 8 */
	s = st_frame(); s.cfa_off = 8 * 40000; s.sp_off = -8 * 40000; s.fp_val_known = false; s.fp_is_frame = false;
	CHECK(!orc_from_cfi(&s, &e) && e.info == 0);	/* beyond s16 * 8, no x29 */
	s = st_frame(); s.cfa_off = 307200 + 32; s.sp_off = -s.cfa_off;	/* 300 KiB frame below x29 */
	CHECK(orc_from_cfi(&s, &e) && orc_base(&e) == ORC_BASE_FP && e.cfa == 4);
	s = st_frame(); s.cfa_off = 8 * 32767; s.sp_off = -s.cfa_off;	/* the largest that fits */
	CHECK(orc_from_cfi(&s, &e) && e.cfa == 32767);
	s = st_frame(); s.ra_where = REG_UNDEF;		/* return address lost */
	CHECK(!orc_from_cfi(&s, &e) && e.info == 0);
	s = st_frame(); s.fp_val = -16;			/* x29 not at the saved slot */
	CHECK(!orc_from_cfi(&s, &e) && e.info == 0);
	/* x29-based CFA with SP known: SP-based, so x29 is checked, not trusted */
	s = st_frame(); s.cfa_base = CFA_FP; s.cfa_off = 32;
	CHECK(orc_from_cfi(&s, &e) && orc_base(&e) == ORC_BASE_SP && e.cfa == 4);
	CHECK_STR(orc_entry_format(&e, buf, sizeof(buf)),
		  "cfa:sp+32 fp:cfa-32 ra:cfa-24 type:call fpframe signed");
	/* SP unknown (after alloca): the witness's x29 base */
	s.sp_known = false; s.sp_off = 0;
	CHECK(orc_from_cfi(&s, &e) && orc_base(&e) == ORC_BASE_FP);
	CHECK_STR(orc_entry_format(&e, buf, sizeof(buf)),
		  "cfa:fp+32 fp:cfa-32 ra:cfa-24 type:call fpframe signed");
	/* SP known but beyond s16 * 8: the witness's x29 base */
	s = st_frame(); s.cfa_base = CFA_FP; s.cfa_off = 32; s.sp_off = -8 * 40000;
	CHECK(orc_from_cfi(&s, &e) && orc_base(&e) == ORC_BASE_FP && e.cfa == 4);
	/* GCC's SVE save area: offsets relative to a VL-dependent point */
	s = st_frame(); s.cfa_vl = -16;
	CHECK(!orc_from_cfi(&s, &e) && e.info == 0);
	TEST_END();
}

/* A synthetic witness: f at [0x1000, 0x1020), padding, g at [0x1030, 0x1040). */
static const struct cfi_state *fake_state(void *ctx, uint64_t pc)
{
	static struct cfi_state entry, frame;

	(void)ctx;
	entry = st_entry();
	frame = st_frame();
	if (pc == 0x1000 || pc == 0x101c || pc == 0x1030)
		return &entry;
	if (pc > 0x1000 && pc < 0x101c)
		return &frame;
	if (pc > 0x1030 && pc < 0x1040)
		return &entry;	/* leaf g: no state change after entry */
	return NULL;
}

static void test_gen_range(void)
{
	struct orc_list l = { 0 };

	TEST_BEGIN("orc_gen_range");
	CHECK_EQ(orc_gen_range(&l, 0x1000, 0x1040, fake_state, NULL), 0);
	/* 0x1000 entry, 0x1004 frame, 0x101c entry, 0x1020 undef, 0x1030 entry, 0x1040 term */
	CHECK_EQ(l.nr, 6);
	if (l.nr == 6) {
		CHECK_EQ(l.recs[0].pc, 0x1000);
		CHECK_EQ(l.recs[1].pc, 0x1004);
		CHECK_EQ(l.recs[1].e.cfa, 4);
		CHECK_EQ(l.recs[2].pc, 0x101c);
		CHECK_EQ(l.recs[3].pc, 0x1020);
		CHECK_EQ(orc_type(&l.recs[3].e), ORC_TYPE_UNDEFINED);
		CHECK_EQ(l.recs[4].pc, 0x1030);
		CHECK_EQ(l.recs[5].pc, 0x1040);
		CHECK_EQ(orc_type(&l.recs[5].e), ORC_TYPE_UNDEFINED);
	}
	orc_list_free(&l);
	/* all padding: no records, no terminator */
	CHECK_EQ(orc_gen_range(&l, 0x2000, 0x2040, fake_state, NULL), 0);
	CHECK_EQ(l.nr, 0);
	orc_list_free(&l);
	TEST_END();
}

/* Brute force: last record with pc <= x, or NULL. */
static const struct orc_entry *ref_find(const struct orc_list *l, uint64_t x)
{
	const struct orc_entry *e = NULL;

	for (size_t i = 0; i < l->nr && l->recs[i].pc <= x; i++)
		e = &l->recs[i].e;
	return e;
}

static bool same(const struct orc_entry *a, const struct orc_entry *b)
{
	if (!a || !b)
		return a == b;
	return orc_entry_equal(a, b);
}

/* Compact lookups answer "undefined" where a table lookup finds nothing. */
static bool same_or_undef(const struct orc_entry *a, const struct orc_entry *b)
{
	if (a && !b)
		return orc_type(a) == ORC_TYPE_UNDEFINED;
	return same(a, b);
}

static void test_lookup_base32(void)
{
	struct orc_list l = { 0 };
	struct orc_table t;
	orc_u32 ip[6], idx[8];
	struct orc_entry orc[6];
	orc_u64 start = 0;
	const struct orc_entry *e;

	TEST_BEGIN("orc_find base32 boundaries");
	orc_gen_range(&l, 0x1000, 0x1040, fake_state, NULL);
	for (size_t i = 0; i < l.nr; i++) {
		ip[i] = (orc_u32)(l.recs[i].pc - 0x1000);
		orc[i] = l.recs[i].e;
	}
	CHECK_EQ(orc_table_init(&t, ip, orc, (orc_u32)l.nr, ORC_IP_BASE32, 0x1000), 0);
	CHECK_EQ(orc_table_check(&t), 0);
	for (int pass = 0; pass < 2; pass++) {
		CHECK(orc_find(&t, 0xffc, NULL) == NULL);		/* before the table */
		e = orc_find(&t, 0x1000, &start);			/* first PC of f */
		CHECK(e && orc_type(e) == ORC_TYPE_CALL && e->cfa == 0 && start == 0x1000);
		e = orc_find(&t, 0x1018, &start);			/* inside the frame */
		CHECK(e && e->cfa == 4 && start == 0x1004);
		e = orc_find(&t, 0x101c, NULL);				/* last PC of f (ret) */
		CHECK(e && e->cfa == 0 && orc_type(e) == ORC_TYPE_CALL);
		e = orc_find(&t, 0x1024, NULL);				/* the gap */
		CHECK(e && orc_type(e) == ORC_TYPE_UNDEFINED);
		e = orc_find(&t, 0x103c, NULL);				/* last PC of g */
		CHECK(e && orc_type(e) == ORC_TYPE_CALL);
		e = orc_find(&t, 0x1040, NULL);				/* past the end: terminator */
		CHECK(!e || orc_type(e) == ORC_TYPE_UNDEFINED);
		CHECK(orc_find(&t, 0x100000, NULL) == NULL || orc_type(orc_find(&t, 0x100000, NULL)) == ORC_TYPE_UNDEFINED);
		/* second pass: with the block index */
		CHECK_EQ(orc_index_slots(0x1000, 0x1040), 2);
		CHECK_EQ(orc_index_build(&t, idx, 1, 0x1000, 0x1040), -ORC_E_NOSPACE);
		CHECK_EQ(orc_index_build(&t, idx, 8, 0x1000, 0x1040), 0);
	}
	CHECK(orc_find(&t, 0x1040, NULL) == NULL);	/* indexed: text_end is a hard bound */
	CHECK(orc_find(&t, 0xfff, NULL) == NULL);
	CHECK(orc_find(&t, UINT64_MAX, NULL) == NULL);

	/* empty table, single entry */
	CHECK_EQ(orc_table_init(&t, ip, orc, 0, ORC_IP_BASE32, 0x1000), 0);
	CHECK(orc_find(&t, 0x1000, NULL) == NULL);
	CHECK_EQ(orc_table_init(&t, ip, orc, 1, ORC_IP_BASE32, 0x1000), 0);
	CHECK(orc_find(&t, 0xfff, NULL) == NULL);
	CHECK(orc_find(&t, 0x1000, NULL) == &orc[0]);
	CHECK(orc_find(&t, 0x5000, NULL) == &orc[0]);
	CHECK_EQ(orc_index_build(&t, idx, 8, 0x1000, 0x1100), 0);
	CHECK(orc_find(&t, 0x10fc, NULL) == &orc[0]);
	CHECK(orc_find(&t, 0x1100, NULL) == NULL);
	CHECK_EQ(orc_table_init(&t, (char *)ip + 1, orc, 1, ORC_IP_BASE32, 0), -ORC_E_ALIGN);
	orc_list_free(&l);
	TEST_END();
}

/* Records over several index blocks with varied entries, deterministic. */
static void make_records(struct orc_list *l, uint64_t base, unsigned n, unsigned seed)
{
	uint64_t pc = base;

	for (unsigned i = 0; i < n; i++) {
		struct orc_entry e;

		seed = seed * 1103515245u + 12345u;
		memset(&e, 0, sizeof(e));
		if ((seed >> 8) % 7) {
			e.cfa = (int16_t)((seed >> 12) % 9 * 2);
			e.fp = (int16_t)-e.cfa;
			e.ra = (int16_t)(1 - e.cfa);
			e.info = ORC_INFO(ORC_BASE_SP, ORC_REG_SAVED, ORC_REG_SAVED,
					  ORC_TYPE_CALL, (seed >> 20) & 1 ? ORC_INFO_FP_FRAME : 0);
		}
		orc_list_add(l, pc, &e);
		pc += 4 * (1 + (seed >> 16) % ((seed >> 24) % 3 ? 8 : 700));
	}
	orc_list_normalize(l);
}

static void test_prel32_sort(void)
{
	enum { N = 400 };
	struct orc_list l = { 0 };
	static orc_s32 ip[N + 1];
	static struct orc_entry orc[N + 1];
	static orc_u32 idx[4096];
	struct orc_table t;
	uint64_t base = (uint64_t)(unsigned long)ip + 0x10000;
	unsigned bad = 0, n;

	TEST_BEGIN("orc_table_sort prel32 + index vs brute force");
	make_records(&l, base, N, 7);
	n = (unsigned)l.nr;
	/* fill in reverse order, plus a terminator duplicating record 5's pc */
	for (unsigned i = 0; i < n; i++) {
		unsigned slot = n - i;

		ip[slot] = (orc_s32)(l.recs[i].pc - (uint64_t)(unsigned long)&ip[slot]);
		orc[slot] = l.recs[i].e;
	}
	ip[0] = (orc_s32)(l.recs[5].pc - (uint64_t)(unsigned long)&ip[0]);
	memset(&orc[0], 0, sizeof(orc[0]));
	CHECK_EQ(orc_table_init(&t, ip, orc, n + 1, ORC_IP_PREL32, 0), 0);
	CHECK_EQ(orc_table_check(&t), -ORC_E_UNSORTED);
	orc_table_sort(&t, ip, orc);
	CHECK_EQ(orc_table_check(&t), 0);
	for (unsigned i = 0; i < n; i++)
		if (orc_table_pc(&t, i + (i >= 5)) != l.recs[i].pc)
			bad++;
	CHECK_EQ(bad, 0);
	uint64_t end = l.recs[n - 1].pc + 4;
	CHECK(orc_index_slots(base, end) <= 4096);
	CHECK_EQ(orc_index_build(&t, idx, 4096, base, end), 0);
	for (uint64_t pc = base - 64; pc < end + 64; pc += 4)
		if (!same(orc_find(&t, pc, NULL), pc < end ? ref_find(&l, pc) : NULL))
			bad++;
	CHECK_EQ(bad, 0);
	orc_list_free(&l);
	TEST_END();
}

static void test_blobs(void)
{
	struct orc_list l = { 0 };
	struct orc_table t;
	struct orc_compact c;
	void *std = NULL, *cmp = NULL;
	size_t std_size = 0, cmp_size = 0;
	uint64_t base = 0x400000, text;
	unsigned bad = 0;

	TEST_BEGIN("fpv_orc blobs: std and compact round trip");
	make_records(&l, base, 3000, 42);
	text = l.recs[l.nr - 1].pc + 8 - base;
	CHECK_EQ(orc_blob_std(&l, base, &std, &std_size), 0);
	CHECK_EQ(orc_blob_compact(&l, base, text, ORC_COMPACT_SHIFT, &cmp, &cmp_size), 0);
	CHECK_EQ(orc_file_check(std, std_size), ORC_FILE_STD);
	CHECK_EQ(orc_file_check(cmp, cmp_size), ORC_FILE_COMPACT);
	CHECK_EQ(orc_file_table(&t, std, std_size, 0x1000), 0);
	CHECK_EQ(orc_compact_open(&c, cmp, cmp_size, 0x1000), 0);
	CHECK(cmp_size * 2 < std_size);
	for (uint64_t pc = base - 16; pc < base + text + 16; pc += 4) {
		const struct orc_entry *want = pc < base + text ? ref_find(&l, pc) : NULL;
		orc_u64 s1 = 0, s2 = 0;

		if (!same_or_undef(orc_compact_find(&c, pc + 0x1000, &s2), want)) {
			bad++;
			printf("  compact 0x%llx\n", (unsigned long long)pc);
		}
		if (!same(orc_find(&t, pc + 0x1000, &s1), ref_find(&l, pc))) {
			bad++;
			printf("  std 0x%llx\n", (unsigned long long)pc);
		}
	}
	CHECK_EQ(bad, 0);
	/* bad input: truncation, wrong hash, every single-byte corruption */
	CHECK(orc_file_check(std, 16) == -ORC_E_SHORT);
	CHECK(orc_compact_open(&c, cmp, cmp_size - 1, 0) == -ORC_E_SHORT);
	((struct orc_file_header *)std)->hash ^= 1;
	CHECK_EQ(orc_file_check(std, std_size), -ORC_E_HASH);
	for (size_t i = 0; i < cmp_size && i < 4096; i++) {
		uint8_t *p = cmp, old = p[i];

		p[i] ^= 0xa5;
		if (!orc_compact_open(&c, cmp, cmp_size, 0))
			for (uint64_t pc = base; pc < base + text; pc += 64)
				(void)orc_compact_find(&c, pc, NULL);	/* must not crash */
		p[i] = old;
	}
	free(std);
	free(cmp);
	/* empty list: compact blob still opens, every lookup is undefined */
	orc_list_free(&l);
	CHECK_EQ(orc_blob_compact(&l, base, 64, ORC_COMPACT_SHIFT, &cmp, &cmp_size), 0);
	CHECK_EQ(orc_compact_open(&c, cmp, cmp_size, 0), 0);
	const struct orc_entry *e = orc_compact_find(&c, base, NULL);
	CHECK(e && orc_type(e) == ORC_TYPE_UNDEFINED);
	CHECK(orc_compact_find(&c, base + 64, NULL) == NULL);
	free(cmp);
	TEST_END();
}

/* Escapes of the compact records: >= 15 distinct entries, deltas >= 16. */
static void test_compact_escapes(void)
{
	struct orc_list l = { 0 };
	struct orc_compact c;
	void *blob = NULL;
	size_t size = 0;
	uint64_t base = 0x10000, pc = base, text;
	unsigned bad = 0;

	TEST_BEGIN("compact: 400 distinct entries, deltas up to 70000 insns");
	for (unsigned i = 0; i < 1200; i++) {
		struct orc_entry e;

		memset(&e, 0, sizeof(e));
		e.cfa = (int16_t)(2 + i % 400);
		e.info = ORC_INFO(ORC_BASE_SP, ORC_REG_SAME, ORC_REG_SAME, ORC_TYPE_CALL, 0);
		orc_list_add(&l, pc, &e);
		pc += 4 * (i % 97 == 0 ? 70000 : 1 + i % 40);
	}
	orc_list_normalize(&l);
	text = pc - base;
	CHECK_EQ(orc_blob_compact(&l, base, text, ORC_COMPACT_SHIFT, &blob, &size), 0);
	CHECK_EQ(orc_compact_open(&c, blob, size, 0), 0);
	CHECK_EQ(c.nr_entries, 401);	/* 400 + the zero entry */
	for (size_t i = 0; i < l.nr; i++) {
		orc_u64 start = 0;
		const struct orc_entry *e = orc_compact_find(&c, l.recs[i].pc, &start);

		/* first and last instruction each record covers */
		if (!same(e, &l.recs[i].e) || start != l.recs[i].pc)
			bad++;
		e = orc_compact_find(&c, (i + 1 < l.nr ? l.recs[i + 1].pc : base + text) - 4, NULL);
		if (!same(e, &l.recs[i].e))
			bad++;
	}
	CHECK_EQ(bad, 0);
	CHECK(orc_compact_find(&c, base - 4, NULL) == NULL);
	CHECK(orc_compact_find(&c, base + text, NULL) == NULL);
	free(blob);
	orc_list_free(&l);
	TEST_END();
}

static void test_header(void)
{
	struct orc_header h[2];

	TEST_BEGIN("orc_header_check");
	h[0].magic = ORC_MAGIC;
	h[0].version = ORC_VERSION;
	h[0].hash = orc_format_hash();
	h[1] = h[0];
	CHECK_EQ(orc_header_check(h, sizeof(h)), 0);
	CHECK_EQ(orc_header_check(h, 0), -ORC_E_SHORT);
	CHECK_EQ(orc_header_check(h, 20), -ORC_E_SHORT);
	h[1].hash++;
	CHECK_EQ(orc_header_check(h, sizeof(h)), -ORC_E_HASH);
	h[1] = h[0];
	h[1].version = 2;
	CHECK_EQ(orc_header_check(h, sizeof(h)), -ORC_E_VERSION);
	h[0].magic = 0;
	CHECK_EQ(orc_header_check(h, sizeof(h)), -ORC_E_MAGIC);
	CHECK_STR(orc_strerror(-ORC_E_HASH), "ORC format hash mismatch");
	CHECK_STR(orc_strerror(-1000), "unknown ORC error");
	CHECK_STR(orc_strerror(-ORC_E_NR), "unknown ORC error");
	for (int i = 0; i < ORC_E_NR; i++)	/* every code has its text */
		CHECK(strcmp(orc_strerror(-i), "unknown ORC error") != 0);
	TEST_END();
}

int main(void)
{
	TEST_PROG("test_orc");
	test_from_cfi();
	test_gen_range();
	test_lookup_base32();
	test_prel32_sort();
	test_blobs();
	test_compact_escapes();
	test_header();
	return test_exit();
}
