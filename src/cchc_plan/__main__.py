"""The entry point of `cchc` and of `python -m cchc_plan`."""

import gc
import importlib
import os
import sys
import types

# pydantic's plugin loader: importing it imports importlib.metadata (and email, and
# more), about 14 ms, to find plugins that are off.
PLUGIN_LOADER = "pydantic.plugin._loader"
PLUGINS_OFF = ("__all__", "1", "true")  # the values for which pydantic loads none


def main() -> None:
    """Run the command line, tuned for a short-lived process.

    Start-up allocates much (typer, pydantic, the plan's validator) and frees little,
    so the cyclic garbage collector would spend its time scanning objects that live
    until exit; and at exit, freezing them spares the final scan. Together that is
    about a sixth of validating one plan. Reference counting still frees the rest;
    and the process ends with `os._exit` once its output is flushed.
    Pydantic's plugins (observability hooks) are of no use here, and looking for them
    scans every installed package; pydantic's own setting turns that off, unless the
    user chose otherwise.
    """
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_search()
    from cchc_plan.cli import main as run  # noqa: PLC0415 (after the collector is off)

    try:
        run()
    except SystemExit as stop:
        code = stop.code
    else:
        code = 0
    # What the command wrote is out once flushed; tearing down every module the
    # process imported would only cost time. (run_app flushed standard output, and
    # turned a closed pipe into its exit code.)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    sys.stderr.write(f"{code}\n")
    os._exit(1)


def skip_plugin_search() -> None:
    """With pydantic's plugins off (as `main` sets them, unless the user chose
    otherwise), stand in for its plugin loader: `get_plugins` answers "none", as the
    real one does when they are off, without importing importlib.metadata. Any other
    name asked of it loads the real module, so that a newer pydantic still works."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF:
        return
    if PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asking (__path__, …)
            raise AttributeError(name)
        sys.modules.pop(PLUGIN_LOADER, None)
        return getattr(importlib.import_module(PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = stand_in


if __name__ == "__main__":
    main()
