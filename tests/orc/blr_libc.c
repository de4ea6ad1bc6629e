// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A program for tests/orc/run.sh's BLR trace (blr_trace.py): it makes libc
 * call back through function pointers (qsort, bsearch, tsearch/twalk,
 * atexit, a signal handler left by longjmp, pthread_create,
 * dl_iterate_phdr) and run its own internal indirect calls (stdio's jump
 * tables through open_memstream and fmemopen, printf's format handlers,
 * regcomp/regexec, strtod, strftime, locale conversion), so that every
 * ORC_FUNC_DIRECT_ONLY of libc.so.6 on those paths is checked against a
 * real run.  Built by the GCC cross compiler, linked as a PIE; no files
 * are read or written.
 */
#define _GNU_SOURCE
#include <link.h>
#include <locale.h>
#include <pthread.h>
#include <regex.h>
#include <search.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

static jmp_buf jump;

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int cmp_r(const void *a, const void *b, void *arg)
{
	(void)arg;
	return cmp(a, b);
}

static void visit(const void *node, VISIT v, int depth)
{
	(void)node;
	(void)v;
	(void)depth;
}

static void on_signal(int sig)
{
	(void)sig;
	longjmp(jump, 1);
}

static void *thread(void *arg)
{
	return arg;
}

static int phdr(struct dl_phdr_info *info, size_t size, void *count)
{
	(void)info;
	(void)size;
	++*(int *)count;
	return 0;
}

static void bye(void)
{
	puts("bye");
}

static void callbacks(int *a, int n)
{
	void *root = NULL;
	int key = 42, objs = 0;
	pthread_t t;

	qsort(a, n, sizeof(*a), cmp);
	qsort_r(a, n, sizeof(*a), cmp_r, NULL);
	printf("%d\n", bsearch(&key, a, n, sizeof(*a), cmp) != NULL);
	for (int i = 0; i < 50; i++)
		tsearch(&a[i], &root, cmp);
	twalk(root, visit);
	atexit(bye);
	signal(SIGUSR1, on_signal);
	if (!setjmp(jump))
		raise(SIGUSR1);
	pthread_create(&t, NULL, thread, NULL);
	pthread_join(t, NULL);
	dl_iterate_phdr(phdr, &objs);
	printf("%d objects\n", objs > 0);
}

static void internal(void)
{
	char buf[256], *ms;
	size_t size;
	wchar_t w[32];
	regex_t re;
	time_t t0 = 0;
	FILE *f = open_memstream(&ms, &size);

	fprintf(f, "%f %e %g %Lf %s %x %ls", 3.14, 2.5e10, 1e-5, (long double)7.25, "str", 255, L"wide");
	fclose(f);
	puts(ms);
	free(ms);
	f = fmemopen(buf, sizeof(buf), "w+");
	fputs("hello", f);
	fclose(f);
	regcomp(&re, "a[bc]+d", REG_EXTENDED);
	printf("%d\n", regexec(&re, "xabcbd", 0, NULL, 0));
	regfree(&re);
	setlocale(LC_ALL, "C.UTF-8");
	mbstowcs(w, "h\xc3\xa9llo", 32);
	printf("%f %ld\n", strtod("1.5e3", NULL), strtol("0x1f", NULL, 0));
	strftime(buf, sizeof(buf), "%c", gmtime(&t0));
	puts(buf);
	snprintf(buf, sizeof(buf), "%'d", 1234567);
	puts(buf);
}

int main(void)
{
	int a[200];

	for (int i = 0; i < 200; i++)
		a[i] = (i * 7919) % 211;
	callbacks(a, 200);
	internal();
	return 0;
}
