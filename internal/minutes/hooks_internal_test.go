package minutes

// SetAfterApprovalRead sets the hook Save runs between rendering the
// earlier minutes it approves and saving (afterApprovalRead), for the
// tests of package minutes_test; it gives the function that unsets it.
func SetAfterApprovalRead(f func()) (unset func()) {
	afterApprovalRead = f
	return func() { afterApprovalRead = nil }
}
