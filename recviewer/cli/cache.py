"""``recviewer-cli cache [--clear] [--json]``: where the catalog cache is.

The catalog cache (``core/catalog/cache.py``) lets a re-opened folder be
listed from a stat of each file. This prints its path, size and row count;
``--clear`` deletes it (so does ``recviewer-cli --clear-cache``). It lives in
the user cache folder (``$RECVIEWER_CACHE_DIR``, else ``$XDG_CACHE_HOME`` /
the platform's), never in a recordings folder.
"""

from __future__ import annotations

import argparse
import os

from recviewer.cli.output import EXIT_OK, fail, write_json, write_text

NAME = "cache"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help="where the catalog cache is, how big; --clear deletes it",
        description="Print where the catalog cache is (the folder index kept between runs), "
                    "its size and rows. --clear deletes it.")
    parser.add_argument("--clear", action="store_true", help="delete the catalog cache")
    parser.add_argument("--json", action="store_true",
                        help='print {"path", "exists", "bytes", "rows", "cleared"} as JSON')
    parser.set_defaults(func=run)


def _size(path: str) -> int:
    total = 0
    for suffix in ("", "-wal", "-shm"):
        try:
            total += os.stat(path + suffix).st_size
        except OSError:
            pass
    return total


def describe(cleared: bool) -> dict:
    from recviewer.core.catalog.cache import CatalogCache, cache_path

    path = cache_path()
    exists = path.is_file()
    rows = 0
    if exists:
        store = CatalogCache.connect(path)
        if store is not None:
            rows = store.rows()
            store.close()
    return {"path": os.fspath(path), "exists": exists, "bytes": _size(os.fspath(path)) if exists else 0,
            "rows": rows, "cleared": cleared}


def clear_and_report(json_out: bool) -> int:
    from recviewer.core.catalog.cache import clear_cache

    try:
        clear_cache()
    except OSError as exc:
        return fail(f"cannot delete the catalog cache: {exc}")
    info = describe(True)
    if json_out:
        write_json(info)
    else:
        write_text(f"cleared the catalog cache at {info['path']}\n")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.clear:
        return clear_and_report(args.json)
    info = describe(False)
    if args.json:
        write_json(info)
    elif info["exists"]:
        write_text(f"{info['path']}: {info['rows']} files, {info['bytes']:,} bytes\n")
    else:
        write_text(f"{info['path']}: no catalog cache yet\n")
    return EXIT_OK
