// Package auth owns accounts and access: password hashing (argon2id), login
// sessions in HttpOnly cookies, and the one permission check every handler
// uses.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"gremium/internal/model"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters (OWASP's minimum recommendation: 19 MiB, 2 passes).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// MinPasswordLength is the shortest password accepted, MaxPasswordLength
// the longest (OWASP ASVS 2.1.1 and 2.1.2: at least 12, up to at least 64
// and at most 128 characters).
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// CheckNewPassword checks a new password: its length, and that it is not a
// single repeated character. Any other characters are allowed, spaces and
// emoji included, and nothing else is imposed (no composition rules).
func CheckNewPassword(password string) error {
	n := utf8.RuneCountInString(password)
	if n < MinPasswordLength {
		return model.InputError("Das Passwort muss mindestens %d Zeichen lang sein.", MinPasswordLength)
	}
	if n > MaxPasswordLength {
		return model.InputError("Das Passwort darf höchstens %d Zeichen lang sein.", MaxPasswordLength)
	}
	first, _ := utf8.DecodeRuneInString(password)
	if strings.Trim(password, string(first)) == "" {
		return model.InputError("Das Passwort darf nicht aus einem einzigen wiederholten Zeichen bestehen.")
	}
	return nil
}

// HashPassword gives the argon2id hash of a password in the PHC string form
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
func HashPassword(password string) (string, error) {
	if err := CheckNewPassword(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrBadHash means a stored hash cannot be read.
var ErrBadHash = errors.New("auth: unreadable password hash")

// CheckPassword reports whether password matches the hash, in constant time.
func CheckPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadHash
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, ErrBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, ErrBadHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// RandomPassword gives a new random password (for "gremium user add").
func RandomPassword() string {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
