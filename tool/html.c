// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The static report of `fpv xcheck --html DIR` (html.h).  Function pages are
 * written while their file is open (they need its witnesses); the summary
 * and the file pages at the end, from the counts kept here.
 */
#define _GNU_SOURCE		/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "explain.h"
#include "fpv/version.h"
#include "error.h"
#include "grow.h"
#include "html.h"

/* In a report directory: says it is one, so a later run may replace it. */
#define HTML_MARK ".fpv-xcheck-html"

struct html_func {
	char *name, *sec_name;
	uint64_t start, n;
	struct wit_stats w[WIT_NR];
};

struct html_file {
	char *path, *set, *compiler;
	char section[16];		/* the DWARF section read, "" for none */
	uint64_t insns;
	struct wit_stats w[WIT_NR];
	struct html_func *funcs;
	size_t nr_funcs, cap_funcs;
};

struct html_report {
	char *dir;			/* DIR without trailing '/' */
	char *tmp;			/* where the report is written */
	int err;			/* the first errno of a failed write, 0: none */
	struct html_file *files;
	size_t nr_files, cap_files;
	bool in_file;
};

/* grow_array(), or h->err = ENOMEM and NULL. */
static void *h_grow(struct html_report *h, void *p, size_t *cap, size_t need, size_t size)
{
	void *q = grow_array(p, cap, need, size, 16);

	if (!q)
		h->err = ENOMEM;
	return q;
}

static char *h_strdup(struct html_report *h, const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		h->err = ENOMEM;
	return d;
}

/* s as HTML text or attribute value: markup characters as entities. */
static void esc(FILE *o, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(o, "\\x%02x", c);
			else
				putc(c, o);
		}
	}
}

/* The directory of path ("." if none): the file's set. */
static char *set_of(struct html_report *h, const char *path)
{
	const char *s = strrchr(path, '/');
	char *d;

	if (!s)
		return h_strdup(h, ".");
	if (s == path)
		return h_strdup(h, "/");
	d = h_strdup(h, path);
	if (d)
		d[s - path] = 0;
	return d;
}

/*
 * The compiler: the distinct strings of .comment ("GCC: (Debian 12.2.0-14)
 * 12.2.0"), in file order, joined by " + "; "unknown" without one.
 */
static char *compiler_of(struct html_report *h, struct elf_file *elf)
{
	struct section *sec = elf_find_section(elf, ".comment");
	char buf[256];
	size_t n = 0;

	buf[0] = 0;
	if (sec && sec->data) {
		const char *p = (const char *)sec->data, *end = p + sec->size;

		while (p < end) {
			const char *z = memchr(p, 0, (size_t)(end - p));
			size_t len = z ? (size_t)(z - p) : (size_t)(end - p);
			bool seen = false;

			/* seen: the same string already kept in buf (at most
			 * sizeof(buf) bytes, so a hostile .comment stays linear) */
			for (const char *q = buf; len && *q && !seen;) {
				const char *qz = strstr(q, " + ");
				size_t qlen = qz ? (size_t)(qz - q) : strlen(q);
				seen = qlen == len && !memcmp(q, p, len);
				q += qlen + (qz ? 3 : 0);
			}
			if (len && !seen && n + len + 4 < sizeof(buf)) {
				if (n) {
					memcpy(buf + n, " + ", 3);
					n += 3;
				}
				memcpy(buf + n, p, len);
				n += len;
				buf[n] = 0;
			}
			p += len + 1;
		}
	}
	return h_strdup(h, n ? buf : "unknown");
}

static int rm_flat(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path))
			unlink(path);
	closedir(d);
	return rmdir(dir);
}

