#include "kiosk/core/durable_write.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstddef>

namespace einlass::core {

int write_sync_close(int fd, std::string_view content) {
  int error = 0;
  std::size_t done = 0;
  while (error == 0 && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : EIO;
    } else {
      done += static_cast<std::size_t>(n);
    }
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

}  // namespace einlass::core
