// Passkeys (WebAuthn Level 3) on three pages, each found by its markup:
//   #passkey-anmelden       login page: button and conditional UI (autofill)
//   #passkey-zweiter-faktor second login step: confirm with a passkey
//   #passkey-hinzufuegen    console: register a new passkey
// The server keeps each ceremony; this script asks it to start one
// (data-start), hands the options to navigator.credentials and sends the
// answer back (data-finish) with the page's CSRF token. Failures are
// shown in the page's aria-live region, in the page's language.
(function () {
	"use strict";

	var english = document.documentElement.lang === "en";
	var texts = {
		cancelled: ["Der Vorgang wurde abgebrochen oder hat zu lange gedauert. Bitte versuchen Sie es erneut.",
			"The process was cancelled or took too long. Please try again."],
		exists: ["Dieser Passkey ist bereits für Ihr Konto registriert.",
			"This passkey is already registered for your account."],
		failed: ["Das hat nicht geklappt. Bitte versuchen Sie es erneut.",
			"That did not work. Please try again."],
		network: ["Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.",
			"No connection to the server. Please check your internet connection."],
		name: ["Bitte geben Sie dem Passkey einen Namen mit 1 bis 64 Zeichen.",
			"Please give the passkey a name of 1 to 64 characters."],
		waiting: ["Bitte bestätigen Sie mit Ihrem Gerät …", "Please confirm on your device …"],
		done: ["Erfolgreich. Sie werden weitergeleitet …", "Done. You are being redirected …"]
	};

	function say(key) { return texts[key][english ? 1 : 0]; }

	// base64url ⇄ ArrayBuffer (RFC 4648 §5, no padding).
	function toBuffer(s) {
		var b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
		var out = new Uint8Array(b.length);
		for (var i = 0; i < b.length; i++) { out[i] = b.charCodeAt(i); }
		return out.buffer;
	}

	function toBase64url(buf) {
		var bytes = new Uint8Array(buf), s = "";
		for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
		return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
	}

	function withIds(list) {
		return (list || []).map(function (c) {
			return { type: c.type, id: toBuffer(c.id), transports: c.transports };
		});
	}

	// Options from the server's JSON (WebAuthn L3 §5.1.9, §5.1.10).
	function requestOptions(json) {
		if (PublicKeyCredential.parseRequestOptionsFromJSON) {
			return PublicKeyCredential.parseRequestOptionsFromJSON(json);
		}
		var o = Object.assign({}, json, { challenge: toBuffer(json.challenge) });
		if (json.allowCredentials) { o.allowCredentials = withIds(json.allowCredentials); }
		return o;
	}

	function creationOptions(json) {
		if (PublicKeyCredential.parseCreationOptionsFromJSON) {
			return PublicKeyCredential.parseCreationOptionsFromJSON(json);
		}
		var o = Object.assign({}, json, { challenge: toBuffer(json.challenge) });
		o.user = Object.assign({}, json.user, { id: toBuffer(json.user.id) });
		if (json.excludeCredentials) { o.excludeCredentials = withIds(json.excludeCredentials); }
		return o;
	}

	// The credential as JSON (PublicKeyCredential.toJSON, WebAuthn L3 §5.1.8).
	function credentialJSON(cred) {
		if (typeof cred.toJSON === "function") { return cred.toJSON(); }
		var r = cred.response, response = { clientDataJSON: toBase64url(r.clientDataJSON) };
		if (r.attestationObject) {
			response.attestationObject = toBase64url(r.attestationObject);
			response.transports = r.getTransports ? r.getTransports() : [];
		} else {
			response.authenticatorData = toBase64url(r.authenticatorData);
			response.signature = toBase64url(r.signature);
			if (r.userHandle) { response.userHandle = toBase64url(r.userHandle); }
		}
		return { id: cred.id, rawId: toBase64url(cred.rawId), type: cred.type, response: response,
			authenticatorAttachment: cred.authenticatorAttachment || undefined,
			clientExtensionResults: cred.getClientExtensionResults() };
	}

	// post sends body as JSON with the CSRF token (portal.Protect reads
	// X-CSRF-Token) and resolves to the answer's JSON; a problem
	// (RFC 9457) rejects with its detail.
	function post(url, body) {
		var token = document.querySelector('input[name="csrf_token"]');
		return fetch(url, {
			method: "POST", credentials: "same-origin",
			headers: { "Content-Type": "application/json", "Accept-Language": english ? "en" : "de",
				"X-CSRF-Token": token ? token.value : "" },
			body: JSON.stringify(body)
		}).catch(function () {
			throw new Error(say("network"));
		}).then(function (res) {
			var type = res.headers.get("Content-Type") || "";
			if (type.indexOf("json") < 0) { throw new Error(say("failed")); }
			return res.json().then(function (data) {
				if (!res.ok) { throw new Error(data.detail || say("failed")); }
				return data;
			});
		});
	}

	function status(text) {
		var region = document.getElementById("passkey-status");
		if (region) { region.textContent = text; }
	}

	// failure shows why a ceremony ended; an abort of our own is silent.
	// Our own errors (plain Error) carry the server's detail.
	function failure(err) {
		var name = err && err.name;
		if (name === "AbortError") { return; }
		if (name === "NotAllowedError") { status(say("cancelled")); return; }
		if (name === "InvalidStateError") { status(say("exists")); return; }
		status(name === "Error" && err.message ? err.message : say("failed"));
	}

	// ceremony runs start → navigator.credentials → finish → continuation.
	function ceremony(box, startBody, run, finishBody) {
		return post(box.dataset.start, startBody).then(function (start) {
			return run(start.publicKey).then(function (cred) {
				var body = Object.assign({ ceremonie: start.ceremonie, credential: credentialJSON(cred) }, finishBody);
				return post(box.dataset.finish, body);
			});
		}).then(function (done) {
			status(say("done"));
			window.location.assign(done.weiter);
		});
	}

	function weiter() {
		var field = document.querySelector('input[name="weiter"]');
		return field ? field.value : "";
	}

	function loginPage(box) {
		var button = document.getElementById("passkey-button"), conditional = null;
		box.hidden = false;
		function get(mediation, signal) {
			return function (json) {
				var opts = { publicKey: requestOptions(json) };
				if (mediation) { opts.mediation = mediation; opts.signal = signal; }
				return navigator.credentials.get(opts);
			};
		}
		function startConditional() {
			if (!PublicKeyCredential.isConditionalMediationAvailable) { return; }
			PublicKeyCredential.isConditionalMediationAvailable().then(function (ok) {
				if (!ok) { return; }
				conditional = new AbortController();
				ceremony(box, {}, get("conditional", conditional.signal), { weiter: weiter() }).catch(failure);
			});
		}
		button.addEventListener("click", function () {
			if (conditional) { conditional.abort(); conditional = null; }
			status(say("waiting"));
			ceremony(box, {}, get(null), { weiter: weiter() }).catch(function (err) {
				failure(err);
				startConditional();
			});
		});
		startConditional();
	}

	function secondFactorPage(box) {
		var button = box.querySelector("button");
		var region = document.createElement("div");
		region.id = "passkey-status";
		region.className = "kern-body";
		region.setAttribute("role", "status");
		region.setAttribute("aria-live", "polite");
		box.appendChild(region);
		box.hidden = false;
		button.addEventListener("click", function () {
			status(say("waiting"));
			ceremony(box, {}, function (json) {
				return navigator.credentials.get({ publicKey: requestOptions(json) });
			}, {}).catch(failure);
		});
	}

	function consolePage(box) {
		var button = document.getElementById("passkey-register-button");
		var name = document.getElementById("passkey-name");
		var notice = document.getElementById("passkey-nicht-unterstuetzt");
		if (notice) { notice.hidden = true; }
		box.hidden = false;
		button.addEventListener("click", function () {
			var chosen = name.value.trim();
			if (chosen === "" || chosen.length > 64) { status(say("name")); name.focus(); return; }
			status(say("waiting"));
			ceremony(box, { name: chosen }, function (json) {
				return navigator.credentials.create({ publicKey: creationOptions(json) });
			}, { name: chosen }).catch(failure);
		});
	}

	// An IP address cannot be a relying party ID (WebAuthn L3 §5.1.4.1):
	// there the pages stay as they are without passkeys.
	var ipHost = /^[0-9.]+$/.test(location.hostname) || location.hostname.indexOf(":") >= 0 ||
		location.hostname.charAt(0) === "[";
	if (!window.PublicKeyCredential || !navigator.credentials || ipHost) { return; }
	var boxes = {
		"passkey-anmelden": loginPage,
		"passkey-zweiter-faktor": secondFactorPage,
		"passkey-hinzufuegen": consolePage
	};
	Object.keys(boxes).forEach(function (id) {
		var box = document.getElementById(id);
		if (box) { boxes[id](box); }
	});
}());
