"""Backup and restore of a whole installation: database content and media in one archive.

A ``pg_dump`` or a copy of ``db.sqlite3`` ties a backup to one database engine and to its
content type ids; this archive holds Django's serialisation (content types and permissions
by natural key) so it restores into SQLite or PostgreSQL alike. See ``moit_backup`` and
``moit_restore``.
"""
