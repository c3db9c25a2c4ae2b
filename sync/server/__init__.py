"""The center's sync server: FastAPI + SQLAlchemy 2 + Alembic (the `server` extra).

Never imports desktop/ or ui/ (import-linter holds it); shared message types come from
sync.protocol. Shaped as the FastAPI full-stack template: config, db, models, routes/.
"""
