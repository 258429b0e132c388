package api_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/api"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

func TestBadRequests(t *testing.T) {
	f := sqliteFixture(t, nil)
	cases := []struct {
		path   string
		status int
		kind   string
	}{
		{"/api/v1/events?from=2025-13-01", 400, "bad_request"},
		{"/api/v1/events?from=2025-06-02&to=2025-06-01", 400, "bad_request"},
		{"/api/v1/events?near=32.9,13.2", 400, "bad_request"},
		{"/api/v1/events?near=91,13.2,10", 400, "bad_request"},
		{"/api/v1/events?near=32.9,13.2,-5", 400, "bad_request"},
		{"/api/v1/events?limit=0", 400, "bad_request"},
		{"/api/v1/events?limit=501", 400, "bad_request"},
		{"/api/v1/events?limit=ten", 400, "bad_request"},
		{"/api/v1/events?offset=-1", 400, "bad_request"},
		{"/api/v1/events?offset=99999999999999999999", 400, "bad_request"},
		{"/api/v1/events?actor=" + "%D8%8C%D8%8C", 400, "bad_request"}, // «،،»: punctuation, no word
		{"/api/v1/events?actor=a&actor=b", 400, "bad_request"},
		{"/api/v1/events?typ=ASSAULT", 400, "bad_request"},
		{"/api/v1/documents?outlet=%21%21", 400, "bad_request"},
		{"/api/v1/documents?q=%D8%B3%D8%B1%D8%AA&offset=20000", 400, "bad_request"},
		{"/api/v1/export?format=xlsx", 400, "bad_request"},
		{"/api/v1/export?format=csv&limit=5", 400, "bad_request"},
		{"/api/v1/events/stream?x=1", 400, "bad_request"},
		{"/api/v1/documents/no-such-document", 404, "not_found"},
		{"/api/v1/documents/..%2F..%2Fetc%2Fpasswd", 404, "not_found"},
		{"/api/v1/nothing-here", 404, "not_found"},
		{"/api/v2/events", 404, "not_found"},
	}
	for _, tc := range cases {
		resp, body := f.get(t, tc.path)
		expectError(t, tc.path, resp, body, tc.status, tc.kind)
	}
	resp, body := f.do(t, "DELETE", "/api/v1/events", nil, nil)
	expectError(t, "DELETE /api/v1/events", resp, body, 405, "method_not_allowed")
	if resp.Header.Get("Allow") != "GET" {
		t.Errorf("DELETE: Allow %q", resp.Header.Get("Allow"))
	}

	// Paths that climb out of the root reach no file.
	for _, p := range []string{"/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd"} {
		resp, body := f.get(t, p)
		if strings.Contains(string(body), "root:") {
			t.Errorf("GET %s served /etc/passwd (%s)", p, resp.Status)
		}
	}
	// Arabic in the query string, raw and percent-encoded.
	for _, p := range []string{"/api/v1/events?place=سرت", "/api/v1/events?place=%D8%B3%D8%B1%D8%AA"} {
		var got eventList
		f.getJSON(t, p, &got)
		if got.Total == 0 {
			t.Errorf("GET %s: no events", p)
		}
	}
}

