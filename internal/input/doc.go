// Package input reads what a user sends — a web form or a JSON request
// of the API — into the values the store takes, by one set of rules for
// both front ends: every bad field gives its German reason at its field
// (model.AtField, errors.Join), which the web shows at the form's fields
// and the API in "probleme". A reader names its fields as the form does;
// the API maps its JSON members onto those names. Permission checks stay
// in package auth, which a reader asks (auth.EvidenceDocument); readers
// used by one front end only stay beside it.
package input
