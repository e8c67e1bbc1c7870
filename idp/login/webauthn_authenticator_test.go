package login_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"testing"

	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"github.com/stretchr/testify/require"
)

// softKey is a software authenticator with one ES256 passkey: enough of
// CTAP2 to answer create() with attestation "none" and get() with a
// signed assertion (WebAuthn L3 §6.1, §6.5.4, §8.7).
type softKey struct {
	key    *ecdsa.PrivateKey
	id     []byte
	handle []byte // the user handle given at registration
	rpID   string
	origin string
	count  uint32
	flags  byte // besides UP and UV: BE (0x08), BS (0x10)
	noUV   bool // answer without user verification
}

const (
	flagUP = 0x01
	flagUV = 0x04
	flagBE = 0x08
	flagBS = 0x10
	flagAT = 0x40
)

func newSoftKey(t *testing.T, rpID, origin string) *softKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	return &softKey{key: key, id: id, rpID: rpID, origin: origin}
}

var b64 = base64.RawURLEncoding

// creationOptions is the part of PublicKeyCredentialCreationOptions the
// authenticator reads.
type creationOptions struct {
	Challenge string `json:"challenge"`
	User      struct {
		ID string `json:"id"`
	} `json:"user"`
}

// create answers navigator.credentials.create() as toJSON() writes it.
func (k *softKey) create(t *testing.T, publicKey json.RawMessage) map[string]any {
	var opts creationOptions
	require.NoError(t, json.Unmarshal(publicKey, &opts))
	handle, err := b64.DecodeString(opts.User.ID)
	require.NoError(t, err)
	k.handle = handle
	cose, err := webauthncbor.Marshal(webauthncose.EC2PublicKeyData{
		PublicKeyData: webauthncose.PublicKeyData{KeyType: 2, Algorithm: int64(webauthncose.AlgES256)},
		Curve:         1, XCoord: k.key.X.FillBytes(make([]byte, 32)), YCoord: k.key.Y.FillBytes(make([]byte, 32))})
	require.NoError(t, err)
	attested := append(make([]byte, 16), byte(len(k.id)>>8), byte(len(k.id)))
	attested = append(append(attested, k.id...), cose...)
	authData := append(k.authData(flagAT), attested...)
	att, err := webauthncbor.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": authData})
	require.NoError(t, err)
	return k.credential(map[string]any{"clientDataJSON": k.clientData("webauthn.create", opts.Challenge),
		"attestationObject": b64.EncodeToString(att), "transports": []string{"internal"}})
}

// get answers navigator.credentials.get() with the counter moved to
// count (the caller decides, to test clones).
func (k *softKey) get(t *testing.T, publicKey json.RawMessage, count uint32) map[string]any {
	var opts struct {
		Challenge string `json:"challenge"`
	}
	require.NoError(t, json.Unmarshal(publicKey, &opts))
	k.count = count
	clientData := k.clientData("webauthn.get", opts.Challenge)
	authData := k.authData(0)
	raw, _ := b64.DecodeString(clientData)
	sum := sha256.Sum256(raw)
	digest := sha256.Sum256(append(append([]byte{}, authData...), sum[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, k.key, digest[:])
	require.NoError(t, err)
	return k.credential(map[string]any{"clientDataJSON": clientData,
		"authenticatorData": b64.EncodeToString(authData), "signature": b64.EncodeToString(sig),
		"userHandle": b64.EncodeToString(k.handle)})
}

func (k *softKey) authData(extra byte) []byte {
	rpHash := sha256.Sum256([]byte(k.rpID))
	flags := flagUP | flagUV | k.flags | extra
	if k.noUV {
		flags &^= flagUV
	}
	return binary.BigEndian.AppendUint32(append(rpHash[:], flags), k.count)
}

func (k *softKey) clientData(typ, challenge string) string {
	raw, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": k.origin, "crossOrigin": false})
	return b64.EncodeToString(raw)
}

func (k *softKey) credential(response map[string]any) map[string]any {
	return map[string]any{"id": b64.EncodeToString(k.id), "rawId": b64.EncodeToString(k.id), "type": "public-key",
		"response": response, "clientExtensionResults": map[string]any{}, "authenticatorAttachment": "platform"}
}