/* Whether dir holds the mark of a report. */
static bool is_report(const char *dir)
{
	char path[4096];
	struct stat st;

	return (size_t)snprintf(path, sizeof(path), "%s/" HTML_MARK, dir) < sizeof(path) &&
	       stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true;

	if (!d)
		return false;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

/* 0 if dir may become the report (absent, empty, or a report); else a message. */
static int check_target(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		fpv_error(dir, "cannot create the report: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fpv_error(dir, "exists and is not a directory");
		return -1;
	}
	if (!is_empty_dir(dir) && !is_report(dir)) {
		fpv_error(dir, "not empty and not an fpv xcheck report; not replaced");
		return -1;
	}
	return 0;
}

struct html_report *html_open(const char *dir)
{
	struct html_report *h = calloc(1, sizeof(*h));
	size_t len = strlen(dir);

	if (!h || !(h->dir = strdup(dir)) || !(h->tmp = malloc(len + 16))) {
		fpv_oom(dir);
		goto fail;
	}
	while (len > 1 && h->dir[len - 1] == '/')
		h->dir[--len] = 0;
	if (!len) {
		fpv_usage_error("xcheck", "--html: an empty directory name");
		goto fail;
	}
	if (check_target(h->dir) < 0)
		goto fail;
	snprintf(h->tmp, len + 16, "%s.tmp-XXXXXX", h->dir);
	if (!mkdtemp(h->tmp)) {
		fpv_error(h->dir, "cannot create the report: %s", strerror(errno));
		goto fail;
	}
	mode_t um = umask(0);
	umask(um);
	if (chmod(h->tmp, 0777 & ~um) < 0) {
		fpv_error(h->dir, "cannot create the report: %s", strerror(errno));
		rmdir(h->tmp);
		goto fail;
	}
	return h;
fail:
	if (h) {
		free(h->dir);
		free(h->tmp);
	}
	free(h);
	return NULL;
}

/* A page of the report, or NULL after setting h->err. */
static FILE *page_open(struct html_report *h, const char *name, const char *title)
{
	char path[4096];
	FILE *o;

	if (h->err)
		return NULL;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", h->tmp, name) >= sizeof(path)) {
		h->err = ENAMETOOLONG;
		return NULL;
	}
	o = fopen(path, "w");
	if (!o) {
		h->err = errno;
		return NULL;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", o);
	esc(o, title);
	fputs("</title>\n<style>\n"
	      "body{font-family:sans-serif;font-size:14px;margin:1em 2em;color:#222}\n"
	      "h1{font-size:20px}h2{font-size:16px;margin-top:1.5em}\n"
	      "table{border-collapse:collapse}\n"
	      "th,td{border:1px solid #ccc;padding:2px 6px;text-align:right;white-space:nowrap}\n"
	      "th{background:#eee}td.l,th.l{text-align:left}th[colspan]{text-align:center}\n"
	      "tr.bad td{background:#fde0dc}tr.benign td{background:#fff6d5}\n"
	      "table.x td{font-family:monospace;text-align:left;border:none;border-bottom:1px solid #eee}\n"
	      "table.x tr.u td{color:#999}table.x td.xd{background:#f4a094}"
	      "table.x td.xb{background:#ffd966}td.absent{color:#999;text-align:center}\n"
	      "p.nav{font-size:12px}\n"
	      "</style>\n</head>\n<body>\n", o);
	return o;
}

static void page_close(struct html_report *h, FILE *o)
{
	fprintf(o, "<p class=\"nav\">fpv %s</p>\n</body>\n</html>\n", FPV_VERSION);
	/* errno: the failed write's (ENOSPC), which nothing since has changed */
	if (ferror(o) && !h->err)
		h->err = errno ? errno : EIO;
	if (fclose(o) != 0 && !h->err)
		h->err = errno ? errno : EIO;
}

void html_file_begin(struct html_report *h, struct wit_file *wf)
{
	struct html_file *hf;
	void *grown;

	h->in_file = false;
	if (h->err)
		return;
	grown = h_grow(h, h->files, &h->cap_files, h->nr_files + 1, sizeof(*h->files));
	if (!grown)
		return;		/* h->files and its count stay valid for report_free() */
	h->files = grown;
	hf = &h->files[h->nr_files++];
	memset(hf, 0, sizeof(*hf));
	hf->path = h_strdup(h, wf->elf->path);
	hf->set = set_of(h, wf->elf->path);
	hf->compiler = compiler_of(h, wf->elf);
	if (wf->dwarf)
		snprintf(hf->section, sizeof(hf->section), "%s", dwarf_cfi_section(wf->dwarf));
	hf->insns = wf->res.nr_insns;
	for (unsigned k = 0; k < WIT_NR; k++)
		hf->w[k].present = wit_present(wf, k);
	h->in_file = true;
}

static const char *pct(char *buf, size_t size, uint64_t a, uint64_t b)
{
	if (!b)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.2f%%", 100.0 * (double)a / (double)b);
	return buf;
}

/* "cfa-offset 3, fp-restored 2": the classes of s that are not agree. */
static void classes_text(FILE *o, const struct wit_stats *s)
{
	const char *sep = "";

	for (unsigned c = XC_AGREE + 1; c < XC_NR_CLASSES; c++)
		if (s->classes[c]) {
			fprintf(o, "%s%s %llu", sep, xcheck_class_name(c),
				(unsigned long long)s->classes[c]);
			sep = ", ";
		}
}

/* "bad" if a witness disagrees in a class where one side is wrong, "benign"... */
static const char *row_class(const struct wit_stats w[WIT_NR])
{
	bool benign = false;

	for (unsigned k = 0; k < WIT_NR; k++)
		for (unsigned c = XC_AGREE + 1; c < XC_NR_CLASSES; c++) {
			if (!w[k].classes[c] || c == XC_NO_WITNESS || c == XC_WITNESS_UNDEF)
				continue;
			if (!xcheck_benign(c))
				return " class=\"bad\"";
			benign = true;
		}
	return benign ? " class=\"benign\"" : "";
}

/* A function page: the explain view as a table. */
struct func_page {
	FILE *o;
};

static void func_row(void *ctx, const struct explain_row *r)
{
	FILE *o = ((struct func_page *)ctx)->o;
	bool dis = false, bad = false;

	for (unsigned k = 0; k < WIT_NR; k++)
		if (r->cls[k] != XC_AGREE) {
			dis = true;
			bad |= !xcheck_benign(r->cls[k]);
		}
	fprintf(o, "<tr%s><td>+0x%llx</td><td>", bad ? " class=\"bad\"" : dis ?
		" class=\"benign\"" : !r->fpv ? " class=\"u\"" : "", (unsigned long long)(4 * r->i));
	esc(o, r->text);
	fputs("</td><td>", o);
	esc(o, r->fb);
	fputs("</td>", o);
	for (unsigned k = 0; k < WIT_NR; k++) {
		if (r->cls[k] != XC_AGREE) {
			fprintf(o, "<td class=\"%s\" title=\"%s\">", xcheck_benign(r->cls[k]) ?
				"xb" : "xd", xcheck_class_name(r->cls[k]));
		} else {
			fputs("<td>", o);
		}
		esc(o, r->wb[k]);
		fputs("</td>", o);
	}
	fputs("<td>", o);
	for (unsigned k = 0, n = 0; k < WIT_NR; k++)
		if (r->cls[k] != XC_AGREE)
			fprintf(o, "%s%s:%s", n++ ? " " : "", wit_name[k],
				xcheck_class_name(r->cls[k]));
	fputs("</td></tr>\n", o);
}

/* The counts of one witness as table cells, with data-k="WIT:KEY" for tests. */
static void stats_cells(FILE *o, unsigned k, const struct wit_stats *s)
{
	char b[32];

	if (!s->present) {
		fprintf(o, "<td colspan=\"4\" class=\"absent\" data-k=\"%s:absent\">absent</td>",
			wit_name[k]);
		return;
	}
	fprintf(o, "<td data-k=\"%s:compared\">%llu</td><td data-k=\"%s:disagree\">%llu</td>"
		"<td data-k=\"%s:uncovered\">%llu</td><td>%s</td>", wit_name[k],
		(unsigned long long)s->compared, wit_name[k], (unsigned long long)s->disagree,
		wit_name[k], (unsigned long long)s->uncovered,
		pct(b, sizeof(b), s->agree, s->compared));
}

/* The two heading rows over stats_cells(), the first one's start written. */
static void stats_heads(FILE *o)
{
	for (unsigned k = 0; k < WIT_NR; k++)
		fprintf(o, "<th colspan=\"4\">%s</th>", wit_name[k]);
	fputs("</tr>\n<tr>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fputs("<th>compared</th><th>disagree</th><th>uncovered</th><th>agree</th>", o);
	fputs("</tr>\n", o);
}

void html_func(struct html_report *h, struct wit_file *wf, const struct cfg_func *f,
	       const struct wit_stats w[WIT_NR])
{
	struct html_file *hf;
	struct html_func *hfn;
	char name[64];
	FILE *o;

	if (!h->in_file || h->err)
		return;
	hf = &h->files[h->nr_files - 1];
	void *grown = h_grow(h, hf->funcs, &hf->cap_funcs, hf->nr_funcs + 1, sizeof(*hf->funcs));

	if (!grown)
		return;		/* hf->funcs and its count stay valid for report_free() */
	hf->funcs = grown;
	hfn = &hf->funcs[hf->nr_funcs];
	memset(hfn, 0, sizeof(*hfn));
	hfn->name = h_strdup(h, f->name);
	hfn->sec_name = h_strdup(h, f->sec->name);
	hfn->start = f->start;
	hfn->n = (f->end - f->start) / 4;
	memcpy(hfn->w, w, sizeof(hfn->w));
	snprintf(name, sizeof(name), "f%zu-%zu.html", h->nr_files - 1, hf->nr_funcs);
	hf->nr_funcs++;

	o = page_open(h, name, f->name);
	if (!o)
		return;
	fprintf(o, "<p class=\"nav\"><a href=\"index.html\">summary</a> &gt; <a href=\"f%zu.html\">",
		h->nr_files - 1);
	esc(o, hf->path);
	fputs("</a></p>\n<h1>", o);
	esc(o, f->name);
	fputs("</h1>\n<p>", o);
	esc(o, hf->path);
	fputs(": ", o);
	esc(o, f->sec->name);
	fprintf(o, "+0x%llx, %llu instructions; dwarf: %s; sframe: %s</p>\n",
		(unsigned long long)f->start, (unsigned long long)hfn->n,
		wf->dwarf ? dwarf_cfi_section(wf->dwarf) : "absent", wf->sframe ? ".sframe" : "absent");
	fputs("<table>\n<tr>", o);
	stats_heads(o);
	fprintf(o, "<tr%s>", row_class(w));
	for (unsigned k = 0; k < WIT_NR; k++)
		stats_cells(o, k, &w[k]);
	fputs("</tr>\n</table>\n<p>Rows: red, a witness disagrees with fpv and one of them is "
	      "wrong; yellow, they differ and both are right (see docs/xcheck-study.md); grey, "
	      "fpv's analysis did not reach the instruction; \"-\", the witness says nothing "
	      "there.</p>\n<table class=\"x\">\n<tr><th class=\"l\">offset</th>"
	      "<th class=\"l\">instruction</th><th class=\"l\">fpv</th>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fprintf(o, "<th class=\"l\">%s</th>", wit_name[k]);
	fputs("<th class=\"l\">disagreements</th></tr>\n", o);
	struct func_page p = { o };
	unsigned marked = explain_walk(wf, f, func_row, &p);
	fprintf(o, "</table>\n<p>%u disagreements</p>\n", marked);
	page_close(h, o);
}

void html_file_end(struct html_report *h, const struct wit_stats w[WIT_NR])
{
	if (h->in_file)
		memcpy(h->files[h->nr_files - 1].w, w, sizeof(h->files[0].w));
	h->in_file = false;
}

/*
 * The counts of each witness, one row per count and class; compact: only
 * the classes some witness has.
 */
static void totals_table(FILE *o, const struct wit_stats t[WIT_NR], bool compact)
{
	static const char *const keys[] = { "compared", "agree", "disagree", "uncovered",
					    "unreached", "dead" };
	static const char *const labels[] = { "compared", "agree", "disagree", "uncovered",
					      "unreached", "dead" };

	fputs("<table>\n<tr><th></th>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fprintf(o, "<th>%s</th>", wit_name[k]);
	fputs("</tr>\n<tr><th class=\"l\">present</th>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fprintf(o, "<td data-total=\"%s:present\">%s</td>", wit_name[k],
			t[k].present ? "yes" : "no");
	fputs("</tr>\n", o);
	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		fprintf(o, "<tr><th class=\"l\">%s</th>", labels[i]);
		for (unsigned k = 0; k < WIT_NR; k++) {
			const uint64_t v[] = { t[k].compared, t[k].agree, t[k].disagree,
					       t[k].uncovered, t[k].unreached, t[k].dead };
			fprintf(o, "<td data-total=\"%s:%s\">%llu</td>", wit_name[k], keys[i],
				(unsigned long long)v[i]);
		}
		fputs("</tr>\n", o);
	}
	for (unsigned c = XC_AGREE + 1; c < XC_NR_CLASSES; c++) {
		bool any = false;
		for (unsigned k = 0; k < WIT_NR; k++)
			any |= t[k].classes[c] != 0;
		if (compact && !any)
			continue;
		fprintf(o, "<tr><th class=\"l\">%s%s</th>", xcheck_class_name(c),
			xcheck_benign(c) ? " (both right)" : "");
		for (unsigned k = 0; k < WIT_NR; k++)
			fprintf(o, "<td data-total=\"%s:class:%s\">%llu</td>", wit_name[k],
				xcheck_class_name(c), (unsigned long long)t[k].classes[c]);
		fputs("</tr>\n", o);
	}
	fputs("</table>\n", o);
}

/* A group of files in a chart: one compiler or one set. */
struct group {
	const char *name;
	struct wit_stats w[WIT_NR];
};

static int group_cmp(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->name, ((const struct group *)b)->name);
}

/* Whether class c is a disagreement drawn in the charts (not a gap in coverage). */
static bool charted(unsigned c)
{
	return c != XC_AGREE && c != XC_NO_WITNESS && c != XC_WITNESS_UNDEF;
}

/* One colour per charted class: blues and greens for the benign ones, warm else. */
static const char *class_colour(unsigned cls)
{
	static const char *const benign[] = { "#6baed6", "#9ecae1", "#74c476", "#a1d99b",
					      "#c6dbef", "#c7e9c0" };
	static const char *const bad[] = { "#d62728", "#ff7f0e", "#8c564b", "#e377c2",
					   "#bcbd22", "#9467bd", "#ff9896", "#ffbb78",
					   "#c49c94", "#f7b6d2", "#dbdb8d", "#17becf" };
	unsigned nb = 0, nw = 0;

	for (unsigned c = 0; c < cls; c++)
		if (charted(c))
			*(xcheck_benign(c) ? &nb : &nw) += 1;
	return xcheck_benign(cls) ? benign[nb % 6] : bad[nw % 12];
}

#define CH_ROW 20
#define CH_BAR 480
#define CH_WIT 56
#define CH_NOTE 230
#define CH_LABEL_MAX 56

/* label, cut to CH_LABEL_MAX bytes with "..." (the full name is in a title). */
static void label_text(FILE *o, const char *name)
{
	char b[CH_LABEL_MAX + 4];

	if (strlen(name) <= CH_LABEL_MAX) {
		esc(o, name);
		return;
	}
	snprintf(b, sizeof(b), "%.*s...", CH_LABEL_MAX - 3, name);
	esc(o, b);
}

/*
 * A horizontal stacked bar per group and witness: the disagreements in
 * each class as a share of the instructions compared, the longest bar the
 * full width.  Each segment says its class and count in data- attributes
 * and a tooltip.
 */
static void chart(FILE *o, const char *kind, const struct group *g, size_t ng)
{
	size_t rows = 0, label = 8;
	double max = 0;
	bool used[XC_NR_CLASSES] = { false };

	for (size_t i = 0; i < ng; i++) {
		size_t len = strlen(g[i].name);
		label = len > label ? len : label;
		for (unsigned k = 0; k < WIT_NR; k++) {
			const struct wit_stats *s = &g[i].w[k];
			if (!s->compared)
				continue;
			rows++;
			double r = (double)s->disagree / (double)s->compared;
			max = r > max ? r : max;
			for (unsigned c = 0; c < XC_NR_CLASSES; c++)
				used[c] |= charted(c) && s->classes[c];
		}
	}
	if (!rows) {
		fprintf(o, "<p>No instruction compared.</p>\n");
		return;
	}
	unsigned lw = 7 * (unsigned)(label > CH_LABEL_MAX ? CH_LABEL_MAX : label) + 12;
	unsigned width = lw + CH_WIT + CH_BAR + CH_NOTE, nused = 0;
	for (unsigned c = 0; c < XC_NR_CLASSES; c++)
		nused += used[c];
	unsigned legend_rows = (nused + 3) / 4;
	unsigned height = (unsigned)rows * CH_ROW + 10 + legend_rows * CH_ROW + 10;

	fprintf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
		"viewBox=\"0 0 %u %u\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" "
		"aria-label=\"disagreements per %s\" data-chart=\"%s\">\n", width, height, width,
		height, kind, kind);
	unsigned y = 4;
	for (size_t i = 0; i < ng; i++) {
		bool first = true;
		for (unsigned k = 0; k < WIT_NR; k++) {
			const struct wit_stats *s = &g[i].w[k];
			char b[32];
			double x = lw + CH_WIT;

			if (!s->compared)
				continue;
			if (first) {
				if (i)
					fprintf(o, "<line x1=\"0\" x2=\"%u\" y1=\"%u\" y2=\"%u\" "
						"stroke=\"#ddd\"/>\n", width, y - 2, y - 2);
				fprintf(o, "<text x=\"4\" y=\"%u\"><title>", y + 13);
				esc(o, g[i].name);
				fputs("</title>", o);
				label_text(o, g[i].name);
				fputs("</text>\n", o);
			}
			first = false;
			fprintf(o, "<text x=\"%u\" y=\"%u\" fill=\"#555\">%s</text>\n", lw, y + 13,
				wit_name[k]);
			for (unsigned c = 0; c < XC_NR_CLASSES; c++) {
				if (!charted(c) || !s->classes[c])
					continue;
				double w = max > 0 ? CH_BAR * ((double)s->classes[c] /
							       (double)s->compared) / max : 0;
				fprintf(o, "<rect x=\"%.2f\" y=\"%u\" width=\"%.2f\" height=\"14\" "
					"fill=\"%s\" data-group=\"", x, y + 2, w, class_colour(c));
				esc(o, g[i].name);
				fprintf(o, "\" data-wit=\"%s\" data-class=\"%s\" data-count=\"%llu\">"
					"<title>", wit_name[k], xcheck_class_name(c),
					(unsigned long long)s->classes[c]);
				esc(o, g[i].name);
				fprintf(o, ", %s: %s %llu of %llu compared</title></rect>\n",
					wit_name[k], xcheck_class_name(c),
					(unsigned long long)s->classes[c],
					(unsigned long long)s->compared);
				x += w;
			}
			fprintf(o, "<text x=\"%.2f\" y=\"%u\">%llu of %llu (%s)</text>\n", x + 4, y + 13,
				(unsigned long long)s->disagree, (unsigned long long)s->compared,
				pct(b, sizeof(b), s->disagree, s->compared));
			y += CH_ROW;
		}
	}
	y += 10;
	unsigned j = 0;
	for (unsigned c = 0; c < XC_NR_CLASSES; c++) {
		if (!used[c])
			continue;
		unsigned lx = 4 + (j % 4) * 200, ly = y + (j / 4) * CH_ROW;
		fprintf(o, "<rect x=\"%u\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"%u\" y=\"%u\">%s%s</text>\n", lx, ly + 2, class_colour(c), lx + 16,
			ly + 12, xcheck_class_name(c), xcheck_benign(c) ? " (both right)" : "");
		j++;
	}
	fputs("</svg>\n", o);
}

