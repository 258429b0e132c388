package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// NormalizeURL returns the form of an article URL that two links to the
// same story share: scheme and host in lower case (an internationalised
// host in its ASCII "xn--" form, without a trailing dot), no default port,
// no fragment, no user info, dot segments resolved, an empty path as "/",
// every byte that needs it percent-encoded with upper-case hex and nothing
// else (so a raw UTF-8 Arabic path and its percent-encoded form are one),
// tracking parameters (utm_*, fbclid, gclid, ref, …) dropped, and the
// rest of the query sorted; an empty query leaves no "?". Only http and
// https URLs are accepted.
func NormalizeURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("normalising %q: %w", raw, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("normalising %q: scheme %q is not http or https", raw, u.Scheme)
	}
	h, err := normalHost(u.Host, scheme)
	if err != nil {
		return "", fmt.Errorf("normalising %q: %w", raw, err)
	}
	// u.EscapedPath gives the path as written when Go accepts that
	// spelling, which keeps %2F apart from "/".
	p := removeDotSegments(normalEscapes(u.EscapedPath(), pathByte))
	if p == "" {
		p = "/"
	}
	var b strings.Builder
	b.Grow(len(raw))
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(h)
	b.WriteString(p)
	if q := normalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// normalHost lower-cases the host, turns an internationalised name into
// its ASCII form and drops the scheme's default port.
func normalHost(hostport, scheme string) (string, error) {
	if hostport == "" {
		return "", errors.New("no host")
	}
	host, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		host, port = hostport[:i], hostport[i+1:]
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if strings.HasPrefix(host, "[") {
		host = strings.ToLower(host) // an IPv6 literal
	} else {
		if h, err := url.PathUnescape(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(host, ".")
		if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
			return "", fmt.Errorf("host %q has an empty label", hostport)
		}
		if net.ParseIP(host) == nil {
			if !utf8.ValidString(host) {
				return "", fmt.Errorf("host %q is not valid UTF-8", host)
			}
			a, err := idna.Lookup.ToASCII(host)
			if err == nil {
				// Some inputs map to labels that do not map back; such a
				// host could never be looked up.
				_, err = idna.Lookup.ToUnicode(a)
			}
			if err != nil {
				return "", fmt.Errorf("host %q: %w", host, err)
			}
			host = a
		}
	}
	if host == "" {
		return "", errors.New("no host")
	}
	if port != "" {
		return host + ":" + port, nil
	}
	return host, nil
}

// Which bytes may stand unescaped, in a path and in a query name or value
// (RFC 3986: unreserved and sub-delims, ":" and "@"; "/" and "?" in a
// query; never "&" inside a query name or value, where it would split it).
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func pathByte(c byte) bool {
	return unreserved(c) || strings.IndexByte("!$&'()*+,;=:@/", c) >= 0
}

func queryByte(c byte) bool {
	return unreserved(c) || strings.IndexByte("!$'()*+,;=:@/?", c) >= 0
}

const upperHex = "0123456789ABCDEF"

// normalEscapes rewrites s so that unreserved bytes stand as themselves,
// bytes that ok accepts are kept as written (escaped or not, since for
// reserved characters the two can differ in meaning), and every other byte
// is escaped with upper-case hex.
func normalEscapes(s string, ok func(byte) bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
			if unreserved(d) {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(upperHex[d>>4])
				b.WriteByte(upperHex[d&15])
			}
			continue
		}
		if c != '%' && ok(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// removeDotSegments resolves "." and ".." in an absolute path (RFC 3986,
// section 5.2.4), keeping a trailing slash.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") && strings.HasPrefix(p, "/") {
		r = "/" + r
	}
	return r
}

// normalQuery drops tracking parameters and empty pairs, normalises the
// escapes of the rest and sorts them by name, then value.
func normalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct {
		name, value string
		hasValue    bool
	}
	var pairs []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		name, value, hasValue := strings.Cut(part, "=")
		name = normalEscapes(name, queryByte)
		if tracking(name) {
			continue
		}
		pairs = append(pairs, pair{name, normalEscapes(value, queryByte), hasValue})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		if p.hasValue {
			b.WriteByte('=')
			b.WriteString(p.value)
		}
	}
	return b.String()
}

// tracking reports whether a (normalised) parameter name says who sent the
// reader rather than which page they read: utm_* and the click and
// campaign identifiers of the big platforms and mailers.
func tracking(name string) bool {
	n := strings.ToLower(name)
	if un, err := url.QueryUnescape(n); err == nil {
		n = un
	}
	if strings.HasPrefix(n, "utm_") {
		return true
	}
	switch n {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
		"igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref", "ref_src", "ref_url",
		"cmpid", "ocid", "at_medium", "at_campaign", "xtor", "smid":
		return true
	}
	return false
}
