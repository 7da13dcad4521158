"""ratify's command line: parse the arguments, run the pipeline, print errors, set the exit status.

Both `ratify` (the installed command) and `python build.py` (the bundled site's entry) run `main`; they differ only
in the folder a command works on without --root: `ratify` the current folder, build.py its own.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Mapping, TextIO

from ratify.errors import SiteError, SiteErrors, problems_of

COMMANDS = ("build", "serve", "check", "i18n", "deploy", "new")
DATED_COMMANDS = ("build", "serve", "check")  # the commands that load the site as of a day


def main(argv: list[str], root: Path | None = None, program: str = "ratify") -> int:
    """Run one command; `root` is the site's folder when --root is not given (default: the current folder)."""
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        argv = ["build", *argv]  # `ratify` alone builds
    arguments = _parse(_parser(root or Path.cwd(), program), argv)
    arguments.command = f"python {program}" if program.endswith(".py") else program  # as the reader types it
    try:
        return arguments.run(arguments)
    except (SiteError, SiteErrors) as failure:
        if arguments.debug:
            raise
        errors = problems_of(failure)
        for error in errors:
            print(_coloured(as_run(str(error), arguments.command), "31"), file=sys.stderr)
        count = len(errors)
        left = "" if arguments.run is run_new else "; the previous output was left as it was"
        print(f"{count} error{'s' if count != 1 else ''}{left}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_build(arguments: argparse.Namespace) -> int:
    from ratify.i18n import templates_cache_on_disk
    from ratify.pipeline import build

    progress = StageReporter(verbose=arguments.verbose)
    result = build(arguments.root, arguments.out, arguments.base_url, build_date(arguments.date), progress,
                   templates_cache_on_disk())
    _print_warnings(result.warnings, arguments.command)
    print(f"built {result.pages} pages ({result.files} files) into {arguments.out} "
          f"in {progress.elapsed():.1f} s")
    return 0


def build_date(given: datetime.date | None, environment: Mapping[str, str] = os.environ,
               today: Callable[[], datetime.date] = datetime.date.today) -> datetime.date:
    """The day a build is as of: --date, else SOURCE_DATE_EPOCH (the convention of reproducible builds: seconds since
    1970, read as a UTC day), else today. The only place the clock is read; the stages are given this day."""
    if given is not None:
        return given
    epoch = environment.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return today()
    if not epoch.isdigit():
        raise SiteError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, got {epoch!r}", None, None,
                        "unset it, or set it to e.g. the last commit's time: git log -1 --format=%ct")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()


