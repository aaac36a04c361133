// Package model holds gremium's domain types and the pure rules that work on
// them: decision numbering, session status transitions, deadlines, redaction
// and the spokesperson (Sprecher:in) rules. It does no I/O.
//
// Domain words follow the users: a Sitzung is a Session, a TOP an AgendaItem,
// a Beschluss a Decision, a Protokollnotiz a ProtocolNote, a Wortbeitrag (ON
// row) a Contribution, a FachMK a Body of kind BodyFachMK, an Auftrag a
// FollowUp. Each type's doc comment names the German term.
package model
