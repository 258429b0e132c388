package fetch

import (
	"strings"
	"testing"
)

func TestNormalizeURL(t *testing.T) {
	// خبر = %D8%AE%D8%A8%D8%B1, ليبيا = %D9%84%D9%8A%D8%A8%D9%8A%D8%A7
	const khabar = "%D8%AE%D8%A8%D8%B1"
	const libya = "%D9%84%D9%8A%D8%A8%D9%8A%D8%A7"
	tests := []struct{ in, want string }{
		// Arabic paths: raw UTF-8, upper- and lower-case escapes are one.
		{"https://example.com/ar/خبر/ليبيا", "https://example.com/ar/" + khabar + "/" + libya},
		{"https://example.com/ar/" + khabar + "/" + libya, "https://example.com/ar/" + khabar + "/" + libya},
		{"https://example.com/ar/" + strings.ToLower(khabar) + "/" + libya, "https://example.com/ar/" + khabar + "/" + libya},
		{"https://example.com/ar/خبر/" + libya + ".html", "https://example.com/ar/" + khabar + "/" + libya + ".html"},
		// Arabic in the query, raw and escaped.
		{"https://example.com/search?q=ليبيا", "https://example.com/search?q=" + libya},
		{"https://example.com/search?q=" + libya, "https://example.com/search?q=" + libya},
		// Escaped unreserved characters stand as themselves; reserved ones
		// keep their escapes, since %2F is not a path separator.
		{"https://example.com/%7Euser/a%2Db", "https://example.com/~user/a-b"},
		{"https://example.com/a%2fb", "https://example.com/a%2Fb"},
		{"https://example.com/a b", "https://example.com/a%20b"},
		// Tracking parameters go; the rest are sorted.
		{"https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?UTM_Campaign=x&id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?fbclid=IwAR0xyz", "https://example.com/a"},
		{"https://example.com/a?gclid=abc&b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?ref=twitter&page=2", "https://example.com/a?page=2"},
		{"https://example.com/a?b=2&a=3&a=1", "https://example.com/a?a=1&a=3&b=2"},
		{"https://example.com/a?&&id=7&", "https://example.com/a?id=7"},
		{"https://example.com/a?flag&id=7", "https://example.com/a?flag&id=7"},
		{"https://example.com/a?q=a+b&x=%2B", "https://example.com/a?q=a+b&x=%2B"},
		// A trailing "?" or an empty query leaves none.
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		// Fragments go.
		{"https://example.com/a#comments", "https://example.com/a"},
		{"https://example.com/a?id=1#فقرة", "https://example.com/a?id=1"},
		// Scheme and host case, default ports, empty path, trailing dot.
		{"HTTPS://Example.COM:443", "https://example.com/"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com:80/a", "https://example.com:80/a"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://user:pw@example.com/a", "https://example.com/a"},
		// Dot segments.
		{"https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/a/b/..", "https://example.com/a/"},
		{"https://example.com/../a", "https://example.com/a"},
		// Internationalised hosts, in Unicode, upper case or punycode.
		{"https://موقع.مصر/خبر", "https://xn--4gbrim.xn--wgbh1c/" + khabar},
		{"https://XN--4gbrim.xn--wgbh1c/" + khabar, "https://xn--4gbrim.xn--wgbh1c/" + khabar},
		{"https://Bücher.example/a", "https://xn--bcher-kva.example/a"},
		// IP addresses.
		{"http://127.0.0.1:80/a", "http://127.0.0.1/a"},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		got, err := NormalizeURL(tt.in)
		if err != nil {
			t.Errorf("NormalizeURL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizeURL(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		// Normal forms are fixed points.
		if again, err := NormalizeURL(got); err != nil || again != got {
			t.Errorf("NormalizeURL(%q) = %q, %v: not a fixed point", got, again, err)
		}
	}
}

func TestNormalizeURLErrors(t *testing.T) {
	for _, in := range []string{
		"ftp://example.com/a",
		"mailto:editor@example.com",
		"javascript:alert(1)",
		"/relative/path",
		"https://",
		"http://exa mple.com/",
		"https://%zz/",
	} {
		if got, err := NormalizeURL(in); err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/ar/خبر?utm_source=x&b=1#f",
		"http://Example.com:80/%d8%ae/../a?&&",
		"https://موقع.مصر/",
		"http://[::1]:8080/a%2fb?q=a+b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := NormalizeURL(raw)
		if err != nil {
			return
		}
		again, err := NormalizeURL(got)
		if err != nil {
			t.Fatalf("NormalizeURL(%q) = %q, which fails: %v", raw, got, err)
		}
		if again != got {
			t.Fatalf("NormalizeURL(%q) = %q, then %q: not a fixed point", raw, got, again)
		}
		if strings.Contains(got, "#") {
			t.Fatalf("NormalizeURL(%q) = %q keeps a fragment", raw, got)
		}
	})
}

func BenchmarkNormalizeURL(b *testing.B) {
	const in = "HTTPS://www.Example.com:443/ar/أخبار/2026/03/غارات-جوية-على-سرت.html?utm_source=rss&utm_medium=feed&id=7&fbclid=x#comments"
	const want = "https://www.example.com/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/2026/03/%D8%BA%D8%A7%D8%B1%D8%A7%D8%AA-%D8%AC%D9%88%D9%8A%D8%A9-%D8%B9%D9%84%D9%89-%D8%B3%D8%B1%D8%AA.html?id=7"
	for b.Loop() {
		got, err := NormalizeURL(in)
		if err != nil || got != want {
			b.Fatalf("got %q, %v", got, err)
		}
	}
}
