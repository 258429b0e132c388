package api

import "sync"

// cacheEntries bounds the cache: counts and aggregates of this many
// queries are kept, and cacheBytes the lists of numbers among them.
const (
	cacheEntries = 4096
	cacheBytes   = 32 << 20
)

// cache keeps answers that cost a scan (totals, statistics) under the
// store version they were computed at; a new version makes them stale.
type cache struct {
	mu      sync.Mutex
	max     int
	version string
	m       map[string]any
	bytes   int // of the lists of numbers in m
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
	size := 0
	if nums, ok := v.([]int64); ok {
		size = 8 * len(nums)
	}
	if version != c.version {
		c.version, c.m, c.bytes = version, make(map[string]any), 0
	}
	if len(c.m) >= c.max || c.bytes+size > cacheBytes {
		clear(c.m)
		c.bytes = 0
	}
	c.m[key] = v
	c.bytes += size
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
