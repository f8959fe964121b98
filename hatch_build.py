"""Hatch build hook: put the query page's YASGUI build into the wheel when ``make assets`` has installed it.

Without it (a build from source before ``npm ci``) the wheel is built all the same and this says so in one
line; the installed endpoint then answers its query page with "run 'make assets'". Nothing is downloaded here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ASSETS = Path("node_modules/@zazuko/yasgui/build")
TARGET = "minegraph/publish/static/yasgui"


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        source = Path(self.root) / ASSETS
        files = [source / "yasgui.min.js", source / "yasgui.min.css"]
        if all(f.is_file() for f in files):
            for f in files:
                build_data["force_include"][str(f)] = f"{TARGET}/{f.name}"
        else:
            print(
                "minegraph: building without the query page's YASGUI assets (run 'make assets', which needs npm, "
                "to include them)",
                file=sys.stderr,
            )