func TestHostileArticleStaysText(t *testing.T) {
	f := sqliteFixture(t, nil)
	resp, body := f.get(t, "/api/v1/documents/hostile")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET hostile: %s %s", resp.Status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	// The markup is in the JSON as the same characters, not escaped to
	// \u003c and not removed.
	for _, s := range []string{`<script>alert(\"xss\")</script>`, `<img src=x onerror=alert(1)>`, `<a href=\"javascript:alert(2)\">`} {
		if !strings.Contains(string(body), s) {
			t.Errorf("the document JSON lacks %s", s)
		}
	}
	var got struct {
		Document document.Document `json:"document"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Document.Text, `<script>alert("xss")</script>`) {
		t.Errorf("text %q lost the script tag", got.Document.Text)
	}
	var events eventList
	f.getJSON(t, "/api/v1/events?"+query("outlet", "منصة الاختبار"), &events)
	if events.Total == 0 {
		t.Fatal("the hostile article has no events")
	}
	for _, it := range events.Items {
		if it.Evidence.Text != got.Document.Text[it.Evidence.Start:it.Evidence.End] {
			t.Errorf("evidence %q is not the text at its offsets", it.Evidence.Text)
		}
	}
	var docs struct {
		Items []struct {
			Snippet string `json:"snippet"`
		} `json:"items"`
	}
	f.getJSON(t, "/api/v1/documents?q=alert", &docs)
	if len(docs.Items) != 1 || !strings.Contains(docs.Items[0].Snippet, "<script>") {
		t.Errorf("q=alert: %+v, want the hostile article with its script tag in the snippet", docs.Items)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := sqliteFixture(t, nil)
	for _, p := range []string{"/", "/healthz", "/api/v1/events", "/api/v1/nothing", "/metrics", "/no/such/page"} {
		resp, _ := f.get(t, p)
		h := resp.Header
		if h.Get("Content-Security-Policy") != "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("GET %s (%s): CSP %q, nosniff %q, referrer %q", p, resp.Status, h.Get("Content-Security-Policy"), h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
	}
	var health map[string]string
	f.getJSON(t, "/healthz", &health)
	if health["status"] != "ok" {
		t.Errorf("healthz: %v", health)
	}
}

// jsonl is two input records and a broken one.
const jsonl = `{"id": "post-1", "outlet": "الوسط", "published": "2025-08-02", "text": "قصفت طائرة مسيرة موقعا عسكريا في مدينة سرت صباح السبت، وأعلنت مصادر طبية مقتل جنديين وإصابة أربعة آخرين في الغارة."}
{"id": "post-2", "published": "2025-08-03", "text": "تظاهر مئات المواطنين في مدينة بنغازي احتجاجا على انقطاع الكهرباء لساعات طويلة، وطالبوا الحكومة بحلول عاجلة."}
{"id": "broken", "text": 12}
`

func TestPost(t *testing.T) {
	t.Run("read-only", func(t *testing.T) {
		f := sqliteFixture(t, nil)
		resp, body := f.do(t, "POST", "/api/v1/documents", strings.NewReader(jsonl), map[string]string{"Authorization": "Bearer anything"})
		expectError(t, "POST without a token configured", resp, body, 403, "unauthorized")
	})
	const token = "s3cret-token-for-tests"
	f := sqliteFixture(t, func(c *api.Config) { c.Token, c.MaxBody = token, 64<<10 })
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic " + token, "Bearer " + token + "x", "Bearer" + token, token} {
		resp, body := f.do(t, "POST", "/api/v1/documents", strings.NewReader(jsonl), map[string]string{"Authorization": auth})
		expectError(t, "POST with Authorization "+auth, resp, body, 401, "unauthorized")
	}
	auth := map[string]string{"Authorization": "bearer " + token}
	resp, body := f.do(t, "POST", "/api/v1/documents", strings.NewReader(strings.Repeat("x", 65<<10)), auth)
	expectError(t, "POST of 65 KiB", resp, body, 413, "too_large")
	resp, body = f.do(t, "POST", "/api/v1/documents", strings.NewReader("just some text"), auth)
	expectError(t, "POST of plain text", resp, body, 400, "bad_request")

	var before eventList
	f.getJSON(t, "/api/v1/events", &before)
	resp, body = f.do(t, "POST", "/api/v1/documents", strings.NewReader(jsonl), auth)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST: %s %s", resp.Status, body)
	}
	var got struct {
		Results []struct {
			Line    int    `json:"line"`
			ID      string `json:"id"`
			Outcome string `json:"outcome"`
			Error   string `json:"error"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != 3 || got.Results[0].ID != "post-1" || got.Results[0].Outcome != "added" || got.Results[0].Line != 1 ||
		got.Results[1].ID != "post-2" || got.Results[1].Line != 2 || got.Results[2].Line != 3 || got.Results[2].Error == "" {
		t.Fatalf("POST results: %s", body)
	}
	// Posting again changes nothing; the new events are listed at once.
	_, body = f.do(t, "POST", "/api/v1/documents", strings.NewReader(jsonl), auth)
	if !strings.Contains(string(body), `"outcome":"unchanged"`) {
		t.Errorf("POST again: %s", body)
	}
	var after eventList
	f.getJSON(t, "/api/v1/events", &after)
	if after.Total <= before.Total {
		t.Errorf("after POST: %d events, before %d", after.Total, before.Total)
	}
	// One object over several lines is one record.
	pretty := "{\n  \"id\": \"post-3\",\n  \"text\": \"اندلعت اشتباكات بين مسلحين في مدينة الزاوية غرب طرابلس مساء الأحد.\"\n}\n"
	_, body = f.do(t, "POST", "/api/v1/documents", strings.NewReader(pretty), auth)
	if !strings.Contains(string(body), `"id":"post-3","outcome":"added"`) {
		t.Errorf("POST of an indented object: %s", body)
	}
}

func TestStream(t *testing.T) {
	f := sqliteFixture(t, nil)
	req, err := http.NewRequestWithContext(t.Context(), "GET", f.srv.URL+"/api/v1/events/stream", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("stream: Content-Type %q", ct)
	}
	// An article stored after the stream opened, as another process
	// would store it: straight into the database.
	d := document.New("streamed", "اشتباكات عنيفة في مدينة سرت بين قوات الحكومة ومسلحين مساء الخميس.")
	d.Events = []document.Event{{
		ID: "V1", Type: "ASSAULT", Mode: "firearms", Modality: "asserted",
		Trigger:  document.SpanOf(d.Text, 0, len("اشتباكات")),
		Evidence: document.SpanOf(d.Text, 0, len(d.Text)),
	}}
	if _, err := f.st.Put(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var id string
	heartbeats, events := 0, 0
	deadline := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("the stream ended")
			}
			switch {
			case line == ": heartbeat":
				heartbeats++
				if events > 0 {
					return
				}
			case strings.HasPrefix(line, "id: "):
				id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				var it store.EventItem
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &it); err != nil {
					t.Fatal(err)
				}
				if it.Doc != "streamed" || it.ID != "V1" || id == "" {
					t.Fatalf("streamed %s/%s (id %q), want the event stored after connecting", it.Doc, it.ID, id)
				}
				// Heartbeats come every 50 ms in this test: wait
				// for one to check them too.
				events++
				if heartbeats > 0 {
					return
				}
			}
		case <-deadline:
			t.Fatalf("within 10 s: %d events (id %q), %d heartbeats", events, id, heartbeats)
		}
	}
}

