package read

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The inputs under testdata/bad that are not plain UTF-8 (other encodings,
// gzip, binary) or are long are written by TestWriteFixtures from the
// Arabic text below, so that what they hold can be read here:
//
//	go test ./read -run TestWriteFixtures -fixtures
//
// The files are committed; the rest of testdata/bad is written by hand.
var writeFixtures = flag.Bool("fixtures", false, "rewrite the generated files under testdata/bad")

// Sentences for the fixtures, written for these tests.
const (
	fixtureTitle = "محادثات جديدة لوقف إطلاق النار"
	fixtureText  = "اجتمع وزير الخارجية مع نظيره في العاصمة يوم الأحد لبحث سبل وقف إطلاق النار.\n" +
		"وقال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل.\n"
	fixtureNews = "أعلنت مصادر محلية مقتل ثلاثة مدنيين في قصف استهدف حيا سكنيا شرق المدينة."
	// fixtureFrench is Latin text that Windows-1256 would misread.
	fixtureFrench = "Les négociations reprendront la semaine prochaine à Genève, a déclaré le porte-parole."
)

func encodeWith(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixtureRecords is a JSON Lines text of n records.
func fixtureRecords(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(`{"id": "gz-` + string(rune('a'+i%26)) + `", "title": "` + fixtureTitle +
			`", "text": "` + strings.ReplaceAll(fixtureText, "\n", `\n`) + `"}` + "\n")
	}
	return b.String()
}

func htmlPage(charset, body string) string {
	title := fixtureTitle
	if !strings.ContainsRune(body, 'ا') {
		title = "Négociations"
	}
	return "<!DOCTYPE html>\n<html><head>\n" + charset +
		"\n<title>" + title + "</title></head>\n<body><p>" + body + "</p></body></html>\n"
}

func TestWriteFixtures(t *testing.T) {
	if !*writeFixtures {
		t.Skip("run with -fixtures to rewrite the generated files under testdata/bad")
	}
	utf16LE := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	utf16BE := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	w1256 := charmap.Windows1256
	plainText := fixtureTitle + "\n" + fixtureText

	good := gzipped(t, fixtureRecords(3))
	long := gzipped(t, fixtureRecords(40))
	corrupt := bytes.Clone(long)
	for i := 40; i < 60; i++ { // inside the deflate data, after the header
		corrupt[i] ^= 0xFF
	}
	badSum := bytes.Clone(good)
	badSum[len(badSum)-8] ^= 0xFF // the CRC-32 in the trailer

	files := map[string][]byte{
		"utf16le-bom.txt":   encodeWith(t, utf16LE, plainText),
		"utf16be-bom.txt":   encodeWith(t, utf16BE, plainText),
		"utf16le-odd.txt":   append(encodeWith(t, utf16LE, fixtureNews), 'x'),
		"utf16le-bom.html":  encodeWith(t, utf16LE, htmlPage(`<meta charset="utf-16">`, fixtureNews)),
		"windows-1256.txt":  encodeWith(t, w1256, plainText),
		"latin1-french.txt": encodeWith(t, charmap.ISO8859_1, fixtureFrench+"\n"),
		"utf8-bom-then-1256.txt": append([]byte(utf8BOM),
			encodeWith(t, w1256, fixtureNews)...),
		"png-renamed.txt": append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...),
		"zip-renamed.txt": append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), []byte("doc.txt")...),
		"nul-bytes.txt":   []byte(fixtureNews + "\x00\x00\x00" + fixtureNews),
		"control-bytes.txt": bytes.Repeat([]byte("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"+
			"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"), 10),
		"oversized.txt": []byte(strings.Repeat(fixtureNews+"\n", 12)),

		"meta-windows-1256.html": encodeWith(t, w1256,
			htmlPage(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`, fixtureNews)),
		"meta-iso-8859-6.htm": encodeWith(t, charmap.ISO8859_6,
			htmlPage(`<META CHARSET='ISO-8859-6'>`, fixtureNews)),
		"meta-utf8-but-1256.html": encodeWith(t, w1256,
			htmlPage(`<meta charset="utf-8">`, fixtureNews)),
		"meta-8859-6-but-1256.html": encodeWith(t, w1256,
			htmlPage(`<meta charset="iso-8859-6">`, fixtureNews)),
		"meta-latin1-but-1256.html": encodeWith(t, w1256,
			htmlPage(`<meta http-equiv="content-type" content="text/html;charset=iso-8859-1">`, fixtureNews)),
		"meta-latin1-french.html": encodeWith(t, charmap.ISO8859_1,
			htmlPage(`<meta charset="iso-8859-1">`, fixtureFrench)),
		"meta-1256-but-utf8.html": []byte(
			htmlPage(`<meta charset="windows-1256">`, fixtureNews)),
		"meta-utf8-but-latin1.html": encodeWith(t, charmap.ISO8859_1,
			htmlPage(`<meta charset="utf-8">`, fixtureFrench)),

		"good.jsonl.gz":      good,
		"truncated.jsonl.gz": long[:len(long)*2/3],
		"corrupt.jsonl.gz":   corrupt,
		"checksum.jsonl.gz":  badSum,
		"not-gzip.jsonl.gz":  []byte(fixtureRecords(1)),
		"empty.jsonl.gz":     nil,
		"invalid-utf8.jsonl": []byte(`{"id": "ok", "text": "` + fixtureNews + `"}` + "\n" +
			`{"id": "cp1256", "text": "` + string(encodeWith(t, w1256, fixtureNews)) + `"}` + "\n" +
			`{"id": "ok-again", "text": "` + fixtureNews + `"}` + "\n"),
		"long-line.jsonl": []byte(`{"id": "before", "text": "` + fixtureNews + `"}` + "\n" +
			`{"id": "long", "text": "` + strings.Repeat(fixtureNews+" ", 12) + `"}` + "\n" +
			`{"id": "after", "text": "` + fixtureNews + `"}` + "\n"),
		"long-last-line.jsonl": []byte(`{"id": "before", "text": "` + fixtureNews + `"}` + "\n" +
			`{"id": "long", "text": "` + strings.Repeat(fixtureNews+" ", 12) + `"}`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join("testdata", "bad", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
