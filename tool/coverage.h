/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The coverage report of `fpv check --stats` (coverage.c): per executable
 * section its words and the words the analysis reached, then one line per
 * unanalysed range of COVERAGE_MIN_GAP bytes or more (every range in a file
 * analysed below COVERAGE_LOW_PCT percent), with its reason.
 */
#ifndef FPV_COVERAGE_H
#define FPV_COVERAGE_H

#include <stdint.h>
#include <stdio.h>

#include "check.h"

#define COVERAGE_MIN_GAP 256
#define COVERAGE_LOW_PCT 90

/*
 * Print, to out, the lines
 *   fpv check: FILE: not analysed: 0xSTART-0xEND in SECTION (N words): REASON
 *   fpv check: FILE: SECTION: W words, A analysed (P%)
 * for every executable section of res's file; in a file with less than
 * COVERAGE_LOW_PCT percent of its executable words analysed, every gap gets
 * its line.  Returns the words of all executable sections.
 */
uint64_t coverage_print(FILE *out, const struct check_result *res);

#endif
