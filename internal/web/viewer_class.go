package web

import (
	"net/http"

	"gremium/internal/model"
)

// viewerClass is what of a viewer a page or count kept for many viewers
// may depend on: the audience, and for a logged-in viewer the role, the
// member and whether the account is disabled — what the publication gate
// (model) and the rights (auth.Can) read of an account. Whatever is kept
// per class (the live boxes, live_box.go) is computed for the class's
// stand-in account
// (viewerClass.user), never for a viewer's own, so nothing else of an
// account reaches the other viewers of its class.
type viewerClass struct {
	audience model.Audience
	loggedIn bool
	role     model.Role
	member   string
	disabled bool
}

// classOf gives the class of a viewer with audience a and account u (nil
// for the public).
func classOf(a model.Audience, u *model.User) viewerClass {
	c := viewerClass{audience: a}
	if u != nil {
		c.loggedIn, c.role, c.member, c.disabled = true, u.Role, u.MemberAbbrev, u.Disabled
	}
	return c
}

// viewerClassOf gives the class of the viewer of r.
func (s *Server) viewerClassOf(r *http.Request) viewerClass {
	return classOf(s.audienceOf(r), s.user(r))
}

// user gives the stand-in account of the class, nil for the public.
func (c viewerClass) user() *model.User {
	if !c.loggedIn {
		return nil
	}
	return &model.User{Role: c.role, MemberAbbrev: c.member, Disabled: c.disabled}
}
