// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON string output for the --json modes of fpv check and fpv xcheck
 * (json.h).
 */
#include <stdio.h>

#include "fpv/version.h"
#include "json.h"

void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

void json_version_members(void)
{
	printf("\"fpv_version\":");
	json_str(FPV_VERSION);
	printf(",\"schema_version\":%d,", JSON_SCHEMA_VERSION);
}
