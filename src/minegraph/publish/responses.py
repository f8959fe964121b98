"""The endpoint's error answers: a JSON body with status, kind and message, never a traceback."""

from __future__ import annotations

from starlette.responses import JSONResponse

ROWS_HEADER = "X-Minegraph-Rows"
TRUNCATED_HEADER = "X-Minegraph-Truncated"


def error(status: int, kind: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"status": status, "error": kind, "message": message}, status_code=status, headers=headers)
