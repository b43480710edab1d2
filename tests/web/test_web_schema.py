"""Schemathesis against the API, in-process: generated requests (bounded and deterministic)
never get a server error, and every answer matches the published OpenAPI description."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from inbox.model import NoticeSource
from inbox.web import Rate, WebConfig
from tests.telegram.webpreview_server import WebPreviewServer
from tests.web.live import BridgedApp, LoopThread
from tests.web.site import open_site
from tests.web.support import Clock

GENEROUS = Rate(per_minute=100_000, burst=10_000)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Api:
    schema: schemathesis.schemas.BaseSchema
    token: str


@pytest.fixture
def api(tmp_path: Path, webpreview_server: WebPreviewServer) -> Iterator[Api]:
    config = WebConfig(api_rate=GENEROUS, address_rate=GENEROUS)
    with LoopThread() as loop:
        stack = AsyncExitStack()
        site = loop.run(
            open_site(
                stack,
                tmp_path / "inbox.sqlite3",
                clock=Clock(),
                webpreview_url=webpreview_server.url,
                config=config,
            )
        )
        try:
            _, token = loop.run(site.accounts.add_token("flagger", NoticeSource.TRUSTED_FLAGGER))
            schema = schemathesis.openapi.from_asgi("/api/openapi.json", BridgedApp(site.app, loop))
            yield Api(schema, token)
        finally:
            loop.run(stack.aclose())


OPERATIONS = [("/api/notices", "POST"), ("/api/cases/{case_id}", "GET")]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_the_api_keeps_its_published_contract(
    api: Api, path: str, method: str, mode: GenerationMode
) -> None:
    operation = api.schema[path][method]
    headers = {"Authorization": f"Bearer {api.token}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()


LOCATIONS = (
    "@somechannel",
    "https://t.me/telegram/420",
    "t.me/s/another_shop/7",
    "tg://resolve?domain=plugshop",
)


def test_generated_notices_with_real_locations_are_filed_within_the_contract(api: Api) -> None:
    operation = api.schema["/api/notices"]["POST"]
    headers = {"Authorization": f"Bearer {api.token}"}
    statuses: list[int] = []

    @given(case=operation.as_strategy(), location=st.sampled_from(LOCATIONS))
    @settings(
        max_examples=30,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    def call(case: schemathesis.Case, location: str) -> None:
        assert isinstance(case.body, dict)
        case.body["location"] = location
        statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    call()
    assert set(statuses) <= {201, 422}
    assert statuses.count(201) >= len(statuses) // 2
