package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Signer signs short values that travel through the browser and must come
// back unchanged (a notice shown after a redirect, the OpenID Connect login
// state): HMAC-SHA256 over a purpose, an expiry and the value. The value
// is readable by the browser, so it must hold nothing secret from its
// user.
type Signer struct {
	key []byte
	now func() time.Time
}

// NewSigner gives a signer with the key (at least 32 random bytes).
func NewSigner(key []byte) *Signer { return &Signer{key: key, now: time.Now} }

func (s *Signer) mac(purpose, payload string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Sign gives the signed form of value for purpose, valid for ttl; it is
// safe in a cookie.
func (s *Signer) Sign(purpose, value string, ttl time.Duration) string {
	payload := strconv.FormatInt(s.now().Add(ttl).Unix(), 10) + "." + base64.RawURLEncoding.EncodeToString([]byte(value))
	return payload + "." + s.mac(purpose, payload)
}

// Verify gives the value of a signed form made for purpose, if the
// signature holds and it has not expired.
func (s *Signer) Verify(purpose, signed string) (string, bool) {
	i := strings.LastIndexByte(signed, '.')
	if i < 0 {
		return "", false
	}
	payload, sig := signed[:i], signed[i+1:]
	if !hmac.Equal([]byte(sig), []byte(s.mac(purpose, payload))) {
		return "", false
	}
	exp, enc, ok := strings.Cut(payload, ".")
	if !ok {
		return "", false
	}
	until, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || s.now().Unix() > until {
		return "", false
	}
	v, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return "", false
	}
	return string(v), true
}
