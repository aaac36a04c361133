package web

import (
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// sharedTemplates are the files parsed with every page: the layout and
// the partials, the common ones and those of one concern (its own file,
// e.g. note_submissions_partials.html).
var sharedTemplates = []string{"templates/layout.html", "templates/partials.html", "templates/note_submissions_partials.html", "templates/approval_fields.html"}

// isSharedTemplate reports whether the file (its base name) is one of
// sharedTemplates, parsed with every page and no page itself.
func isSharedTemplate(base string) bool {
	return slices.Contains(sharedTemplates, "templates/"+base)
}

// parsePage parses the page template name with the layout and the
// partials, each file's source compacted (compactTemplate) first, with
// the template functions (funcs). It names the templates as
// template.ParseFS does: each file's template by its base name, the
// page's own file as the result.
func parsePage(fsys fs.FS, name string) (*template.Template, error) {
	base := path.Base(name)
	t := template.New(base).Funcs(funcs)
	for _, file := range append(slices.Clone(sharedTemplates), name) {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		tmpl := t
		if b := path.Base(file); b != base {
			tmpl = t.New(b)
		}
		if _, err := tmpl.Parse(compactTemplate(string(src))); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// compactTemplate drops the indentation and the blank lines of a template's
// source: every run of white space that holds a line break becomes one line
// break. A browser renders the page the same (HTML collapses such runs into
// one space), and every page is smaller by its indentation: a stored
// decision page by about 230 bytes, which lets most of them go out in one
// write with their headers (docs/performance.md, "The decision page in one
// write"). The text between <pre> and </pre> and between <textarea> and
// </textarea> is kept as it is, since there white space is content; so is
// white space without a line break, which may separate words.
func compactTemplate(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	for len(src) > 0 {
		// The next element whose content keeps its white space.
		start, end := len(src), len(src)
		for _, tag := range [...]string{"pre", "textarea"} {
			i := strings.Index(src, "<"+tag)
			if i < 0 || i >= start {
				continue
			}
			if j := strings.Index(src[i:], "</"+tag+">"); j >= 0 {
				start, end = i, i+j+len("</"+tag+">")
			} else {
				start, end = i, len(src)
			}
		}
		collapseLineBreaks(&b, src[:start])
		b.WriteString(src[start:end])
		src = src[end:]
	}
	return b.String()
}

// collapseLineBreaks writes s with every run of white space that holds a
// line break replaced by one line break.
func collapseLineBreaks(b *strings.Builder, s string) {
	for len(s) > 0 {
		nl := strings.IndexByte(s, '\n')
		if nl < 0 {
			b.WriteString(s)
			return
		}
		// The white space before the line break belongs to the run.
		head := strings.TrimRight(s[:nl], " \t\r")
		b.WriteString(head)
		b.WriteByte('\n')
		s = strings.TrimLeft(s[nl:], " \t\r\n")
	}
}
