// SPDX-License-Identifier: GPL-2.0-or-later
//
// A stripped Go PIE linked by GNU ld (go build -buildmode=pie
// -ldflags=-linkmode=external): ld puts .data.rel.ro.gopclntab into
// .data.rel.ro, so the table has no section of its own.  In a file Go's
// linker marked (.note.go.buildid), fpv searches the allocated data for a
// pcHeader at an 8-byte boundary that passes every check of the table: a
// decoy header before it (its function count does not fit) is skipped
// without a note, and the table after it gives the functions of
// go_pclntab.s, with the same findings.
// build: aarch64-linux-gnu-as --defsym GO_EXT=1 -I "$(dirname $SRC)" -o go_pie_ext.tmp.o $SRC && aarch64-linux-gnu-ld -s -pie --no-apply-dynamic-relocs -e 0 -o $OBJ go_pie_ext.tmp.o
// fpv: check --stats
	.include "go_pclntab.s"

	.section .note.go.buildid, "a", %note
	.p2align 2
	.word	4, 4, 4		// namesz, descsz, type (Go's NT_GO_BUILDID)
	.ascii	"Go\0\0"
	.ascii	"abcd"
