package web

import (
	"os"
	"testing"

	"gremium/internal/demo/demotest"
)

// TestMain stops the browser tests' shared chromium and drops the demo
// store templates (demotest) on PostgreSQL when the tests have run.
func TestMain(m *testing.M) {
	code := demotest.Run(m)
	stopChromium()
	os.Exit(code)
}
