import Foundation
import HTTPTypes
import Hummingbird

/// Sign-in and sign-out.
struct AuthRoutes: Sendable {
    let store: any Store
    let passwords: Passwords
    let limiter: LoginRateLimiter
    let cookies: CookieFactory
    let sessionLifetime: TimeInterval
    let now: @Sendable () -> Date
    /// A hash of a random password, checked when the username is unknown, so a wrong name takes as long
    /// as a wrong password and the answer's timing does not say which names exist.
    let decoyHash: String

    func register(on router: Router<AppContext>) {
        router.get("/") { _, context in
            Responses.seeOther(context.coach == nil ? "/login" : "/athletes")
        }
        router.get("/login") { request, context in try self.loginPage(request, context: context) }
        router.post("/login") { request, context in try await self.login(request, context: context) }
        router.post("/logout") { request, context in try await self.logout(request, context: context) }
    }

    func loginPage(_ request: Request, context: AppContext) throws -> Response {
        if context.coach != nil { return Responses.seeOther("/athletes") }
        // Keep the token a sign-in page in another tab already has, so its form still works.
        let existing = request.cookies[CookieNames.loginCSRF]?.value
        let token = existing.flatMap { SessionMiddleware.looksLikeToken($0) ? $0 : nil } ?? Secrets.token()
        var response = Responses.html(Pages.login(csrfToken: token))
        response.setCookie(cookies.loginCSRF(token))
        return response
    }

    func login(_ request: Request, context: AppContext) async throws -> Response {
        guard let form = context.form else { throw HTTPError(.forbidden) }
        let username = form.text("username")
        let password = form["password"] ?? ""
        let token = form[CSRF.fieldName] ?? ""
        let keys = ["user:" + username.lowercased(), "address:" + context.clientAddress]
        if let wait = await limiter.attempt(keys: keys, now: now()) {
            let seconds = Int(wait.rounded(.up))
            var response = Responses.html(
                Pages.login(csrfToken: token, username: username, message: "Too many sign-in attempts. Wait \(seconds) s and try again."),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        let coach = try await store.coach(username: username)
        let hash = coach?.passwordHash ?? decoyHash
        let passwords = self.passwords
        let matches = try await Offload.run { passwords.verify(password, hash: hash) }
        guard let coach, matches else {
            return Responses.html(
                Pages.login(csrfToken: token, username: username, message: "Wrong username or password."), status: .unauthorized)
        }
        // A new token at every sign-in: a token planted before sign-in (session fixation) is worth nothing.
        let start = now()
        let cookieToken = Secrets.token()
        // The store keeps only the token's digest; the browser keeps the token.
        let session = LoginSession(
            token: Secrets.digest(cookieToken), coachID: coach.id, csrfToken: Secrets.token(), createdAt: start,
            expiresAt: start.addingTimeInterval(sessionLifetime))
        try await store.createLoginSession(session)
        var response = Responses.seeOther("/athletes")
        response.setCookie(cookies.session(cookieToken))
        response.setCookie(cookies.expired(CookieNames.loginCSRF))
        return response
    }

    func logout(_ request: Request, context: AppContext) async throws -> Response {
        if let session = context.loginSession { try await store.deleteLoginSession(token: session.token) }
        var response = Responses.seeOther("/login")
        response.setCookie(cookies.expired(CookieNames.session))
        return response
    }
}

/// The app's cookies, all `HttpOnly` (no script reads them), `SameSite=Strict` (no other site's page
/// sends them), `Path=/`, and `Secure` when the server is behind HTTPS.
struct CookieFactory: Sendable {
    let secure: Bool
    let sessionLifetime: TimeInterval

    func session(_ token: String) -> Cookie {
        Cookie(name: CookieNames.session, value: token, maxAge: Int(sessionLifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func loginCSRF(_ token: String) -> Cookie {
        Cookie(name: CookieNames.loginCSRF, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// Pages that need a signed-in coach: a signed-out GET goes to the sign-in page, anything else is refused.
struct RequireCoach: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard context.coach != nil, context.loginSession != nil else {
            if request.method == .get || request.method == .head { return Responses.seeOther("/login") }
            throw HTTPError(.forbidden, message: "Sign in first.")
        }
        return try await next(request, context)
    }
}

extension AppContext {
    /// The signed-in coach and their page's viewer; only called behind `RequireCoach`.
    func signedIn() throws -> (Coach, Pages.Viewer) {
        guard let coach, let loginSession else { throw HTTPError(.forbidden, message: "Sign in first.") }
        return (coach, Pages.Viewer(username: coach.username, csrfToken: loginSession.csrfToken))
    }

    /// A path parameter that is an id; a missing or malformed one is "not found", as an id that is not yours.
    func id(_ name: String) throws -> Int64 {
        guard let value = parameters.get(name, as: Int64.self), value > 0 else { throw HTTPError(.notFound) }
        return value
    }
}
