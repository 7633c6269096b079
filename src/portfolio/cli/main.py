"""The ``portfolio`` command: ``init``, ``new``, ``check`` and ``import-bib``.

``main(argv)`` returns the exit status, so tests call it directly. Sphinx is not imported here.
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path

from portfolio import __version__

PROJECTS = Path("docs", "projects")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
RAW = argparse.RawDescriptionHelpFormatter


def _doc(function: object) -> str:
    return inspect.cleandoc(getattr(function, "__doc__", None) or "")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portfolio", description="Write and check the project pages of a portfolio site."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="write a new portfolio site into a folder",
        description=_doc(cmd_init),
        formatter_class=RAW,
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder")
    init.add_argument("--name", default="", help="the owner's name, as it appears on papers")
    init.add_argument("--description", default="", help="one sentence on the owner's research")
    init.add_argument("--url", default="", help="the site's address, e.g. https://ada.example.org/")
    init.add_argument(
        "--link",
        action="append",
        default=[],
        metavar="LABEL=URL",
        help="a profile link in the navbar (GitHub=https://github.com/ada); repeat for each",
    )
    init.add_argument("--yes", action="store_true", help="ask nothing: use the flags as given")
    init.set_defaults(run=cmd_init)

    new = commands.add_parser(
        "new",
        help="write a project page from the template",
        description=_doc(cmd_new),
        formatter_class=RAW,
    )
    new.add_argument("title", help="the project's title")
    new.add_argument("--slug", default="", help="file name without .md (default: from the title)")
    new.add_argument("--year", type=int, default=datetime.date.today().year, help="default: now")
    new.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME",
        help="an author, in order; repeat for each (default: portfolio_owner of conf.py)",
    )
    new.add_argument("--dir", type=Path, default=PROJECTS, help=f"default: {PROJECTS}")
    new.add_argument("--force", action="store_true", help="overwrite an existing page")
    new.set_defaults(run=cmd_new)

    check = commands.add_parser(
        "check",
        help="validate every page as the build does",
        description=_doc(cmd_check),
        formatter_class=RAW,
    )
    check.add_argument("docs", nargs="?", type=Path, default=Path("docs"), metavar="DOCS_DIR")
    check.add_argument(
        "--projects-dir",
        default="",
        help="the projects folder inside DOCS_DIR (default: portfolio_projects_dir of conf.py, "
        "else projects)",
    )
    check.add_argument(
        "--scholar",
        action="store_true",
        help="also list, per project, what Google Scholar's inclusion guidelines need and the "
        "page lacks (advice: the exit status stays that of the problems)",
    )
    check.set_defaults(run=cmd_check)

    bib = commands.add_parser(
        "import-bib",
        help="one page per BibTeX entry",
        description=_doc(cmd_import_bib),
        formatter_class=RAW,
    )
    bib.add_argument("bibfile", type=Path, metavar="FILE.bib")
    bib.add_argument("--dir", type=Path, default=PROJECTS, help=f"default: {PROJECTS}")
    bib.add_argument("--dry-run", action="store_true", help="print the pages, write nothing")
    bib.set_defaults(run=cmd_import_bib)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except OSError as exc:  # a folder that cannot be listed, a full disk: say so, briefly
        _error(str(exc))
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _error(message: str) -> None:
    print(f"portfolio: error: {message}", file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    """Write a complete site into DIR: Makefile, requirements.txt, .readthedocs.yaml, .gitignore
    and docs/ (conf.py, home, research, projects with one example, publications, collaborators).

    Asks for what the flags leave out, unless --yes. Never overwrites a file: if any of them
    exists, nothing is written. Then: cd DIR && make html.
    """
    from portfolio.cli import newsite

    links = [tuple(item.partition("=")[::2]) for item in args.link]
    if not args.yes and sys.stdin.isatty():
        args.name = args.name or _ask("Your name, as on your papers")
        args.description = args.description or _ask("One sentence on your research (optional)")
        args.url = args.url or _ask("The site's address, https://... (optional)")
        while not args.link and (link := _ask("A profile link LABEL=URL (empty: done)")):
            links.append(tuple(link.partition("=")[::2]))
    elif not args.name:
        _error("init: give --name (with --yes, or from a script, nothing is asked)")
        return EXIT_USAGE
    owner = newsite.Owner(
        args.name.strip(), args.description.strip(), args.url.strip(), tuple(links)
    )
    if problems := newsite.owner_problems(owner):
        for problem in problems:
            _error(f"init: {problem}")
        return EXIT_USAGE
    try:
        written = newsite.write_site(args.dir, newsite.render(owner, datetime.date.today().year))
    except newsite.SiteError as exc:
        _error(f"init: {exc}")
        return EXIT_PROBLEMS
    print(f"wrote {len(written)} files into {args.dir}; next: cd {args.dir} && make html")
    print(f"requirements.txt installs {newsite.requirement()}")
    return EXIT_OK


def _ask(question: str) -> str:
    try:
        return input(f"{question}: ").strip()
    except EOFError:
        return ""


def cmd_new(args: argparse.Namespace) -> int:
    """Write DIR/<slug>.md for a new project from a commented template of every field.

    Refuses to overwrite an existing page unless --force.
    """
    from portfolio.cli import newpage

    authors = args.author or [newpage.owner_of(args.dir.parent) or "Your Name"]
    try:
        path = newpage.write_new(
            args.dir, args.title, slug=args.slug, year=args.year, authors=authors, force=args.force
        )
    except newpage.PageError as exc:
        _error(str(exc))
        return EXIT_PROBLEMS
    except OSError as exc:
        _error(f"cannot write the page: {exc}")
        return EXIT_PROBLEMS
    print(f"wrote {path}: fill in tldr and the optional fields, then run `portfolio check`")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every page under DOCS_DIR without Sphinx, with the build's rules and messages.

    Prints one `path:line: field: problem` line per problem; exits 1 if there is any. Hints
    (an author spelt like someone in people.yaml, but not as listed) are printed, not counted.
    With --scholar, then prints what Google Scholar needs of each project page and the page
    lacks (full title, every author, one publication date, a PDF link, the abstract) as
    `path:line: field: Scholar wants ...` lines: advice, which leaves the exit status alone.
    """
    from portfolio.cli.check import check_site, conf_value, scholar_advice

    if not args.docs.is_dir():
        _error(f"{args.docs}: no such folder; pass the folder holding conf.py")
        return EXIT_USAGE
    folder = args.projects_dir or conf_value(args.docs, "portfolio_projects_dir")
    folder = folder.strip("/") if isinstance(folder, str) and folder.strip("/") else "projects"
    if not (args.docs / folder).is_dir():
        _error(f"{args.docs / folder}: no such folder; check --projects-dir")
        return EXIT_USAGE
    reports = check_site(args.docs, folder)
    for report in reports:
        print(report)
    if args.scholar:
        advice = scholar_advice(args.docs, folder)
        for report in advice:
            print(report)
        pages = len({r.path for r in advice})
        print(
            f"Google Scholar: {len(advice)} piece(s) of advice for {pages} page(s)", file=sys.stderr
        )
    problems = [r for r in reports if r.problem.subtype != "hint"]  # hints are advice
    files = len({r.path for r in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_import_bib(args: argparse.Namespace) -> int:
    """Write one project page per entry of FILE.bib (a Google Scholar export, say).

    Entries whose title a page already has are skipped; entries without a title, an author
    or a year are reported and skipped (exit 1); no existing page is ever overwritten.
    FILE.bib must be a regular file of at most 5 MiB. A malformed file is reported with the
    line where the broken entry starts, and nothing is written. Terminal escape sequences and
    control characters in the file are not copied to the pages nor printed.
    """
    from portfolio.cli import bibimport
    from portfolio.model import limits

    say = bibimport.one_line  # messages quote the file: no escape sequences, one line each
    if not args.dir.is_dir():
        _error(say(f"{args.dir}: no such folder; run from the site's root or pass --dir"))
        return EXIT_USAGE
    try:
        plan = bibimport.plan(args.bibfile, args.dir)
    except bibimport.BibError as exc:
        _error(say(str(exc)))
        return EXIT_PROBLEMS
    written = 0
    for page in plan.pages:
        if args.dry_run:
            print(say(f"would write {page.path} (entry {page.key!r}, line {page.line}):"))
            print(limits.printable(page.text))
        else:
            try:
                bibimport.write(page)
            except FileExistsError:
                plan.problems.append(f"{page.path}: appeared meanwhile; entry {page.key!r} skipped")
                continue
            print(say(f"wrote {page.path} (entry {page.key!r}, line {page.line})"))
        written += 1
        for note in page.notes:
            print(say(f"  note: {note}"))
    for message in plan.warnings + plan.duplicates + plan.problems:
        print(say(message), file=sys.stderr)
    verb = "would write" if args.dry_run else "wrote"
    print(
        f"{verb} {written} page(s); skipped {len(plan.duplicates)} duplicate(s) "
        f"and {len(plan.problems)} incomplete or invalid entr(ies)",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if plan.problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
