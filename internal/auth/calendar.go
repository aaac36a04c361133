package auth

import (
	"context"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// CalendarTokenPrefix starts every calendar token, so a leaked one is
// recognisable.
const CalendarTokenPrefix = "kal_"

// NewCalendarToken gives the account a new private calendar address and
// returns its token (shown once; only its hash is stored). The earlier
// address, if any, stops working.
func NewCalendarToken(ctx context.Context, st *store.Store, userID int64) (string, error) {
	raw, err := newToken()
	if err != nil {
		return "", err
	}
	token := CalendarTokenPrefix + raw
	return token, st.SetCalendarToken(ctx, userID, tokenHash(token))
}

// CalendarUser gives the account of a calendar token, or nil: unknown and
// revoked tokens and tokens of disabled accounts give nil.
func CalendarUser(ctx context.Context, st *store.Store, token string) *model.User {
	if !strings.HasPrefix(token, CalendarTokenPrefix) {
		return nil
	}
	u, err := st.CalendarTokenUser(ctx, tokenHash(token))
	if err != nil {
		return nil
	}
	return &u
}
