#!/usr/bin/env bash
# Rebuilds passwords.txt.gz, the blocklist of common and breached passwords
# every new password is checked against (NIST SP 800-63B §5.1.1.2, "values
# known to be commonly-used, expected, or compromised"). Sources, both MIT:
#   @zxcvbn-ts/language-common  passwords.json (from breach corpora, ranked)
#   @zxcvbn-ts/language-de      commonWords.json (German word frequencies)
# plus German favourites and service-specific words (context-specific words,
# §5.1.1.2) listed below. German words are combined with the usual suffixes
# ("passwort123", "sommer2025!"). Only entries of 8–64 characters are kept:
# shorter ones are refused by the length rule anyway.
#
#   bash idp/account/blocklist/refresh.sh      # the pinned versions
# Then run `go test ./idp/account/` and commit passwords.txt.gz.
set -euo pipefail

COMMON_VERSION="${COMMON_VERSION:-4.1.3}"
DE_VERSION="${DE_VERSION:-3.0.2}"
GERMAN_WORDS="${GERMAN_WORDS:-6000}" # most frequent German words used
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# npm checks the tarballs' integrity; --ignore-scripts runs nothing from them.
npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts \
	--no-audit --no-fund --loglevel=error \
	"@zxcvbn-ts/language-common@${COMMON_VERSION}" "@zxcvbn-ts/language-de@${DE_VERSION}"

EXTRA="qwertz qwertzu qwertzui qwertzuiop asdfgh yxcvbn fussball fußball schalke schalke04
bayern fcbayern dortmund borussia werder hansa hansarostock ichliebedich ichliebedichschatz
mausi mausebär schnucki hasi schatzi hallihallo halloduda geheimnis kennwort passwort
zugangsdaten anmeldung benutzer nutzerkonto bürgerkonto mvnutzerkonto serviceportal
mvserviceportal mecklenburg vorpommern mecklenburgvorpommern schwerin rostock
greifswald stralsund wismar neubrandenburg ostsee postfach personalausweis"

node - "$tmp/node_modules/@zxcvbn-ts" "$GERMAN_WORDS" "$EXTRA" >"$tmp/list.txt" <<'JS'
const [dir, n, extra] = process.argv.slice(2);
const common = require(`${dir}/language-common/src/passwords.json`);
const german = require(`${dir}/language-de/src/commonWords.json`)
	.slice(0, Number(n)).filter((w) => /^[a-zäöüß]{4,}$/.test(w));
const suffixes = ["", "1", "12", "123", "1234", "12345", "!", "1!", "123!", "01",
	"2023", "2024", "2025", "2026"];
const out = new Set();
const add = (w) => { const r = [...w]; if (r.length >= 8 && r.length <= 64) out.add(w.toLowerCase()); };
common.forEach(add);
const ascii = (w) => w.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
for (const w of [...german, ...extra.split(/\s+/).filter(Boolean)]) {
	for (const base of new Set([w, ascii(w)])) suffixes.forEach((s) => add(base + s));
}
process.stdout.write([...out].sort().join("\n") + "\n");
JS

gzip -9n <"$tmp/list.txt" >"$here/passwords.txt.gz"
printf 'language-common %s, language-de %s, %s German words\n' \
	"$COMMON_VERSION" "$DE_VERSION" "$GERMAN_WORDS" >"$here/VERSION"
cp "$tmp/node_modules/@zxcvbn-ts/language-common/LICENSE.txt" "$here/LICENSE.txt"
echo "$(wc -l <"$tmp/list.txt") passwords written to $here/passwords.txt.gz"
