// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The progress line (progress.h).  Off unless progress_begin() found stderr
 * to be a terminal; then each call costs a clock read, and a redraw happens
 * at most every PROGRESS_PERIOD_NS.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define PROGRESS_PERIOD_NS 100000000ull	/* 0.1 s */

static struct {
	bool on;			/* stderr is a terminal, between begin and end */
	bool shown;			/* a line is on the screen */
	const char *cmd;
	int nfiles, file;
	const char *path;
	uint64_t next;			/* no redraw before this time */
} pr;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void progress_begin(const char *cmd, int nfiles)
{
	memset(&pr, 0, sizeof(pr));
	pr.on = isatty(STDERR_FILENO) == 1;
	pr.cmd = cmd;
	pr.nfiles = nfiles;
}

void progress_file(int i, const char *path)
{
	progress_clear();	/* before any message about the file */
	pr.file = i;
	pr.path = path;
}

/* The file's name without its directories. */
static const char *base(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s && s[1] ? s + 1 : path ? path : "";
}

void progress_funcs(const char *what, size_t done, size_t total)
{
	char line[160];
	uint64_t t;
	int n = 0;

	if (!pr.on || (t = now_ns()) < pr.next)
		return;
	pr.next = t + PROGRESS_PERIOD_NS;
	if (pr.nfiles > 1)
		n = snprintf(line, sizeof(line), "%d/%d files, ", pr.file + 1, pr.nfiles);
	if (n >= 0 && (size_t)n < sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n, "%.60s: %s %u%% (%zu/%zu functions)",
			 base(pr.path), what, total ? (unsigned)(100 * (uint64_t)done / total) : 100,
			 done, total);
	fflush(stdout);
	fprintf(stderr, "\rfpv: %s %s\033[K", pr.cmd, line);
	fflush(stderr);
	pr.shown = true;
}

void progress_clear(void)
{
	if (!pr.shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	pr.shown = false;
}

void progress_end(void)
{
	progress_clear();
	pr.on = false;
}
