"""The ``ampdesk`` command: start the app, or work on a workshop file from the shell.

Bad input exits with status 2 and one line on stderr; it never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from ampdesk import __version__

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
PAPERS = ("a4", "letter")
COMMANDS = (
    "new",
    "demo",
    "check",
    "report",
    "plan",
    "export",
    "import-json",
    "import-pay",
    "settings",
    "screenshots",
    "live",
    "followup-report",
    "handout",
    "template",
    "handover",
    "repair",
    "override",
)


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"ampdesk: error: {message} (see {self.prog} --help)\n")


def _workshop_path(value: str) -> Path:
    return Path(value).expanduser()


def _new_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.suffix != ".ampdesk":
        raise argparse.ArgumentTypeError(f"{value}: a workshop file name must end in .ampdesk")
    return path


def _cmd_new(args: argparse.Namespace) -> int:
    from ampdesk.store.creation import create_whole
    from ampdesk.store.templates import load_template, new_from_template

    if args.template is None:
        create_whole(args.file, args.title or "")
    else:
        template = load_template(args.template)  # checked in full before any file is made
        new_from_template(args.file, template, args.title).close()
    print(f"Created {args.file}")
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    from ampdesk.store.templates import save_template
    from ampdesk.store.workshop_file import open_workshop

    if args.output.suffix != ".json":
        raise UsageError(f"{args.output}: a template's file name must end in .json")
    with open_workshop(args.file) as workshop:
        save_template(workshop, args.output, args.name or "")
    print(f"Wrote {args.output} (the plan only: no answers, names or pay)")
    return 0


def _cmd_handover(args: argparse.Namespace) -> int:
    from ampdesk.store.handover import hand_over
    from ampdesk.store.workshop_file import open_workshop

    with open_workshop(args.file) as workshop:
        hand_over(workshop, args.output, not args.without_individual_pay)
    pay = "without individual pay" if args.without_individual_pay else "with individual pay"
    print(f"Wrote {args.output} for the facilitator ({pay})")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ampdesk.demo import write_demo

    write_demo(args.file).close()
    print(f"Wrote the demo workshop to {args.file}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from ampdesk.status import status_data, status_text
    from ampdesk.store.upgrade import backup_path
    from ampdesk.store.workshop_file import open_workshop

    with open_workshop(args.file) as workshop:
        data = status_data(workshop)
        upgraded_from = workshop.upgraded_from
    if args.json:
        if upgraded_from is not None:
            data["upgraded_from_schema"] = upgraded_from
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        if upgraded_from is not None:
            backup = backup_path(args.file, upgraded_from)
            print(
                f"The file was upgraded from schema {upgraded_from}; the copy from before is "
                f"{backup.name}"
            )
        print(status_text(data))
    return 0


def _cmd_repair(args: argparse.Namespace) -> int:
    from ampdesk.store.repair import repair

    salvage = repair(args.file, args.output)
    found = {0: "no problems found", 1: "1 problem found"}.get(
        salvage.problems, f"{salvage.problems} problems found"
    )
    print(f"Wrote {args.output} from {args.file.name} ({found}): {salvage.text()}")
    return 0


def _write_pdf(
    args: argparse.Namespace, what: str, build: Callable[..., list[str]], private: bool = False
) -> int:
    from ampdesk.store.outputs import refuse_overwrite, whole_file
    from ampdesk.store.workshop_file import open_workshop

    if args.output.suffix.lower() != ".pdf":
        raise UsageError(f"{args.output}: the {what}'s file name must end in .pdf")
    refuse_overwrite(args.output, args.file)
    with (
        open_workshop(args.file) as workshop,
        whole_file(args.output, private=private) as temporary,
    ):
        left_out = build(workshop, temporary, args.paper)
    if left_out:
        print(f"ampdesk: note: {scripts_left_out(left_out)}", file=sys.stderr)
    print(f"Wrote {args.output}")
    return 0


def scripts_left_out(names: list[str]) -> str:
    """The sentence saying which scripts a PDF names instead of showing."""
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return (
        f"{listed} text is left out of the PDF (named where it would be): no font on this "
        "computer shows it; install one (for example Noto Sans for that script) and build again"
    )


def _cmd_report(args: argparse.Namespace) -> int:
    from functools import partial

    from ampdesk.report.builder import build_report

    build = partial(build_report, include_individual_pay=args.include_individual_pay)
    return _write_pdf(args, "report", build, private=args.include_individual_pay)


def _cmd_plan(args: argparse.Namespace) -> int:
    from ampdesk.report.builder import build_plan

    return _write_pdf(args, "plan", build_plan)


def _cmd_followup_report(args: argparse.Namespace) -> int:
    from ampdesk.report.builder import build_followup_report

    return _write_pdf(args, "follow-up report", build_followup_report)


def _cmd_handout(args: argparse.Namespace) -> int:
    from ampdesk.report.builder import build_handout

    return _write_pdf(args, "handout", build_handout)


def _cmd_export(args: argparse.Namespace) -> int:
    from ampdesk.store.exchange import export_csv, export_json
    from ampdesk.store.workshop_file import open_workshop

    with open_workshop(args.file) as workshop:
        if args.format == "json":
            if export_json(workshop, args.output, not args.without_individual_pay):
                print(
                    f"ampdesk: note: {args.output.name} holds every person's pay (confidential; "
                    "readable by you only); --without-individual-pay leaves it out",
                    file=sys.stderr,
                )
            print(f"Wrote {args.output}")
        else:
            for path in export_csv(workshop, args.output):
                print(f"Wrote {path}")
    return 0


def _cmd_import_json(args: argparse.Namespace) -> int:
    from ampdesk.store.exchange import import_json

    if args.file.suffix != ".ampdesk":
        raise UsageError(f"{args.file}: a workshop file name must end in .ampdesk")
    import_json(args.source, args.file)
    print(f"Created {args.file} from {args.source}")
    return 0


def _cmd_import_pay(args: argparse.Namespace) -> int:
    from ampdesk.framework.pay_import import read_pay_source
    from ampdesk.store.workshop_file import inspect, open_workshop
    from ampdesk.store.workshop_store import WorkshopStore

    inspect(args.file)
    source = read_pay_source(args.data, args.sheet)  # all checked before the file is touched
    with open_workshop(args.file, writer="ampdesk import-pay") as workshop:
        WorkshopStore(workshop).pay.replace(source.rows)
    print(
        f"Imported {len(source.rows)} pay records from {args.data.name} ({source.read_as}) "
        f"into {args.file} (the previous audit was replaced)"
    )
    return 0


def _cmd_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ampdesk.framework.pulse import check_threshold
    from ampdesk.store.workshop_file import open_workshop
    from ampdesk.store.workshop_store import WorkshopStore

    with open_workshop(args.file, writer="ampdesk settings" if args.set else None) as workshop:
        store = WorkshopStore(workshop)
        changes: dict[str, str] = {}
        for assignment in args.set or []:
            key, _, value = assignment.partition("=")
            if not value:
                raise UsageError(f"--set needs KEY=VALUE, got {assignment!r}")
            changes[key] = value
        anonymity = changes.pop("anonymity_threshold", None)
        threshold = None if anonymity is None else _whole_number("anonymity_threshold", anonymity)
        if threshold is not None:
            check_threshold(threshold)
        # all values are checked before any is written
        store.gate.set_thresholds(
            {
                key: _whole_number(key, value) if key == "min_group_size" else _decimal(key, value)
                for key, value in changes.items()
            }
        )
        if threshold is not None:
            store.details.update(anonymity_threshold=threshold)
        values = {"anonymity_threshold": store.details.get().anonymity_threshold}
        values.update(asdict(store.gate.thresholds()))
    for key, value in values.items():
        print(f"{key} = {value:g}")
    return 0


def _cmd_override(args: argparse.Namespace) -> int:
    import datetime as dt

    from ampdesk.framework.fairness import GateOverride
    from ampdesk.store.workshop_file import open_workshop
    from ampdesk.store.workshop_store import WorkshopStore

    given = {k: getattr(args, k) for k in ("reason", "remediation", "owner", "due")}
    if args.withdraw and any(v is not None for v in given.values()):
        raise UsageError("--withdraw takes no --reason, --remediation, --owner or --due")
    if not args.withdraw:
        missing = [f"--{k}" for k, v in given.items() if v is None]
        if missing:
            raise UsageError(f"an override needs {', '.join(missing)} (or --withdraw)")
        try:
            due = dt.date.fromisoformat(args.due)
        except ValueError:
            raise UsageError(f"--due: {args.due!r} is not a date such as 2027-03-01") from None
        override = GateOverride(args.reason, args.remediation, args.owner, due)
    with open_workshop(args.file, writer="ampdesk override") as workshop:
        gate = WorkshopStore(workshop).gate
        if args.withdraw:
            if not gate.withdraw_override():
                raise UsageError(f"{args.file.name}: no override is in force")
            print(f"Withdrew the override of {args.file.name}: the gate applies again")
            return 0
        if gate.active_override() is not None:
            raise UsageError(f"{args.file.name}: an override is in force already; --withdraw it")
        gate.override(override)
        action = gate.override_action_id()
    print(
        f"Overrode the pay-fairness gate of {args.file.name}; the remediation is action "
        f"{action} on the fairness step (owner {override.owner}, due {override.due:%Y-%m-%d})"
    )
    return 0


def _whole_number(key: str, value: str) -> int:
    text = value.strip()
    if not text.lstrip("+-").isdigit() or len(text) > 18:
        raise UsageError(f"{key}: {value!r} is not a whole number")
    return int(text)


def _decimal(key: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise UsageError(f"{key}: {value!r} is not a number")
    return number


def _cmd_gui(args: argparse.Namespace) -> int:
    from ampdesk.store.file_header import (  # no SQLAlchemy yet: the splash comes first
        DamagedFileError,
        WorkshopFileError,
        inspect,
    )
    from ampdesk.ui.app import run_app

    if args.file is not None:
        try:
            inspect(args.file)  # a file that cannot be opened is reported here, before any window
        except DamagedFileError:
            pass  # the app says so and offers a repaired copy
        except WorkshopFileError as exc:
            if not sys.stderr.isatty():  # opened from a file manager: nobody reads stderr
                from ampdesk.ui.app import explain_unopened

                explain_unopened(str(exc))
            raise

    return run_app(args.file)


def _cmd_screenshots(args: argparse.Namespace) -> int:
    from ampdesk.store.workshop_file import inspect
    from ampdesk.ui.screenshots import render_screenshots

    inspect(args.file)
    for path in render_screenshots(args.file, args.folder, args.size, args.scale):
        print(path)
    return 0


def _port(text: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535)")
    return int(text)


def _scale(text: str) -> float:
    """A display scaling such as 1 or 2 (0.5 to 4)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError(f"{text!r} is not a display scaling (0.5 to 4)")
    return value


