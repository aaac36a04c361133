package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// userUsage lists the user subcommands.
const userUsage = `Usage: gremium user add --username NAME --name "Full Name" --role ROLE [--member KÜRZEL] [--fachmk KÜRZEL] [--password-stdin] [--data DIR]
       gremium user list [--data DIR]
       gremium user token --username NAME [--label TEXT] [--expires 90d|YYYY-MM-DD] [--data DIR]
       gremium user tokens --username NAME [--data DIR]
       gremium user revoke --username NAME --token ID [--data DIR]
       gremium user password --username NAME [--password-stdin] [--data DIR]
       gremium user disable|enable --username NAME [--data DIR]
Roles: geschaeftsstelle, mitglied, gast, sprecher, fachmk`

// runUser dispatches "gremium user …".
func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return exitUsage
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], os.Stdin, stdout, stderr)
	case "list":
		return runUserList(ctx, args[1:], stdout, stderr)
	case "token":
		return runUserToken(ctx, args[1:], stdout, stderr)
	case "tokens":
		return runUserTokens(ctx, args[1:], stdout, stderr)
	case "revoke":
		return runUserRevoke(ctx, args[1:], stdout, stderr)
	case "password":
		return runUserPassword(ctx, args[1:], os.Stdin, stdout, stderr)
	case "disable", "enable":
		return runUserDisable(ctx, args[0], args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, userUsage)
		return exitOK
	}
	fmt.Fprintln(stderr, userUsage)
	return exitUsage
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user list", "user list [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user list:", err)
		return exitFail
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user list:", err)
		return exitFail
	}
	for _, u := range users {
		state := ""
		switch {
		case u.Disabled:
			state = "disabled"
		case u.MustChangePassword:
			state = "must change password"
		}
		if u.OIDCSubject != "" {
			state = strings.TrimPrefix(state+", oidc", ", ")
		}
		fmt.Fprintf(stdout, "%-20s %-18s %-6s %-40s %s\n", u.Username, u.Role, u.MemberAbbrev, u.Name, state)
	}
	return exitOK
}

// accountCommand opens the store and finds the account of --username for a
// subcommand; it reports the exit code when it fails.
func accountCommand(ctx context.Context, fs *flag.FlagSet, name, data, username string, stderr io.Writer) (*store.Store, model.User, int, bool) {
	if strings.TrimSpace(username) == "" {
		fmt.Fprintf(stderr, "gremium user %s: --username is required\n", name)
		return nil, model.User{}, exitUsage, false
	}
	st, err := openStore(ctx, fs, data)
	if err != nil {
		fmt.Fprintf(stderr, "gremium user %s: %v\n", name, err)
		return nil, model.User{}, exitFail, false
	}
	u, _, err := st.UserLogin(ctx, strings.TrimSpace(username))
	if err != nil {
		st.Close()
		fmt.Fprintf(stderr, "gremium user %s: no account %q\n", name, username)
		return nil, model.User{}, exitFail, false
	}
	return st, u, exitOK, true
}

func runUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("user add", "user add --username NAME --name \"Full Name\" --role ROLE [--member KÜRZEL] [--fachmk KÜRZEL] [--password-stdin] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name`")
	name := fs.String("name", "", "full `name` shown in gremium")
	role := fs.String("role", "", "`role`: geschaeftsstelle, mitglied, gast, sprecher, fachmk")
	member := fs.String("member", "", "member `abbreviation` the account acts for (mitglied, gast, sprecher): HE, Bund, DLT …")
	fachmk := fs.String("fachmk", "", "FachMK `abbreviation` (fachmk): FMK, IMK …")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (otherwise one is generated and printed)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	u := model.User{Username: strings.TrimSpace(*username), Name: strings.TrimSpace(*name), Role: model.Role(*role), MemberAbbrev: *member}
	if err := addUser(ctx, fs, *data, u, *fachmk, *fromStdin, stdin, stdout); err != nil {
		fmt.Fprintln(stderr, "gremium user add:", err)
		if _, isUsage := err.(usageError); isUsage {
			return exitUsage
		}
		return exitFail
	}
	return exitOK
}

// parseExpiry reads --expires: a number of days ("90d") or a date
// (YYYY-MM-DD, valid to the end of that day, 23:59:59 in Europe/Berlin).
func parseExpiry(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 3650 {
			return time.Time{}, usageError("--expires: a number of days from 1 to 3650, like 90d")
		}
		return now.AddDate(0, 0, n), nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, model.Berlin)
	if err != nil {
		return time.Time{}, usageError("--expires: a number of days (90d) or a date (YYYY-MM-DD)")
	}
	end := d.AddDate(0, 0, 1).Add(-time.Second)
	if !end.After(now) || end.After(now.AddDate(10, 0, 0)) {
		return time.Time{}, usageError("--expires: the date must lie in the next ten years")
	}
	return end, nil
}

// runUserToken creates an API token for an account and prints it once; only
// its hash is stored.
func runUserToken(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user token", "user token --username NAME [--label TEXT] [--expires 90d|YYYY-MM-DD] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account the token acts for")
	label := fs.String("label", "", "what the token is for, e.g. the name of the calling system")
	expires := fs.String("expires", "365d", "when the token expires: a number of `days` (90d) or a date (YYYY-MM-DD, to the end of that day)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	until, err := parseExpiry(*expires, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "gremium user token:", err)
		return exitUsage
	}
	st, u, code, ok := accountCommand(ctx, fs, "token", *data, *username, stderr)
	if !ok {
		return code
	}
	defer st.Close()
	if u.Disabled {
		fmt.Fprintf(stderr, "gremium user token: account %q is disabled\n", u.Username)
		return exitFail
	}
	token, id, err := auth.NewAPITokenUntil(store.WithActor(ctx, "cli"), st, u.ID, strings.TrimSpace(*label), until)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user token:", err)
		return exitFail
	}
	fmt.Fprintln(stdout, token)
	fmt.Fprintf(stderr, "token %d for %s, valid until %s\n", id, u.Username, until.In(model.Berlin).Format("02.01.2006 15:04"))
	return exitOK
}

