import Foundation
import Hummingbird
import HummingbirdTesting
import PoseRunServer
import Testing

/// Each coach sees only their own athletes: another coach's athlete, session or result is a 404, the same
/// answer as an id that does not exist, and nothing of it changes.
@Suite struct IsolationTests {
    @Test(arguments: StoreKind.available) func coachBCannotSeeOrChangeCoachAsAthlete(_ kind: StoreKind) async throws {
        try await TestServer.with(kind) { server in
            let (_, passwordA) = try await server.app.createCoach(username: "anna")
            let (_, passwordB) = try await server.app.createCoach(username: "ben")
            let keypoints = try Synthetic.keypoints(seconds: 4)
            try await server.test { client in
                var a = Browser(client)
                try await a.signIn("anna", passwordA)
                let csrfA = try await a.csrf()
                #expect(try await a.post("/athletes", [("csrf", csrfA), ("name", "Anna's runner"), ("experience", "beginner")]).location == "/athletes/1")
                let uploaded = try await a.postMultipart("/athletes/1/sessions", .session(csrf: csrfA, file: keypoints))
                #expect(uploaded.location == "/sessions/1")

                var b = Browser(client)
                try await b.signIn("ben", passwordB)
                let csrfB = try await b.csrf()
                #expect(!(try await b.get("/athletes")).body.contains("Anna&#39;s runner"))
                #expect(try await b.get("/athletes").body.contains("No athletes yet."))
                for path in ["/athletes/1", "/athletes/1/edit", "/sessions/1", "/sessions/1/results/analysis.json"] {
                    let page = try await b.get(path)
                    #expect(page.status == .notFound, "\(path)")
                    #expect(!page.body.contains("Anna"), "\(path)")
                }
                // The same answer as for an id that does not exist.
                #expect(try await b.get("/athletes/2").status == .notFound)
                let edit = try await b.post("/athletes/1", [("csrf", csrfB), ("name", "Taken over"), ("experience", "advanced")])
                #expect(edit.status == .notFound)
                let badEdit = try await b.post("/athletes/1", [("csrf", csrfB), ("name", ""), ("experience", "advanced")])
                #expect(badEdit.status == .notFound)
                let upload = try await b.postMultipart("/athletes/1/sessions", .session(csrf: csrfB, file: keypoints))
                #expect(upload.status == .notFound)

                // Anna's athlete is as she left it, with her one session.
                let page = try await a.get("/athletes/1")
                #expect(page.body.contains("<h1>Anna&#39;s runner</h1>"))
                #expect(page.body.contains("<dt>Experience</dt><dd>beginner</dd>"))
                #expect(page.body.components(separatedBy: "href=\"/sessions/").count == 2)
                // And the store agrees: ben's id does not reach anna's rows.
                let store = server.app.store
                #expect(try await store.athlete(id: 1, coachID: 2) == nil)
                #expect(try await store.athlete(id: 1, coachID: 1)?.name == "Anna's runner")
                #expect(try await store.sessions(athleteID: 1, coachID: 2).isEmpty)
                #expect(try await store.session(id: 1, coachID: 2) == nil)
                #expect(try await store.updateAthlete(id: 1, coachID: 2, AthleteDraft(name: "x"), now: Date()) == nil)
                #expect(try await store.createSession(
                    TrainingSessionDraft(date: "2026-11-30"), athleteID: 1, coachID: 2, storedFileName: "x.json", now: Date()) == nil)
            }
        }
    }
}
