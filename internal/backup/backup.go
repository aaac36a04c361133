// Package backup writes and restores backups of a gremium data directory:
// the database and the uploaded documents in one tar archive.
//
// The archive (plain tar; gzip-compressed when the file name ends in .gz
// or .tgz) holds, in this order:
//
//	gremium.db              a consistent copy of the database (SQLite VACUUM INTO)
//	dokumente/<sha256>      every uploaded document (named by its SHA-256, as in DATA/dokumente)
//	gremium-sicherung.json  the manifest: format, time, schema version, audit head,
//	                        and name, size and SHA-256 of every file above
//
// The database is copied first, the documents after it: a document is
// written to DATA/dokumente before its row is committed, so every document
// the copy refers to is on disk when the documents are copied. Restore
// checks every file against the manifest and the audit chain against the
// head recorded in it before it touches the data directory.
package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// Format names the archive layout in the manifest.
const Format = "gremium-sicherung/1"

// ManifestName is the manifest's name in the archive (its last entry).
const ManifestName = "gremium-sicherung.json"

// DocumentDir is the folder of uploaded documents inside the data
// directory and inside the archive.
const DocumentDir = "dokumente"

// File is one file of the archive as the manifest lists it.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest describes a backup.
type Manifest struct {
	Format        string    `json:"format"`
	Created       time.Time `json:"created"`
	SchemaVersion int64     `json:"schema_version"`
	// AuditHead is the newest audit entry of the copy ("ID:HASH"), "" for
	// an empty log.
	AuditHead string `json:"audit_head"`
	Files     []File `json:"files"`
}

// Result is what Create wrote.
type Result struct {
	Manifest Manifest
	// Missing lists documents the database refers to that were not in the
	// documents folder (the backup holds everything else).
	Missing []string
}

// Create writes a backup of the data directory dataDir, whose database st
// is, to file (replaced atomically if it exists). The server may go on
// serving and writing meanwhile.
func Create(ctx context.Context, st *store.Store, dataDir, file string) (Result, error) {
	var res Result
	dir := filepath.Dir(file)
	tmpDB, err := os.CreateTemp(dir, ".gremium-sicherung-*.db")
	if err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	tmpDB.Close()
	os.Remove(tmpDB.Name()) // VACUUM INTO wants a new file
	defer os.Remove(tmpDB.Name())
	started := time.Now().UTC()
	if err := st.SnapshotTo(ctx, tmpDB.Name()); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	info, err := store.InspectSnapshot(ctx, tmpDB.Name())
	if err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	m := Manifest{Format: Format, Created: started, SchemaVersion: info.SchemaVersion}
	if info.Head.ID > 0 {
		m.AuditHead = info.Head.String()
	}

	out, err := os.CreateTemp(dir, ".gremium-sicherung-*.tar")
	if err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(out.Name())
	defer out.Close()
	var w io.Writer = out
	var gz *gzip.Writer
	if isGzipName(file) {
		gz = gzip.NewWriter(out)
		w = gz
	}
	tw := tar.NewWriter(w)
	add := func(name, path string) error {
		f, err := addFile(tw, name, path)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, f)
		return nil
	}
	if err := add(store.DBFileName, tmpDB.Name()); err != nil {
		return res, err
	}
	docs := filepath.Join(dataDir, DocumentDir)
	have := map[string]bool{}
	err = filepath.WalkDir(docs, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path == docs {
			return fs.SkipDir
		}
		if err != nil || !d.Type().IsRegular() || strings.HasSuffix(path, ".tmp") {
			return err // unfinished uploads (*.tmp) are not documents yet
		}
		rel, err := filepath.Rel(dataDir, path)
		if err != nil {
			return err
		}
		have[filepath.Base(path)] = true
		return add(filepath.ToSlash(rel), path)
	})
	if err != nil {
		return res, fmt.Errorf("backup: documents: %w", err)
	}
	for _, d := range info.Documents {
		if !have[d] {
			res.Missing = append(res.Missing, d)
		}
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return res, fmt.Errorf("backup: manifest: %w", err)
	}
	if err := tw.WriteHeader(&tar.Header{Name: ManifestName, Mode: 0o640, Size: int64(len(mj)), ModTime: started, Typeflag: tar.TypeReg}); err != nil {
		return res, fmt.Errorf("backup: manifest: %w", err)
	}
	if _, err := tw.Write(mj); err != nil {
		return res, fmt.Errorf("backup: manifest: %w", err)
	}
	if err := tw.Close(); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	if gz != nil {
		if err := gz.Close(); err != nil {
			return res, fmt.Errorf("backup: %w", err)
		}
	}
	if err := out.Sync(); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	if err := out.Close(); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(out.Name(), file); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	res.Manifest = m
	return res, nil
}

