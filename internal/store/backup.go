package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

// SnapshotTo writes a consistent copy of the database to the new file
// path with SQLite's VACUUM INTO: it reads in one transaction, so writers
// go on while it runs and the copy holds exactly the transactions committed
// before it began. The copy is compact (no free pages) and needs no WAL
// file beside it.
func (s *Store) SnapshotTo(ctx context.Context, path string) error {
	if s.isPG() {
		return fmt.Errorf("store: snapshot: a PostgreSQL database is backed up with pg_dump, or copied into an SQLite file with gremium migrate-data --to sqlite:FILE")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: snapshot: %s exists", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: snapshot to %s: %w", path, err)
	}
	return nil
}

// SnapshotInfo describes a database file written by SnapshotTo.
type SnapshotInfo struct {
	SchemaVersion int64
	Head          AuditHead // the newest audit entry (zero for an empty log)
	Documents     []string  // the file names (SHA-256) of the uploaded documents it refers to
}

// InspectSnapshot reads a snapshot file without changing it.
func InspectSnapshot(ctx context.Context, path string) (SnapshotInfo, error) {
	var info SnapshotInfo
	if _, err := os.Stat(path); err != nil {
		return info, fmt.Errorf("store: inspect snapshot: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return info, fmt.Errorf("store: inspect snapshot: %w", err)
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&info.SchemaVersion); err != nil {
		return info, fmt.Errorf("store: inspect snapshot: schema version: %w", err)
	}
	if info.Head, err = auditHead(ctx, db); err != nil {
		return info, err
	}
	info.Documents, err = queryList(ctx, db, func(r scanner) (string, error) {
		var name string
		return name, r.Scan(&name)
	}, "snapshot documents", `SELECT DISTINCT sha256 FROM documents ORDER BY sha256`)
	return info, err
}
