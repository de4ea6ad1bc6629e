// SPDX-License-Identifier: GPL-2.0-or-later
/* The tool's failure messages (error.h). */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"
#include "progress.h"

const char *fpv_objname;

static void vsay(const char *who, const char *file, const char *fmt, va_list ap)
{
	char msg[512];

	progress_clear();	/* a failure starts on a line of its own */
	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (char *c = msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	if (file)
		fprintf(stderr, "%s: %s: %s\n", who, file, msg);
	else
		fprintf(stderr, "%s: %s\n", who, msg);
}

int fpv_error(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("fpv", file ? file : fpv_objname, fmt, ap);
	va_end(ap);
	return -1;
}

void fpv_note(const char *file, const char *fmt, ...)
{
	char f[512];
	va_list ap;

	snprintf(f, sizeof(f), "note: %s", fmt);
	va_start(ap, fmt);
	vsay("fpv", file ? file : fpv_objname, f, ap);
	va_end(ap);
}

int fpv_oom(const char *file)
{
	return fpv_error(file, "out of memory");
}

int fpv_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("fpv", cmd, fmt, ap);
	va_end(ap);
	return -1;
}