// addFile copies a file into the archive under name and gives its manifest
// line.
func addFile(tw *tar.Writer, name, path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return File{}, fmt.Errorf("backup: %w", err)
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o640, Size: fi.Size(), ModTime: fi.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return File{}, fmt.Errorf("backup: %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), f)
	if err != nil {
		return File{}, fmt.Errorf("backup: %s: %w", name, err)
	}
	if n != fi.Size() {
		return File{}, fmt.Errorf("backup: %s changed while it was copied", name)
	}
	return File{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// FileSHA256 gives the SHA-256 of the file at path in hex: the name a
// document is stored under in the data directory, and the sum a backup's
// manifest and a copy between engines (migrate-data) check it by.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func isGzipName(name string) bool {
	return strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".tgz")
}

// ErrNotEmpty means the data directory to restore into holds files.
var ErrNotEmpty = errors.New("backup: the data directory is not empty")

// Restored is what Restore did.
type Restored struct {
	Manifest Manifest
	Audit    store.AuditReport
	// Aside is where the former content of the data directory was moved
	// ("" if it was empty).
	Aside string
}

// Restore unpacks the backup file into the data directory dataDir. A
// directory that holds anything is refused with ErrNotEmpty unless force
// is set; then its former content is moved into a folder
// "vor-wiederherstellung-<time>" inside it, nothing is deleted. The
// archive is unpacked into a temporary folder inside dataDir first; only
// when every file matches the manifest and the audit chain is intact up to
// the head the manifest recorded does the restored data replace the
// directory's content. The server must not run on dataDir meanwhile.
func Restore(ctx context.Context, file, dataDir string, force bool) (Restored, error) {
	var res Restored
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	old, err := os.ReadDir(dataDir)
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	if len(old) > 0 && !force {
		return res, ErrNotEmpty
	}
	tmp, err := os.MkdirTemp(dataDir, ".wiederherstellung-")
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(tmp)
	if res.Manifest, err = unpack(file, tmp); err != nil {
		return res, err
	}
	var head store.AuditHead
	if res.Manifest.AuditHead != "" {
		if head, err = store.ParseAuditHead(res.Manifest.AuditHead); err != nil {
			return res, fmt.Errorf("restore: manifest: %w", err)
		}
	}
	st, err := store.Open(ctx, tmp)
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	res.Audit, err = st.VerifyAudit(ctx, head)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	if p := res.Audit.Problem; p != nil {
		return res, fmt.Errorf("restore: the audit log of the backup is damaged: %s", p.Reason)
	}
	if len(old) > 0 {
		res.Aside = filepath.Join(dataDir, "vor-wiederherstellung-"+time.Now().In(model.Berlin).Format("20060102-150405"))
		if err := os.Mkdir(res.Aside, 0o750); err != nil {
			return res, fmt.Errorf("restore: %w", err)
		}
		for _, e := range old {
			if err := os.Rename(filepath.Join(dataDir, e.Name()), filepath.Join(res.Aside, e.Name())); err != nil {
				return res, fmt.Errorf("restore: move the former data aside: %w", err)
			}
		}
	}
	restored, err := os.ReadDir(tmp)
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	for _, e := range restored {
		if err := os.Rename(filepath.Join(tmp, e.Name()), filepath.Join(dataDir, e.Name())); err != nil {
			return res, fmt.Errorf("restore: %w", err)
		}
	}
	return res, nil
}

// unpack extracts the archive into dir and checks it against its
// manifest.
func unpack(file, dir string) (Manifest, error) {
	var m Manifest
	f, err := os.Open(file)
	if err != nil {
		return m, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	magic := make([]byte, 2)
	if _, err := io.ReadFull(f, magic); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return m, fmt.Errorf("restore: %w", err)
		}
		gz, err := gzip.NewReader(f)
		if err != nil {
			return m, fmt.Errorf("restore: %s: %w", file, err)
		}
		defer gz.Close()
		r = gz
	} else if _, err := f.Seek(0, io.SeekStart); err != nil {
		return m, fmt.Errorf("restore: %w", err)
	}
	tr := tar.NewReader(r)
	got := map[string]File{}
	sawManifest := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("restore: %s is not a gremium backup: %w", file, err)
		}
		if sawManifest {
			return m, fmt.Errorf("restore: %s: %q follows the manifest", file, h.Name)
		}
		if h.Name == ManifestName {
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(&m); err != nil {
				return m, fmt.Errorf("restore: manifest: %w", err)
			}
			sawManifest = true
			continue
		}
		name := filepath.FromSlash(h.Name)
		if h.Typeflag != tar.TypeReg || !filepath.IsLocal(name) ||
			(h.Name != store.DBFileName && !strings.HasPrefix(h.Name, DocumentDir+"/")) {
			return m, fmt.Errorf("restore: %s: unexpected entry %q", file, h.Name)
		}
		if _, dup := got[h.Name]; dup {
			return m, fmt.Errorf("restore: %s: %q twice", file, h.Name)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return m, fmt.Errorf("restore: %w", err)
		}
		out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
		if err != nil {
			return m, fmt.Errorf("restore: %w", err)
		}
		hash := sha256.New()
		n, err := io.Copy(io.MultiWriter(out, hash), tr)
		if err == nil {
			err = out.Sync()
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return m, fmt.Errorf("restore: %s: %w", h.Name, err)
		}
		got[h.Name] = File{Name: h.Name, Size: n, SHA256: hex.EncodeToString(hash.Sum(nil))}
	}
	if !sawManifest || m.Format != Format {
		return m, fmt.Errorf("restore: %s is not a complete gremium backup (manifest %q missing or of another format)", file, ManifestName)
	}
	for _, want := range m.Files {
		if g, ok := got[want.Name]; !ok || g != want {
			return m, fmt.Errorf("restore: %s: %s is missing or differs from the manifest", file, want.Name)
		}
		delete(got, want.Name)
	}
	if len(got) > 0 {
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		slices.Sort(names)
		return m, fmt.Errorf("restore: %s: files not in the manifest: %s", file, strings.Join(names, ", "))
	}
	if _, err := os.Stat(filepath.Join(dir, store.DBFileName)); err != nil {
		return m, fmt.Errorf("restore: %s holds no database", file)
	}
	return m, nil
}
