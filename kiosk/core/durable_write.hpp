#pragma once
// Writing a file so that it survives a power cut right after the program said "written": the
// kiosk's exports and the ticket key files.

#include <string_view>

namespace einlass::core {

// Writes all of `content` to the open descriptor `fd`, flushes it to the disk (fsync) and
// closes it. Returns 0, or the errno of the first failure; `fd` is closed either way.
int write_sync_close(int fd, std::string_view content);

}  // namespace einlass::core