// runUserTokens lists an account's API tokens (never the tokens
// themselves, which are not stored).
func runUserTokens(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user tokens", "user tokens --username NAME [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	st, u, code, ok := accountCommand(ctx, fs, "tokens", *data, *username, stderr)
	if !ok {
		return code
	}
	defer st.Close()
	tokens, err := st.APITokens(ctx, u.ID)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user tokens:", err)
		return exitFail
	}
	now := time.Now()
	for _, t := range tokens {
		until := "no expiry"
		if !t.Expires.IsZero() {
			until = "valid until " + t.Expires.In(model.Berlin).Format("02.01.2006 15:04")
			if t.Expired(now) {
				until = "expired " + t.Expires.In(model.Berlin).Format("02.01.2006 15:04")
			}
		}
		fmt.Fprintf(stdout, "%-6d %-40s created %s, %s\n", t.ID, t.Name, t.Created.In(model.Berlin).Format("02.01.2006"), until)
	}
	return exitOK
}

// runUserRevoke deletes one API token of an account.
func runUserRevoke(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user revoke", "user revoke --username NAME --token ID [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account")
	id := fs.Int64("token", 0, "`id` of the token (see gremium user tokens)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if *id <= 0 {
		fmt.Fprintln(stderr, "gremium user revoke: --token is required")
		return exitUsage
	}
	st, u, code, ok := accountCommand(ctx, fs, "revoke", *data, *username, stderr)
	if !ok {
		return code
	}
	defer st.Close()
	if err := st.RevokeAPIToken(store.WithActor(ctx, "cli"), u.ID, *id); err != nil {
		fmt.Fprintf(stderr, "gremium user revoke: token %d of %s: %v\n", *id, u.Username, err)
		return exitFail
	}
	fmt.Fprintf(stdout, "token %d of %s revoked\n", *id, u.Username)
	return exitOK
}

// runUserPassword resets an account's password: a generated one (printed)
// or one read from standard input; the account's logins end and it must
// choose its own password at the next login.
func runUserPassword(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("user password", "user password --username NAME [--password-stdin] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account")
	fromStdin := fs.Bool("password-stdin", false, "read the new password from the first line of standard input (otherwise one is generated and printed)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	password := auth.RandomPassword()
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			fmt.Fprintln(stderr, "gremium user password:", err)
			return exitFail
		}
		password = strings.TrimRight(line, "\r\n")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user password:", model.ReasonOf(err))
		return exitUsage
	}
	st, u, code, ok := accountCommand(ctx, fs, "password", *data, *username, stderr)
	if !ok {
		return code
	}
	defer st.Close()
	if err := st.ResetPassword(store.WithActor(ctx, "cli"), u.ID, hash); err != nil {
		fmt.Fprintf(stderr, "gremium user password: %s: %v\n", u.Username, err)
		return exitFail
	}
	fmt.Fprintf(stdout, "password of %s reset; its logins ended; it must choose a new one at the next login\n", u.Username)
	if !*fromStdin {
		fmt.Fprintf(stdout, "password: %s\n", password)
	}
	return exitOK
}

// runUserDisable disables or enables an account.
func runUserDisable(ctx context.Context, which string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user "+which, "user "+which+" --username NAME [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	st, u, code, ok := accountCommand(ctx, fs, which, *data, *username, stderr)
	if !ok {
		return code
	}
	defer st.Close()
	if err := st.SetUserDisabled(store.WithActor(ctx, "cli"), u.ID, which == "disable"); err != nil {
		fmt.Fprintf(stderr, "gremium user %s: %v\n", which, err)
		return exitFail
	}
	if which == "disable" {
		fmt.Fprintf(stdout, "account %s disabled: its logins ended, login and API tokens are refused\n", u.Username)
	} else {
		fmt.Fprintf(stdout, "account %s enabled\n", u.Username)
	}
	return exitOK
}

// usageError is an error in how a command was called.
type usageError string

func (e usageError) Error() string { return string(e) }

func addUser(ctx context.Context, fs *flag.FlagSet, data string, u model.User, fachmk string, fromStdin bool, stdin io.Reader, stdout io.Writer) error {
	if !u.Role.Valid() {
		return usageError(fmt.Sprintf("unknown role %q (geschaeftsstelle, mitglied, gast, sprecher, fachmk)", u.Role))
	}
	st, err := openStore(ctx, fs, data)
	if err != nil {
		return err
	}
	defer st.Close()
	if fachmk != "" {
		b, err := st.BodyByAbbrev(ctx, fachmk)
		if err != nil || b.Kind != model.BodyFachMK {
			return fmt.Errorf("no FachMK %q", fachmk)
		}
		u.ConferenceID = b.ID
	}
	if err := u.Validate(); err != nil {
		return usageError(err.Error())
	}
	password := auth.RandomPassword()
	// A generated password is for the first login only (ASVS 2.3.1).
	u.MustChangePassword = !fromStdin
	if fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return usageError(err.Error())
	}
	if _, err := st.CreateUser(store.WithActor(ctx, "cli"), u, hash); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "account %s (%s) created\n", u.Username, u.Role.Label())
	if !fromStdin {
		fmt.Fprintf(stdout, "password: %s\n", password)
	}
	return nil
}
