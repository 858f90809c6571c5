import Foundation
import PoseRunCoaching
import PoseRunServer
import Testing

@Suite struct StoreTests {
    @Test func theDatabaseIsCreatedInWALModeMigratedAndKeptAcrossRestarts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = ServerConfiguration(dataFolder: folder.appendingPathComponent("data"), passwordCost: 4)
        let app = try WebApp.open(configuration)
        let store = try #require(app.store as? SQLiteStore)
        #expect(try await store.journalMode() == "wal")
        #expect(try await store.appliedMigrations() == [
            "v1: coaches, sign-in, athletes, sessions, jobs", "v2: a running job's progress", "v3: sign-in tokens stored as their SHA-256",
        ])
        let (coach, _) = try await app.createCoach(username: "anna")
        for sub in ["uploads", "results"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/\(sub)").path))
        }
        // A partial upload left by a server that stopped mid-upload is removed on the next start.
        let partial = configuration.folders.uploads.appendingPathComponent(UploadReceiver.partialPrefix + "x")
        try Data("half".utf8).write(to: partial)

        let reopened = try WebApp.open(configuration)
        #expect(try await reopened.store.coach(username: "ANNA")?.id == coach.id)   // usernames ignore case
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        let again = try #require(reopened.store as? SQLiteStore)
        #expect(try await again.appliedMigrations().count == 3)
    }

    @Test(arguments: StoreKind.available) func usernamesAreUniqueWhateverTheirCaseAndAthletesAreSortedByName(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let anna = try await store.createCoach(username: "Anna", passwordHash: "x", now: Date())
            await #expect(throws: StoreError.usernameTaken("anna")) {
                try await store.createCoach(username: "anna", passwordHash: "y", now: Date())
            }
            #expect(try await store.coach(username: "ANNA")?.id == anna.id)
            #expect(try await store.coach(id: anna.id)?.username == "Anna")
            for name in ["bea", "Zoe", "Émile", "adam"] {
                _ = try await store.createAthlete(AthleteDraft(name: name), coachID: anna.id, now: Date())
            }
            // Case ignored, then byte order: what SQLite's NOCASE gives, and so PostgreSQL's store too.
            #expect(try await store.athletes(coachID: anna.id).map(\.name) == ["adam", "bea", "Zoe", "Émile"])
        }
    }

    @Test(arguments: StoreKind.available) func theInjuryScreenIsStoredAsJSONAndReadBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let coach = try await store.createCoach(username: "anna", passwordHash: "x", now: Date())
            let draft = AthleteDraft(
                name: "Mia", heightMetres: 1.7, legLengthMetres: nil, experience: .advanced,
                injuryScreen: InjuryScreen(answers: ["plantar fasciitis 2023"]), notes: "n")
            let athlete = try await store.createAthlete(draft, coachID: coach.id, now: Date())
            #expect(try await store.athlete(id: athlete.id, coachID: coach.id)?.details == draft)
            #expect(draft.injuryScreen.reportsPainOrInjury)
            #expect(!InjuryScreen(answers: ["none"]).reportsPainOrInjury)
        }
    }

    @Test(arguments: StoreKind.available) func deletingAnAthleteRemovesTheirSessionsAndJobsAndOnlyForTheirCoach(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let anna = try await store.createCoach(username: "anna", passwordHash: "x", now: Date())
            let ben = try await store.createCoach(username: "ben", passwordHash: "x", now: Date())
            let mia = try await store.createAthlete(AthleteDraft(name: "Mia"), coachID: anna.id, now: Date())
            let created = try #require(try await store.createSession(
                TrainingSessionDraft(date: "2026-11-01"), athleteID: mia.id, coachID: anna.id, storedFileName: "a.mp4", now: Date()))
            _ = try await store.createSession(
                TrainingSessionDraft(date: "2026-11-15"), athleteID: mia.id, coachID: anna.id, storedFileName: "b.mp4", now: Date())

            #expect(try await store.deleteAthlete(id: mia.id, coachID: ben.id) == nil)   // not Ben's athlete
            #expect(try await store.athlete(id: mia.id, coachID: anna.id) != nil)
            let deleted = try #require(try await store.deleteAthlete(id: mia.id, coachID: anna.id))
            #expect(Set(deleted.map(\.storedFileName)) == ["a.mp4", "b.mp4"])
            #expect(try await store.athlete(id: mia.id, coachID: anna.id) == nil)
            #expect(try await store.session(id: created.0.id, coachID: anna.id) == nil)
            #expect(try await store.job(id: created.1.id) == nil)
            #expect(try await store.deleteAthlete(id: mia.id, coachID: anna.id) == nil)
        }
    }

    @Test(arguments: StoreKind.available) func progressIsKeptOnlyForTheRunningAttemptAndClearedWhenItEnds(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let anna = try await store.createCoach(username: "anna", passwordHash: "x", now: t0)
            let mia = try await store.createAthlete(AthleteDraft(name: "Mia"), coachID: anna.id, now: t0)
            let (_, job) = try #require(try await store.createSession(
                TrainingSessionDraft(date: "2026-11-01"), athleteID: mia.id, coachID: anna.id, storedFileName: "a.mp4", now: t0))
            // Before a worker claims it, progress is ignored: the job is not running.
            try await store.reportProgress(id: job.id, attempt: 0, fraction: 0.5, stage: "finding the pose", now: t0)
            #expect(try await store.job(id: job.id)?.progress == nil)
            let claimed = try #require(try await store.claimJob(now: t0, leaseUntil: t0 + 60, maxAttempts: 3))
            #expect(claimed.job.progress == 0)
            try await store.reportProgress(id: job.id, attempt: 1, fraction: 1.7, stage: "finding the pose", now: t0 + 1)
            #expect(try await store.job(id: job.id)?.progress == 1)   // clamped to 0…1
            try await store.reportProgress(id: job.id, attempt: 2, fraction: 0.2, stage: "reading the file", now: t0 + 1)
            #expect(try await store.job(id: job.id)?.stage == "finding the pose")   // a stale attempt is ignored
            try await store.finishJob(id: job.id, attempt: 1, outcome: .analysed, maxAttempts: 3, now: t0 + 2)
            let done = try #require(try await store.job(id: job.id))
            #expect(done.progress == nil && done.stage == nil && done.state == .done)
        }
    }

    @Test(arguments: StoreKind.available) func expiredSignInsAreRemoved(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let coach = try await store.createCoach(username: "anna", passwordHash: "x", now: t0)
            try await store.createLoginSession(LoginSession(token: "a", coachID: coach.id, csrfToken: "c", createdAt: t0, expiresAt: t0 + 10))
            try await store.createLoginSession(LoginSession(token: "b", coachID: coach.id, csrfToken: "c", createdAt: t0, expiresAt: t0 + 100))
            #expect(try await store.loginSession(token: "a", now: t0 + 5)?.coachID == coach.id)
            #expect(try await store.loginSession(token: "a", now: t0 + 10) == nil)
            #expect(try await store.deleteExpiredLoginSessions(now: t0 + 50) == 1)
            #expect(try await store.loginSession(token: "b", now: t0 + 50) != nil)
        }
    }
}

