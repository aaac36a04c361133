package model

import (
	"errors"
	"fmt"
)

// Class is the kind of an error, which decides how a front end answers it:
// the web and the API translate a Class into an HTTP status in one place
// each. The zero value is ErrInternal, so an error nobody classified is never
// shown to the user as their mistake.
//
// A Class is itself an error, so errors.Is(err, model.ErrNotFound) tests an
// error's class.
type Class uint8

// The classes of errors.
const (
	// ErrInternal: the system failed (database, disk, a bug). Logged at
	// Error level; the user sees only that something went wrong.
	ErrInternal Class = iota
	// ErrNotFound: the object does not exist (any more).
	ErrNotFound
	// ErrConflict: someone else changed the object since it was read, or an
	// object with the same key exists; nothing was overwritten.
	ErrConflict
	// ErrRule: the request is well formed but a rule of the body, the
	// law or the session cycle forbids it (a Beschluss without the Bund,
	// an edit of approved minutes).
	ErrRule
	// ErrInput: the input is incomplete or malformed.
	ErrInput
	// ErrForbidden: the user may not do this.
	ErrForbidden
)

var classNames = [...]string{"internal error", "not found", "conflict", "rule violated", "invalid input", "forbidden"}

// String gives the English name of the class, for logs.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("class %d", c)
}

// Error makes a Class usable as the target of errors.Is.
func (c Class) Error() string { return c.String() }

// Error is an error with a class and, for the user, a German reason. Model
// and store return it for everything a user can cause; front ends show
// Reason and never the English text of Error().
type Error struct {
	Class Class
	// Reason is a complete German sentence for the user (may be empty for
	// internal errors and plain not-found answers).
	Reason string
	// Field names the input the reason is about, as the web form names it
	// ("frist", "name_2"), so the form can show the reason at that field
	// (templates "invalid" and "field-error"); empty for the request as a
	// whole.
	Field string
	// Err is the cause, if any (kept for logs and errors.Is).
	Err error
	// InputShown says that Reason itself tells the user that the form
	// shown again holds what they typed ("… das Formular zeigt Ihre
	// Eingabe"; InputShownConflict), so the box above the form does not
	// say it once more. Another reason, whatever its class, leaves that
	// to the box.
	InputShown bool
}

// Error gives the class, the reason and the cause, for logs.
func (e *Error) Error() string {
	if e.Field != "" && e.Err != nil && ReasonOf(e.Err) == e.Reason {
		return e.Err.Error() + " (field " + e.Field + ")" // AtField's: say the reason once
	}
	s := e.Class.String()
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap gives the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is this error's class (errors.Is(err,
// model.ErrRule)).
func (e *Error) Is(target error) bool {
	c, ok := target.(Class)
	return ok && c == e.Class
}

// newError builds a classed error with a German reason.
func newError(c Class, format string, args ...any) error {
	return &Error{Class: c, Reason: fmt.Sprintf(format, args...)}
}

// RuleError says that a rule forbids the action; reason is German.
func RuleError(format string, args ...any) error { return newError(ErrRule, format, args...) }

// InputError says that the input is invalid; reason is German.
func InputError(format string, args ...any) error { return newError(ErrInput, format, args...) }

// NotFoundError says that the object does not exist; reason is German.
func NotFoundError(format string, args ...any) error { return newError(ErrNotFound, format, args...) }

// ConflictError says that the object changed meanwhile or already exists;
// reason is German.
func ConflictError(format string, args ...any) error { return newError(ErrConflict, format, args...) }

// InputShownConflict says, as ConflictError, that the object changed
// meanwhile, with a German reason that itself says that the form shown
// again holds the user's input ("Das Formular zeigt Ihre Eingabe …"):
// marked InputShown, so that the box above the form does not repeat it.
// A conflict with a reason of its own (the minutes changed since the
// page was shown, a vote running) is a ConflictError: the box says of it
// what the form shows.
func InputShownConflict(format string, args ...any) error {
	return &Error{Class: ErrConflict, Reason: fmt.Sprintf(format, args...), InputShown: true}
}

// ForbiddenError says that the user may not do this; reason is German.
func ForbiddenError(format string, args ...any) error { return newError(ErrForbidden, format, args...) }

// AtField says that err is about the input field of a form; a classed err
// keeps its class and reason and wraps err (errors.Is still finds a store
// sentinel); FieldOf gives the field. Other errors are
// returned unchanged: an internal failure is never a field's fault.
func AtField(field string, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Class == ErrInternal {
		return err
	}
	return &Error{Class: e.Class, Reason: e.Reason, Field: field, Err: err, InputShown: e.InputShown}
}

// SaysInputShown reports whether the reason of err says itself that the
// form shown again holds the user's input (Error.InputShown), so that
// the box above the form does not say it again.
func SaysInputShown(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.InputShown
}

// FieldOf gives the form field err is about ("" for none).
func FieldOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ClassOf gives the class of err: the class of the outermost classed error
// in its chain, ErrInternal for any other error.
func ClassOf(err error) Class {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ErrInternal
}

// ReasonOf gives the German reason of err for the user, or "" if it has none
// (internal errors never give one: their text is for the log only).
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Class != ErrInternal {
		return e.Reason
	}
	return ""
}

// ErrorsOf splits err into the errors it joins (errors.Join: every rule
// an input broke, each at its field), depth first, also where a joined
// error was wrapped on its way up ("store: …: %w"); err alone when it
// joins none, nil for nil. Each front end lists the reasons from it (the
// web form at its fields, the API's "probleme").
func ErrorsOf(err error) []error {
	switch e := err.(type) {
	case nil:
		return nil
	case interface{ Unwrap() []error }:
		var out []error
		for _, part := range e.Unwrap() {
			out = append(out, ErrorsOf(part)...)
		}
		return out
	case *Error:
		// A refusal of its own (AtField wraps the error it places).
	case interface{ Unwrap() error }:
		if parts := ErrorsOf(e.Unwrap()); len(parts) > 1 {
			return parts
		}
	}
	return []error{err}
}
