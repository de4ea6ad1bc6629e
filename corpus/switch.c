// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dense switch statements that GCC and Clang compile to jump tables at -O2
 * (an indirect BR through a table of offsets in .rodata or in the text): a
 * bytecode interpreter with a case per opcode and a character classifier.
 * Every case does different work so the switch is not turned into a lookup
 * table of values.
 */
#include <stdio.h>

enum op { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_NEG, OP_SHL,
	  OP_XOR, OP_PRINT, OP_DROP, OP_INC, OP_JNZ, OP_HALT };

__attribute__((noinline)) static long run(const int *code, int n)
{
	long stack[64];
	int sp = 0, pc = 0, steps = 0;

	while (pc < n && steps++ < 10000) {
		int op = code[pc++];
		switch (op) {
		case OP_PUSH: stack[sp++] = code[pc++]; break;
		case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case OP_SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
		case OP_NEG: stack[sp - 1] = -stack[sp - 1]; break;
		case OP_SHL: sp--; stack[sp - 1] *= 1L << (stack[sp] & 15); break;
		case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
		case OP_PRINT: printf("  print %ld\n", stack[sp - 1]); break;
		case OP_DROP: sp--; break;
		case OP_INC: stack[sp - 1]++; break;
		case OP_JNZ: { int target = code[pc++]; if (stack[--sp]) pc = target; break; }
		case OP_HALT: return sp ? stack[sp - 1] : 0;
		default: printf("  bad opcode %d\n", op); return -1;
		}
	}
	return sp ? stack[sp - 1] : 0;
}

__attribute__((noinline)) static int classify(int c, int *digits, int *spaces)
{
	switch (c) {
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		(*digits)++;
		return c - '0';
	case ' ': case '\t': case '\n':
		(*spaces)++;
		return -1;
	case '+': return 100;
	case '-': return 101;
	case '*': return 102;
	case '/': return 103;
	case '(': *digits += 10; return 104;
	case ')': *spaces += 10; return 105;
	case ':': return *digits * 2;
	case ';': return *spaces * 3;
	case '<': return *digits - *spaces;
	case '=': return *digits + *spaces;
	case '>': return *spaces - *digits;
	default: return -2;
	}
}

int main(void)
{
	/* count down from 5, multiplying an accumulator */
	static const int prog[] = {
		OP_PUSH, 1, OP_PUSH, 5,
		/* 4: */ OP_DUP, OP_PRINT, OP_DROP, OP_SWAP, OP_PUSH, 3, OP_MUL, OP_PUSH, 1, OP_XOR,
		OP_SWAP, OP_PUSH, -1, OP_ADD, OP_DUP, OP_JNZ, 4,
		OP_DROP, OP_PUSH, 2, OP_SHL, OP_NEG, OP_INC, OP_PRINT, OP_HALT,
	};
	const char *text = "12 + (34 * 5) - 6 / 7 ; x = y < z > 9 :";
	int digits = 0, spaces = 0;
	unsigned long h = 0;

	printf("run = %ld\n", run(prog, (int)(sizeof(prog) / sizeof(prog[0]))));
	for (const char *p = text; *p; p++)
		h = h * 7 + (unsigned long)classify(*p, &digits, &spaces);
	printf("classify: hash %lu, digits %d, spaces %d\n", h, digits, spaces);
	return 0;
}
