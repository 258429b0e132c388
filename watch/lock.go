package watch

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrLocked: another process watches the same SQLite database.
var ErrLocked = errors.New("the database is already being watched")

// Lock is an exclusive lock on a file beside an SQLite database, held by
// one `rasad watch` process at a time. The kernel releases it when the
// process ends, however it ends, so a killed watch leaves no stale lock.
type Lock struct {
	f *os.File
}

// LockDatabase takes the lock of the SQLite database in file db
// (db.watch.lock). If another process holds it, the error names its
// PID and host.
func LockDatabase(db string) (*Lock, error) {
	path := db + ".watch.lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			who := strings.TrimSpace(string(holder))
			if who == "" {
				who = "another process"
			}
			return nil, fmt.Errorf("%w: %s (lock file %s); stop it, or use PostgreSQL to run several watches on one database", ErrLocked, who, path)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	host, _ := os.Hostname()
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "PID %d on host %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
		f.Sync()
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing releases the flock
	l.f = nil
	return err
}
