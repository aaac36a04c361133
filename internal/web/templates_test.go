package web

import "testing"

// TestCompactTemplate: indentation and blank lines go, a line break stays
// where there was one (it may separate words), white space without a line
// break stays, and the content of pre and textarea is kept as written.
func TestCompactTemplate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<ul>\n  <li>a</li>\n\n\t<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{"<p>ein   Wort</p>  \n   <p>", "<p>ein   Wort</p>\n<p>"},
		{"<a>x</a>\n    <a>y</a>", "<a>x</a>\n<a>y</a>"},
		{"<div>\n  <pre class=\"k\">a\n   b\n</pre>\n  </div>", "<div>\n<pre class=\"k\">a\n   b\n</pre>\n</div>"},
		{"<textarea name=\"t\">{{range .}}{{.}}\n   {{end}}</textarea>\n  <p>", "<textarea name=\"t\">{{range .}}{{.}}\n   {{end}}</textarea>\n<p>"},
		{"<pre>offen\n  bis zum Ende", "<pre>offen\n  bis zum Ende"},
		{"{{if .X}}\n  <b>{{.X}}</b>\n{{end}}\n", "{{if .X}}\n<b>{{.X}}</b>\n{{end}}\n"},
	} {
		if got := compactTemplate(c.in); got != c.want {
			t.Errorf("compactTemplate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
