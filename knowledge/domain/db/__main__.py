"""Developer commands for the schema: `python -m knowledge.domain.db revision -m "..."`,
`upgrade`, `current`.

`revision` autogenerates against a scratch SQLite database upgraded to the
current head, so the new file contains exactly what the models add; review
it (and test it on PostgreSQL) before committing.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m knowledge.domain.db")
    sub = parser.add_subparsers(dest="command", required=True)
    rev = sub.add_parser("revision", help="new migration file from the models")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--empty", action="store_true", help="no autogenerate")
    sub.add_parser("upgrade", help="upgrade the configured database to head")
    sub.add_parser("current", help="revision of the configured database")
    args = parser.parse_args(argv)

    from alembic import command

    from knowledge.domain.db.engine import create_engine_for, get_engine
    from knowledge.domain.db.migrate import alembic_config, current_revision, upgrade
    from knowledge.settings import Settings

    if args.command == "revision":
        with tempfile.TemporaryDirectory() as tmp:
            scratch = create_engine_for(f"sqlite:///{Path(tmp) / 'scratch.sqlite3'}")
            upgrade(scratch)
            with scratch.begin() as connection:
                command.revision(alembic_config(connection), message=args.message,
                                 autogenerate=not args.empty)
            scratch.dispose()
    elif args.command == "upgrade":
        engine = get_engine(Settings().sqlalchemy_url)
        upgrade(engine)
        print(current_revision(engine))
    else:
        print(current_revision(get_engine(Settings().sqlalchemy_url)))


if __name__ == "__main__":
    main()