func TestStreamResumes(t *testing.T) {
	f := sqliteFixture(t, func(c *api.Config) { c.Heartbeat = time.Hour })
	var all eventList
	f.getJSON(t, "/api/v1/events?limit=500", &all)
	// Resuming after event 3 sends 4 and on, in order.
	req, _ := http.NewRequestWithContext(t.Context(), "GET", f.srv.URL+"/api/v1/events/stream", nil)
	req.Header.Set("Last-Event-ID", "3")
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	var ids []string
	for len(ids) < 3 && sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "id: "); ok {
			ids = append(ids, id)
		}
	}
	if strings.Join(ids, ",") != "4,5,6" {
		t.Errorf("after Last-Event-ID 3: ids %v, want 4,5,6", ids)
	}
	resp2, body := f.do(t, "GET", "/api/v1/events/stream", nil, map[string]string{"Last-Event-ID": "x"})
	expectError(t, "Last-Event-ID x", resp2, body, 400, "bad_request")
}

func TestMetrics(t *testing.T) {
	f := sqliteFixture(t, nil)
	f.get(t, "/api/v1/events")
	f.get(t, "/api/v1/events?limit=0")
	f.get(t, "/api/v1/documents/one-that-is-not-there")
	_, body := f.get(t, "/metrics")
	for _, want := range []string{
		`rasad_http_requests_total{code="200",method="GET",route="/api/v1/events"} 1`,
		`rasad_http_requests_total{code="400",method="GET",route="/api/v1/events"} 1`,
		// The route's pattern, not the id, labels the series.
		`rasad_http_requests_total{code="404",method="GET",route="/api/v1/documents/{id}"} 1`,
		`rasad_http_request_duration_seconds_bucket{route="/api/v1/events",le="0.05"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestTimeout(t *testing.T) {
	f := sqliteFixture(t, func(c *api.Config) { c.Timeout = time.Nanosecond })
	resp, body := f.get(t, "/api/v1/events?type=ASSAULT")
	expectError(t, "a request past its time", resp, body, 503, "timeout")
}
