"""ApiError: an error answer the emulator gives, in the terms every protocol renders.

Handlers raise ApiError; the server renders it as AWS JSON 1.1 ({"__type", "message"}) or as the STS
query protocol's XML <ErrorResponse>. Messages never contain secrets.
"""


class ApiError(Exception):
    def __init__(self, status, code, message, sender=True):
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.sender = sender  # STS <Type>: Sender (client's fault) or Receiver.


def validation(message):
    return ApiError(400, "ValidationException", message)


def not_found(message):
    return ApiError(400, "ResourceNotFoundException", message)


def invalid_parameter(message):
    return ApiError(400, "InvalidParameterException", message)
