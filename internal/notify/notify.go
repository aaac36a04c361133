// Package notify owns what gremium does on its own time: the loop that
// closes written procedures at their deadline and records reminders in the
// outbox. Sending the outbox (SMTP, Matrix) is a later step; until then the
// messages stay recorded in the store.
package notify

import (
	"context"
	"log/slog"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// DefaultInterval is how often the loop looks for due procedures.
const DefaultInterval = 30 * time.Second

// Run closes due written procedures every interval until ctx ends. It runs
// once at start, so procedures whose deadline passed while the server was
// stopped close right away. Several instances may run at once: closing is
// transactional and skips procedures another instance closed.
func Run(ctx context.Context, st *store.Store, interval time.Duration, log *slog.Logger, onClose func([]model.WrittenProcedure)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		closed, err := st.CloseDueProcedures(ctx, time.Now())
		if err != nil && ctx.Err() == nil {
			log.Error("closing written procedures", "err", err)
		}
		for _, p := range closed {
			log.Info("written procedure closed", "procedure", p.ID, "decision", p.DecisionID, "result", p.Result)
		}
		if len(closed) > 0 && onClose != nil {
			onClose(closed)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
