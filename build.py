#!/usr/bin/env python3
"""ratify's command line: parse the arguments, run the pipeline, print errors, set the exit status."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from ratify.errors import SiteError, SiteErrors

HERE = Path(__file__).resolve().parent
COMMANDS = ("build", "serve", "check", "i18n")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        argv = ["build", *argv]  # `python build.py` builds
    arguments = _parser().parse_args(argv)
    try:
        return arguments.run(arguments)
    except (SiteError, SiteErrors) as failure:
        if arguments.debug:
            raise
        errors = failure.errors if isinstance(failure, SiteErrors) else [failure]
        for error in errors:
            print(error, file=sys.stderr)
        count = len(errors)
        print(f"{count} error{'s' if count != 1 else ''}; the previous output was left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_build(arguments: argparse.Namespace) -> int:
    from ratify.pipeline import build

    result = build(arguments.root, arguments.out, arguments.base_url, datetime.date.today())
    _print_warnings(result.warnings)
    print(f"built {result.pages} pages ({result.files} files) into {arguments.out}")
    return 0


def run_serve(arguments: argparse.Namespace) -> int:
    from ratify.serve import serve

    serve(arguments.root, arguments.out, arguments.host, arguments.port, datetime.date.today)
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    from ratify.check import Problem, check_output
    from ratify.pipeline import load, render

    loaded = load(arguments.root, arguments.base_url, datetime.date.today())
    problems = check_output(render(loaded), loaded.site.config.base_url)
    # A translated declaration whose structure differs from the original's is a problem of the sources.
    problems = [Problem(error.path or "", error.line, error.message) for error in loaded.structure_errors] + problems
    if arguments.format == "json":
        print(json.dumps({"errors": [vars(problem) for problem in problems],
                          "warnings": [*loaded.warnings, *loaded.data_warnings]}, indent=2, ensure_ascii=False))
    else:
        _print_warnings(loaded.warnings + loaded.data_warnings)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(loaded.site.pages)} pages")
    failed = problems or (arguments.strict and (loaded.warnings or loaded.data_warnings))
    return 1 if failed else 0


def run_i18n(arguments: argparse.Namespace) -> int:
    from ratify import catalogs
    from ratify.config import read_config

    root = arguments.root
    if arguments.action == "extract":
        path = catalogs.write_template(root, catalogs.extract_messages(root))
        print(f"wrote {path.relative_to(root)}")
    elif arguments.action == "update":
        for path in catalogs.update_catalogs(root, read_config(root)):
            print(f"updated {path.relative_to(root)}")
    else:
        for path in catalogs.compile_catalogs(root, read_config(root)):
            print(f"compiled {path.relative_to(root)}")
    return 0


def _print_warnings(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the multilingual campaign site. "
                                     "Without a command, 'build' runs.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    build = _command(commands, "build", "build the site into public/ (the default command)", run_build)
    build.add_argument("--out", type=Path, default=Path("public"), help="output folder (default: public/)")
    build.add_argument("--base-url", help="the address the site is published at, e.g. https://example.org/op/ "
                                          "(default: base_url in site.yaml)")

    serve = _command(commands, "serve", "build, serve on 127.0.0.1 and rebuild on every change", run_serve)
    serve.add_argument("--out", type=Path, default=Path("public"), help="output folder (default: public/)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")

    check = _command(commands, "check", "report broken links and anchors, images without alt text, "
                                        "one-way hreflang links, translated declarations whose structure differs "
                                        "from the original", run_check)
    check.add_argument("--base-url", help="as for build")
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    check.add_argument("--strict", action="store_true", help="also fail on warnings")

    i18n = _command(commands, "i18n", "translation catalogs: extract, update, compile", run_i18n)
    i18n.add_argument("action", choices=("extract", "update", "compile"),
                      help="extract: write locale/messages.pot; update: merge it into each language's .po; "
                           "compile: write .mo files for other tools")
    return parser


def _command(commands: argparse._SubParsersAction, name: str, help: str, run) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help, description=help)
    parser.add_argument("--root", type=Path, default=HERE, help="the site's folder (default: this one)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks (for developers)")
    parser.set_defaults(run=run)
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
