"""STS operations (query protocol: form-encoded Action=..., XML answers and XML errors).

AssumeRole and GetCallerIdentity are signed (the server verifies before calling them);
AssumeRoleWithWebIdentity is unsigned and checks the token against the scenario's. Issued credentials
live for the scenario's lifetime and are known to the store for later signature checks.
"""
import datetime
import hmac
import uuid
from xml.sax.saxutils import escape

from . import validation
from .errors import ApiError

_MODEL = validation.service_model("sts", "2011-06-15")
_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
UNSIGNED = {"AssumeRoleWithWebIdentity"}


def _typed_params(op, form):
    """Top-level scalar members of the query as the model types them (lists are not needed here)."""
    shape = _MODEL.operation_model(op).input_shape
    out = {}
    for name, member in shape.members.items():
        if name in form:
            value = form[name]
            if member.type_name == "integer":
                try:
                    value = int(value)
                except ValueError:
                    raise ApiError(400, "ValidationError", f"Invalid value for {name}: not an integer") from None
            out[name] = value
    validation.raise_if_invalid(shape, out, "ValidationError")
    return out


def _iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _credentials_xml(cred):
    return (f"<Credentials><AccessKeyId>{cred.access_key}</AccessKeyId>"
            f"<SecretAccessKey>{escape(cred.secret_key)}</SecretAccessKey>"
            f"<SessionToken>{escape(cred.session_token)}</SessionToken>"
            f"<Expiration>{_iso(cred.expiration)}</Expiration></Credentials>"
            f"<AssumedRoleUser><AssumedRoleId>{escape(cred.user_id)}</AssumedRoleId>"
            f"<Arn>{escape(cred.arn)}</Arn></AssumedRoleUser>")


def _response(op, result):
    return (f'<{op}Response xmlns="{_NS}"><{op}Result>{result}</{op}Result>'
            f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata></{op}Response>")


def assume_role(app, form, caller):
    params = _typed_params("AssumeRole", form)
    cred = app.credentials.issue(params["RoleArn"], params["RoleSessionName"], params.get("DurationSeconds"))
    return _response("AssumeRole", _credentials_xml(cred) + "<PackedPolicySize>0</PackedPolicySize>")


def assume_role_with_web_identity(app, form, caller):
    params = _typed_params("AssumeRoleWithWebIdentity", form)
    expected = app.scenario.credentials["web_identity_token"]
    if not hmac.compare_digest(params["WebIdentityToken"].encode(), expected.encode()):
        raise ApiError(400, "InvalidIdentityToken", "The web identity token that was passed could not be "
                       "validated by AWS. Get a new identity token from the identity provider and then retry.")
    cred = app.credentials.issue(params["RoleArn"], params["RoleSessionName"], params.get("DurationSeconds"))
    return _response("AssumeRoleWithWebIdentity", _credentials_xml(cred) +
                     "<SubjectFromWebIdentityToken>system:serviceaccount:kubeflow:pipeline-runner"
                     "</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience>"
                     "<Provider>oidc.eks.emulator.amazonaws.com</Provider>")


def get_caller_identity(app, form, caller):
    return _response("GetCallerIdentity", f"<Arn>{escape(caller.arn)}</Arn><UserId>{escape(caller.user_id)}"
                     f"</UserId><Account>{app.scenario.account_id}</Account>")


def error_xml(error):
    kind = "Sender" if error.sender else "Receiver"
    return (f'<ErrorResponse xmlns="{_NS}"><Error><Type>{kind}</Type><Code>{escape(error.code)}</Code>'
            f"<Message>{escape(error.message)}</Message></Error><RequestId>{uuid.uuid4()}</RequestId>"
            f"</ErrorResponse>")


OPERATIONS = {
    "AssumeRole": assume_role,
    "AssumeRoleWithWebIdentity": assume_role_with_web_identity,
    "GetCallerIdentity": get_caller_identity,
}
