#!/usr/bin/env python3
"""Signs one request with botocore's SigV4Auth at a frozen time; the reference for
botocore_comparison_test.cc.

stdin: a JSON array of requests, each {"method", "url", "headers": [[name, value], ...], "body",
"access_key_id", "secret_access_key", "session_token" ("" for none), "region", "service",
"timestamp": "YYYYMMDDTHHMMSSZ"} (one python3 run for all of them keeps the test fast).
stdout: a JSON array, per request {"canonical_request", "string_to_sign", "headers": [[name,
value], ...]} where headers are the request's headers after botocore's add_auth (X-Amz-Date,
X-Amz-Security-Token, Authorization added).

The clock is frozen by patching botocore.auth.get_current_datetime (botocore >= 1.32; older
versions called datetime.datetime.utcnow, patched as a fallback).
"""
import datetime
import json
import sys
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class RecordingSigV4Auth(botocore.auth.SigV4Auth):
    """SigV4Auth that keeps the intermediate stages it computed."""

    recorded_canonical_request = None
    recorded_string_to_sign = None

    def canonical_request(self, request):
        self.recorded_canonical_request = super().canonical_request(request)
        return self.recorded_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign


def frozen_clock(moment):
    if hasattr(botocore.auth, 'get_current_datetime'):
        return mock.patch.object(botocore.auth, 'get_current_datetime', return_value=moment)

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return moment

    return mock.patch.object(botocore.auth.datetime, 'datetime', FrozenDatetime)


def sign(spec):
    moment = datetime.datetime.strptime(spec['timestamp'], '%Y%m%dT%H%M%SZ')
    request = AWSRequest(method=spec['method'], url=spec['url'], data=spec['body'].encode('utf-8'))
    for name, value in spec['headers']:
        request.headers[name] = value  # HTTPHeaders appends: repeated names are kept
    credentials = Credentials(spec['access_key_id'], spec['secret_access_key'],
                              spec['session_token'] or None)
    auth = RecordingSigV4Auth(credentials, spec['service'], spec['region'])
    with frozen_clock(moment):
        auth.add_auth(request)
    return {
        'canonical_request': auth.recorded_canonical_request,
        'string_to_sign': auth.recorded_string_to_sign,
        'headers': [[name, value] for name, value in request.headers.items()],
    }


def main():
    json.dump([sign(spec) for spec in json.load(sys.stdin)], sys.stdout)


if __name__ == '__main__':
    main()
