"""Lint a large CMS export with Dask; the output equals `medlint check --input-format jsonl`.

The export is JSON Lines, one record per line: {"id": ..., "text": "...", "path": "..."}
("path" optional). Dask splits the file into partitions, worker processes lint
each partition, and the findings come back in input order, one JSON line per
finding with the record's id, exactly as the CLI prints them.

Why this works: ``Linter.lint_text`` is a pure function of the text and the
linter, findings are frozen dataclasses, and a pickled ``Linter`` travels as
its config and plugin list and is rebuilt once per worker process.

    pip install "medlint[dask]"
    python examples/dask_lint.py export.jsonl > findings.jsonl
    python examples/dask_lint.py export.jsonl --partitions 16 --workers 4 --config .medlint.yml

``--scheduler processes`` (the default) is a local cluster of worker
processes; ``--scheduler distributed`` starts a ``dask.distributed``
LocalCluster instead (needs ``pip install distributed``), and the same
``lint_export`` runs on any distributed ``Client``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import dask
import dask.bag as db

from medlint.api import Linter
from medlint.config import load_config
from medlint.jsonl import Record, RecordLint, parse_record


def lint_partition(lines: Iterable[str], linter: Linter) -> list[str]:
    """Lint the records of one partition; invalid lines are skipped (the CLI reports them)."""
    lint = RecordLint(linter)
    found: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        record = parse_record(line)
        if isinstance(record, Record):
            found.extend(lint(record)[0])
    return found


def lint_export(
    paths: str | list[str],
    linter: Linter,
    *,
    partitions: int | None = None,
    scheduler: str = "processes",
    workers: int | None = None,
) -> list[str]:
    """The finding lines of every record in the JSONL file(s) ``paths``, in input order."""
    lines = db.read_text(paths, blocksize="8MiB")
    if partitions:
        lines = lines.repartition(npartitions=partitions)
    findings = lines.map_partitions(lint_partition, linter)
    if scheduler == "distributed":
        return _on_local_cluster(findings, workers)
    options: dict[str, object] = {"scheduler": scheduler}
    if workers:
        options["num_workers"] = workers
    with dask.config.set(options):
        return list(findings.compute())


def _on_local_cluster(findings: db.Bag, workers: int | None) -> list[str]:
    """Run on a ``dask.distributed`` LocalCluster (``pip install distributed``), one thread per worker."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1) as cluster, Client(cluster):
        return list(findings.compute())


def main(argv: list[str] | None = None) -> int:
    """Command line: lint the export and print the finding lines."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", nargs="+", help="JSON Lines file(s) of records")
    parser.add_argument("--config", type=Path, help="medlint config file (default: found from the working folder)")
    parser.add_argument("--partitions", type=int, help="split the export into this many partitions")
    parser.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    parser.add_argument("--scheduler", default="processes", choices=["processes", "threads", "sync", "distributed"])
    args = parser.parse_args(argv)
    linter = Linter.create(load_config(args.config))
    for line in lint_export(
        args.export, linter, partitions=args.partitions, scheduler=args.scheduler, workers=args.workers
    ):
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
