package api_test

import (
	"os"
	"testing"

	"gremium/internal/demo/demotest"
)

// TestMain drops the demo store templates (demotest) on PostgreSQL when
// the tests have run.
func TestMain(m *testing.M) { os.Exit(demotest.Run(m)) }
