package read

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func TestDecodeText(t *testing.T) {
	const arabic = "قتل جنديان في هجوم على نقطة تفتيش."
	w1256 := func(s string) string { return string(encodeWith(t, charmap.Windows1256, s)) }
	utf16 := func(e xunicode.Endianness, s string) string {
		return string(encodeWith(t, xunicode.UTF16(e, xunicode.UseBOM), s))
	}
	tests := []struct {
		name, in, want, err string
	}{
		{name: "UTF-8", in: arabic, want: arabic},
		{name: "UTF-8 with BOM", in: utf8BOM + arabic, want: arabic},
		{name: "UTF-16 LE with BOM", in: utf16(xunicode.LittleEndian, arabic), want: arabic},
		{name: "UTF-16 BE with BOM", in: utf16(xunicode.BigEndian, arabic), want: arabic},
		{name: "Windows-1256", in: w1256(arabic), want: arabic},
		{name: "Windows-1256 with some Latin", in: w1256(arabic + " (AFP) " + arabic), want: arabic + " (AFP) " + arabic},
		{name: "mostly Latin in Windows-1256 is not taken for Arabic",
			in:  w1256("Attack on the checkpoint near the border, reports say: ") + w1256("هجوم"),
			err: errNoEncoding.Error()},
		{name: "Latin-1", in: "caf\xe9 au lait, \xe0 Gen\xe8ve", err: errNoEncoding.Error()},
		{name: "empty", in: "", err: "empty file"},
		{name: "white space", in: " \n\t\u00a0\n", err: "empty file (only white space)"},
		{name: "NUL bytes", in: "abc\x00def", err: "binary file (NUL bytes), not text"},
		{name: "PDF", in: "%PDF-1.4\n", err: "binary file (a PDF document), not text"},
		{name: "a few control bytes are kept", in: arabic + "\x1a", want: arabic + "\x1a"},
		{name: "UTF-16 of NULs is binary", in: "\xff\xfe\x00\x00\x00\x00", err: "binary file (control characters in UTF-16), not text"},
		{name: "UTF-16 with an unpaired surrogate", in: "\xff\xfe\x27\x06\x00\xd8", want: "ا\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeText([]byte(tt.in))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got %q, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	const body = "<p>اشتباكات عنيفة بين الجيش والمسلحين</p>"
	page := func(meta, body string) string {
		return "<html><head>" + meta + "<script>var title = 'breaking news from the region';</script></head><body>" + body + "</body></html>"
	}
	w1256 := func(s string) string { return string(encodeWith(t, charmap.Windows1256, s)) }
	iso6 := func(s string) string { return string(encodeWith(t, charmap.ISO8859_6, s)) }
	tests := []struct {
		name, in, want, err string
	}{
		{name: "UTF-8 without a declaration", in: page("", body), want: page("", body)},
		{name: "Windows-1256 without a declaration, despite the Latin script",
			in: w1256(page("", body)), want: page("", body)},
		{name: "declared windows-1256",
			in: w1256(page(`<meta charset="windows-1256">`, body)), want: page(`<meta charset="utf-8">`, body)},
		{name: "declared with another label for windows-1256",
			in: w1256(page(`<meta charset="cp1256">`, body)), want: page(`<meta charset="utf-8">`, body)},
		{name: "declared iso-8859-6, in http-equiv",
			in:   iso6(page(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6" />`, body)),
			want: page(`<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />`, body)},
		{name: "declared utf-8 but Windows-1256",
			in: w1256(page(`<meta charset=utf-8>`, body)), want: page(`<meta charset=utf-8>`, body)},
		{name: "declared windows-1256 but UTF-8",
			in: page(`<meta charset="windows-1256">`, body), want: page(`<meta charset="utf-8">`, body)},
		{name: "an unknown label is no declaration",
			in: w1256(page(`<meta charset="x-unheard-of">`, body)), want: page(`<meta charset="utf-8">`, body)},
		{name: "declared utf-8 but Latin-1",
			in: page(`<meta charset="utf-8">`, "<p>caf\xe9 \xe0 Gen\xe8ve</p>"), err: errNoEncoding.Error()},
		{name: "a zip renamed .html", in: "PK\x03\x04rest", err: "binary file (a zip archive), not text"},
		{name: "only white space", in: "\n\n   ", err: "empty file (only white space)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeHTML([]byte(tt.in), nil)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got %q, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v\nwant %q", got, err, tt.want)
			}
		})
	}
}

func TestFindCharset(t *testing.T) {
	tests := []struct {
		page, label string
		at          int
	}{
		{`<meta charset="utf-8">`, "utf-8", 15},
		{`<META CHARSET = 'Windows-1256'>`, "windows-1256", 17},
		{`<meta http-equiv="content-type" content="text/html;charset=iso-8859-6">`, "iso-8859-6", 59},
		{`<title>عنوان</title><meta charset=cp1256>`, "cp1256", 39}, // offsets count the Arabic bytes
		{`<meta name="description" content="no charset here"><meta charset="utf-8">`, "utf-8", 66},
		{`<p>charset=utf-8</p>`, "", 0},
		{`<meta charset=`, "", 0},
	}
	for _, tt := range tests {
		label, at := findCharset([]byte(tt.page))
		if label != tt.label || at != tt.at {
			t.Errorf("findCharset(%q) = %q, %d; want %q, %d", tt.page, label, at, tt.label, tt.at)
		}
		if label != "" && !equalFoldASCII(tt.page[at:at+len(label)], label) {
			t.Errorf("findCharset(%q): offset %d does not point at %q", tt.page, at, label)
		}
	}
}

func equalFoldASCII(a, b string) bool { return string(asciiLower([]byte(a))) == b }

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1: "1 byte", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		10 << 20: "10 MiB", 10<<20 + 1: "10 MiB", 3 << 30: "3 GiB",
	} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
