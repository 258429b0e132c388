package shared

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// EnvDir names the environment variable that overrides where the shared
// data folder is.
const EnvDir = "RASAD_SHARED_DATA"

// Root returns the shared data folder: $RASAD_SHARED_DATA when set, else
// ../shared/data beside the repository. It does not check that it exists.
func Root() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "data")
	}
	// file is <repo>/internal/shared/shared.go
	repo := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(repo), "shared", "data")
}

// Path returns the path of rel inside the shared data folder, or skips the
// test (fails it when $CI is set) when that path does not exist.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Root(), rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared data %s is required in CI: %v", p, err)
		}
		tb.Skipf("shared data %s is not here (%v); skipping", p, err)
	}
	return p
}