/* The files grouped by compiler (by_set false) or set, sorted by name. */
static struct group *groups(struct html_report *h, bool by_set, size_t *ng)
{
	struct group *g = calloc(h->nr_files ? h->nr_files : 1, sizeof(*g));
	size_t n = 0;

	if (!g) {
		h->err = ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i < h->nr_files; i++) {
		const struct html_file *hf = &h->files[i];
		const char *name = by_set ? hf->set : hf->compiler;
		size_t j = 0;

		while (j < n && strcmp(g[j].name, name))
			j++;
		if (j == n)
			g[n++].name = name;
		for (unsigned k = 0; k < WIT_NR; k++)
			wit_stats_add(&g[j].w[k], &hf->w[k]);
	}
	qsort(g, n, sizeof(*g), group_cmp);
	*ng = n;
	return g;
}

static void write_index(struct html_report *h)
{
	struct wit_stats t[WIT_NR] = { 0 };
	unsigned long long funcs = 0, insns = 0;
	struct group *g;
	size_t ng;
	FILE *o;

	for (size_t i = 0; i < h->nr_files; i++) {
		for (unsigned k = 0; k < WIT_NR; k++)
			wit_stats_add(&t[k], &h->files[i].w[k]);
		funcs += h->files[i].nr_funcs;
		insns += h->files[i].insns;
	}
	o = page_open(h, "index.html", "fpv xcheck report");
	if (!o)
		return;
	fprintf(o, "<h1>fpv xcheck report</h1>\n<p>fpv's frame state compared with each "
		"witness the files carry (DWARF CFI, SFrame) at every instruction fpv's analysis "
		"reached: <span data-total=\"files\">%zu</span> files, "
		"<span data-total=\"functions\">%llu</span> functions, "
		"<span data-total=\"instructions\">%llu</span> instructions.</p>\n<h2>Totals</h2>\n",
		h->nr_files, funcs, insns);
	totals_table(o, t, false);
	for (int by_set = 0; by_set < 2; by_set++) {
		fputs(by_set ? "<h2>Disagreements per set</h2>\n<p>A set is the directory of the "
			       "files (the xcheck study builds one per compiler and flags).</p>\n" :
			       "<h2>Disagreements per compiler</h2>\n<p>The compiler is what each "
			       "file's .comment section names; each bar is the share of compared "
			       "instructions where the witness disagrees with fpv, by class.</p>\n", o);
		g = groups(h, by_set, &ng);
		if (g)
			chart(o, by_set ? "set" : "compiler", g, ng);
		free(g);
	}
	fputs("<h2>Files</h2>\n<table>\n<tr><th rowspan=\"2\" class=\"l\">set</th>"
	      "<th rowspan=\"2\" class=\"l\">file</th><th rowspan=\"2\" class=\"l\">compiler</th>"
	      "<th rowspan=\"2\">functions</th>", o);
	stats_heads(o);
	for (size_t i = 0; i < h->nr_files; i++) {
		const struct html_file *hf = &h->files[i];

		fprintf(o, "<tr%s data-file=\"", row_class(hf->w));
		esc(o, hf->path);
		fputs("\"><td class=\"l\">", o);
		esc(o, hf->set);
		fprintf(o, "</td><td class=\"l\"><a href=\"f%zu.html\">", i);
		esc(o, hf->path);
		fputs("</a></td><td class=\"l\">", o);
		esc(o, hf->compiler);
		fprintf(o, "</td><td>%zu</td>", hf->nr_funcs);
		for (unsigned k = 0; k < WIT_NR; k++)
			stats_cells(o, k, &hf->w[k]);
		fputs("</tr>\n", o);
	}
	fputs("</table>\n", o);
	page_close(h, o);
}

