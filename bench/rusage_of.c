/* rusage_of: runs a command and reports the peak RSS and CPU time of that command alone.
     rusage_of REPORT_FILE COMMAND [ARGS...]
   writes "<maxrss KiB> <user s> <system s>" to REPORT_FILE and exits with the command's status.
   Why: at exec, Linux keeps the high-water RSS of the memory the process had before exec as a floor of
   its ru_maxrss; a child the Python bench starts (fork or vfork alike) therefore reports at least the
   bench's own RSS (tens of MiB), hiding the program's. Started from this small program instead, the
   command's ru_maxrss is its own. bench/run.sh compiles it. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: rusage_of REPORT_FILE COMMAND [ARGS...]\n");
    return 125;
  }
  pid_t pid = fork();
  if (pid < 0) return 125;
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) return 125;
  FILE *report = fopen(argv[1], "w");
  if (report == NULL) return 125;
  fprintf(report, "%ld %ld.%06ld %ld.%06ld\n", usage.ru_maxrss, (long)usage.ru_utime.tv_sec,
          (long)usage.ru_utime.tv_usec, (long)usage.ru_stime.tv_sec, (long)usage.ru_stime.tv_usec);
  fclose(report);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
