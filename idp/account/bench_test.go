package account_test

import (
	"context"
	"testing"
	"time"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// BenchmarkLogin measures the whole login — address and account counters,
// lookup, argon2id with the default parameters, reset — on SQLite, with
// as many parallel logins as GOMAXPROCS. logins/s is the node's capacity.
// The failure cases show that unknown users cost the same as wrong
// passwords (no timing oracle).
//
//	go test -run '^$' -bench Login -benchtime 200x ./idp/account/
func BenchmarkLogin(b *testing.B) {
	lenient := account.ThrottlePolicy{AccountFree: 1 << 30, IPFree: 1 << 30, MaxDelay: time.Minute, Window: time.Hour}
	for _, bc := range []struct{ name, login, password string }{
		{"success", "erika", goodPassword},
		{"wrong-password", "erika", "falsch-falsch"},
		{"unknown-user", "niemand", goodPassword},
	} {
		b.Run(bc.name, func(b *testing.B) {
			db := storetest.Open(b, store.SQLite, account.Migrations)
			st := account.NewStore(db)
			auth := account.NewAuthenticator(st, account.DefaultParams, lenient)
			a := &account.Account{Username: "erika", Email: "erika@example.de", EmailVerified: true}
			if err := auth.Create(context.Background(), a, goodPassword); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_, _ = auth.Login(context.Background(), bc.login, bc.password, "192.0.2.1")
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "logins/s")
		})
	}
}

// BenchmarkHash is argon2id alone with the default parameters, for
// comparison with the full login.
func BenchmarkHash(b *testing.B) {
	h := account.NewHasher(account.DefaultParams)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, _ = h.Hash(context.Background(), goodPassword)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "hashes/s")
}
