package model

import (
	"errors"
	"fmt"
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