static void write_file_page(struct html_report *h, size_t i)
{
	const struct html_file *hf = &h->files[i];
	char name[32];
	FILE *o;

	snprintf(name, sizeof(name), "f%zu.html", i);
	o = page_open(h, name, hf->path);
	if (!o)
		return;
	fputs("<p class=\"nav\"><a href=\"index.html\">summary</a></p>\n<h1>", o);
	esc(o, hf->path);
	fputs("</h1>\n<p>set ", o);
	esc(o, hf->set);
	fputs("; compiler ", o);
	esc(o, hf->compiler);
	fprintf(o, "; DWARF from %s; %llu instructions analysed.</p>\n",
		hf->section[0] ? hf->section : "nowhere (absent)", (unsigned long long)hf->insns);
	totals_table(o, hf->w, true);
	fputs("<h2>Functions</h2>\n<table>\n<tr><th rowspan=\"2\" class=\"l\">function</th>"
	      "<th rowspan=\"2\" class=\"l\">at</th><th rowspan=\"2\">instructions</th>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fprintf(o, "<th colspan=\"5\">%s</th>", wit_name[k]);
	fputs("</tr>\n<tr>", o);
	for (unsigned k = 0; k < WIT_NR; k++)
		fputs("<th>compared</th><th>disagree</th><th>uncovered</th><th>agree</th>"
		      "<th class=\"l\">classes</th>", o);
	fputs("</tr>\n", o);
	for (size_t j = 0; j < hf->nr_funcs; j++) {
		const struct html_func *fn = &hf->funcs[j];

		fprintf(o, "<tr%s data-func=\"", row_class(fn->w));
		esc(o, fn->name);
		fprintf(o, "\"><td class=\"l\"><a href=\"f%zu-%zu.html\">", i, j);
		esc(o, fn->name);
		fputs("</a></td><td class=\"l\">", o);
		esc(o, fn->sec_name);
		fprintf(o, "+0x%llx</td><td>%llu</td>", (unsigned long long)fn->start,
			(unsigned long long)fn->n);
		for (unsigned k = 0; k < WIT_NR; k++) {
			stats_cells(o, k, &fn->w[k]);
			fputs("<td class=\"l\">", o);
			classes_text(o, &fn->w[k]);
			fputs("</td>", o);
		}
		fputs("</tr>\n", o);
	}
	fputs("</table>\n", o);
	page_close(h, o);
}

