package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// runUser dispatches "gremium user add|list".
func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := "Usage: gremium user add --username NAME --name \"Full Name\" --role ROLE [--member KÜRZEL] [--fachmk KÜRZEL] [--password-stdin] [--data DIR]\n       gremium user list [--data DIR]\n       gremium user token --username NAME [--label TEXT] [--data DIR]\nRoles: geschaeftsstelle, mitglied, gast, sprecher, fachmk"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], os.Stdin, stdout, stderr)
	case "list":
		fs := newFlags("user list", "user list [--data DIR]", stdout, stderr)
		data := dataFlag(fs)
		if code, ok := parse(fs, args[1:], stdout); !ok {
			return code
		}
		st, err := store.Open(ctx, *data)
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
			fmt.Fprintf(stdout, "%-20s %-18s %-6s %s\n", u.Username, u.Role, u.MemberAbbrev, u.Name)
		}
		return exitOK
	case "token":
		return runUserToken(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return exitOK
	}
	fmt.Fprintln(stderr, usage)
	return exitUsage
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
	if err := addUser(ctx, *data, u, *fachmk, *fromStdin, stdin, stdout); err != nil {
		fmt.Fprintln(stderr, "gremium user add:", err)
		if _, isUsage := err.(usageError); isUsage {
			return exitUsage
		}
		return exitFail
	}
	return exitOK
}

// runUserToken creates an API token for an account and prints it once; only
// its hash is stored.
func runUserToken(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("user token", "user token --username NAME [--label TEXT] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	username := fs.String("username", "", "login `name` of the account the token acts for")
	label := fs.String("label", "", "what the token is for, e.g. the name of the calling system")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if strings.TrimSpace(*username) == "" {
		fmt.Fprintln(stderr, "gremium user token: --username is required")
		return exitUsage
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium user token:", err)
		return exitFail
	}
	defer st.Close()
	u, _, err := st.UserLogin(ctx, strings.TrimSpace(*username))
	if err != nil {
		fmt.Fprintf(stderr, "gremium user token: no account %q\n", *username)
		return exitFail
	}
	if u.Disabled {
		fmt.Fprintf(stderr, "gremium user token: account %q is disabled\n", u.Username)
		return exitFail
	}
	token, err := auth.NewAPIToken(ctx, st, u.ID, strings.TrimSpace(*label))
	if err != nil {
		fmt.Fprintln(stderr, "gremium user token:", err)
		return exitFail
	}
	fmt.Fprintln(stdout, token)
	return exitOK
}

// usageError is an error in how a command was called.
type usageError string

func (e usageError) Error() string { return string(e) }

func addUser(ctx context.Context, data string, u model.User, fachmk string, fromStdin bool, stdin io.Reader, stdout io.Writer) error {
	if !u.Role.Valid() {
		return usageError(fmt.Sprintf("unknown role %q (geschaeftsstelle, mitglied, gast, sprecher, fachmk)", u.Role))
	}
	st, err := store.Open(ctx, data)
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
