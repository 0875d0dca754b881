import SupervisionRules
import Storage

/// The time limits of docs/accounts.md §12.
public enum AccountPolicy {
    public static let activationSeconds: Int64 = 72 * 3600
    public static let lockOutFailures = 5
    public static let lockOutSeconds: Int64 = 15 * 60
    public static let sessionIdleSeconds: Int64 = 30 * 60
    public static let sessionAbsoluteSeconds: Int64 = 12 * 3600
    public static let apiTokenMaximumDays = 365
}

public struct AccountInvitation: Sendable, Equatable, Codable {
    /// What the person types to sign in: the staff id, or the case reference.
    public let userName: String
    /// Shown once; only its hash is kept.
    public let code: String
    public let expiresAt: String
    /// True when the account had a password or a code before: this invitation reset it.
    public let reset: Bool
}

/// What sign-in needs to know about an account before comparing a password.
public struct SignInAccount: Sendable, Equatable {
    public let actorID: String
    public let passwordHash: String?
    public let lockedUntil: Int64?
    /// False for a deactivated staff account.
    public let active: Bool

    public func isLocked(at now: Instant) -> Bool {
        lockedUntil.map { $0 > now.secondsSinceEpoch } ?? false
    }
}

public enum SignInFailure: Sendable, Equatable {
    case counted(failures: Int)
    case lockedOut(until: Int64)
    case whileLocked
    case unknownAccount
}

/// A session found by its token's hash, still within its idle and absolute limits.
public struct WebSessionInfo: Sendable, Equatable {
    public let actorID: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
}

public struct APITokenReceipt: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    /// Present only in the answer to its creation.
    public let token: String?
    public let expiresAt: String
}

extension Caseload {
    /// `caseload account invite`: a one-time activation code for a staff account (admins) or a
    /// supervisee (their officer or a supervisor). A new code resets the account: the old
    /// password stops working, its sessions end and its API tokens are revoked.
    public func inviteAccount(staffID: String?, caseRef: String?, actorID: String?,
                              now: Instant) throws -> AccountInvitation {
        try change(actorID: actorID, now: now) { session in
            let accountID: String, userName: String
            switch (staffID, caseRef) {
            case (let staffID?, nil):
                _ = try session.requireRole(.admin, "issue activation codes for staff accounts")
                let id = try InputHygiene.actorID(staffID, field: "--id")
                guard let active: Bool = try session.connection.scalar("SELECT active FROM officer WHERE id = ?", [id]) else {
                    throw CaseloadError.notFound("there is no staff account '\(id)'")
                }
                guard active else {
                    throw CaseloadError.invalid("--id: the account '\(id)' is deactivated; it cannot be activated again")
                }
                (accountID, userName) = (id, id)
            case (nil, let caseRef?):
                _ = try session.requireCaseworker("issue activation codes")
                let term = try session.latestTerm(caseRef: caseRef)
                try session.requireAccess(to: term, "issue an activation code")
                (accountID, userName) = ("supervisee:" + term.caseRef, term.caseRef)
            default:
                throw CaseloadError(.usage, "name the account with either --id ID or --case-ref REF")
            }
            let code = SecretToken.activationCode()
            let expires = now.secondsSinceEpoch + AccountPolicy.activationSeconds
            let existed: Int? = try session.connection.scalar("SELECT 1 FROM account WHERE actor_id = ?", [accountID])
            try session.connection.execute("""
                INSERT INTO account (actor_id, password_hash, activation_hash, activation_expires_at,
                                     failed_sign_ins, locked_until, changed_at)
                VALUES (?, NULL, ?, ?, 0, NULL, ?)
                ON CONFLICT (actor_id) DO UPDATE SET
                    password_hash = NULL, activation_hash = excluded.activation_hash,
                    activation_expires_at = excluded.activation_expires_at, failed_sign_ins = 0,
                    locked_until = NULL, changed_at = excluded.changed_at
                """, [accountID, SecretToken.hash(SecretToken.normalizedCode(code)), expires, now.secondsSinceEpoch])
            let ended = try session.endAllAccess(of: accountID)
            let expiresAt = Instant(secondsSinceEpoch: expires).description
            try session.audit(existed == nil ? "account.invite" : "account.reset", entity: "account", id: accountID,
                              details: ["expiresAt": expiresAt, "sessionsEnded": String(ended)])
            return AccountInvitation(userName: userName, code: code, expiresAt: expiresAt, reset: existed != nil)
        }
    }

