"""``python -m credmark_client``: stamp and verify from the command line.

The API key comes only from the environment (``CREDMARK_API_KEY``), never from an argument: arguments end up in
shell histories and process listings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .client import Client, CredmarkError
from .files import write_atomically

# The exit codes of credmark's own `verify` command (README, "Command line").
VERIFY_EXIT = {"trusted": 0, "valid": 0, "invalid": 1, "none": 2, "recovered": 4}
EXIT_FAILED = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m credmark_client",
                                     description="Stamp images with Content Credentials on a credmark service, "
                                                 "or verify them. The API key is read from CREDMARK_API_KEY.")
    parser.add_argument("--url", default=os.environ.get("CREDMARK_URL"),
                        help="the service, e.g. http://localhost:8080 (default: $CREDMARK_URL)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for an answer (default 60)")
    commands = parser.add_subparsers(dest="command", required=True)

    stamp = commands.add_parser("stamp", help="stamp IN and write the stamped file to OUT")
    stamp.add_argument("input", metavar="IN")
    stamp.add_argument("--out", required=True, metavar="OUT")
    stamp.add_argument("--provenance", metavar="P.json",
                       help="the provenance document (with --registered-model: the generation section only)")
    stamp.add_argument("--registered-model", metavar="HANDLE:SLUG", help="a model of the registry")
    stamp.add_argument("--options", metavar="O.json", help="stamp options: marker, watermark, disclosure")

    verify = commands.add_parser("verify", help="print the verification report of FILE")
    verify.add_argument("file", metavar="FILE")

    credential = commands.add_parser("credential", help="print the public view of a credential")
    credential.add_argument("id", metavar="ID")

    args = parser.parse_args(argv)
    if not args.url:
        parser.error("no service: give --url or set CREDMARK_URL")
    client = Client(args.url, os.environ.get("CREDMARK_API_KEY"), timeout=args.timeout)
    try:
        if args.command == "stamp":
            return _stamp(client, args)
        if args.command == "verify":
            report = client.verify(args.file)
            _print_json(report)
            return VERIFY_EXIT.get(str(report.get("status")), 1)
        _print_json(client.credential(args.id))
        return 0
    except CredmarkError as e:
        print(f"credmark: {e}", file=sys.stderr)
        return EXIT_FAILED
    except (OSError, ValueError) as e:
        print(f"credmark: {e}", file=sys.stderr)
        return EXIT_FAILED


def _stamp(client: Client, args: argparse.Namespace) -> int:
    if not os.environ.get("CREDMARK_API_KEY"):
        print("credmark: set CREDMARK_API_KEY to the API key to stamp with", file=sys.stderr)
        return EXIT_FAILED
    provenance = _read(args.provenance)
    options = _read(args.options)
    stamped = client.stamp(args.input, provenance, options, registered_model=args.registered_model)
    write_atomically(args.out, stamped.image_bytes)
    _print_json({"output": args.out, "mediaType": stamped.media_type, "credential": stamped.credential_id,
                 "url": stamped.credential_url, "sha256": stamped.sha256})
    return 0


def _read(path: str | None) -> bytes | None:
    if path is None:
        return None
    with open(path, "rb") as f:
        return f.read()


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
