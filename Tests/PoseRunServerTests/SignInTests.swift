import Foundation
import Hummingbird
import HummingbirdTesting
import PoseRunCoaching
import PoseRunServer
import Testing

@Suite struct SignInTests {
    @Test(arguments: StoreKind.available) func aCoachSignsInCreatesAnAthleteAndSeesItListed(_ kind: StoreKind) async throws {
        try await TestServer.with(kind) { server in
            let (_, password) = try await server.app.createCoach(username: "anna")
            try await server.test { client in
                var browser = Browser(client)
                #expect(try await browser.get("/athletes").location == "/login")
                let signedIn = try await browser.signIn("anna", password)
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.location == "/athletes")
                #expect(browser.cookies[CookieNames.session]?.count == 64)
                #expect(browser.cookies[CookieNames.loginCSRF] == nil)

                let empty = try await browser.get("/athletes")
                #expect(empty.status == .ok)
                #expect(empty.body.contains("No athletes yet."))
                #expect(empty.body.contains("Sign out anna"))

                let csrf = try await browser.csrf()
                let created = try await browser.post("/athletes", [
                    ("csrf", csrf), ("name", "Mia Runner"), ("height_m", "1.68"), ("leg_length_m", ""),
                    ("experience", "intermediate"), ("injuries", "sore Achilles\n\nknee 2024"), ("notes", "Trains on Tuesdays"),
                ])
                #expect(created.status == .seeOther)
                #expect(created.location == "/athletes/1")

                let list = try await browser.get("/athletes")
                #expect(list.body.contains("<a href=\"/athletes/1\">Mia Runner</a>"))
                #expect(!list.body.contains("No athletes yet."))

                let page = try await browser.get("/athletes/1")
                #expect(page.status == .ok)
                #expect(page.body.contains("<h1>Mia Runner</h1>"))
                #expect(page.body.contains("<dt>Height</dt><dd>1.68 m</dd>"))
                #expect(page.body.contains("<dt>Leg length</dt><dd>—</dd>"))
                #expect(page.body.contains("<dt>Experience</dt><dd>intermediate</dd>"))
                #expect(page.body.contains("<dt>Injury screen</dt><dd>sore Achilles\nknee 2024</dd>"))

                let stored = try await server.app.store.athlete(id: 1, coachID: 1)
                #expect(stored?.details.injuryScreen.answers == ["sore Achilles", "knee 2024"])
                #expect(stored?.details.experience == .intermediate)
                #expect(stored?.details.heightMetres == 1.68)
            }
        }
    }

    @Test func anAthleteIsEditedAndABadValueComesBackWithItsMessage() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            let csrf = try await browser.csrf()
            _ = try await browser.post("/athletes", [("csrf", csrf), ("name", "Ben"), ("experience", "beginner")])
            let form = try await browser.get("/athletes/1/edit")
            #expect(form.body.contains("value=\"Ben\""))
            let refused = try await browser.post("/athletes/1", [("csrf", csrf), ("name", "Ben Two"), ("height_m", "7"), ("experience", "beginner")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Give metres from 0.5 to 2.8, or leave it empty."))
            #expect(refused.body.contains("value=\"Ben Two\""))
            let saved = try await browser.post("/athletes/1", [("csrf", csrf), ("name", "Ben Two"), ("leg_length_m", "0.92"), ("experience", "advanced")])
            #expect(saved.location == "/athletes/1")
            let page = try await browser.get("/athletes/1")
            #expect(page.body.contains("<h1>Ben Two</h1>"))
            #expect(page.body.contains("<dt>Leg length</dt><dd>0.92 m</dd>"))
            #expect(page.body.contains("<dt>Experience</dt><dd>advanced</dd>"))
        }
    }

    @Test func aWrongPasswordOrAnUnknownCoachIsRefused() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            let wrong = try await browser.signIn("anna", password + "x")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Wrong username or password."))
            #expect(browser.cookies[CookieNames.session] == nil)
            let unknown = try await browser.signIn("nobody", password)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.contains("Wrong username or password."))
            #expect(browser.cookies[CookieNames.session] == nil)
            #expect(try await browser.get("/athletes").location == "/login")
        }
    }

    @Test func theSessionCookieIsHttpOnlyStrictAndForTheWholeSite() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            let loginForm = try await browser.get("/login")
            let loginCookie = try #require(loginForm.setCookies.first { $0.hasPrefix(CookieNames.loginCSRF + "=") })
            #expect(Self.attributes(loginCookie) == ["HttpOnly", "Max-Age=3600", "Path=/", "SameSite=Strict"])

            let signedIn = try await browser.signIn("anna", password)
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix(CookieNames.session + "=") })
            #expect(Self.attributes(cookie) == ["HttpOnly", "Max-Age=43200", "Path=/", "SameSite=Strict"])

            // Signing out ends the session on the server too: the old cookie no longer works.
            let token = try #require(browser.cookies[CookieNames.session])
            let out = try await browser.post("/logout", [("csrf", try await browser.csrf())])
            #expect(out.location == "/login")
            let expired = try #require(out.setCookies.first { $0.hasPrefix(CookieNames.session + "=") })
            #expect(expired.contains("Max-Age=0"))
            browser.cookies[CookieNames.session] = token
            #expect(try await browser.get("/athletes").location == "/login")
        }
    }

    @Test func theDatabaseKeepsOnlyTheSignInTokensDigest() async throws {
        // FIPS 180-2's example: SHA-256 of "abc".
        #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            let token = try #require(browser.cookies[CookieNames.session])
            let now = server.clock.now
            #expect(try await server.app.store.loginSession(token: token, now: now) == nil)
            #expect(try await server.app.store.loginSession(token: Secrets.digest(token), now: now)?.coachID == 1)
            // The digest itself, sent as a cookie, signs no one in.
            browser.cookies[CookieNames.session] = Secrets.digest(token)
            #expect(try await browser.get("/athletes").location == "/login")
        }
    }

    @Test func secureCookiesWhenTheServerIsBehindHTTPS() async throws {
        let server = try TestServer { $0.secureCookies = true }
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await server.test { client in
            var browser = Browser(client)
            let signedIn = try await browser.signIn("anna", password)
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix(CookieNames.session + "=") })
            #expect(Self.attributes(cookie) == ["HttpOnly", "Max-Age=43200", "Path=/", "SameSite=Strict", "Secure"])
        }
    }

    @Test func aSessionExpires() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        let clock = server.clock
        try await server.test { client in
            var browser = Browser(client)
            try await browser.signIn("anna", password)
            #expect(try await browser.get("/athletes").status == .ok)
            clock.advance(12 * 3600 + 1)
            #expect(try await browser.get("/athletes").location == "/login")
        }
    }

    @Test func signInAttemptsAreLimitedToFiveAMinutePerUsername() async throws {
        let server = try TestServer()
        let (_, password) = try await server.app.createCoach(username: "anna")
        let clock = server.clock
        try await server.test { client in
            var browser = Browser(client)
            for _ in 0..<5 {
                #expect(try await browser.signIn("anna", "guess").status == .unauthorized)
            }
            // The sixth attempt is refused before the password is looked at, even the right one.
            let limited = try await browser.signIn("anna", password)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "60")
            #expect(limited.body.contains("Too many sign-in attempts."))
            #expect(browser.cookies[CookieNames.session] == nil)
            clock.advance(61)
            #expect(try await browser.signIn("anna", password).location == "/athletes")
        }
    }

    @Test func createCoachRefusesATakenNameAndAnUnsafeOne() async throws {
        let server = try TestServer()
        defer { server.remove() }
        let (coach, password) = try await server.app.createCoach(username: "anna")
        #expect(password.count == 20)
        #expect(coach.passwordHash.hasPrefix("$2b$04$"))
        #expect(!coach.passwordHash.contains(password))
        await #expect(throws: StoreError.usernameTaken("Anna")) { try await server.app.createCoach(username: "Anna") }
        await #expect(throws: WebApp.UsernameError.self) { try await server.app.createCoach(username: "<b>") }
        // Two one-time passwords are never the same.
        let (_, other) = try await server.app.createCoach(username: "ben")
        #expect(other != password)
    }

    /// A Set-Cookie header's attributes, sorted (the name=value pair left out).
    static func attributes(_ header: String) -> [String] {
        header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
    }
}
