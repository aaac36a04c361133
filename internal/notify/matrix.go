package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"

	"gremium/internal/model"
)

// Matrix sends notifications as messages into Matrix rooms over the
// client–server API: PUT /_matrix/client/v3/rooms/{roomId}/send/
// m.room.message/{txnId}, with a transaction id derived from the
// notification's key. The homeserver answers a repeated transaction id of
// the same access token with the event it created the first time, so a
// message sent again after a crash appears once.
type Matrix struct {
	// Homeserver is the base URL of the client–server API
	// ("https://matrix.example.org").
	Homeserver string
	// AccessToken is the token of gremium's Matrix account, which must be
	// a member of every room it writes to.
	AccessToken string
	Client      *http.Client // nil: http.DefaultClient (the worker bounds each send)
}

// Check reports a configuration that cannot work.
func (m *Matrix) Check() error {
	u, err := url.Parse(m.Homeserver)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("notify: Matrix homeserver %q is no http(s) URL", m.Homeserver)
	}
	if m.AccessToken == "" {
		return errors.New("notify: Matrix needs an access token")
	}
	return nil
}

// matrixMessage is the content of an m.room.message event of msgtype
// m.text, with an HTML rendering.
type matrixMessage struct {
	MsgType       string `json:"msgtype"`
	Body          string `json:"body"`
	Format        string `json:"format,omitempty"`
	FormattedBody string `json:"formatted_body,omitempty"`
}

// matrixError is the error body of the client–server API.
type matrixError struct {
	ErrCode string `json:"errcode"`
	Error   string `json:"error"`
}

// Send posts the notification into the room named by its recipient. 2xx is
// sent; a malformed request or an unknown room (400, 404, 413) is
// permanent; anything else is retried: an unknown token or a room the
// account has not joined (401, 403) can be fixed by the operator, and 429,
// 5xx and no answer pass.
func (m *Matrix) Send(ctx context.Context, n model.Notification, text string) error {
	if err := model.ChannelMatrix.CheckAddress(n.Recipient); err != nil {
		return Permanent(fmt.Errorf("matrix: room %q: %w", n.Recipient, err))
	}
	content := matrixMessage{
		MsgType:       "m.text",
		Body:          n.Subject + "\n\n" + text,
		Format:        "org.matrix.custom.html",
		FormattedBody: "<p><strong>" + html.EscapeString(n.Subject) + "</strong></p><p>" + strings.ReplaceAll(html.EscapeString(strings.TrimSpace(text)), "\n", "<br>") + "</p>",
	}
	body, err := json.Marshal(content)
	if err != nil {
		return err
	}
	endpoint := strings.TrimRight(m.Homeserver, "/") + "/_matrix/client/v3/rooms/" + url.PathEscape(n.Recipient) +
		"/send/m.room.message/" + url.PathEscape(TxnID(n.Key))
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("matrix: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+m.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	client := m.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("matrix: %w", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		var ok struct {
			EventID string `json:"event_id"`
		}
		if err := json.Unmarshal(raw, &ok); err != nil || ok.EventID == "" {
			return fmt.Errorf("matrix: answer without event_id (%d)", resp.StatusCode)
		}
		return nil
	}
	var me matrixError
	_ = json.Unmarshal(raw, &me)
	err = fmt.Errorf("matrix: %s %s: %s", resp.Status, me.ErrCode, me.Error)
	switch resp.StatusCode {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge:
		return Permanent(err) // the message or the room id is wrong: sending again gives the same answer
	}
	// 401/403 (token, membership) can be fixed by the operator, 429 and 5xx
	// pass: retried.
	return err
}
