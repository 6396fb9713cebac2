"""Hostile answers, for showing the program holds up against a service (or proxy) that misbehaves.

Fault kinds (see faults.py) whose answer is built here:
- signature_echo: the signature "does not match", and the message holds the canonical request and
  string to sign the service says it expected, signed headers included (x-amz-security-token), as
  AWS JSON services (InvalidSignatureException) and STS (SignatureDoesNotMatch) really answer.
- header_echo: a 400 whose message echoes every request header, Authorization included (a proxy or
  debugging server).
- hang: the request is read, then never answered (until the emulator stops).
- huge: a 200 JSON answer of `bytes` bytes (a long string member), sent with Content-Length.
- endless: a 200 chunked answer that never ends (`{"x":"xxxx...`).
- deep: a 200 JSON answer nested `depth` arrays deep.
- messages: the operation runs, and every "message"/"Message" member in the answer is replaced with
  `text` (newlines and control characters, say).
"""
import threading

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KINDS = {"signature_echo", "header_echo", "hang", "huge", "endless", "deep"}
_SIGNATURE_MESSAGE = ("The request signature we calculated does not match the signature you provided. Check your "
                      "AWS Secret Access Key and signing method. Consult the service documentation for details.")

# Set when the emulator stops: hung requests end with it.
shutting_down = threading.Event()


def signature_echo_message(request, url, service, region, secret_key="unknown-secret"):
    """The message AWS gives for a wrong signature: the canonical request and string to sign it expected."""
    signed = []
    for part in request.headers.get("authorization", "").replace(",", " ").split():
        if part.startswith("SignedHeaders="):
            signed = part.split("=", 1)[1].split(";")
    kept = {name: request.headers[name] for name in signed if name in request.headers}
    aws_request = AWSRequest(method=request.method, url=url, headers=kept, data=request.body)
    aws_request.context["timestamp"] = request.headers.get("x-amz-date", "20260101T000000Z")
    signer = SigV4Auth(Credentials("unknown", secret_key, request.headers.get("x-amz-security-token")),
                       service, region)
    canonical = signer.canonical_request(aws_request)
    return (f"{_SIGNATURE_MESSAGE}\n\nThe Canonical String for this request should have been\n'{canonical}'\n\n"
            f"The String-to-Sign should have been\n'{signer.string_to_sign(aws_request, canonical)}'\n")


def header_echo_message(request):
    return "Bad request. Headers received:\n" + "\n".join(f"{name}: {value}" for name, value in request.headers.items())


def hang():
    shutting_down.wait()


def huge_body(size):
    filler = max(0, int(size) - 8)
    return b'{"x":"' + b"x" * filler + b'"}'


def endless_chunks():
    yield b'{"x":"'
    chunk = b"x" * 65536
    while not shutting_down.is_set():
        yield chunk


def deep_body(depth):
    depth = int(depth)
    return b'{"x":' + b"[" * depth + b"]" * depth + b"}"
