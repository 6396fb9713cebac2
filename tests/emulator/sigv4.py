"""SigV4 verification of incoming requests with botocore's signer.

verify() rebuilds the request from the method, URL, the headers named in SignedHeaders and the body,
computes the signature with botocore.auth.SigV4Auth at the request's X-Amz-Date using the secret of
the access key, and compares. It raises AuthError (a neutral reason code) that each protocol renders
its own way. It never logs or returns the signature or any secret.
"""
import datetime
import hashlib
import hmac
import re

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

MAX_SKEW_SECONDS = 300
_AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$")


class AuthError(Exception):
    """reason: missing, malformed, unknown_key, bad_token, expired, scope_region, scope_service,
    scope_date, skew, signature."""

    def __init__(self, reason, message, access_key=None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.access_key = access_key


class _ExactHeadersSigner(SigV4Auth):
    """SigV4Auth that canonicalises exactly the headers the client listed in SignedHeaders."""

    def __init__(self, credentials, service, region, signed_headers):
        super().__init__(credentials, service, region)
        self._signed = signed_headers

    def headers_to_sign(self, request):
        headers = super().headers_to_sign(request)
        for name in self._signed:  # Headers botocore would skip (user-agent, expect) still count.
            if name not in headers and name in request.headers:
                headers[name] = request.headers[name]
        return headers


def parse_authorization(value):
    match = _AUTH_RE.match(value or "")
    if not match:
        raise AuthError("malformed", "Authorization header requires 'Credential', 'SignedHeaders' and "
                        "'Signature' parameters.")
    scope = match.group(1).split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise AuthError("malformed", "Credential should be scoped to a valid region and service.")
    return scope, match.group(2).split(";"), match.group(3)


def verify(store, method, url, headers, body, service, region, now=None):
    """Returns the Credential that signed the request. headers: dict with lowercase names."""
    if "authorization" not in headers:
        raise AuthError("missing", "Missing Authentication Token")
    scope, signed_headers, signature = parse_authorization(headers["authorization"])
    access_key, date, scope_region, scope_service, _ = scope
    cred = store.get(access_key)
    if cred is None:
        raise AuthError("unknown_key", "The security token included in the request is invalid.", access_key)
    now = datetime.datetime.now(datetime.timezone.utc) if now is None else now
    _check_token(cred, headers.get("x-amz-security-token"), now.timestamp())
    if scope_region != region:
        raise AuthError("scope_region", f"Credential should be scoped to a valid region, not '{scope_region}'. ",
                        access_key)
    if scope_service != service:
        raise AuthError("scope_service", f"Credential should be scoped to correct service: '{service}'. ",
                        access_key)
    amz_date = headers.get("x-amz-date", "")
    _check_date(amz_date, date, now, access_key)
    if "host" not in signed_headers:
        raise AuthError("signature", "'Host' must be a signed header.", access_key)
    expected = _compute(cred, method, url, headers, body, service, region, signed_headers, amz_date)
    if not hmac.compare_digest(expected, signature):
        raise AuthError("signature", "The request signature we calculated does not match the signature you "
                        "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                        "documentation for details.", access_key)
    return cred


def _check_token(cred, token, now):
    if cred.session_token is None:
        return
    if token is None or not hmac.compare_digest(token, cred.session_token):
        raise AuthError("bad_token", "The security token included in the request is invalid.", cred.access_key)
    if cred.expired(now):
        raise AuthError("expired", "The security token included in the request is expired", cred.access_key)


def _check_date(amz_date, scope_date, now, access_key):
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        raise AuthError("malformed", "Missing or malformed X-Amz-Date header.", access_key) from None
    if amz_date[:8] != scope_date:
        raise AuthError("scope_date", f"Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                        f"version of date from HTTP: '{scope_date}' != '{amz_date[:8]}'", access_key)
    if abs((now - when).total_seconds()) > MAX_SKEW_SECONDS:
        raise AuthError("skew", f"Signature expired: {amz_date} is now earlier than "
                        f"{(now - datetime.timedelta(seconds=MAX_SKEW_SECONDS)).strftime('%Y%m%dT%H%M%SZ')} "
                        f"({now.strftime('%Y%m%dT%H%M%SZ')} - 5 min.)", access_key)


def _compute(cred, method, url, headers, body, service, region, signed_headers, amz_date):
    claimed = headers.get("x-amz-content-sha256")
    if claimed is not None and claimed != hashlib.sha256(body).hexdigest():
        raise AuthError("signature", "The provided 'x-amz-content-sha256' header does not match what was "
                        "computed.", cred.access_key)
    kept = {name: headers[name] for name in signed_headers if name in headers}
    request = AWSRequest(method=method, url=url, headers=kept, data=body)
    request.context["timestamp"] = amz_date
    signer = _ExactHeadersSigner(Credentials(cred.access_key, cred.secret_key, cred.session_token),
                                 service, region, signed_headers)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)