@Suite struct FormParsingTests {
    @Test func urlEncodedFormsDecodePlusAndPercentEscapes() {
        let form = FormFields(urlEncoded: "name=Mia+O%27Neil&notes=a%0Ab&empty=&flag&name=second&bad=%ZZ")
        #expect(form["name"] == "Mia O'Neil")
        #expect(form.values["name"] == ["Mia O'Neil", "second"])
        #expect(form["notes"] == "a\nb")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["bad"] == "%ZZ")
        #expect(form["missing"] == nil)
    }

    @Test func secretsAreRandomHexAndComparedWhole() {
        let a = Secrets.token(), b = Secrets.token()
        #expect(a.count == 64 && a != b)
        #expect(a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Secrets.constantTimeEqual(a, a))
        #expect(!Secrets.constantTimeEqual(a, b))
        #expect(!Secrets.constantTimeEqual(a, String(a.dropLast())))
        #expect(!Secrets.password().contains { "0O1lI".contains($0) })
    }

    @Test func bcryptVerifiesOnlyTheRightPassword() {
        let passwords = Passwords(cost: 4)
        let hash = passwords.hash("correct horse")
        #expect(hash.hasPrefix("$2b$04$") && hash.count == 60)
        #expect(passwords.verify("correct horse", hash: hash))
        #expect(!passwords.verify("correct hors", hash: hash))
        #expect(!passwords.verify("", hash: hash))
        #expect(!passwords.verify(String(repeating: "x", count: 73), hash: passwords.hash(String(repeating: "x", count: 72))))
    }

    @Test func theRateLimiterCountsEachKeyInItsWindow() async {
        let limiter = LoginRateLimiter(limit: 2, window: 60)
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(await limiter.attempt(keys: ["u", "ip"], now: t0) == nil)
        #expect(await limiter.attempt(keys: ["u", "ip"], now: t0 + 1) == nil)
        #expect(await limiter.attempt(keys: ["u", "ip2"], now: t0 + 2) == 58)   // the username is used up
        #expect(await limiter.attempt(keys: ["v", "ip2"], now: t0 + 2) == nil)  // a refused attempt was not counted
        #expect(await limiter.attempt(keys: ["u", "ip"], now: t0 + 60) == nil)
    }
}