    /// `caseload account deactivate`: an admin stops a staff account from signing in or acting,
    /// on the web and the command line. Its history stays; its sessions end.
    public func deactivateAccount(id rawID: String, actorID: String?, now: Instant) throws -> Officer {
        try change(actorID: actorID, now: now) { session in
            let admin = try session.requireRole(.admin, "deactivate accounts")
            let id = try InputHygiene.actorID(rawID, field: "--id")
            guard let officer = try session.connection.fetchOne(
                "SELECT id, name, role, active FROM officer WHERE id = ?", [id], {
                    Officer(id: try $0.get(0), name: try $0.get(1), role: Role(rawValue: try $0.get(2)) ?? .officer,
                            active: try $0.get(3))
                }) else {
                throw CaseloadError.notFound("there is no staff account '\(id)'")
            }
            guard id != admin else {
                throw CaseloadError.invalid("--id: an admin may not deactivate their own account")
            }
            guard officer.active else {
                throw CaseloadError.invalid("--id: the account '\(id)' is already deactivated")
            }
            try session.connection.execute("UPDATE officer SET active = 0 WHERE id = ?", [id])
            let ended = try session.endAllAccess(of: id)
            try session.audit("officer.deactivate", entity: "officer", id: id, details: ["sessionsEnded": String(ended)])
            return Officer(id: officer.id, name: officer.name, role: officer.role, active: false)
        }
    }

    /// The account a user name signs in to, or nil. A user name is a staff id or a case
    /// reference; a staff id wins if both exist, and `supervisee:REF` names a supervisee
    /// explicitly.
    public func signInAccount(userName raw: String) throws -> SignInAccount? {
        try look(actorID: nil, now: Instant(secondsSinceEpoch: 0)) { session in
            let name = InputHygiene.trimmed(raw)
            guard !name.isEmpty, name.unicodeScalars.count <= 80 else { return nil }
            var actorID = name
            var active = true
            if !name.hasPrefix("supervisee:") {
                if let staffActive: Bool = try session.connection.scalar("SELECT active FROM officer WHERE id = ?", [name]) {
                    active = staffActive
                } else {
                    actorID = "supervisee:" + name
                }
            }
            return try session.connection.fetchOne(
                "SELECT password_hash, locked_until FROM account WHERE actor_id = ?", [actorID]) {
                SignInAccount(actorID: actorID, passwordHash: try $0.get(0), lockedUntil: try $0.get(1), active: active)
            }
        }
    }

    /// Counts a failed sign-in: the fifth in a row locks the account for 15 minutes (attempts
    /// while locked neither count nor extend it). Audited; the password typed never is.
    public func recordSignInFailure(actorID: String?, now: Instant) throws -> SignInFailure {
        try change(actorID: nil, now: now) { session in
            let connection = session.connection
            guard let actorID, let (failures, lockedUntil) = try connection.fetchOne(
                "SELECT failed_sign_ins, locked_until FROM account WHERE actor_id = ?", [actorID], {
                    (try $0.get(0) as Int, try $0.get(1) as Int64?)
                }) else {
                // The user name typed may be anything (even a password typed in the wrong box):
                // it is not written down.
                try session.audit("sign-in.failure", entity: "account", id: "(unknown)")
                return .unknownAccount
            }
            func audit(_ action: String, _ details: [String: String]) throws {
                try AuditLog.append(connection, at: now, actor: actorID, action: action, entity: "account",
                                    entityID: actorID, details: details)
            }
            if let lockedUntil, lockedUntil > now.secondsSinceEpoch {
                try audit("sign-in.failure", ["reason": "locked"])
                return .whileLocked
            }
            let count = failures + 1
            if count >= AccountPolicy.lockOutFailures {
                let until = now.secondsSinceEpoch + AccountPolicy.lockOutSeconds
                try connection.execute(
                    "UPDATE account SET failed_sign_ins = 0, locked_until = ? WHERE actor_id = ?", [until, actorID])
                try audit("sign-in.failure", ["reason": "password", "failuresInARow": String(count)])
                try audit("sign-in.lock-out", ["until": Instant(secondsSinceEpoch: until).description])
                return .lockedOut(until: until)
            }
            try connection.execute(
                "UPDATE account SET failed_sign_ins = ?, locked_until = NULL WHERE actor_id = ?", [count, actorID])
            try audit("sign-in.failure", ["reason": "password", "failuresInARow": String(count)])
            return .counted(failures: count)
        }
    }

