package api

import "sync"

// cacheEntries bounds the cache: counts and aggregates of this many
// queries are kept.
const cacheEntries = 4096

// cache keeps answers that cost a scan (totals, statistics) under the
// store version they were computed at; a new version makes them stale.
type cache struct {
	mu      sync.Mutex
	max     int
	version string
	m       map[string]any
}

func newCache(max int) *cache { return &cache{max: max, m: make(map[string]any)} }

func (c *cache) get(version, key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	v, ok := c.m[key]
	return v, ok
}

func (c *cache) put(version, key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.m = version, make(map[string]any)
	}
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = v
}

// cached returns what compute returns, computing it once per version.
func cached[T any](c *cache, version, key string, compute func() (T, error)) (T, error) {
	if v, ok := c.get(version, key); ok {
		return v.(T), nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.put(version, key, v)
	return v, nil
}
