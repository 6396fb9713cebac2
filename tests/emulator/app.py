"""App: the emulator's state (scenario, keys, jobs, metadata, faults, request log) and the request flows.

handle(request) takes a parsed HTTP request and returns a Response (or one with drop=True: close the
connection without answering). Each flow: pick the faults, verify the signature, decode, run the
operation, render the answer the way its protocol does, and log one line. Log events are rendered once
into an EventCache, ahead of reads by the LogIngester thread, which whoever runs the server starts
(ingester.start()/stop()); without it pages are still right, only rendered on demand.
Thread-safe: every part locks.
"""
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from . import hostile, logs, sagemaker, sigv4, sts
from .credentials import CredentialStore
from .errors import ApiError
from .eventcache import EventCache
from .faults import Faults
from .ingester import LogIngester
from .jobs import JobStore
from .jsonbody import JsonBody
from .ratelimits import RateLimits
from .metadata import IMDS_PREFIX, Metadata, MetadataError
from .requestlog import RequestLog
from .state import render_state

JSON_SERVICES = {"SageMaker": ("sagemaker", sagemaker.OPERATIONS), "Logs_20140328": ("logs", logs.OPERATIONS)}
_FAULT_ERRORS = {  # kind -> (status, JSON __type, STS code, message)
    "throttle": (400, "ThrottlingException", "Throttling", "Rate exceeded"),
    "internal_error": (500, "InternalFailure", "InternalFailure", "We encountered an internal error. Please try again."),
    "unavailable": (503, "ServiceUnavailable", "ServiceUnavailable", "Service is unavailable. Please try again."),
}
# sigv4.AuthError reason -> (status, JSON __type, STS code)
_AUTH_ERRORS = {
    "missing": (403, "MissingAuthenticationTokenException", "MissingAuthenticationToken"),
    "malformed": (400, "IncompleteSignatureException", "IncompleteSignature"),
    "unknown_key": (400, "UnrecognizedClientException", "InvalidClientTokenId"),
    "bad_token": (400, "UnrecognizedClientException", "InvalidClientTokenId"),
    "expired": (400, "ExpiredTokenException", "ExpiredToken"),
}
_SIGNATURE_ERROR = (403, "InvalidSignatureException", "SignatureDoesNotMatch")


@dataclass
class Request:
    method: str
    path: str  # Raw path with the query string, as sent.
    headers: dict  # Lowercase names.
    body: bytes


@dataclass
class Response:
    status: int = 200
    content_type: str = "application/x-amz-json-1.1"
    body: bytes = b""
    drop: bool = False
    headers: dict = field(default_factory=dict)
    chunks: object = None  # an iterator of bytes: sent chunked instead of `body`


def _json(status, payload):
    """payload: a dict to serialize, or a JsonBody already serialized by the operation."""
    body = payload.data if isinstance(payload, JsonBody) else json.dumps(payload).encode()
    return Response(status, body=body, headers={"x-amzn-RequestId": str(uuid.uuid4())})


def _json_params(body):
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        raise ApiError(400, "SerializationException", "Could not parse the request body as JSON.") from None
    if not isinstance(params, dict):
        raise ApiError(400, "SerializationException", "The request body must be a JSON object.")
    return params


def _job_of(body):
    """The training job a JSON request is about, for the request log (None when it names none)."""
    try:
        params = json.loads(body or b"{}")
        stream = params.get("logStreamName") or ""
        return params.get("TrainingJobName") or (stream.split("/", 1)[0] if stream else None)
    except (ValueError, AttributeError):
        return None


