package lazyre

import (
	"regexp"
	"slices"
	"sync"
	"testing"
)

// A lazy expression answers as the compiled one, compiled once from any
// number of goroutines.
func TestAsRegexp(t *testing.T) {
	const expr = `(\d{4})/(\d+)`
	l, re := New(expr), regexp.MustCompile(expr)
	if l.re != nil {
		t.Fatal("compiled before its first use")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { l.MatchString("2025/14") })
	}
	wg.Wait()
	s := "Beschluss 2025/14 und 2024/3"
	compiled := l.Regexp()
	if l.String() != re.String() || l.MatchString(s) != re.MatchString(s) ||
		!slices.Equal(l.FindStringSubmatch(s), re.FindStringSubmatch(s)) ||
		l.ReplaceAllString(s, "$2") != re.ReplaceAllString(s, "$2") ||
		len(l.FindAllStringSubmatchIndex(s, -1)) != 2 || l.Regexp() != compiled {
		t.Error("the lazy expression answers otherwise than the compiled one")
	}
}