static void report_free(struct html_report *h)
{
	for (size_t i = 0; i < h->nr_files; i++) {
		struct html_file *hf = &h->files[i];
		for (size_t j = 0; j < hf->nr_funcs; j++) {
			free(hf->funcs[j].name);
			free(hf->funcs[j].sec_name);
		}
		free(hf->funcs);
		free(hf->path);
		free(hf->set);
		free(hf->compiler);
	}
	free(h->files);
	free(h->dir);
	free(h->tmp);
	free(h);
}

/* Move the written report to h->dir: rename, or swap with an earlier report. */
static int install(struct html_report *h)
{
	int err;

	if (rename(h->tmp, h->dir) == 0)
		return 0;
	err = errno;
	if ((err != ENOTEMPTY && err != EEXIST) || !is_report(h->dir)) {
		errno = err;	/* is_report() may have changed it */
		return -1;
	}
	if (renameat2(AT_FDCWD, h->tmp, AT_FDCWD, h->dir, RENAME_EXCHANGE) < 0)
		return -1;
	/* h->tmp now holds the earlier report */
	if (rm_flat(h->tmp) < 0)
		fpv_error(h->dir, "the earlier report is left in %s", h->tmp);
	return 0;
}

/* The mark that DIR is a report (an empty file). */
static void write_mark(struct html_report *h)
{
	char path[4096];
	FILE *o;

	if ((size_t)snprintf(path, sizeof(path), "%s/" HTML_MARK, h->tmp) >= sizeof(path)) {
		h->err = ENAMETOOLONG;
		return;
	}
	o = fopen(path, "w");
	if (!o || fclose(o) != 0)
		h->err = errno ? errno : EIO;
}

int html_close(struct html_report *h)
{
	int ret = -1;

	for (size_t i = 0; i < h->nr_files && !h->err; i++)
		write_file_page(h, i);
	if (!h->err)
		write_index(h);
	if (!h->err)
		write_mark(h);
	if (h->err)
		fpv_error(h->dir, "cannot write the report: %s", strerror(h->err));
	else if (check_target(h->dir) < 0)
		;	/* DIR changed during the run; message printed */
	else if (install(h) < 0)
		fpv_error(h->dir, "cannot write the report: %s", strerror(errno));
	else
		ret = 0;
	if (ret < 0)
		rm_flat(h->tmp);
	report_free(h);
	return ret;
}
