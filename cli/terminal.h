#pragma once
// The interactive terminal: its character encoding and its height.
#include <cstddef>

namespace ecograph::cli {

// Makes the C library's character type UTF-8 so that libedit reads
// multibyte input ('阿里巴巴', 'İstanbul'): the environment's LC_CTYPE when
// it is UTF-8, else C.UTF-8. Only LC_CTYPE changes, never LC_NUMERIC, so
// number parsing and printing stay locale-independent. Returns false when
// no UTF-8 locale exists on this system.
bool UseUtf8CharacterType();

// Rows of the terminal on stdout; 0 when stdout is not a terminal.
size_t TerminalRows();

}  // namespace ecograph::cli
