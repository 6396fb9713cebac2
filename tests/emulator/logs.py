"""CloudWatch Logs operations (AWS JSON 1.1, X-Amz-Target "Logs_20140328.<Op>").

The only group is /aws/sagemaker/TrainingJobs; it exists once the first stream has its first event.
Streams and their events are computed from the jobs' clocks at `now` (jobs.Stream). Tokens are opaque
to clients: "f/" or "b/" then 56 digits (a stream checksum and a position), as the service's look.
GetLogEvents follows the service's documented paging: a nextForwardToken on every page, and at the end
of the stream the same token as the one passed in. Its page is assembled from each event's JSON text,
rendered once per event (event_json, kept in app.log_events, an EventCache): byte for byte what
json.dumps of the page as a dict gives, without rendering 10,000 events on every request.
"""
import base64
import bisect
import json
import zlib
from json.encoder import encode_basestring_ascii

from . import validation
from .errors import invalid_parameter, not_found
from .jobs import LOG_GROUP
from .jsonbody import JsonBody

_MODEL = validation.service_model("logs", "2014-03-28")
MAX_EVENTS = 10000


def _check(op, params):
    validation.raise_if_invalid(_MODEL.operation_model(op).input_shape, params, "InvalidParameterException")


def _group_streams(app, params, now):
    group = params.get("logGroupName") or params.get("logGroupIdentifier")
    streams = app.jobs.streams(now)
    if group != LOG_GROUP or not streams:
        raise not_found("The specified log group does not exist.")
    return streams


def _stream_info(app, stream, now):
    count = stream.count(now)
    first, last = stream.timestamp(0), stream.timestamp(count - 1)
    return {"logStreamName": stream.name, "creationTime": int(stream.attempt.start * 1000),
            "firstEventTimestamp": first, "lastEventTimestamp": last, "lastIngestionTime": last + 5,
            "storedBytes": 0, "arn": f"arn:aws:logs:{app.scenario.region}:{app.scenario.account_id}:log-group:"
                                     f"{LOG_GROUP}:log-stream:{stream.name}"}


def describe_log_streams(app, params):
    _check("DescribeLogStreams", params)
    now = app.now()
    streams = _group_streams(app, params, now)
    prefix = params.get("logStreamNamePrefix", "")
    by_time = params.get("orderBy", "LogStreamName") == "LastEventTime"
    if prefix and by_time:
        raise invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
    rows = [_stream_info(app, s, now) for s in streams if s.name.startswith(prefix)]
    key = "lastEventTimestamp" if by_time else "logStreamName"
    rows.sort(key=lambda r: (r[key], r["logStreamName"]), reverse=bool(params.get("descending")))
    start = _decode_page_token(params.get("nextToken"), rows)
    size = min(int(params.get("limit", 50)), int(app.scenario.logs["streams_page_size"]))
    out = {"logStreams": rows[start:start + size]}
    if start + size < len(rows):
        out["nextToken"] = base64.urlsafe_b64encode(json.dumps(
            {"after": rows[start + size - 1]["logStreamName"]}).encode()).decode()
    return out


def _decode_page_token(token, rows):
    if not token:
        return 0
    try:
        after = json.loads(base64.urlsafe_b64decode(token.encode()))["after"]
    except (ValueError, KeyError, TypeError):
        raise invalid_parameter("The specified nextToken is invalid.") from None
    names = [r["logStreamName"] for r in rows]
    return names.index(after) + 1 if after in names else 0


def _token(direction, stream, position):
    return f"{direction}/{zlib.crc32(stream.name.encode()):010d}{position:046d}"


def _parse_token(token, stream):
    if len(token) != 58 or token[1] != "/" or token[0] not in "fb" or not token[2:].isdigit() \
            or int(token[2:12]) != zlib.crc32(stream.name.encode()):
        raise invalid_parameter("The specified nextToken is invalid.")
    return token[0], int(token[12:])


def get_log_events(app, params):
    _check("GetLogEvents", params)
    now = app.now()
    streams = _group_streams(app, params, now)
    stream = next((s for s in streams if s.name == params["logStreamName"]), None)
    if stream is None:
        raise not_found("The specified log stream does not exist.")
    count = stream.count(now)
    lo = bisect.bisect_left(range(count), params.get("startTime", 0), key=stream.timestamp)
    hi = count if "endTime" not in params else bisect.bisect_left(range(count), params["endTime"],
                                                                  key=stream.timestamp)
    limit = min(int(params.get("limit", MAX_EVENTS)), int(app.scenario.logs["events_page_size"]))
    token = params.get("nextToken")
    if token:
        direction, position = _parse_token(token, stream)
        if direction == "f":
            begin = max(lo, position)
            end = max(begin, min(hi, begin + limit))
        else:
            end = max(lo, min(hi, position))
            begin = max(lo, end - limit)
    elif params.get("startFromHead"):
        begin, end = lo, max(lo, min(hi, lo + limit))
    else:
        end = max(lo, hi)
        begin = max(lo, end - limit)
    events = app.log_events.fragments(stream, begin, end)
    forward = _token("f", stream, end)
    if token and token.startswith("f/") and not events:
        forward = token  # Caught up: the service hands back the very token it was given.
    return _page(events, forward, _token("b", stream, begin))


def event_json(stream, index):
    """The index-th event of `stream` as GetLogEvents renders it (an OutputLogEvent), JSON bytes."""
    ts, text = stream.event(index)
    # Exactly json.dumps({"timestamp": ts, "message": text, "ingestionTime": ts + 5}) (default separators,
    # ASCII escapes), at half its cost: the string goes through json's own C escaper.
    return f'{{"timestamp": {ts}, "message": {encode_basestring_ascii(text)}, "ingestionTime": {ts + 5}}}'.encode()


def _page(events, forward, backward):
    """The GetLogEvents answer from rendered events: the same bytes as json.dumps({"events": [...],
    "nextForwardToken": forward, "nextBackwardToken": backward}) with json.dumps' default separators."""
    return JsonBody(b'{"events": [' + b", ".join(events) + b'], "nextForwardToken": '
                    + json.dumps(forward).encode() + b', "nextBackwardToken": ' + json.dumps(backward).encode()
                    + b"}")


OPERATIONS = {
    "DescribeLogStreams": describe_log_streams,
    "GetLogEvents": get_log_events,
}
