// Package postfach is the citizen mailbox (MV-NK.Postfach, the "Rückkanal"):
// messages and Bescheide that Fachverfahren deliver to a citizen's
// Postfach handle, the trust level each message needs, the Bekanntgabe
// rules of OZG § 9 and VwVfG § 41 Abs. 2a (egov-standards.md §4.1), and the
// ZBP status timeline per Vorgang (§4.2).
//
// What is encrypted at rest (per-mailbox data key, AES-256-GCM, the key
// itself sealed under the master key, see crypto.go):
//   - the message body (additional data: the message id),
//   - every attachment's content (additional data: the attachment id).
//
// What stays in clear, because the inbox lists, filters and sorts by it
// and a message above the session's level still shows sender, kind and
// date: kind, sender, service, Leistungs-ID, reference (Aktenzeichen),
// application id, subject, attachment names, media types, sizes and
// hashes, and all dates and states. The subject is kept in clear as in the
// BundID ZBP (its "title" is shown in the inbox list); senders must not
// put content needing protection in it — the API documentation says so.
// Search therefore covers only this clear metadata (subject, sender name,
// reference), never the encrypted bodies: a body search would need every
// body decrypted per query or a plaintext index, which would undo the
// encryption.
package postfach
