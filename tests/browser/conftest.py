"""Browser tests: the app served by waitress on loopback, driven by Playwright in Debian's Chromium.

Skipped (with the reason) only when /usr/bin/chromium is missing. `playwright install` is never
run: the system browser is launched by path. Screenshots go to tests/browser/artifacts/
(gitignored) so a person can look at the pages.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import KgStore
from webui import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for test_web_fixture

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium")


def serve(store: KgStore) -> Iterator[str]:
    import waitress

    server = waitress.create_server(create_app(store=store), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(5)


@pytest.fixture(scope="session")
def live_url(built_store: KgStore) -> Iterator[str]:
    """The real built store, served."""
    yield from serve(built_store)


@pytest.fixture(scope="session")
def fixture_url() -> Iterator[str]:
    """The web tests' fixture graph (with the XSS payloads), served."""
    from test_web_fixture import fixture_store

    yield from serve(fixture_store())


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
