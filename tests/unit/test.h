/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal harness for fpv's C unit tests.  A test binary groups checks in
 * TEST_BEGIN/TEST_END blocks; each block prints "PASS: binary: name" or
 * "FAIL: binary: name" followed by the failed checks, which tests/run.sh
 * counts.  main() returns test_exit().
 */
#ifndef FPV_TEST_H
#define FPV_TEST_H

#include <stdio.h>
#include <string.h>

static const char *test_prog = "unit";
static const char *test_name;
static int test_failed_checks, test_failed_blocks;

#define TEST_PROG(name) (test_prog = (name))
#define TEST_BEGIN(name) do { test_name = (name); test_failed_checks = 0; } while (0)
#define TEST_END() do { \
	printf("%s: %s: %s\n", test_failed_checks ? "FAIL" : "PASS", test_prog, test_name); \
	if (test_failed_checks) test_failed_blocks++; \
} while (0)

#define CHECK(cond) do { \
	if (!(cond)) { \
		test_failed_checks++; \
		printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long _a = (long long)(a), _b = (long long)(b); \
	if (_a != _b) { \
		test_failed_checks++; \
		printf("  %s:%d: %s == %s: got %lld (0x%llx), want %lld (0x%llx)\n", \
		       __FILE__, __LINE__, #a, #b, _a, (unsigned long long)_a, _b, (unsigned long long)_b); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *_a = (a), *_b = (b); \
	if (strcmp(_a, _b)) { \
		test_failed_checks++; \
		printf("  %s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, #a, _a, _b); \
	} \
} while (0)

static inline int test_exit(void) { return test_failed_blocks ? 1 : 0; }

#endif
