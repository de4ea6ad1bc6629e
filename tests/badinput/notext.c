// SPDX-License-Identifier: GPL-2.0-or-later
/* A data-only object: the bad-input tests expect "no executable section". */
int data_only[4] = { 1, 2, 3, 4 };
