package postfach

import (
	"fmt"

	"mvnk/internal/mail"
)

// noticeText is the notice, German first, then English. It names the
// sender and the day, never subject, body or attachments: e-mail is not
// a confidential channel (egov-standards.md §4.1).
const noticeText = `Guten Tag,

in Ihrem Postfach im MV-Nutzerkonto liegt seit dem %[1]s eine neue Nachricht von %[2]s für Sie bereit.%[3]s
Nach der Anmeldung können Sie sie hier lesen:

%[4]s

Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte der Nachricht.

---

Since %[1]s, a new message from %[2]s has been waiting in your Postfach at the MV-Nutzerkonto.%[5]s
Sign in to read it at the link above. For data protection, this e-mail contains nothing of the message itself.
`

// noticeMail is the notice of m to addr with a link to the inbox.
func noticeMail(m *Message, addr, inboxURL string) mail.Message {
	de, en := noticeBescheid(m)
	day := m.ProvidedAt.In(Berlin()).Format("02.01.2006")
	return mail.Message{To: addr, Kind: "postfach.notice", Subject: "Neue Nachricht in Ihrem Postfach – MV-Nutzerkonto",
		Text: fmt.Sprintf(noticeText, day, m.Sender.Name, de, inboxURL, en)}
}

// noticeBescheid: a Bescheid says so, with the rule that decides when it
// counts as bekannt gegeben (none where the citizen opted out).
func noticeBescheid(m *Message) (de, en string) {
	if m.Kind != Bescheid {
		return "", ""
	}
	switch m.Delivery().Rule {
	case RuleOZG9:
		return "\nEs ist ein Bescheid (Verwaltungsakt); er gilt am dritten Tag nach der Bereitstellung als bekannt gegeben, auch wenn Sie ihn nicht abrufen (§ 9 Abs. 1 OZG).",
			"\nIt is an official decision (Bescheid); it counts as served on the third day after it was provided, even if you do not open it (section 9 (1) OZG)."
	case RuleVwVfG41_2a:
		return "\nEs ist ein Bescheid (Verwaltungsakt); er gilt am Tag nach Ihrem Abruf als bekannt gegeben, und rufen Sie ihn nicht innerhalb von zehn Tagen ab, endet die Bereitstellung (§ 41 Abs. 2a VwVfG).",
			"\nIt is an official decision (Bescheid); it counts as served on the day after you open it, and if you do not open it within ten days, the provision ends (section 41 (2a) VwVfG)."
	}
	return "\nEs ist ein Bescheid (Verwaltungsakt).", "\nIt is an official decision (Bescheid)."
}
