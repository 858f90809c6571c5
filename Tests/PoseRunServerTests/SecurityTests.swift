import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PoseRunServer
import Testing

@Suite struct SecurityTests {
    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            let missing = try await browser.post("/athletes", [("name", "Mia"), ("experience", "beginner")])
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/athletes", [("csrf", String(repeating: "0", count: 64)), ("name", "Mia"), ("experience", "beginner")])
            #expect(wrong.status == .forbidden)
            let logout = try await browser.post("/logout", [])
            #expect(logout.status == .forbidden)
            #expect(try await browser.get("/athletes").body.contains("No athletes yet."))
            // Not a form at all.
            let json = try await browser.send("/athletes", method: .post, contentType: "application/json", body: ByteBuffer(string: "{}"))
            #expect(json.status == .forbidden)
        }
    }

    @Test func aSignInWithoutTheSignInPagesTokenIsRefused() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            // No sign-in cookie: a form posted from another site.
            let forged = try await browser.post("/login", [("csrf", String(repeating: "a", count: 64)), ("username", "anna"), ("password", password)])
            #expect(forged.status == .forbidden)
            #expect(browser.cookies[CookieNames.session] == nil)
            // The cookie, but another token in the form.
            _ = try await browser.get("/login")
            let mismatched = try await browser.post("/login", [("csrf", String(repeating: "b", count: 64)), ("username", "anna"), ("password", password)])
            #expect(mismatched.status == .forbidden)
            #expect(browser.cookies[CookieNames.session] == nil)
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            var pages = [
                try await browser.get("/login"),
                try await browser.get("/athletes"),                 // 303 to the sign-in
                try await browser.get("/no/such/page"),             // 404
                try await browser.post("/athletes", []),            // 403
                try await browser.get("/static/app.css"),
            ]
            try await browser.signIn("anna", password)
            pages.append(try await browser.get("/athletes"))
            pages.append(try await browser.get("/athletes/99"))    // 404 behind sign-in
            #expect(pages.map(\.status.code) == [200, 303, 404, 403, 200, 200, 404])
            for page in pages {
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self';") == true)
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self';") == true)
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("unsafe-inline") == false)
                #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
            #expect(pages[0].headers[.cacheControl] == "no-store")
            #expect(pages[4].headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func thePagesHaveNoInlineScriptOrStyle() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            let csrf = try await browser.csrf()
            _ = try await browser.post("/athletes", [("csrf", csrf), ("name", "Mia"), ("experience", "beginner")])
            for path in [
                "/athletes", "/athletes/new", "/athletes/1", "/athletes/1/edit", "/athletes/1/history", "/athletes/1/compare",
                "/athletes/1/plan", "/athletes/1/delete",
            ] {
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                // The only script is the served file; no <script> with a body, no style attribute or element.
                #expect(page.body.components(separatedBy: "<script").count == 2, "\(path)")
                #expect(page.body.contains("<script src=\"/static/app.js\" defer></script>"))
                #expect(!page.body.contains("style=") && !page.body.contains("<style"), "\(path)")
            }
            let script = try await browser.get("/static/app.js")
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("data-refresh-seconds"))
        }
    }

    @Test func valuesAreEscapedOnEveryPage() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        let hostile = "<script>alert(\"x\")</script>"
        let attribute = "\" onfocus=\"alert(1)"
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            let csrf = try await browser.csrf()
            _ = try await browser.post("/athletes", [
                ("csrf", csrf), ("name", hostile), ("experience", "beginner"), ("notes", "<img src=x onerror=alert(2)>"),
                ("injuries", attribute),
            ])
            let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
            for path in ["/athletes", "/athletes/1", "/athletes/1/edit"] {
                let page = try await browser.get(path)
                #expect(page.body.contains(escaped), "\(path)")
                #expect(!page.body.contains("<script>alert"), "\(path)")
                #expect(!page.body.contains("<img src=x"), "\(path)")
                #expect(!page.body.contains("\" onfocus=\"alert(1)"), "\(path)")
            }
            #expect(try await browser.get("/athletes/1").body.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(try await browser.get("/athletes/1/edit").body.contains("&quot; onfocus=&quot;alert(1)"))
            // A refused form echoes what was typed, escaped too.
            let refused = try await browser.post("/athletes", [("csrf", csrf), ("name", hostile), ("height_m", "<b>"), ("experience", "beginner")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("value=\"&lt;b&gt;\""))
            #expect(!refused.body.contains("<script>alert"))
        }
    }

    @Test func theHTMLTypeEscapesInterpolatedTextAndKeepsItsOwnMarkup() {
        let name = "Tom & \"Jerry\" <O'Neil>"
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.rendered == "<p title=\"Tom &amp; &quot;Jerry&quot; &lt;O&#39;Neil&gt;\">Tom &amp; &quot;Jerry&quot; &lt;O&#39;Neil&gt;</p>")
        let inner: HTML = "<b>\("<i>")</b>"
        let outer: HTML = "<div>\(inner)</div>"
        #expect(outer.rendered == "<div><b>&lt;i&gt;</b></div>")
        #expect(HTML.escape("ünïcode ✓") == "ünïcode ✓")
    }
}
