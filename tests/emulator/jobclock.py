"""JobClock: one training job's life on the wall clock, computed from its scenario.

At creation the scenario's secondary statuses become a list of Phases (real start/end times, scenario
seconds divided by the time scale) ending with a terminal phase, and every Training phase becomes an
Attempt that writes log lines into one stream per instance. Everything else is a pure function of
`now`: the status, the transitions, which log lines exist. stop() rewrites the future (Stopping, then
Stopped after the stop delay; logs end). Not thread-safe: the owner (the JobStore) locks.
"""
import math
from dataclasses import dataclass

_TERMINAL = {
    "Completed": ("Completed", "Completed", "Training job completed"),
    "Failed": ("Failed", "Failed", None),
    "MaxRuntimeExceeded": ("Stopped", "MaxRuntimeExceeded", "Job stopped because max run time exceeded."),
}


@dataclass
class Phase:
    secondary: str
    message: str
    start: float
    end: float  # None for the terminal phase.
    primary: str = "InProgress"


@dataclass
class Attempt:
    """One run of the training containers: lines at start + (i + (n-1)/count) / rate, before cutoff."""
    number: int
    epoch: int
    start: float
    cutoff: float
    lines: int
    rate: float  # Lines per real second, per instance.

    def line_time(self, instance, index, count):
        return self.start + (index + (instance - 1) / count) / self.rate

    def visible_lines(self, instance, count, now):
        phase = (instance - 1) / count
        written = math.floor((now - self.start) * self.rate - phase + 1e-4) + 1  # Lines at or before now.
        before_cutoff = math.ceil((self.cutoff - self.start) * self.rate - phase - 1e-4)  # Strictly before.
        return max(0, min(self.lines, written, before_cutoff))


class JobClock:
    def __init__(self, config, created, time_scale, instance_count):
        self.config = config
        self.created = created
        self.scale = float(time_scale)
        self.instance_count = instance_count
        self.phases = []
        self.attempts = []
        self._build()

    def _real(self, seconds):
        return float(seconds) / self.scale

    def _build(self):
        t = self.created
        for entry in self.config["secondary_statuses"]:
            if entry["status"] == "Training":
                t = self._build_training(entry, t)
            else:
                t = self._add(entry["status"], entry.get("message", ""), t, self._real(entry.get("duration", 0)))
        outcome = self.config["outcome"]
        primary, secondary, message = _TERMINAL[outcome["status"]]
        message = outcome.get("message", message or outcome.get("failure_reason", ""))
        self.phases.append(Phase(secondary, message, t, None, primary))

    def _add(self, secondary, message, start, duration):
        self.phases.append(Phase(secondary, message, start, start + duration))
        return start + duration

    def _build_training(self, entry, t):
        lines = int(self.config["log_lines_per_instance"])
        rate = float(self.config["log_lines_per_second"]) * self.scale
        for spot in self.config["spot_interruptions"]:
            end = self._add("Training", entry.get("message", ""), t, self._real(spot["after"]))
            self._new_attempt(t, end, lines, rate)
            t = self._add("Interrupted", spot.get("message", "Training job interrupted: insufficient spot capacity"),
                          end, self._real(spot.get("interrupted", 0.5)))
            t = self._add("Restarting", "Restarting the training job", t, self._real(spot.get("restarting", 0.5)))
        duration = self._real(entry["duration"]) if "duration" in entry else lines / rate
        end = self._add("Training", entry.get("message", ""), t, duration)
        self._new_attempt(t, end, lines, rate)
        return end

    def _new_attempt(self, start, end, lines, rate):
        epoch = int(start)
        if self.attempts and epoch <= self.attempts[-1].epoch:
            epoch = self.attempts[-1].epoch + 1  # Stream names must differ even within one second.
        self.attempts.append(Attempt(len(self.attempts) + 1, epoch, start, end, lines, rate))

    # --- State at `now` -------------------------------------------------------------------------------
    def current(self, now):
        started = [p for p in self.phases if p.start <= now]
        return started[-1] if started else self.phases[0]

    def transitions(self, now):
        out = []
        for phase in self.phases:
            if phase.start > now:
                break
            item = {"Status": phase.secondary, "StartTime": phase.start, "StatusMessage": phase.message}
            if phase.end is None:
                item["EndTime"] = phase.start
            elif phase.end <= now:
                item["EndTime"] = phase.end
            out.append(item)
        return out

    def terminal(self, now):
        phase = self.current(now)
        return phase.end is None and phase.start <= now

    def end_time(self):
        return self.phases[-1].start

    def first_start(self, names):
        return next((p.start for p in self.phases if p.secondary in names), None)

    def stop(self, now, reason="Stopping the training job"):
        """REQUIRES: not terminal at `now`."""
        self.phases = [p for p in self.phases if p.start <= now]
        self.phases[-1].end = now
        delay = self._real(self.config["stop_delay"])
        self.phases.append(Phase("Stopping", reason, now, now + delay, "Stopping"))
        self.phases.append(Phase("Stopped", "The training job was stopped.", now + delay, None, "Stopped"))
        self.attempts = [a for a in self.attempts if a.start <= now]
        for attempt in self.attempts:
            attempt.cutoff = min(attempt.cutoff, now)

    def scenario_seconds(self, start, end):
        return max(0, int(round((end - start) * self.scale)))
