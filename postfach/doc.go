// Package postfach is the citizen mailbox (MV-NK.Postfach, the "Rückkanal"):
// messages and Bescheide that Fachverfahren deliver to a citizen's
// Postfach handle, the trust level each message needs, the Bekanntgabe
// rules of OZG § 9 and VwVfG § 41 Abs. 2a (egov-standards.md §4.1), and the
// ZBP status timeline per Vorgang (§4.2).
//
// What is encrypted at rest (per-mailbox data key, AES-256-GCM, the key
// itself sealed under the master key, see crypto.go):
//   - the message body (additional data: the message id),
//   - the body of a citizen's reply (additional data: the reply id),
//   - every attachment's content, of messages and of replies alike
//     (additional data: the attachment id).
//
// Reply attachments have a table of their own (postfach_reply_attachments),
// so a message's attachment list never mixes in the citizen's files; both
// tables' ids name blobs in the same Blobs store, and SweepOrphanBlobs
// removes blobs that neither references.
//
// A citizen's delete is soft (store_delete.go): the row stays with its
// delivery facts and Idempotency-Key, so the sender keeps its evidence and
// a retry never delivers twice; body, attachments and replies go, and
// every read of the citizen treats the message as gone. Erasing the
// account removes everything.
//
// Senders learn what happened through webhooks queued in the transaction
// of the change (Store.Events): message.retrieved, message.bekanntgegeben,
// message.not_retrieved, reply.created — ids and times only. Times in API
// answers and webhooks carry the Europe/Berlin offset (api_time.go). The e-mail
// notice of a provision (Notifier, OZG § 9 S. 6) names the sender and the
// day, never subject, body or attachments.
//
// What stays in clear, because the inbox lists, filters and sorts by it
// and a message above the session's level still shows sender, kind and
// date: kind, sender, service, Leistungs-ID, reference (Aktenzeichen),
// application id, subject, attachment names, media types, sizes and
// hashes (of reply attachments too), and all dates and states. The subject is kept in clear as in the
// BundID ZBP (its "title" is shown in the inbox list); senders must not
// put content needing protection in it — the API documentation says so.
// Search therefore covers only this clear metadata (subject, sender name,
// reference), never the encrypted bodies: a body search would need every
// body decrypted per query or a plaintext index, which would undo the
// encryption.
package postfach
