package auth

import (
	"errors"

	"github.com/alexedwards/argon2id"
)

// params are the OWASP minimum for argon2id (19 MiB, 2 passes, 1 lane). Memory is the cost
// that matters against GPUs, but every concurrent check allocates it, and the server aims to
// stay under 200 MB RSS; Service also caps how many checks run at once.
// (A function, not a variable: the package keeps no mutable globals.)
func hashParams() *argon2id.Params {
	return &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// Bounds on the parameters of a stored hash. A hash is trusted data, but a corrupted or
// hand-edited row must not make one login allocate gigabytes.
const (
	maxMemoryKiB  = 64 * 1024
	maxIterations = 10
	maxLanes      = 4
)

// dummyHash has the same parameters as real hashes (random salt and key, matching no known
// password), so DummyCheck costs what a real check costs.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$xg7AWkdnYR3K2amrOT7eWQ$HmTt/24sIexNRrgJoSTHbPeelrQeeHuxlXG7Wphbzcg"

// errHashParams is returned for stored hashes whose parameters are outside the bounds above.
var errHashParams = errors.New("auth: password hash parameters out of bounds")

// HashPassword returns the argon2id hash of pw in the PHC string format, salt included.
func HashPassword(pw string) (string, error) {
	return argon2id.CreateHash(pw, hashParams())
}

// CheckPassword reports whether pw matches hash, in constant time. It fails only for a
// malformed hash or one whose parameters are out of bounds.
func CheckPassword(hash, pw string) (bool, error) {
	p, _, _, err := argon2id.DecodeHash(hash)
	if err != nil {
		return false, err
	}
	if p.Memory > maxMemoryKiB || p.Iterations > maxIterations || p.Parallelism > maxLanes {
		return false, errHashParams
	}
	return argon2id.ComparePasswordAndHash(pw, hash)
}

// DummyCheck spends the time of one password check and always fails. Call it when the
// username is unknown, so response timing does not tell which usernames exist.
func DummyCheck() {
	_, _ = argon2id.ComparePasswordAndHash("", dummyHash)
}
