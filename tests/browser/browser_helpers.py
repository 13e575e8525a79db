"""Helpers for the browser tests: a page wrapper that records what it saw, and a context factory."""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


class Page:
    """A page plus what it saw: requests that left loopback, dialogs, console errors."""

    def __init__(self, page: object, base: str) -> None:
        self.page = page
        self.base = base
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)  # type: ignore[attr-defined]
        page.on("dialog", self._dialog)  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))  # type: ignore[attr-defined]

    def _request(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if not url.startswith(("http://127.0.0.1:", "data:", "about:", "blob:")):
            self.outside.append(url)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def shot(self, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path


def new_page(browser: object, base: str, javascript: bool = True) -> tuple[object, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript,  # type: ignore[attr-defined]
                                  accept_downloads=True, base_url=base)
    return context, Page(context.new_page(), base)
