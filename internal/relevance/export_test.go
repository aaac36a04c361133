package relevance

// Scores exposes score to the tests: every conference with a matched term,
// proposed or not.
var Scores = (*Engine).score
