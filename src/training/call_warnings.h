#pragma once
// How the follow loop treats a failed AWS call. The AwsClient has already retried transient errors, so
// a failure seen here is reported once as a warning (not once per poll) and the loop carries on;
// only errors that waiting cannot fix (denied access, rejected credentials) are counted towards
// ending the step. Not thread-safe.
#include <map>
#include <string>

#include "common/status.h"
#include "training/job_log.h"

namespace sagetrain {

// True for errors that repeat identically on every attempt: access denied, unknown or expired
// credentials, bad signatures, or no credentials at all.
bool IsPersistentAuthError(const Status& status);

class CallWarnings {
 public:
  explicit CallWarnings(JobLog& log) : log_(log) {}

  // Prints "warning: <operation> failed: <status>; will retry" unless this operation's failure was
  // already reported and it has not succeeded since.
  void Failed(const std::string& operation, const Status& status);
  // Ends a reported failure of `operation` ("<operation> recovered" is printed once).
  void Succeeded(const std::string& operation);

 private:
  JobLog& log_;
  std::map<std::string, bool> failing_;
};

}  // namespace sagetrain
