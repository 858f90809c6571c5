import HTTPTypes
public import Hummingbird

/// Security headers on every response, errors included (it turns a thrown error into the error page first).
///
/// - Content-Security-Policy `default-src 'self'`: no inline script or style, nothing from elsewhere, so
///   a name that slipped past escaping still could not run; the pages' few scripts are files under /static.
///   `frame-ancestors 'none'` and `form-action 'self'` close clickjacking and form redirection.
/// - X-Content-Type-Options `nosniff`: a browser runs or styles a file only as the type the app says.
/// - Referrer-Policy `same-origin`: an athlete's page address is not sent to other sites.
/// - X-Frame-Options `DENY`: the same as `frame-ancestors` for browsers that only know the older header.
/// - Cache-Control `no-store` on pages: athletes' data is not left in a shared browser's cache.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public static var contentSecurityPolicy: String { ContentSecurityPolicy.pages }

    public static var headers: [(String, String)] {
        [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
    }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ErrorPage.response(for: error, request: request, logger: context.logger)
        }
        // A response with a policy of its own (the report's) keeps it, and may be framed by this site.
        let ownPolicy = response.headers[.contentSecurityPolicy]
        for (name, value) in Self.headers {
            if let fieldName = HTTPField.Name(name) { response.headers[fieldName] = value }
        }
        if let ownPolicy {
            response.headers[.contentSecurityPolicy] = ownPolicy
            if let frameOptions = HTTPField.Name("X-Frame-Options") { response.headers[frameOptions] = "SAMEORIGIN" }
        }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
