"""Build hook: compile the optional C walk (``src/cleaner/_cwalk.pyx``) for the wheel.

The package works without it (``_html_blocks`` walks in Python, with the same results),
so a machine without a C compiler, Cython or lxml's headers still gets a working, pure
Python wheel, with a warning. ``CLEANER_PURE_PYTHON_BUILD=1`` builds the pure wheel on
purpose.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "src/cleaner/_cwalk.pyx"


class CompiledWalkHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``_cwalk`` in place and put it in the wheel (an editable install finds it
    in the source tree)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get("CLEANER_PURE_PYTHON_BUILD", "").strip() not in ("", "0"):
            return
        try:
            built = compile_walk(Path(self.root))
        except Exception as exc:  # no Cython, compiler or headers: the pure wheel still works
            self.app.display_warning(f"cleaner: the compiled walk was not built ({exc}); the wheel is pure Python")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(built)] = f"cleaner/{built.name}"


def compile_walk(root: Path) -> Path:
    """Build ``cleaner._cwalk`` next to its source; return the extension's path."""
    import lxml
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    here = os.getcwd()
    os.chdir(root)
    try:
        ext = Extension("cleaner._cwalk", [SOURCE], include_dirs=lxml.get_include())
        dist = Distribution(
            {"name": "article-cleaner-cwalk", "package_dir": {"": "src"}, "ext_modules": cythonize([ext], quiet=True)}
        )
        cmd = dist.get_command_obj("build_ext")
        cmd.inplace = True  # type: ignore[attr-defined]
        cmd.ensure_finalized()
        cmd.run()
        return (root / cmd.get_ext_fullpath("cleaner._cwalk")).resolve()  # type: ignore[attr-defined]
    finally:
        os.chdir(here)
