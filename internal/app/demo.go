package app

import (
	"context"
	"crypto/sha512"
	_ "embed"
	"encoding/hex"
	"errors"
	"time"

	"mvnk/eid/trust"
	"mvnk/idp/account"
	"mvnk/postfach"
	"mvnk/store"
)

// The demo citizen of a development instance: the log names the login.
const (
	DemoUsername = "demo"
	DemoPassword = "Demo-Passwort MV 2026"
	demoSender   = "Landkreis Ludwigslust-Parchim – Wohngeldstelle (Demo)"
	demoVorgang  = "WG-DEMO-2026-0001"
)

//go:embed demo/bescheid.pdf
var demoBescheid []byte

// seedDemo gives a development instance a citizen with a filled Postfach:
// a status message, a request for documents that can be answered, and a
// Bescheid at level hoch with a PDF, which opens after the eID simulator's
// step-up. It does nothing when the demo account is already there.
func (m *Main) seedDemo(ctx context.Context) error {
	accounts := accountAuthenticator(m.DB, m.Config.Login)
	_, err := accounts.Store.GetByLogin(ctx, DemoUsername)
	if !errors.Is(err, store.ErrNotFound) {
		return err // there, or the lookup failed
	}
	a := &account.Account{Kind: account.Citizen, Username: DemoUsername, Email: "demo@example.de", EmailVerified: true}
	if err := accounts.Create(ctx, a, DemoPassword); err != nil {
		return err
	}
	mb := postfach.Mailbox{Handle: a.PostfachHandle, AccountID: a.ID}
	for _, s := range []postfach.Status{postfach.Submitted, postfach.Received, postfach.Processing} {
		if err := m.Postfach.AddStatus(ctx, &postfach.StatusUpdate{AccountID: a.ID, ApplicationID: demoVorgang,
			Sender: postfach.Sender{ClientID: "demo", Name: demoSender}, Service: "Wohngeld", Status: s}); err != nil {
			return err
		}
	}
	for _, msg := range demoMessages(mb) {
		if _, _, err := m.Postfach.Create(ctx, msg, postfach.CreateOptions{}); err != nil {
			return err
		}
		time.Sleep(time.Millisecond) // distinct provision times: a stable order in the inbox
	}
	return nil
}

func demoMessages(mb postfach.Mailbox) []*postfach.Message {
	base := postfach.Message{Mailbox: mb, Sender: postfach.Sender{ClientID: "demo", Name: demoSender},
		Service: "Wohngeld", LeikaID: "urn:de:fim:leika:leistung:99107004000000", Reference: demoVorgang,
		ApplicationID: demoVorgang, RequiredLevel: trust.Basis}
	status, request, bescheid := base, base, base
	status.Kind, status.Subject = postfach.Statusmeldung, "Ihr Antrag auf Wohngeld ist eingegangen"
	status.Body = "Guten Tag,\n\nIhr Antrag auf Wohngeld ist bei uns eingegangen und wird bearbeitet.\n\nDies ist eine Demo-Nachricht."
	request.Kind, request.Subject = postfach.Nachforderung, "Bitte reichen Sie Ihre Mietbescheinigung nach"
	request.Body = "Guten Tag,\n\nfür die Entscheidung fehlt uns noch die Mietbescheinigung Ihres Vermieters. " +
		"Sie können sie als Antwort auf diese Nachricht hochladen.\n\nDies ist eine Demo-Nachricht."
	request.ReplyAllowed = true
	sum := sha512.Sum512(demoBescheid)
	bescheid.Kind, bescheid.Subject, bescheid.Rule = postfach.Bescheid, "Bescheid über Wohngeld", postfach.RuleOZG9
	bescheid.Body = "Guten Tag,\n\nanbei erhalten Sie den Bescheid über Ihren Antrag auf Wohngeld.\n\nDies ist ein Demo-Bescheid."
	bescheid.RequiredLevel = trust.Hoch
	bescheid.Attachments = []postfach.Attachment{{Filename: "Wohngeldbescheid.pdf", MediaType: "application/pdf",
		Content: demoBescheid, SHA512: hex.EncodeToString(sum[:])}}
	return []*postfach.Message{&status, &request, &bescheid}
}
