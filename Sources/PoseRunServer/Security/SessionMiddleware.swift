public import Foundation
public import Hummingbird

/// Reads the session cookie and puts the signed-in coach into the context. An unknown or expired token is
/// the same as no cookie: the request goes on signed out.
public struct SessionMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    let store: any Store
    let now: @Sendable () -> Date

    public init(store: any Store, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[CookieNames.session]?.value, Self.looksLikeToken(token),
           let session = try await store.loginSession(token: Secrets.digest(token), now: now()),
           let coach = try await store.coach(id: session.coachID) {
            context.loginSession = session
            context.coach = coach
        }
        return try await next(request, context)
    }

    /// Tokens are 64 lowercase hex digits; anything else is not looked up.
    static func looksLikeToken(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// Checks the CSRF token of every request that changes something (any method but GET and HEAD).
///
/// Why here and not in each handler: a new form cannot forget it. The token expected is the login
/// session's, or, before sign-in, the one the sign-in page put in its own cookie (so a sign-in cannot be
/// forged either). A URL-encoded form is read here (bounded), its `csrf` field compared in constant time,
/// and the fields handed on in `context.form`. A multipart upload is streamed by its handler, which checks
/// the `csrf` part before it stores a byte (`UploadReceiver`); the middleware lets only that content type
/// past unchecked, and only to routes that say they take uploads. Anything else is refused.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    /// Paths whose POST is a multipart upload checked by its handler.
    let uploadPath: @Sendable (String) -> Bool

    public init(uploadPath: @escaping @Sendable (String) -> Bool) {
        self.uploadPath = uploadPath
    }

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("multipart/form-data"), uploadPath(request.uri.path) {
            return try await next(request, context)
        }
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.forbidden, message: "This address takes forms only.")
        }
        guard let expected = Self.expectedToken(request: request, context: context) else {
            throw HTTPError(.forbidden, message: "The form has expired. Go back, reload the page and send it again.")
        }
        var request = request
        let body = try await request.collectBody(upTo: FormFields.maxBytes)
        let form = FormFields(urlEncoded: String(buffer: body))
        guard let sent = form[CSRF.fieldName], Secrets.constantTimeEqual(sent, expected) else {
            throw HTTPError(.forbidden, message: "The form has expired. Go back, reload the page and send it again.")
        }
        var context = context
        context.form = form
        return try await next(request, context)
    }

    /// The token this request's form must carry: the login session's, or before sign-in the sign-in cookie's.
    static func expectedToken(request: Request, context: AppContext) -> String? {
        if let session = context.loginSession { return session.csrfToken }
        guard let value = request.cookies[CookieNames.loginCSRF]?.value, SessionMiddleware.looksLikeToken(value) else { return nil }
        return value
    }
}

/// The names of the app's cookies.
public enum CookieNames {
    public static let session = "poserun_session"
    /// The sign-in form's CSRF token, before there is a session to hold one.
    public static let loginCSRF = "poserun_login_csrf"
}

/// The hidden field every form carries.
public enum CSRF {
    public static let fieldName = "csrf"

    public static func field(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(token)\">"
    }
}
