"""IMDSv2 and container-credentials endpoints (plain HTTP, no SigV4).

IMDSv2: PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds: 1..21600) gives a session token;
GET /latest/meta-data/iam/security-credentials/ (role name) and .../<role> (credentials JSON) need it in
X-aws-ec2-metadata-token. Container: GET <container_path> with the scenario's Authorization token.
Credentials are re-issued once half their lifetime has passed, so a refreshing client gets fresh ones.
Thread-safe.
"""
import datetime
import hmac
import json
import secrets
import threading
import time

IMDS_PREFIX = "/latest/"
_ROLE_PATH = "/latest/meta-data/iam/security-credentials/"


class MetadataError(Exception):
    def __init__(self, status, text):
        super().__init__(text)
        self.status = status
        self.text = text


def _iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Metadata:
    def __init__(self, scenario, store):
        self._settings = scenario.credentials
        self._account_id = scenario.account_id
        self._store = store
        self._lock = threading.Lock()
        self._tokens = {}  # IMDS session token -> expiry (epoch seconds).
        self._issued = {}  # "imds" / "container" -> Credential.
        self.container_path = self._settings["container_path"]

    def issued_tokens(self):
        """Every IMDSv2 session token handed out (test-only, for /_emulator/state?secrets=1)."""
        with self._lock:
            return list(self._tokens)

    def operation(self, method, path):
        if path == "/latest/api/token":
            return "GetMetadataToken"
        if path.startswith(_ROLE_PATH):
            return "GetRoleCredentials" if path != _ROLE_PATH else "GetRoleName"
        return "GetContainerCredentials" if path == self.container_path else "GetMetadata"

    def handle(self, method, path, headers):
        """Returns (status, content_type, body text) or raises MetadataError."""
        op = self.operation(method, path)
        if op == "GetContainerCredentials":
            return self._container(method, headers)
        if op == "GetMetadataToken":
            return self._new_token(method, headers)
        self._check_token(headers)
        role = self._settings["role_name"]
        if op == "GetRoleName" and method == "GET":
            return 200, "text/plain", role
        if op == "GetRoleCredentials" and method == "GET" and path[len(_ROLE_PATH):] == role:
            cred = self._credential("imds", role)
            return 200, "application/json", json.dumps({
                "Code": "Success", "LastUpdated": _iso(time.time()), "Type": "AWS-HMAC",
                "AccessKeyId": cred.access_key, "SecretAccessKey": cred.secret_key,
                "Token": cred.session_token, "Expiration": _iso(cred.expiration)})
        raise MetadataError(404, "Not Found")

    def _new_token(self, method, headers):
        if method != "PUT":
            raise MetadataError(405, "Method Not Allowed")
        try:
            ttl = int(headers.get("x-aws-ec2-metadata-token-ttl-seconds", ""))
        except ValueError:
            raise MetadataError(400, "Bad Request") from None
        if not 1 <= ttl <= 21600:
            raise MetadataError(400, "Bad Request")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = time.time() + ttl
        return 200, "text/plain", token

    def _check_token(self, headers):
        token = headers.get("x-aws-ec2-metadata-token")
        with self._lock:
            expiry = self._tokens.get(token or "")
        if expiry is None or expiry < time.time():
            raise MetadataError(401, "Unauthorized")

    def _container(self, method, headers):
        expected = self._settings["container_token"]
        given = headers.get("authorization", "")
        if method != "GET":
            raise MetadataError(405, "Method Not Allowed")
        if expected and not hmac.compare_digest(given.encode(), expected.encode()):
            raise MetadataError(401, json.dumps({"Code": "AccessDenied", "Message": "Invalid authorization token"}))
        cred = self._credential("container", "emulator-pod-identity-role")
        return 200, "application/json", json.dumps({
            "AccessKeyId": cred.access_key, "SecretAccessKey": cred.secret_key, "Token": cred.session_token,
            "Expiration": _iso(cred.expiration)})

    def _credential(self, source, role):
        now = time.time()
        with self._lock:
            cred = self._issued.get(source)
            if cred is None or cred.expiration - now < self._store.lifetime / 2:
                cred = self._store.issue(f"arn:aws:iam::{self._account_id}:role/{role}", source, now=now)
                self._issued[source] = cred
            return cred
