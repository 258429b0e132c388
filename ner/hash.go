package ner

// Feature hashing. Every feature is a 64-bit hash of its template and
// value; the model keeps one row of label weights per hash bucket, so it
// stores no feature strings at all.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return mix64(h)
}

// mix64 is the splitmix64 finaliser: it spreads every input bit over the
// whole word, so the top bits make a good bucket index.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// combine hashes a pair of hashes (a template and a value, or a feature and
// one more value).
func combine(a, b uint64) uint64 {
	return mix64(a*0x9e3779b97f4a7c15 ^ b)
}
