#pragma once
// Reading a PIN or password from standard input without echoing it on a terminal, for the
// kiosk's `set-pin` and the server's `organiser` accounts. From stdin rather than the command
// line, so secrets stay out of shell history and `ps`; a pipe works for scripts and tests.

#include <string>

namespace einlass::core {

// Shows `prompt` on stderr and turns echo off while reading when stdin is a terminal. Removes
// the line end ("\n", "\r\n") only: spaces may be part of a password.
std::string read_secret_line(const char* prompt);

bool stdin_is_terminal();

}  // namespace einlass::core
