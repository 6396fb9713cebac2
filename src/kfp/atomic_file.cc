#include "kfp/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace sagetrain {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status(StatusCode::kInternal, what + " " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, const std::string& content, const std::string& path) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    written += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

void SyncFolder(const std::filesystem::path& folder) {
  // Makes the rename itself durable; failure here is not worth failing the step for.
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  if (path.empty()) return Status(StatusCode::kInvalidArgument, "empty output path");
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.parent_path();
  if (!folder.empty()) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) return Status(StatusCode::kInternal, "cannot create folder " + folder.string() + ": " + error.message());
  }
  // ".<name>.tmp-XXXXXX" is 12 bytes longer than the name: a name near the 255-byte limit is
  // shortened in its temporary form, which no one but this function sees.
  constexpr std::size_t kNameMax = 255;
  constexpr std::string_view kSuffix = ".tmp-XXXXXX";
  const std::string name = target.filename().string();
  const std::string temp_name =
      "." + name.substr(0, std::min(name.size(), kNameMax - 1 - kSuffix.size())) + std::string(kSuffix);
  std::string temp = (folder / temp_name).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Errno("cannot create a temporary file for", path);
  Status status = WriteAll(fd, content, temp);
  if (status.ok() && ::fchmod(fd, 0644) != 0) status = Errno("cannot set the mode of", temp);
  if (status.ok() && ::fsync(fd) != 0) status = Errno("cannot fsync", temp);
  if (::close(fd) != 0 && status.ok()) status = Errno("cannot close", temp);
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) status = Errno("cannot rename onto", path);
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }
  SyncFolder(folder);
  return OkStatus();
}

}  // namespace sagetrain
