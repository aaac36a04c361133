package model

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestErrorClasses(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		class  Class
		reason string
	}{
		{"plain error is internal", errors.New("disk I/O error"), ErrInternal, ""},
		{"rule", RuleError("Ohne den Bund kommt kein Beschluss zustande."), ErrRule, "Ohne den Bund kommt kein Beschluss zustande."},
		{"wrapped input", fmt.Errorf("store: create item: %w", InputError("Der Titel fehlt.")), ErrInput, "Der Titel fehlt."},
		{"not found", NotFoundError("Diese Sitzung gibt es nicht."), ErrNotFound, "Diese Sitzung gibt es nicht."},
		{"conflict", ConflictError("Inzwischen geändert."), ErrConflict, "Inzwischen geändert."},
		{"forbidden", ForbiddenError("Nicht erlaubt."), ErrForbidden, "Nicht erlaubt."},
		{"internal with cause hides reason", &Error{Class: ErrInternal, Reason: "x", Err: errors.New("y")}, ErrInternal, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ClassOf(c.err); got != c.class {
				t.Errorf("ClassOf = %v, want %v", got, c.class)
			}
			if got := ReasonOf(c.err); got != c.reason {
				t.Errorf("ReasonOf = %q, want %q", got, c.reason)
			}
			if c.class != ErrInternal && !errors.Is(c.err, c.class) {
				t.Errorf("errors.Is(err, %v) = false", c.class)
			}
		})
	}
	cause := errors.New("cause")
	e := fmt.Errorf("ctx: %w", &Error{Class: ErrConflict, Reason: "r", Err: cause})
	if !errors.Is(e, cause) || !errors.Is(e, ErrConflict) || errors.Is(e, ErrNotFound) {
		t.Error("errors.Is must see the cause and the class, and nothing else")
	}
}

// TestNoErrorTextClassification keeps the house rule: no code outside tests
// decides what an error is by its message text (strings.Contains(err.Error(),
// …), err.Error() == …). Errors carry a Class instead.
func TestNoErrorTextClassification(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		isErrorCall := func(e ast.Expr) bool {
			c, ok := e.(*ast.CallExpr)
			if !ok || len(c.Args) != 0 {
				return false
			}
			sel, ok := c.Fun.(*ast.SelectorExpr)
			return ok && sel.Sel.Name == "Error"
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); ok && (pkg.Name == "strings" || pkg.Name == "bytes") {
					for _, a := range n.Args {
						if isErrorCall(a) {
							t.Errorf("%s: %s.%s on an error's text", fset.Position(n.Pos()), pkg.Name, sel.Sel.Name)
						}
					}
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isErrorCall(n.X) || isErrorCall(n.Y)) {
					t.Errorf("%s: comparison of an error's text", fset.Position(n.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAtField: a classed error tied to a form field keeps its class, its
// reason and its cause (errors.Is finds the original), says the reason once
// in the log text, and an internal error is never made a field's fault.
func TestAtField(t *testing.T) {
	orig := RuleError("Die Frist liegt vor der Sitzung.")
	err := AtField("frist", fmt.Errorf("store: follow-up: %w", orig))
	if FieldOf(err) != "frist" || ClassOf(err) != ErrRule || ReasonOf(err) != "Die Frist liegt vor der Sitzung." || !errors.Is(err, orig) {
		t.Errorf("AtField: field %q class %v reason %q", FieldOf(err), ClassOf(err), ReasonOf(err))
	}
	if strings.Count(err.Error(), "Die Frist liegt vor der Sitzung.") != 1 || !strings.Contains(err.Error(), "frist") {
		t.Errorf("log text: %s", err)
	}
	internal := errors.New("disk full")
	if got := AtField("frist", internal); got != internal || FieldOf(got) != "" {
		t.Errorf("an internal error got a field: %v", got)
	}
	if FieldOf(orig) != "" {
		t.Error("AtField changed the original")
	}
}

// TestErrorsOf: a joined error splits into its parts, also wrapped on its
// way up ("store: …: %w"), nested joins flattened; a field's error is one
// refusal; nil is none.
func TestErrorsOf(t *testing.T) {
	a, b, c := AtField("frist", InputError("a")), AtField("text", InputError("b")), RuleError("c")
	wrapped := fmt.Errorf("store: update: %w", errors.Join(a, errors.Join(b, c)))
	if got := ErrorsOf(wrapped); len(got) != 3 || got[0] != a || got[1] != b || got[2] != c {
		t.Errorf("wrapped join: %v", got)
	}
	if got := ErrorsOf(a); len(got) != 1 || got[0] != a {
		t.Errorf("one refusal: %v", got)
	}
	if one := fmt.Errorf("store: %w", a); len(ErrorsOf(one)) != 1 {
		t.Errorf("a wrapped single refusal: %v", ErrorsOf(one))
	}
	if ErrorsOf(nil) != nil {
		t.Error("nil gives refusals")
	}
}