def _date_argument(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date like 2026-11-30, got {text!r}") from None


class StageReporter:
    """Quiet for a quick build; a line per stage once a build takes more than a moment, or always with --verbose
    (then with each stage's time)."""

    QUIET_FOR = 1.5  # seconds: below this a build prints only its one-line summary

    def __init__(self, verbose: bool, clock: Callable[[], float] = time.perf_counter,
                 stream: TextIO | None = None) -> None:
        self.verbose, self.clock, self.stream = verbose, clock, stream or sys.stderr
        self.started = self.last = clock()

    def elapsed(self) -> float:
        return self.clock() - self.started

    def __call__(self, stage: str) -> None:
        now = self.clock()
        if self.verbose:
            print(f"  {now - self.last:6.2f} s  {stage}", file=self.stream)
        elif now - self.started > self.QUIET_FOR:
            print(f"  {stage}", file=self.stream)
        self.last = now


def run_serve(arguments: argparse.Namespace) -> int:
    from ratify.serve import serve

    out_dir = arguments.out and Path.cwd() / arguments.out  # None: a temporary folder
    serve(arguments.root, out_dir, arguments.host, arguments.port, lambda: build_date(arguments.date))
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    from ratify.check import Problem, check_output
    from ratify.pipeline import load, render_site

    try:
        loaded = load(arguments.root, arguments.base_url, build_date(arguments.date))
        if arguments.what == "translations":
            return _report_translations(loaded.site.translation_report, arguments)
        output = render_site(arguments.root, loaded.site)
    except (SiteError, SiteErrors) as failure:  # links, anchors and images of the sources: at their lines
        return _report_check([Problem(error.path or "", error.line, error.message) for error in problems_of(failure)],
                             (), None, arguments)
    problems = check_output(output, loaded.site.config.base_url)
    # A translated declaration whose structure differs from the original's is a problem of the sources.
    problems = [Problem(error.path or "", error.line, error.message) for error in loaded.structure_errors] + problems
    warnings = (*loaded.warnings, *loaded.data_warnings, *loaded.site.translation_report.problems())
    return _report_check(problems, warnings, len(loaded.site.pages), arguments)


def _report_check(problems: list, warnings: tuple[str, ...], pages: int | None,
                  arguments: argparse.Namespace) -> int:
    if arguments.format == "json":
        print(json.dumps({"errors": [vars(problem) for problem in problems],
                          "warnings": [as_run(warning, arguments.command) for warning in warnings]},
                         indent=2, ensure_ascii=False))
    else:
        _print_warnings(warnings, arguments.command)
        for problem in problems:
            print(problem)
        counted = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        print(f"{counted} in {pages} pages" if pages is not None else f"{counted}; the site does not build")
    failed = problems or (arguments.strict and warnings)
    return 1 if failed else 0


def _report_translations(report, arguments: argparse.Namespace) -> int:
    """The translation report in the terminal: the same facts as the site's /translations/ page."""
    from ratify.translations import NOT_KEPT

    lines = [as_run(line, arguments.command) for line in report.problems()]
    if arguments.format == "json":
        print(json.dumps({"problems": lines, "pages": [vars(status) for status in report.pages],
                          "catalogs": [vars(summary) for summary in report.catalogs],
                          "source_titles": [vars(title) for title in report.source_titles],
                          "state_notes": [vars(note) for note in report.state_notes]},
                         indent=2, ensure_ascii=False))
    else:
        for summary in report.catalogs:
            print(f"{summary.language}: interface strings {summary.translated}/{summary.total} translated, "
                  f"{len(summary.fuzzy)} fuzzy, {len(summary.missing)} missing")
            for what, messages in (("fuzzy", summary.fuzzy), ("missing", summary.missing)):
                for message in messages:  # by msgid, as Poedit and Weblate find them
                    print(f"    {what}: {json.dumps(message, ensure_ascii=False)}")
        for status in report.pages:
            print(f"{status.language}: {status.state}: {status.path or status.source_path}")
            if status.changes:
                print("    " + status.changes.replace("\n", "\n    "))
            elif status.state in ("outdated", "unkept"):
                print(f"    {NOT_KEPT}")
        for title in report.source_titles:  # shown in English on that language's pages
            print(f"{title.language}: title not translated: {title.file}, source '{title.source_id}'")
        for note in report.state_notes:  # its sources listed, and the English note linked, on that language's pages
            print(f"{note.language}: note not translated: {note.file}, State '{note.state}'")
        print("every translation is complete and up to date" if not lines else f"{len(lines)} to do")
    return 1 if arguments.strict and lines else 0


def run_i18n(arguments: argparse.Namespace) -> int:
    from ratify import catalogs
    from ratify.config import read_config

    root = arguments.root
    if arguments.action == "extract":
        catalog = catalogs.extract_messages(root)
        path = catalogs.write_template(root, catalog)
        where = "" if (root / catalogs.MAPPING_FILE).is_file() else \
            " (the site's own templates, and the default theme's strings for the templates it does not replace)"
        print(f"wrote {path.relative_to(root)}: {sum(1 for message in catalog if message.id)} strings{where}")
    elif arguments.action == "update":
        for updated in catalogs.update_catalogs(root, read_config(root)):
            by_theme = f"; the default theme translates {updated.by_theme} more" if updated.by_theme else ""
            print(f"updated {updated.path.relative_to(root)}: {updated.to_translate} strings{by_theme}")
    elif arguments.action == "compile":
        for path in catalogs.compile_catalogs(root, read_config(root)):
            print(f"compiled {path.relative_to(root)}")
    else:
        if not arguments.paths:
            raise SiteError("i18n stamp needs the translated pages to stamp, e.g. content/fr/about.md")
        for path in arguments.paths:
            print(stamp_page(root, path, arguments.force))
    return 0


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments, with a command's pages given after an option too (`i18n stamp --root DIR PAGE`).

    argparse fills a list of positional arguments only from the words before the first option, and would reject
    PAGE there as unrecognised.
    """
    arguments, extra = parser.parse_known_args(argv)
    if extra and isinstance(getattr(arguments, "paths", None), list) and not any(w.startswith("-") for w in extra):
        arguments.paths = [*arguments.paths, *map(Path, extra)]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return arguments


def run_new(arguments: argparse.Namespace) -> int:
    from ratify.starter import new_site, parse_languages

    files = new_site(arguments.folder, parse_languages(arguments.languages), arguments.treaty, arguments.title)
    print(f"created a site in {arguments.folder} ({len(files)} files); its README.md says what to fill in.\n"
          f"Preview it: cd {arguments.folder} && ratify serve")
    return 0


def run_deploy(arguments: argparse.Namespace) -> int:
    from ratify.pipeline import load
    from ratify.recipes import write_recipes
    from ratify.search import search_folders

    site = load(arguments.root).site  # the search pages' folders come from the content
    written = write_recipes(arguments.root, site.config, search_folders(site.translations))
    for path in written:
        print(f"wrote {path.relative_to(arguments.root)}")
    if not written:
        print("the server recipes in deploy/ already follow site.yaml")
    return 0


def stamp_page(root: Path, page: Path, force: bool = False) -> str:
    """Record in a translated page the version of its source it now matches, and keep that source's text in
    locale/stamped/, so that what changes in it later can be shown.

    A translation left as it was since its source changed is refused unless `force`d: the translator confirms that
    the change did not affect the meaning.
    """
    from ratify.config import read_config
    from ratify.content import CONTENT_DIR, parse_source, read_sources
    from ratify.translations import kept_path, kept_text, page_hash, parse_kept, stamp, stamp_hides_a_change
    from ratify.textfile import read_text

    site_config = read_config(root)
    file = _page_file(root, page)
    try:
        language, rel_path = file.relative_to((root / CONTENT_DIR).resolve()).as_posix().split("/", 1)
    except ValueError:
        raise SiteError("not a page of the site's content folder", str(page)) from None
    shown = f"{CONTENT_DIR}/{language}/{rel_path}"
    translation = parse_source(read_text(file, shown), shown, language, rel_path)
    source = next((candidate for candidate in read_sources(root, site_config)
                   if candidate.language == site_config.default_language
                   and candidate.translation_key == translation.translation_key), None)
    if source is None or language == site_config.default_language:
        raise SiteError(f"no page in '{site_config.default_language}' is the source of this one", shown)
    kept = root / kept_path(translation)
    before = parse_kept(kept.read_text(encoding="utf-8"), kept_path(translation)) if kept.is_file() else None
    if not force and stamp_hides_a_change(source, translation, before):
        raise SiteError(f"{source.path} has changed since this translation was stamped, and the translation has "
                        "not: stamping it now would mark it up to date", shown, None,
                        "update it first ('ratify check translations' shows what changed in the source); if the "
                        "change does not affect the meaning, stamp it with --force")
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(kept_text(source, translation), encoding="utf-8")
    file.write_text(stamp(read_text(file, shown), shown, page_hash(source)), encoding="utf-8")
    return f"stamped {shown} as translated from the current {source.path}, kept in {kept_path(translation)}"


def _page_file(root: Path, page: Path) -> Path:
    """A page named from the current folder or, as the build's own messages name it, from the site's folder."""
    if page.is_absolute():
        return page.resolve()
    from_here = Path.cwd() / page
    return (root / page if not from_here.exists() and (root / page).exists() else from_here).resolve()


def _print_warnings(warnings: tuple[str, ...] | list[str], command: str) -> None:
    for warning in warnings:
        print(_coloured(f"warning: {as_run(warning, command)}", "33"), file=sys.stderr)


def as_run(text: str, command: str) -> str:
    """A message that names a command ('ratify i18n stamp PAGE') as the reader runs it: through build.py in the
    bundled site's folder, `python build.py i18n stamp PAGE`."""
    return text.replace("'ratify ", f"'{command} ")


def _coloured(text: str, colour: str) -> str:
    """`text` in an ANSI colour when standard error is a terminal that wants colour; unchanged otherwise."""
    if not sys.stderr.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return text
    first, _, rest = text.partition("\n")
    return f"\033[{colour}m{first}\033[0m" + (f"\n{rest}" if rest else "")


def _parser(root: Path, program: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=program, description="Build a multilingual treaty campaign site. "
                                     "Without a command, 'build' runs.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _command = functools.partial(_site_command, root=root)

    build = _command(commands, "build", "build the site into public/ (the default command)", run_build)
    build.add_argument("--out", type=Path, default=Path("public"), help="output folder (default: public/)")
    build.add_argument("--base-url", help="the address the site is published at, e.g. https://example.org/op/ "
                                          "(default: base_url in site.yaml)")
    build.add_argument("--verbose", action="store_true", help="print each stage with its time")

    serve = _command(commands, "serve", "build, serve on 127.0.0.1 and rebuild on every change", run_serve)
    serve.add_argument("--out", type=Path, help="the preview's folder (default: a temporary folder, removed when the "
                                                "preview stops; never public/, which only build writes)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")

    check = _command(commands, "check", "report broken links and anchors, images without alt text, "
                                        "one-way hreflang links, translated declarations whose structure differs "
                                        "from the original", run_check)
    check.add_argument("what", nargs="?", choices=("all", "translations"), default="all",
                       help="'translations': only the translation report (default: everything)")
    check.add_argument("--base-url", help="as for build")
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    check.add_argument("--strict", action="store_true",
                       help="also fail on warnings, and on missing or out-of-date translations")

    i18n = _command(commands, "i18n", "translation catalogs: extract, update, compile; stamp translated pages",
                    run_i18n)
    i18n.add_argument("action", choices=("extract", "update", "compile", "stamp"),
                      help="extract: write locale/messages.pot; update: merge it into each language's .po; "
                           "compile: write .mo files for other tools; stamp PAGE...: record that translated "
                           "pages match their source now")
    i18n.add_argument("paths", nargs="*", type=Path, help="with stamp: the translated pages")
    i18n.add_argument("--force", action="store_true",
                      help="with stamp: stamp a translation even though it has not changed since its source did "
                           "(when that change does not affect the meaning)")

    _command(commands, "deploy", "write the nginx and Apache recipes of deploy/ for the languages of site.yaml",
             run_deploy)

    new = commands.add_parser("new", help="start a new campaign site in FOLDER, ready to build",
                              description="Start a new campaign site in FOLDER (new or empty): site.yaml, a home "
                                          "page per language, the treaty's data to fill, a README. It builds at "
                                          "once; every text to replace is marked TO FILL.")
    new.add_argument("folder", type=Path, metavar="FOLDER", help="the new site's folder")
    new.add_argument("--languages", default="en", help="language codes, the default first (default: en), "
                                                        "e.g. en,ar,pt")
    new.add_argument("--treaty", default="", help="the treaty's full name, written into the treaty block")
    new.add_argument("--title", default="", help="the campaign's title (default: 'Campaign for the TREATY')")
    new.add_argument("--debug", action="store_true", help="show Python tracebacks (for developers)")
    new.set_defaults(run=run_new)
    return parser


def _site_command(commands: argparse._SubParsersAction, name: str, help: str, run,
                  root: Path) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help, description=help)
    parser.add_argument("--root", type=Path, default=root, help=f"the site's folder (default: {root})")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks (for developers)")
    if name in DATED_COMMANDS:
        parser.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD",
                            help="the day the site is built as of: news dated later waits, an entry into force "
                                 "later is told as to come (default: SOURCE_DATE_EPOCH if set, else today)")
    parser.set_defaults(run=run)
    return parser


def run() -> None:
    """The `ratify` command: works on the site in the current folder unless --root names another."""
    sys.exit(main(sys.argv[1:]))
