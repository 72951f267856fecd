"""Admin operations, independent of Telegram: who may do what, what they did, and the work itself.

- `access.Access`: admins (`TELEGRAM_ADMIN_IDS` + database) and officials (closed mode), cached.
- `audit.AuditLog`, `audit.Actor`: the append-only audit log (`ntm audit` prints it).
- `caption.parse_caption`: "Tiêu đề: ...; Nguồn: ...; Tỉnh: ...; Ngày: ..." on an uploaded file.
- `documents.check_document` / `DocumentStore`: every check before anything is written, then an
  atomic store under `NTM_DATA_DIR/documents`.
- `indexing.IndexRunner` / `rebuild`: one build at a time in a worker thread, with progress.
- `service.AdminService`: add / remove / restore documents, reindex, import commune lists.
- `stats.collect`: numbers for `/stats`.
"""
