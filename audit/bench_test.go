package audit_test

import (
	"testing"

	"mvnk/audit"
	"mvnk/store"
	"mvnk/store/storetest"
)

// BenchmarkRecord appends one event per transaction on an SQLite file,
// the single-node default: the cost of one audited login.
func BenchmarkRecord(b *testing.B) {
	log := newLog(storetest.Open(b, store.SQLite, audit.Migrations))
	e := login(1)
	for b.Loop() {
		if err := log.Record(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordParallel is many request goroutines auditing at once;
// appends serialize on the chain's head.
func BenchmarkRecordParallel(b *testing.B) {
	log := newLog(storetest.Open(b, store.SQLite, audit.Migrations))
	e := login(1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := log.Record(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerify checks a 10 000-entry log.
func BenchmarkVerify(b *testing.B) {
	db := storetest.Open(b, store.SQLite, audit.Migrations)
	log := newLog(db)
	for i := range 10_000 {
		if err := log.Record(ctx, login(i)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if r, err := log.Verify(ctx); err != nil || !r.OK {
			b.Fatal(err, r)
		}
	}
}
