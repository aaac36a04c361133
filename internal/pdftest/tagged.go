package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tool finds a poppler or qpdf program; like Text it skips without it,
// except in CI.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (Debian package %s) is needed in CI", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s); skipping tagged-PDF checks", name, pkg)
	}
	return bin
}

func run(t testing.TB, bin string, pdf []byte, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append(args, path)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(bin), strings.Join(args, " "), err, stderr.String(), out)
	}
	return string(out)
}

// Info gives pdfinfo's report of pdf ("Tagged: yes", "Pages: 3", …); a
// message of pdfinfo on standard error (a damaged file) fails the test.
func Info(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, tool(t, "pdfinfo", "poppler-utils"), pdf)
}

// Structure gives the structure tree of pdf with the text of each
// element, as pdfinfo -struct-text prints it.
func Structure(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, tool(t, "pdfinfo", "poppler-utils"), pdf, "-struct-text")
}

// Check runs qpdf --check on pdf (the whole file, incremental updates
// included) and fails the test on any error or warning.
func Check(t testing.TB, pdf []byte) {
	t.Helper()
	out := run(t, tool(t, "qpdf", "qpdf"), pdf, "--check")
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
}

var contentRe = regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// Unmarked lists what the page streams of an fpdf PDF paint outside any
// marked-content sequence (neither a structure element's nor an
// artifact's), and marked sequences with an MCID nested in another one:
// a tagged PDF may have neither. Each problem names the page and the
// operator.
func Unmarked(t testing.TB, pdf []byte) []string {
	t.Helper()
	var problems []string
	page := 0
	for _, m := range contentRe.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatalf("page stream: %v", err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("page stream: %v", err)
		}
		page++
		problems = append(problems, unmarkedIn(page, content)...)
	}
	if page == 0 {
		t.Fatal("no page streams found")
	}
	return problems
}

// painting operators: text showing, path painting, images and shadings.
var painting = map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true, "S": true, "s": true,
	"f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true, "Do": true, "sh": true}

func unmarkedIn(page int, c []byte) []string {
	var problems []string
	var stack []bool // per open sequence: has an MCID
	var operands []string
	for i := 0; i < len(c); {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t':
			i++
		case ch == '(':
			depth := 0
			for ; i < len(c); i++ {
				if c[i] == '\\' {
					i++
					continue
				}
				if c[i] == '(' {
					depth++
				} else if c[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
			}
			operands = append(operands, "(string)")
		case ch == '<' && i+1 < len(c) && c[i+1] == '<':
			end := bytes.Index(c[i:], []byte(">>"))
			if end < 0 {
				return append(problems, fmt.Sprintf("page %d: unterminated dictionary", page))
			}
			operands = append(operands, string(c[i:i+end+2]))
			i += end + 2
		case ch == '<':
			end := bytes.IndexByte(c[i:], '>')
			if end < 0 {
				return append(problems, fmt.Sprintf("page %d: unterminated hex string", page))
			}
			operands = append(operands, "<hex>")
			i += end + 1
		case ch == '[' || ch == ']':
			i++
		default:
			j := i
			for j < len(c) && !strings.ContainsRune(" \n\r\t()<>[]", rune(c[j])) {
				j++
			}
			if j == i {
				j++
			}
			tok := string(c[i:j])
			i = j
			if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
				operands = append(operands, tok)
				continue
			}
			switch tok {
			case "BMC":
				stack = append(stack, false)
			case "BDC":
				mcid := len(operands) > 0 && strings.Contains(operands[len(operands)-1], "/MCID")
				if mcid {
					for _, has := range stack {
						if has {
							problems = append(problems, fmt.Sprintf("page %d: marked content with MCID nested in another", page))
						}
					}
				}
				stack = append(stack, mcid)
			case "EMC":
				if len(stack) == 0 {
					problems = append(problems, fmt.Sprintf("page %d: EMC without BDC/BMC", page))
				} else {
					stack = stack[:len(stack)-1]
				}
			default:
				if painting[tok] && len(stack) == 0 {
					problems = append(problems, fmt.Sprintf("page %d: %s outside marked content", page, tok))
				}
			}
			operands = operands[:0]
		}
	}
	if len(stack) != 0 {
		problems = append(problems, fmt.Sprintf("page %d: %d marked sequences not closed", page, len(stack)))
	}
	return problems
}

// Element is a structure element of a tagged PDF as pdfinfo -struct-text
// shows it: its type and the text of its own marked content.
type Element struct {
	Kind string
	Text string
}

// Elements gives the structure elements of pdf in reading order, each with
// its text (the text of all its marked sequences, on whatever page).
func Elements(t testing.TB, pdf []byte) []Element {
	t.Helper()
	var out []Element
	for _, line := range strings.Split(Structure(t, pdf), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "/"):
		case strings.HasPrefix(line, `"`):
			if len(out) > 0 {
				out[len(out)-1].Text += strings.TrimSuffix(strings.TrimPrefix(line, `"`), `"`)
			}
		default:
			kind, _, _ := strings.Cut(line, " ")
			out = append(out, Element{Kind: strings.TrimSuffix(kind, ":")})
		}
	}
	return out
}