class App:
    def __init__(self, scenario, time_scale=1.0, seed=0, request_log=None, rate_limits=None):
        self.scenario = scenario
        self.started = time.time()
        self.credentials = CredentialStore(scenario.account_id, scenario.data["static_keys"],
                                           scenario.credentials["lifetime"])
        self.jobs = JobStore(scenario, time_scale, sagemaker.DESCRIBE_MEMBERS)
        self.metadata = Metadata(scenario, self.credentials)
        self.faults = Faults(scenario.faults, seed)
        self.rate_limits = RateLimits({**scenario.rate_limits, **(rate_limits or {})})
        self.log = RequestLog(request_log)
        self.log_events = EventCache(logs.event_json)  # GetLogEvents pages are joins of cached events.
        self.ingester = LogIngester(self.jobs, self.log_events, clock=self.now)  # Started by the server's owner.

    @staticmethod
    def now():
        return time.time()

    def handle(self, request):
        path = urlsplit(request.path).path
        if path.startswith("/_emulator/"):
            return self._control(request, path)
        if path.startswith(IMDS_PREFIX) or path == self.metadata.container_path:
            return self._metadata(request, path)
        target = request.headers.get("x-amz-target", "")
        if target.split(".", 1)[0] in JSON_SERVICES:
            return self._json_service(request, target)
        form = dict(parse_qsl(urlsplit(request.path).query))
        form.update(parse_qsl(request.body.decode("utf-8", "replace")))
        if "Action" in form:
            return self._sts(request, form)
        return _json(404, {"__type": "UnknownOperationException", "message": "Unknown operation"})

    def _faults(self, operation):
        decision = self.faults.decide(operation)
        if decision.latency:
            time.sleep(decision.latency)
        return decision.kind, decision.rule or {}

    @staticmethod
    def _hostile_answer(fault, rule, entry):
        """The answer of a hostile fault that replaces the operation's, or None."""
        if fault not in ("hang", "huge", "endless", "deep"):
            return None
        entry["fault"] = fault
        if fault == "hang":
            hostile.hang()
            return Response(drop=True)
        if fault == "endless":
            return Response(chunks=hostile.endless_chunks())
        if fault == "huge":
            return Response(body=hostile.huge_body(rule.get("bytes", 1 << 20)))
        return Response(body=hostile.deep_body(rule.get("depth", 1000)))

    def _hostile_error(self, fault, request, service, entry, signature_code):
        """Raises the error of a hostile fault answered after the signature was checked."""
        if fault == "signature_echo":
            entry["fault"] = fault
            url = "http://" + request.headers.get("host", "localhost") + request.path
            raise ApiError(403, signature_code,
                           hostile.signature_echo_message(request, url, service, self.scenario.region))
        if fault == "header_echo":
            entry["fault"] = fault
            raise ApiError(400, "BadRequest", hostile.header_echo_message(request))

    def _json_service(self, request, target):
        prefix, _, op = target.partition(".")
        service, operations = JSON_SERVICES[prefix]
        entry = {"service": service, "operation": op}
        with self.log.serving(op):
            response = self._json_flow(request, service, operations, op, entry)
        self.log.record(status=response.status if not response.drop else 0, **entry)
        return response

    def _json_flow(self, request, service, operations, op, entry):
        if op not in operations:
            entry["error"] = "UnknownOperationException"
            return _json(400, {"__type": "UnknownOperationException", "message": f"Unknown operation {op}"})
        entry["job"] = _job_of(request.body)
        fault, rule = self._faults(op)
        if fault == "drop":
            entry["fault"] = fault
            return Response(drop=True)
        hostile_answer = self._hostile_answer(fault, rule, entry)
        if hostile_answer is not None:
            return hostile_answer
        try:
            caller = self._verify(request, service)
            entry["access_key"] = caller.access_key
            self._hostile_error(fault, request, service, entry, "InvalidSignatureException")
            params = _json_params(request.body)
            if fault in _FAULT_ERRORS:
                entry["fault"] = fault
                status, code, _, message = _FAULT_ERRORS[fault]
                raise ApiError(status, code, message, sender=False)
            if not self.rate_limits.admit(op):
                status, code, _, message = _FAULT_ERRORS["throttle"]
                raise ApiError(status, code, message, sender=False)
            result = operations[op](self, params)
        except sigv4.AuthError as auth:
            entry["access_key"] = auth.access_key
            status, code, _ = _AUTH_ERRORS.get(auth.reason, _SIGNATURE_ERROR)
            error = ApiError(status, code, auth.message)
        except ApiError as api:
            error = api
        else:
            if fault == "drop_after":
                entry["fault"] = fault
                return Response(drop=True)
            return _json(200, result)
        entry["error"] = error.code
        return _json(error.status, {"__type": error.code, "message": error.message})

    def _verify(self, request, service):
        url = "http://" + request.headers.get("host", "localhost") + request.path
        return sigv4.verify(self.credentials, request.method, url, request.headers, request.body, service,
                            self.scenario.region)

    def _sts(self, request, form):
        op = form["Action"]
        entry = {"service": "sts", "operation": op}
        response = self._sts_flow(request, form, op, entry)
        self.log.record(status=response.status if not response.drop else 0, **entry)
        return response

    def _sts_flow(self, request, form, op, entry):
        fault, rule = self._faults(op)
        if fault == "drop":
            entry["fault"] = fault
            return Response(drop=True)
        hostile_answer = self._hostile_answer(fault, rule, entry)
        if hostile_answer is not None:
            return hostile_answer
        try:
            self._hostile_error(fault, request, "sts", entry, "SignatureDoesNotMatch")
            if op not in sts.OPERATIONS:
                raise ApiError(400, "InvalidAction", f"Could not find operation {op} for version 2011-06-15")
            caller = None
            if op not in sts.UNSIGNED:
                caller = self._verify(request, "sts")
                entry["access_key"] = caller.access_key
            if fault in _FAULT_ERRORS:
                entry["fault"] = fault
                status, _, code, message = _FAULT_ERRORS[fault]
                raise ApiError(status, code, message, sender=status < 500)
            body = sts.OPERATIONS[op](self, form, caller)
        except sigv4.AuthError as auth:
            entry["access_key"] = auth.access_key
            status, _, code = _AUTH_ERRORS.get(auth.reason, _SIGNATURE_ERROR)
            error = ApiError(status, code, auth.message)
        except ApiError as api:
            error = api
        else:
            if fault == "drop_after":
                entry["fault"] = fault
                return Response(drop=True)
            return Response(200, "text/xml", body.encode())
        entry["error"] = error.code
        return Response(error.status, "text/xml", sts.error_xml(error).encode())

    def _metadata(self, request, path):
        op = self.metadata.operation(request.method, path)
        entry = {"service": "metadata", "operation": op}
        fault, _ = self._faults(op)
        entry["fault"] = fault
        try:
            if fault == "drop":
                response = Response(drop=True)
            elif fault in _FAULT_ERRORS:
                status = 429 if fault == "throttle" else _FAULT_ERRORS[fault][0]
                raise MetadataError(status, _FAULT_ERRORS[fault][3])
            else:
                status, content_type, text = self.metadata.handle(request.method, path, request.headers)
                response = Response(status, content_type, text.encode(), drop=fault == "drop_after")
        except MetadataError as error:
            entry["fault"] = None if fault == "drop_after" else fault  # Errors are answered, not dropped.
            entry["error"] = f"HTTP{error.status}"
            response = Response(error.status, "text/plain", error.text.encode())
        self.log.record(status=response.status if not response.drop else 0, **entry)
        return response

    def _control(self, request, path):
        if path == "/_emulator/state" and request.method == "GET":
            query = dict(parse_qsl(urlsplit(request.path).query))
            return Response(200, "application/json", json.dumps(render_state(self, query)).encode())
        if path == "/_emulator/faults" and request.method == "POST":
            try:
                self.faults.replace(json.loads(request.body or b"{}"))
            except (ValueError, AttributeError, TypeError) as error:
                return Response(400, "text/plain", str(error).encode())
            return Response(200, "application/json", b"{}")
        return Response(404, "text/plain", b"Not Found")
