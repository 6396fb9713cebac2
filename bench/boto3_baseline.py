"""The boto3 baseline the benchmarks compare against: the same work as sagemaker-training (create a
training job, follow it to its end, print every instance's CloudWatch log lines), done the way the
Python tools do it, on the machine's boto3.

--style sdk (default): the SageMaker Python SDK's Session.logs_for_job(wait=True): DescribeTrainingJob
  every 30 s, a log flush every `poll` (10 s) seconds: DescribeLogStreams (prefix "<job>/",
  orderBy LogStreamName, limit min(instances, 50), paginated) until every instance has a stream, then
  for each stream GetLogEvents(startTime=last timestamp, startFromHead=True) page after page until an
  empty page, skipping events already printed at that timestamp; events interleaved by timestamp.
  After a terminal status: one more sleep and flush.
--style component: the original KFP component (train.py + _utils.py): DescribeTrainingJob every 30 s
  until Completed/Failed/Stopped, then once DescribeLogStreams(prefix) and one GetLogEvents per stream
  (no pagination: a stream longer than one page loses lines, as the original does).

Every interval is divided by --time-scale, like the emulator's clock. Exit: 0 Completed, 1 otherwise.
"""
import argparse
import collections
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
TERMINAL = ("Completed", "Failed", "Stopped")
Position = collections.namedtuple("Position", ["timestamp", "skip"])


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--job-name", required=True)
    parser.add_argument("--request", required=True, help="CreateTrainingJob request as JSON (name filled in)")
    parser.add_argument("--style", choices=("sdk", "component"), default="sdk")
    parser.add_argument("--time-scale", type=float, default=1.0)
    return parser.parse_args()


def create(sagemaker, args):
    request = json.loads(args.request)
    request["TrainingJobName"] = args.job_name
    sagemaker.create_training_job(**request)
    return request["ResourceConfig"]["InstanceCount"]


# --- the SDK's logs_for_job ---------------------------------------------------------------------
def log_stream(logs, stream, start_time, skip):
    next_token = None
    event_count = 1
    while event_count > 0:
        token = {"nextToken": next_token} if next_token is not None else {}
        response = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=stream, startTime=start_time,
                                       startFromHead=True, **token)
        next_token = response["nextForwardToken"]
        events = response["events"]
        event_count = len(events)
        if event_count > skip:
            events, skip = events[skip:], 0
        else:
            skip, events = skip - event_count, []
        yield from events


def multi_stream_iter(logs, streams, positions):
    iterators = [log_stream(logs, s, positions[s].timestamp, positions[s].skip) for s in streams]
    heads = [next(it, None) for it in iterators]
    while any(heads):
        i = min((k for k, e in enumerate(heads) if e), key=lambda k: heads[k]["timestamp"])
        yield i, heads[i]
        heads[i] = next(iterators[i], None)


def flush_log_streams(logs, job_name, instance_count, stream_names, positions):
    if len(stream_names) < instance_count:
        try:
            streams = logs.describe_log_streams(logGroupName=LOG_GROUP, logStreamNamePrefix=job_name + "/",
                                                orderBy="LogStreamName", limit=min(instance_count, 50))
            stream_names[:] = [s["logStreamName"] for s in streams["logStreams"]]
            while "nextToken" in streams:
                streams = logs.describe_log_streams(logGroupName=LOG_GROUP, logStreamNamePrefix=job_name + "/",
                                                    orderBy="LogStreamName", nextToken=streams["nextToken"],
                                                    limit=50)
                stream_names.extend(s["logStreamName"] for s in streams["logStreams"])
            for s in stream_names:
                positions.setdefault(s, Position(0, 0))
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                raise
    for i, event in multi_stream_iter(logs, stream_names, positions):
        print(event["message"])
        ts, count = positions[stream_names[i]]
        positions[stream_names[i]] = (Position(ts, count + 1) if event["timestamp"] == ts
                                      else Position(event["timestamp"], 1))


def follow_sdk(sagemaker, logs, job_name, instance_count, scale):
    poll, describe_every = 10 / scale, 30 / scale
    description = sagemaker.describe_training_job(TrainingJobName=job_name)
    stream_names, positions = [], {}
    state = "COMPLETE_PENDING" if description["TrainingJobStatus"] in TERMINAL else "TAILING"
    last_describe = time.time()
    while True:
        flush_log_streams(logs, job_name, instance_count, stream_names, positions)
        if state == "COMPLETE":
            break
        time.sleep(poll)
        if state == "COMPLETE_PENDING":
            state = "COMPLETE"
        elif time.time() - last_describe >= describe_every:
            description = sagemaker.describe_training_job(TrainingJobName=job_name)
            last_describe = time.time()
            if description["TrainingJobStatus"] in TERMINAL:
                state = "COMPLETE_PENDING"
    return description


# --- the original component ---------------------------------------------------------------------
def follow_component(sagemaker, logs, job_name, scale):
    while True:
        description = sagemaker.describe_training_job(TrainingJobName=job_name)
        status = description["TrainingJobStatus"]
        print(f"Training job is in status: {status}", file=sys.stderr)
        if status in TERMINAL:
            break
        time.sleep(30 / scale)
    streams = logs.describe_log_streams(logGroupName=LOG_GROUP, logStreamNamePrefix=job_name + "/")["logStreams"]
    for stream in streams:
        response = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=stream["logStreamName"])
        for event in response["events"]:
            print(event["message"])
    return description


def main():
    args = parse_args()
    session = boto3.session.Session(region_name=args.region)
    sagemaker = session.client("sagemaker", endpoint_url=args.endpoint_url)
    logs = session.client("logs", endpoint_url=args.endpoint_url)
    instance_count = create(sagemaker, args)
    if args.style == "sdk":
        description = follow_sdk(sagemaker, logs, args.job_name, instance_count, args.time_scale)
    else:
        description = follow_component(sagemaker, logs, args.job_name, args.time_scale)
    sys.stdout.flush()
    return 0 if description["TrainingJobStatus"] == "Completed" else 1


if __name__ == "__main__":
    sys.exit(main())
