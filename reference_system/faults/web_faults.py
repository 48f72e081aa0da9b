"""Faults in the web layer: defects that live only in the pages, or in how errors are reported."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from fastapi.responses import HTMLResponse

from ..web import problems
from ..web.pages import result_form
from ..web.pages import results as results_pages

_LABEL = re.compile(r"<label\b[^>]*>.*?</label>", re.DOTALL)


def ui_drops_em_fields(patch) -> None:
    correct = result_form.parse

    def parse(form):
        parsed = correct(form)
        if not parsed.document:
            return parsed
        # The handler was refactored and lost the requirement fields on the way to the use case.
        return dataclasses.replace(parsed, document={**parsed.document, "curfew": None, "exclusion_zone": None})

    patch(result_form, "parse", parse)


def a11y_regression(patch) -> None:
    correct = results_pages.render

    def render(request, template, context, *args, **kwargs):
        response = correct(request, template, context, *args, **kwargs)
        if template != "result_form.html":
            return response
        html = _LABEL.sub("", response.body.decode())  # the new form layout forgot its labels
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return HTMLResponse(html, status_code=response.status_code, headers=headers)

    patch(results_pages, "render", render)


def server_error_on_bad_input(patch) -> None:
    correct = problems._readable

    def _readable(error):
        if str(error.get("type", "")).startswith("date"):
            # Echo the date back in words: parsing it again crashes on exactly the input that was bad.
            return f"{datetime.strptime(str(error.get('input')), '%Y-%m-%d'):%d %B %Y} is not a valid date"
        return correct(error)

    patch(problems, "_readable", _readable)
