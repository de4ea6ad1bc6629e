/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `fpv xcheck --html DIR`: the cross-check as a static report one can
 * browse, in the manner of lcov's genhtml.  DIR gets
 *
 *	index.html	totals per witness; the disagreement classes per compiler
 *			and per set as inline SVG bar charts; one row per file
 *	fN.html		file N: its totals and one row per function
 *	fN-M.html	function M of file N: the `fpv explain` view, fpv, DWARF
 *			and SFrame side by side, each disagreement marked
 *
 * A file's compiler is what its .comment section names (the distinct
 * strings, joined by " + "); its set is its directory, as the xcheck study
 * builds one directory per compiler and flag set.  The pages are plain HTML
 * and SVG with no script and no external asset; every name is escaped; the
 * same inputs give the same bytes.  The report is written in a temporary
 * directory beside DIR and renamed to DIR at the end, so a failure leaves
 * no half-written report.  An existing DIR is replaced only if it is empty
 * or a report of this kind.
 *
 *	struct html_report *h = html_open(dir);
 *	for each file: html_file_begin(h, &wf); html_func(h, &wf, f, stats)...;
 *		       html_file_end(h, file_stats);
 *	html_close(h);
 */
#ifndef FPV_HTML_H
#define FPV_HTML_H

#include "witness.h"
#include "xcheck.h"

struct html_report;

/*
 * Check that dir can receive the report and create its temporary
 * directory; NULL after printing "fpv: DIR: problem".
 */
struct html_report *html_open(const char *dir);

/* A file loaded for xcheck: its functions and its totals follow. */
void html_file_begin(struct html_report *h, struct wit_file *wf);

/* Function f of the current file, with its counts per witness: its page. */
void html_func(struct html_report *h, struct wit_file *wf, const struct cfg_func *f,
	       const struct wit_stats w[WIT_NR]);

/* The current file's totals per witness. */
void html_file_end(struct html_report *h, const struct wit_stats w[WIT_NR]);

/*
 * Write the summary and file pages and move the report to its place; 0, or
 * -1 after printing "fpv: DIR: problem" and removing what was written.  h
 * is freed either way.
 */
int html_close(struct html_report *h);

#endif