    /// A successful sign-in: a new session (stored as the hash of its token), the failure count
    /// back to zero, the account's expired sessions cleared away.
    public func startSession(actorID: String, tokenHash: String, now: Instant) throws {
        try change(actorID: nil, now: now) { session in
            let connection = session.connection
            let at = now.secondsSinceEpoch
            try connection.execute(
                "UPDATE account SET failed_sign_ins = 0, locked_until = NULL WHERE actor_id = ?", [actorID])
            try connection.execute("""
                DELETE FROM web_session WHERE actor_id = ? AND (last_seen_at <= ? OR created_at <= ?)
                """, [actorID, at - AccountPolicy.sessionIdleSeconds, at - AccountPolicy.sessionAbsoluteSeconds])
            try connection.execute(
                "INSERT INTO web_session (token_hash, actor_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                [tokenHash, actorID, at, at])
            try AuditLog.append(connection, at: now, actor: actorID, action: "sign-in", entity: "account",
                                entityID: actorID)
        }
    }

    /// The session whose token hashes to `tokenHash`, if it has not expired (30 minutes idle,
    /// 12 hours in all). A read: the server looks sessions up on its reader connections.
    public func webSession(tokenHash: String, now: Instant) throws -> WebSessionInfo? {
        try look(actorID: nil, now: now) { session in
            guard let info = try session.connection.fetchOne(
                "SELECT actor_id, created_at, last_seen_at FROM web_session WHERE token_hash = ?", [tokenHash], {
                    WebSessionInfo(actorID: try $0.get(0), createdAt: try $0.get(1), lastSeenAt: try $0.get(2))
                }) else { return nil }
            let at = now.secondsSinceEpoch
            guard at - info.lastSeenAt < AccountPolicy.sessionIdleSeconds,
                  at - info.createdAt < AccountPolicy.sessionAbsoluteSeconds else { return nil }
            return info
        }
    }

    /// Marks a session used now (its idle limit counts from here).
    public func touchSession(tokenHash: String, now: Instant) throws {
        try change(actorID: nil, now: now) { session in
            try session.connection.execute(
                "UPDATE web_session SET last_seen_at = max(last_seen_at, ?) WHERE token_hash = ?",
                [now.secondsSinceEpoch, tokenHash])
        }
    }

    /// Sign-out: the session is deleted, and the sign-out audited.
    public func endSession(tokenHash: String, now: Instant) throws {
        try change(actorID: nil, now: now) { session in
            let connection = session.connection
            guard let actorID: String = try connection.scalar(
                "SELECT actor_id FROM web_session WHERE token_hash = ?", [tokenHash]) else { return }
            try connection.execute("DELETE FROM web_session WHERE token_hash = ?", [tokenHash])
            try AuditLog.append(connection, at: now, actor: actorID, action: "sign-out", entity: "account",
                                entityID: actorID)
        }
    }

    /// The account an activation code was issued to, if the code is still valid; checked before
    /// the (slow) password hash is computed, and again in `activateAccount`.
    public func activationAccount(userName: String, code: String, now: Instant) throws -> String? {
        guard let account = try signInAccount(userName: userName), account.active else { return nil }
        let hash = SecretToken.hash(SecretToken.normalizedCode(code))
        return try look(actorID: nil, now: now) { session in
            let expires: Int64? = try session.connection.scalar(
                "SELECT activation_expires_at FROM account WHERE actor_id = ? AND activation_hash = ?",
                [account.actorID, hash])
            guard let expires, expires > now.secondsSinceEpoch else { return nil }
            return account.actorID
        }
    }

    /// Activation: the code (valid 72 hours, once) sets the password (already checked against
    /// the rules and hashed by the caller); every session of the account ends.
    public func activateAccount(actorID: String, code: String, passwordHash: String, now: Instant) throws {
        try change(actorID: nil, now: now) { session in
            let connection = session.connection
            let hash = SecretToken.hash(SecretToken.normalizedCode(code))
            let expires: Int64? = try connection.scalar(
                "SELECT activation_expires_at FROM account WHERE actor_id = ? AND activation_hash = ?", [actorID, hash])
            guard let expires, expires > now.secondsSinceEpoch else {
                throw CaseloadError.invalid("code: this activation code is not valid; ask for a new one")
            }
            try connection.execute("""
                UPDATE account SET password_hash = ?, activation_hash = NULL, activation_expires_at = NULL,
                    failed_sign_ins = 0, locked_until = NULL, changed_at = ?
                WHERE actor_id = ?
                """, [passwordHash, now.secondsSinceEpoch, actorID])
            try connection.execute("DELETE FROM web_session WHERE actor_id = ?", [actorID])
            try AuditLog.append(connection, at: now, actor: actorID, action: "account.activate", entity: "account",
                                entityID: actorID)
        }
    }

    /// A named API token for the acting account, valid `days` (1 to 365); shown once.
    public func createAPIToken(name rawName: String, days: Int, actorID: String?, now: Instant) throws -> APITokenReceipt {
        try change(actorID: actorID, now: now) { session in
            let actor = try session.requireActor()
            let name = try InputHygiene.name(rawName, field: "name")
            guard name.unicodeScalars.count <= 100 else {
                throw CaseloadError.invalid("name: a token's name has at most 100 characters")
            }
            guard (1...AccountPolicy.apiTokenMaximumDays).contains(days) else {
                throw CaseloadError.invalid("days: a token is valid for 1 to \(AccountPolicy.apiTokenMaximumDays) days")
            }
            let token = "cl_" + SecretToken.token()
            let expires = now.secondsSinceEpoch + Int64(days) * 86_400
            try session.connection.execute("""
                INSERT INTO api_token (actor_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, [actor.auditID, name, SecretToken.hash(token), now.secondsSinceEpoch, expires])
            let id = session.connection.lastInsertRowID
            let expiresAt = Instant(secondsSinceEpoch: expires).description
            try session.audit("api-token.create", entity: "api-token", id: String(id),
                              details: ["name": name, "expiresAt": expiresAt])
            return APITokenReceipt(id: id, name: name, token: token, expiresAt: expiresAt)
        }
    }

    /// The acting account's live tokens (names and expiry; never the tokens themselves).
    public func apiTokens(actorID: String?, now: Instant) throws -> [APITokenReceipt] {
        try look(actorID: actorID, now: now) { session in
            let actor = try session.requireActor()
            return try session.connection.fetchAll("""
                SELECT id, name, expires_at FROM api_token
                WHERE actor_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id
                """, [actor.auditID, now.secondsSinceEpoch]) {
                APITokenReceipt(id: try $0.get(0), name: try $0.get(1), token: nil,
                                expiresAt: Instant(secondsSinceEpoch: try $0.get(2)).description)
            }
        }
    }

    /// Revokes one of the acting account's own tokens (another account's token is "not found").
    public func revokeAPIToken(id: Int64, actorID: String?, now: Instant) throws -> APITokenReceipt {
        try change(actorID: actorID, now: now) { session in
            let actor = try session.requireActor()
            guard let (name, expires) = try session.connection.fetchOne(
                "SELECT name, expires_at FROM api_token WHERE id = ? AND actor_id = ? AND revoked_at IS NULL",
                [id, actor.auditID], { (try $0.get(0) as String, try $0.get(1) as Int64) }) else {
                throw CaseloadError.notFound("there is no active API token \(id) of yours")
            }
            try session.connection.execute("UPDATE api_token SET revoked_at = ? WHERE id = ?", [now.secondsSinceEpoch, id])
            try session.audit("api-token.revoke", entity: "api-token", id: String(id))
            return APITokenReceipt(id: id, name: name, token: nil, expiresAt: Instant(secondsSinceEpoch: expires).description)
        }
    }

    /// The account and id of a live (unrevoked, unexpired) API token.
    public func apiToken(tokenHash: String, now: Instant) throws -> (id: Int64, actorID: String)? {
        try look(actorID: nil, now: now) { session in
            try session.connection.fetchOne("""
                SELECT id, actor_id FROM api_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?
                """, [tokenHash, now.secondsSinceEpoch]) { (try $0.get(0) as Int64, try $0.get(1) as String) }
        }
    }

    /// Each use of an API token is audited, like a request: which token, which route (the
    /// route's pattern, so no case reference), which method.
    public func recordAPITokenUse(id: Int64, actorID: String, method: String, route: String, now: Instant) throws {
        try change(actorID: nil, now: now) { session in
            try AuditLog.append(session.connection, at: now, actor: actorID, action: "api-token.use",
                                entity: "api-token", entityID: String(id), details: ["method": method, "route": route])
        }
    }
}

extension Session {
    /// Ends every session of an account and revokes its API tokens; returns how many sessions.
    func endAllAccess(of actorID: String) throws -> Int {
        try connection.execute("DELETE FROM web_session WHERE actor_id = ?", [actorID])
        let ended = connection.changes
        try connection.execute("UPDATE api_token SET revoked_at = ? WHERE actor_id = ? AND revoked_at IS NULL",
                               [now.secondsSinceEpoch, actorID])
        return ended
    }
}
