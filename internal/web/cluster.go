package web

import (
	"context"
	"strconv"
)

// liveTopic is the topic of the "this session changed" signal among the
// instances on one PostgreSQL database (store.Broadcast).
const liveTopic = "live"

// wireCluster lets the live signals of the other instances on the same
// database reach this instance's viewers (store.Subscribe; nothing on
// SQLite, where one instance serves a database).
func (s *Server) wireCluster() {
	s.st.Subscribe(liveTopic, func(payload string) {
		if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
			s.events.Publish(id)
		}
	})
}

// publishLive tells the live viewers of a session on this and on every
// other instance that the session changed. A signal that does not reach
// another instance costs its viewers nothing but the wait for the next one.
func (s *Server) publishLive(ctx context.Context, sessionID int64) {
	s.events.Publish(sessionID)
	if err := s.st.Broadcast(ctx, liveTopic, strconv.FormatInt(sessionID, 10)); err != nil {
		s.log.Error("live signal to the other instances", "session", sessionID, "err", err)
	}
}
