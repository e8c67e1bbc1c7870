package account

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestAccountDefaultParamsPHC(t *testing.T) {
	h := NewHasher(DefaultParams)
	phc, err := h.Hash(context.Background(), "Korrekt Pferd Batterie")
	require.NoError(t, err)
	require.Regexp(t, `^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`, phc)
	ok, err := h.Verify(context.Background(), "Korrekt Pferd Batterie", phc)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = h.Verify(context.Background(), "Korrekt Pferd Batterie ", phc)
	require.NoError(t, err)
	require.False(t, ok)
	require.False(t, NeedsRehash(phc, DefaultParams))
	phc2, _ := h.Hash(context.Background(), "Korrekt Pferd Batterie")
	require.NotEqual(t, phc, phc2, "a fresh salt each time")
}

func TestAccountNeedsRehash(t *testing.T) {
	old := Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	phc := hashPassword("x", old)
	require.False(t, NeedsRehash(phc, old))
	for name, p := range map[string]Params{
		"memory": {MemoryKiB: 128, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		"time":   {MemoryKiB: 64, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32},
		"lanes":  {MemoryKiB: 64, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32},
		"key":    {MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 64},
	} {
		require.True(t, NeedsRehash(phc, p), name)
	}
	require.True(t, NeedsRehash("$2y$10$bcrypthash", old), "a foreign format is replaced at login")
}

// NFKC (NIST SP 800-63B §5.1.1.2): "ﬁ" (U+FB01) and "fi", or a
// composed and a decomposed "ü", are the same password.
func TestAccountPasswordNormalizedBeforeHashing(t *testing.T) {
	p := Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	phc := hashPassword("\ufb01sch über", p)
	ok, err := verifyPassword("fisch u\u0308ber", phc)
	require.NoError(t, err)
	require.True(t, ok)
}

func TestAccountMalformedHashes(t *testing.T) {
	for _, phc := range []string{"", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$c2hvcnQ"} {
		_, err := verifyPassword("x", phc)
		require.ErrorIs(t, err, errMalformedHash, phc)
	}
}

func TestAccountCheckPassword(t *testing.T) {
	cases := []struct {
		name, pw string
		want     []string
	}{
		{"8 characters", "Mv7kq2Lz", nil},
		{"7 characters", "Mv7kq2L", []string{PwTooShort}},
		{"8 runes with umlauts", "äöüßÄÖÜẞ", nil},
		{"64 characters", strings.Repeat("Ostsee-", 8) + "Rügen!!!", nil},
		{"128 characters", strings.Repeat("Seebrücke", 13) + "Zingst Darß", nil},
		{"129 characters", strings.Repeat("Seebrücke", 13) + "Zingst Darß!", []string{PwTooLong}},
		{"no composition rules", "alles klein und ohne ziffern", nil},
		{"blocklisted German", "passwort123", []string{PwCommon}},
		{"blocklisted any case", "PassWort123", []string{PwCommon}},
		{"blocklisted English", "password", []string{PwCommon}},
		{"blocklisted football", "schalke04", []string{PwCommon}},
		{"service name", "MVNutzerkonto2025", []string{PwCommon}},
		{"equal to username", "Erika.Musterfrau", []string{PwPersonal}},
		{"equal to e-mail", "Erika.Musterfrau@Example.de", []string{PwPersonal}},
		{"equal to e-mail local part", "erika.m.1964", []string{PwPersonal}},
		{"repeated", "aaaaaaaaaa", []string{PwRepetitive}},
		{"sequence", "123456789", []string{PwRepetitive}},
		{"NFKC fullwidth sequence", "１２３４５６７８", []string{PwRepetitive}},
		{"NFKC fullwidth blocklisted", "ｐａｓｓｗｏｒｄ", []string{PwCommon}},
		{"control character", "gut\x00passwort", []string{PwControlChar}},
		{"spaces allowed", "   mit   leerzeichen   ", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if n, ok := strings.CutSuffix(tc.name, " characters"); ok {
				require.Equal(t, n, strconv.Itoa(utf8.RuneCountInString(tc.pw)))
			}
			user, email := "erika.musterfrau", "erika.musterfrau@example.de"
			if tc.name == "equal to e-mail local part" {
				user, email = "erika", "erika.m.1964@example.de"
			}
			require.Equal(t, tc.want, CheckPassword(tc.pw, user, email))
			for _, key := range tc.want {
				require.NotEmpty(t, Message(key), key)
			}
		})
	}
}

func TestAccountBlocklistSize(t *testing.T) {
	n := len(blocklist())
	require.Greater(t, n, 50_000, "the embedded list is complete")
	require.True(t, Blocklisted("Hallo123"))
	require.False(t, Blocklisted(goodPasswordForBlocklist))
}

const goodPasswordForBlocklist = "Ostseewind über Warnemünde"
