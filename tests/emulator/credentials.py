"""CredentialStore: every access key the emulator knows, static or temporary.

Static keys come from the defaults and the scenario; temporary keys are issued by STS, IMDS and the
container endpoint with the scenario's lifetime and stay known after they expire, so a request signed
with them is answered "expired" rather than "unknown". Thread-safe.
"""
import secrets
import threading
import time
from dataclasses import dataclass

DEFAULT_ACCESS_KEY = "AKIDEMULATOREXAMPLE"
DEFAULT_SECRET_KEY = "emulator/secret/key/EXAMPLE"


@dataclass(frozen=True)
class Credential:
    access_key: str
    secret_key: str
    session_token: str = None  # None for static keys.
    expiration: float = None  # Epoch seconds; None for static keys.
    arn: str = ""
    user_id: str = ""

    def expired(self, now):
        return self.expiration is not None and now >= self.expiration


class CredentialStore:
    def __init__(self, account_id, static_keys=(), lifetime=900.0):
        self._lock = threading.Lock()
        self._keys = {}
        self._account_id = account_id
        self.lifetime = float(lifetime)
        user_arn = f"arn:aws:iam::{account_id}:user/emulator"
        for key in [{"access_key": DEFAULT_ACCESS_KEY, "secret_key": DEFAULT_SECRET_KEY}, *static_keys]:
            self._keys[key["access_key"]] = Credential(
                key["access_key"], key["secret_key"], arn=key.get("arn", user_arn),
                user_id=key.get("user_id", "AIDAEMULATOR"))

    def get(self, access_key):
        with self._lock:
            return self._keys.get(access_key)

    def issued_secrets(self):
        """Secret keys and session tokens of every temporary credential issued so far (for tests that
        check the program never prints them; served only by GET /_emulator/state?secrets=1)."""
        with self._lock:
            return [{"secret_key": c.secret_key, "session_token": c.session_token}
                    for c in self._keys.values() if c.session_token is not None]

    def issue(self, role_arn, session_name, duration=None, now=None):
        """Issues temporary credentials for an assumed role, valid for the scenario's lifetime."""
        now = time.time() if now is None else now
        lifetime = self.lifetime if duration is None else min(self.lifetime, float(duration))
        role_name = role_arn.rsplit("/", 1)[-1]
        cred = Credential(
            access_key="ASIA" + secrets.token_hex(8).upper(),
            secret_key=secrets.token_urlsafe(30),
            session_token=secrets.token_urlsafe(60),
            expiration=now + lifetime,
            arn=f"arn:aws:sts::{self._account_id}:assumed-role/{role_name}/{session_name}",
            user_id=f"AROAEMULATOR{role_name.upper()[:8]}:{session_name}")
        with self._lock:
            self._keys[cred.access_key] = cred
        return cred