def _size(text: str) -> tuple[int, int]:
    """``WxH`` (such as 1280x720) as a width and a height in pixels."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) < 320 or int(height) < 240:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1280x720")
    return int(width), int(height)


def _cmd_live(args: argparse.Namespace) -> int:
    from ampdesk.live.headless import serve

    if not args.headless:
        raise UsageError("live input runs from the app; add --headless to serve without a window")
    if args.phones_per_address is not None and args.phones_per_address < 1:
        raise UsageError("--phones-per-address must be 1 or more")
    return serve(args.file, args.host, args.port, args.step, args.events, args.phones_per_address)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ampdesk`` command."""
    parser = _Parser(
        prog="ampdesk",
        description="Run an Autonomy-Mastery-Purpose workshop and print its report. "
        "Without a command, the app starts (on FILE if given).",
        usage="ampdesk [FILE] | ampdesk COMMAND ...",
    )
    parser.add_argument("--version", action="version", version=f"ampdesk {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show where an unexpected error happened"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str,
        help_text: str,
        run: Callable[[argparse.Namespace], int],
        file_type: Callable[[str], Path] | None = _workshop_path,
    ) -> argparse.ArgumentParser:
        """A subcommand whose first argument is the workshop FILE (unless file_type is None)."""
        sub = commands.add_parser(name, prog=f"ampdesk {name}", help=help_text)
        if file_type is not None:
            sub.add_argument("file", type=file_type, metavar="FILE")
        sub.set_defaults(run=run)
        return sub

    def pdf_options(sub: argparse.ArgumentParser, metavar: str) -> None:
        sub.add_argument("-o", "--output", type=Path, required=True, metavar=metavar)
        sub.add_argument("--paper", choices=PAPERS, default=PAPERS[0])

    new = command("new", "create an empty workshop file", _cmd_new, _new_path)
    new.add_argument("--title", help="the workshop's title (default: the file name)")
    new.add_argument(
        "--template",
        metavar="NAME|FILE",
        help="start from a template: half-day, full-day or a template file",
    )
    command("demo", "write a fully filled sample workshop", _cmd_demo, _new_path)
    check = command("check", "validate a workshop file and print its state", _cmd_check)
    check.add_argument("--json", action="store_true", help="print one JSON object")
    report = command("report", "write the workshop report as a PDF", _cmd_report)
    pdf_options(report, "OUT.pdf")
    report.add_argument(
        "--include-individual-pay",
        action="store_true",
        help="print each person's pay (every page then says Confidential: individual pay)",
    )
    pdf_options(command("plan", "write the facilitator's plan as a PDF", _cmd_plan), "PLAN.pdf")
    followup = command(
        "followup-report", "write the short progress report of the check-ins", _cmd_followup_report
    )
    pdf_options(followup, "OUT.pdf")
    handout = command(
        "handout",
        "write the team handout: what was said and decided, actions, next check-in (no pay)",
        _cmd_handout,
    )
    pdf_options(handout, "OUT.pdf")
    export = command(
        "export",
        "export the whole workshop as JSON, or answers, notes and actions as CSV",
        _cmd_export,
    )
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="a file (json) or folder (csv)",
    )
    export.add_argument(
        "--without-individual-pay",
        action="store_true",
        help="json: keep the audit's figures per role and level, not each person's pay",
    )
    import_json = command(
        "import-json", "create a workshop file from its JSON export", _cmd_import_json, None
    )
    import_json.add_argument("source", type=Path, metavar="IN.json")
    import_json.add_argument("file", type=_workshop_path, metavar="FILE")
    pay = command(
        "import-pay",
        "replace the compensation audit with a spreadsheet or CSV export (all or nothing)",
        _cmd_import_pay,
    )
    pay.add_argument("data", type=_workshop_path, metavar="DATA.xlsx|.ods|.csv")
    pay.add_argument("--sheet", metavar="NAME", help="the spreadsheet's sheet (default: first)")
    settings = command(
        "settings",
        "show or change the gate's thresholds and the anonymity threshold",
        _cmd_settings,
    )
    settings.add_argument("--set", action="append", metavar="KEY=VALUE", help="change a setting")
    shots = command("screenshots", "render every page of a workshop to PNG", _cmd_screenshots)
    shots.add_argument("folder", type=_workshop_path, metavar="DIR")
    shots.add_argument(
        "--size", type=_size, default=(1280, 720), metavar="WxH", help="screen size (1280x720)"
    )
    shots.add_argument(
        "--scale", type=_scale, default=1.0, metavar="F", help="display scaling, 0.5 to 4"
    )
    template = command("template", "save the workshop's plan as a template file", _cmd_template)
    template.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    template.add_argument("--name", help="the template's name (default: the workshop's title)")
    handover = command(
        "handover", "write a copy of a prepared workshop for its facilitator", _cmd_handover
    )
    handover.add_argument("-o", "--output", type=_new_path, required=True, metavar="COPY.ampdesk")
    handover.add_argument(
        "--without-individual-pay",
        action="store_true",
        help="keep the audit's figures per role and level, drop each person's pay",
    )
    override = command(
        "override",
        "go on although the pay-fairness gate did not pass (its remediation becomes an "
        "action), or withdraw the override",
        _cmd_override,
    )
    override.add_argument("--reason", help="why the workshop goes on anyway")
    override.add_argument("--remediation", help="what will be done about pay")
    override.add_argument("--owner", help="who does the remediation")
    override.add_argument("--due", metavar="YYYY-MM-DD", help="by when")
    override.add_argument("--withdraw", action="store_true", help="withdraw the override in force")
    repair = command(
        "repair",
        "write a repaired copy of a damaged workshop (the original is left as it is)",
        _cmd_repair,
    )
    repair.add_argument("-o", "--output", type=_new_path, required=True, metavar="NEW.ampdesk")
    live = command("live", "serve the participant page for phones (live input)", _cmd_live)
    live.add_argument("--headless", action="store_true", help="serve without a window")
    live.add_argument("--host", default="127.0.0.1", help="address to listen on")
    live.add_argument(
        "--port",
        type=_port,
        default=0,
        help="port (0: the workshop's port of last time if free, else any free port)",
    )
    live.add_argument("--step", choices=("fairness", "autonomy", "mastery", "purpose"))
    live.add_argument("--events", action="store_true", help="print a line when phones change data")
    live.add_argument(
        "--phones-per-address",
        type=int,
        metavar="N",
        help="how many phones may join from one network address (kept for this workshop; "
        "default 2)",
    )
    return parser


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = build_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        if len(argv) > 1:
            parser.error(f"unexpected argument {argv[1]!r} after the file to open")
        return argparse.Namespace(run=_cmd_gui, file=_workshop_path(argv[0]))
    args = parser.parse_args(argv)
    if args.command is None:
        args.run, args.file = _cmd_gui, None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ampdesk`` command; returns the exit status."""
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # a reader that stopped early shows here, not at exit
    except BrokenPipeError:
        return _reader_stopped()


def _reader_stopped() -> int:
    """The reader of the output closed it early (``| head -1``): end quietly with status 0,
    as standard tools do; what was not read yet goes to the null device."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    return 0


def _main(argv: Sequence[str] | None) -> int:
    from ampdesk.errors import explain
    from ampdesk.framework.content import ContentError
    from ampdesk.store.file_header import WorkshopFileError

    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["store-host"]:  # the app's own store process (docs/store.md), not for people
        from ampdesk.store.host import serve

        return serve(words[1:])
    args = _parse(words)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except BrokenPipeError:
        raise  # the reader stopped early: main ends quietly
    except (UsageError, WorkshopFileError, ContentError, ValueError) as exc:  # PlanError too
        message = str(exc)
    except KeyboardInterrupt:
        print("ampdesk: stopped (Ctrl+C)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last resort: one line, the traceback only with --debug
        if getattr(args, "debug", False):
            raise
        message = explain(exc, getattr(args, "file", None)) or unexpected(exc)
    print(f"ampdesk: error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def unexpected(exc: BaseException) -> str:
    """One line for an error ampdesk did not expect: its kind and its first line, without
    the statement and values a database error carries (they may be someone's pay)."""
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy's error wraps the driver's
    lines = str(cause).strip().splitlines() or [""]
    return (
        f"{lines[0][:200]} ({type(cause).__name__}, unexpected: run again with --debug "
        "before the command to see where)"
    )
