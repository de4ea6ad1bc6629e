// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AArch64 relocation types, for generic code through arch_reloc() (arch.h):
 * what each type patches and how many bytes.  Types from the ELF for the
 * Arm 64-bit Architecture (AAELF64); 256 is the withdrawn alternative
 * spelling of R_AARCH64_NONE.
 */
#include <elf.h>

#include "arch.h"

struct arch_reloc arch_reloc(uint32_t type)
{
	switch (type) {
	case R_AARCH64_NONE: case 256:
		return (struct arch_reloc){ ARCH_RELOC_NONE, 0 };
	case R_AARCH64_ABS64:
		return (struct arch_reloc){ ARCH_RELOC_ABS, 8 };
	case R_AARCH64_ABS32:
		return (struct arch_reloc){ ARCH_RELOC_ABS, 4 };
	case R_AARCH64_ABS16:
		return (struct arch_reloc){ ARCH_RELOC_ABS, 2 };
	case R_AARCH64_PREL64:
		return (struct arch_reloc){ ARCH_RELOC_PCREL, 8 };
	case R_AARCH64_PREL32:
		return (struct arch_reloc){ ARCH_RELOC_PCREL, 4 };
	case R_AARCH64_PREL16:
		return (struct arch_reloc){ ARCH_RELOC_PCREL, 2 };
	case R_AARCH64_CALL26: case R_AARCH64_JUMP26:
	case R_AARCH64_CONDBR19: case R_AARCH64_TSTBR14:
		return (struct arch_reloc){ ARCH_RELOC_BRANCH, 4 };
	case R_AARCH64_ADD_ABS_LO12_NC:
		return (struct arch_reloc){ ARCH_RELOC_ADD_LO12, 4 };
	case R_AARCH64_GLOB_DAT: case R_AARCH64_JUMP_SLOT:
		return (struct arch_reloc){ ARCH_RELOC_SLOT, 8 };
	case R_AARCH64_RELATIVE:
		return (struct arch_reloc){ ARCH_RELOC_RELATIVE, 8 };
	case R_AARCH64_IRELATIVE:
		return (struct arch_reloc){ ARCH_RELOC_IRELATIVE, 8 };
	case R_AARCH64_TLS_DTPMOD: case R_AARCH64_TLS_DTPREL:
	case R_AARCH64_TLS_TPREL: case R_AARCH64_TLSDESC:
		return (struct arch_reloc){ ARCH_RELOC_OTHER, 8 };
	default:
		return (struct arch_reloc){ ARCH_RELOC_OTHER, 4 };
	}
}

uint32_t arch_reloc_pcrel32(void)
{
	return R_AARCH64_PREL32;
}
