"""Build hook: compile the optional C modules (``src/cleaner/_cwalk.pyx``, the HTML walk,
and ``src/cleaner/_ctext.pyx``, the text path's per-block measures) for the wheel.

The package works without them (each has a Python twin, with the same results), so a
machine without a C compiler, Cython or lxml's headers still gets a working, pure Python
wheel, with a warning. ``CLEANER_PURE_PYTHON_BUILD=1`` builds the pure wheel on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: module name → source; ``_cwalk`` compiles against lxml's headers
SOURCES = {"cleaner._cwalk": "src/cleaner/_cwalk.pyx", "cleaner._ctext": "src/cleaner/_ctext.pyx"}


class CompiledWalkHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the modules in place and put them in the wheel (an editable install finds
    them in the source tree)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get("CLEANER_PURE_PYTHON_BUILD", "").strip() not in ("", "0"):
            return
        try:
            built = compile_modules(Path(self.root))
        except Exception as exc:  # no Cython, compiler or headers: the pure wheel still works
            self.app.display_warning(f"cleaner: the compiled modules were not built ({exc}); the wheel is pure Python")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            for path in built:
                build_data["force_include"][str(path)] = f"cleaner/{path.name}"


def compile_modules(root: Path) -> list[Path]:
    """Build every module of :data:`SOURCES` next to its source; return their paths."""
    import lxml
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    here = os.getcwd()
    os.chdir(root)
    try:
        exts = [Extension(name, [src], include_dirs=lxml.get_include() if name.endswith("_cwalk") else []) for name, src in SOURCES.items()]
        dist = Distribution(
            {"name": "article-cleaner-compiled", "package_dir": {"": "src"}, "ext_modules": cythonize(exts, quiet=True)}
        )
        cmd = dist.get_command_obj("build_ext")
        cmd.inplace = True  # type: ignore[attr-defined]
        cmd.ensure_finalized()
        cmd.run()
        return [(root / cmd.get_ext_fullpath(name)).resolve() for name in SOURCES]  # type: ignore[attr-defined]
    finally:
        os.chdir(here)
